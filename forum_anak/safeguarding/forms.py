"""Forms of the safeguarding-concern screens (/admin/perlindungan/).

They only collect input: who may do what, and in which status, is decided by the services
in forum_anak.safeguarding.services, whose ActionError the views show as a form error.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from forum_anak.models import SafeguardingConcern
from forum_anak.safeguarding.services import DESCRIPTION_MAX
from portal.models import Hotline


class RaiseForm(forms.Form):
    """What a moderator or facilitator saw. Read only by the petugas perlindungan."""

    description = forms.CharField(
        label=_("Apa yang kamu lihat?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Tulis singkat apa yang membuatmu khawatir dan di mana kamu melihatnya. Hanya "
            "petugas perlindungan yang membaca ini."
        ),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *SafeguardingConcern.Status.choices],
    )


class _SeenForm(forms.Form):
    # concern_version() when the page loaded: a colleague's change in between is refused.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class ReferForm(_SeenForm):
    referred_to = forms.ModelChoiceField(
        label=_("Dirujuk ke"),
        queryset=Hotline.objects.none(),
        empty_label=_("Pilih layanan"),
        help_text=_("Layanan rujukan diatur di daftar layanan pengaduan."),
    )
    contact = forms.CharField(
        label=_("Diterima oleh"),
        max_length=150,
        help_text=_("Nama dan jabatan petugas di layanan itu yang menerima rujukan."),
    )
    referred_at = forms.DateTimeField(
        label=_("Waktu rujukan"), widget=AdminDateTimeInput, initial=timezone.now
    )
    action_taken = forms.CharField(
        label=_("Yang sudah dilakukan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = Hotline.objects.filter(is_active=True).order_by(
            "sort_order", "name"
        )


class CloseForm(_SeenForm):
    note = forms.CharField(
        label=_("Mengapa tidak ada masalah?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Setelah ditutup, sumbernya tampil lagi seperti sebelumnya."),
    )
