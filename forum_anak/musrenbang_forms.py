"""Forms of the musrenbang back office (koordinator): filters, merge, forward, outcomes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forum_anak.models import Area, Cluster, MusrenbangCycle, MusrenbangSession, Proposal

UNKNOWN_CHOICE = _("Pilihan ini tidak ada di daftar.")


class BundleFilterForm(forms.Form):
    """GET filters of the bundle list and of the exports (same names, same meaning)."""

    siklus = forms.ModelChoiceField(
        label=_("Siklus"), queryset=MusrenbangCycle.objects.all(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    klaster = forms.ChoiceField(label=_("Klaster"), required=False)
    sesi = forms.ModelChoiceField(
        label=_("Sesi musrenbang"), queryset=MusrenbangSession.objects.none(), required=False
    )
    q = forms.CharField(label=_("Judul atau kode"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["status"].choices = everything + [
            (s.value, s.label) for s in Proposal.BUNDLE_STATES
        ]
        areas = Area.objects.filter(
            level__in=[Area.Level.KECAMATAN, Area.Level.KELURAHAN]
        ).order_by("code")
        self.fields["kecamatan"].choices = everything + [
            (a.code, a.name) for a in areas if a.level == Area.Level.KECAMATAN
        ]
        self.fields["kelurahan"].choices = everything + [
            (a.code, a.name) for a in areas if a.level == Area.Level.KELURAHAN
        ]
        self.fields["klaster"].choices = everything + list(Cluster.choices)
        self.fields["sesi"].queryset = MusrenbangSession.objects.select_related("area")
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = UNKNOWN_CHOICE

    def filters(self) -> dict:
        """The valid filters; the cycle defaults to the current one."""
        self.is_valid()
        cleaned = {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name not in self.errors
        }
        cleaned.setdefault("siklus", MusrenbangCycle.current())
        return cleaned
