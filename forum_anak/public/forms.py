"""Forms of the public proposal board: the filters (board and API) and "Laporkan"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forum_anak.models import ProposalReport
from forum_anak.public.selectors import BoardOptions

UNKNOWN_CHOICE = _("Pilihan ini tidak ada di daftar.")


class BoardFilterForm(forms.Form):
    """GET filters by official area code, cluster, public state and cycle year. A small
    kelurahan is not among the choices, so asking for it reads exactly like asking for a
    kelurahan that does not exist."""

    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    klaster = forms.ChoiceField(label=_("Klaster hak anak"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    tahun = forms.ChoiceField(label=_("Tahun musrenbang"), required=False)

    def __init__(self, *args, options: BoardOptions, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["kecamatan"].choices = everything + options.kecamatan_choices
        self.fields["kelurahan"].choices = everything + options.kelurahan_choices
        self.fields["klaster"].choices = everything + options.cluster_choices
        self.fields["status"].choices = everything + options.state_choices
        self.fields["tahun"].choices = everything + options.cycle_choices
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = UNKNOWN_CHOICE

    def valid_filters(self) -> dict:
        """The filters that are valid; a wrong one is dropped (and shown as an error)."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }


class ProposalReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Apa masalahnya?"),
        choices=ProposalReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih salah satu alasan.")},
    )
    note = forms.CharField(
        label=_("Keterangan (boleh kosong)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Jangan tulis nama atau nomor HP siapa pun di sini."),
    )
