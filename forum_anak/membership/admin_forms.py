"""Forms and filters of the facilitator back office (/admin/anggota/).

They only collect input: the rules (future dates, empty evidence, scope, state) live in the
services, whose ActionError the views turn into a form error.
"""

from datetime import datetime, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from forum_anak.membership.selectors import facilitator_kecamatan
from forum_anak.models import (
    Area,
    ForumGroup,
    ForumMembership,
    GuardianConsent,
    MemberProfile,
)
from portal import roles

# --- Action forms -----------------------------------------------------------------------------


class ConsentForm(forms.Form):
    """The guardian's consent as the facilitator records it (one member or a batch)."""

    method = forms.ChoiceField(
        label=_("Cara persetujuan"),
        choices=GuardianConsent.Method.choices,
        widget=forms.RadioSelect,
    )
    evidence_reference = forms.CharField(
        label=_("Rujukan bukti"),
        max_length=GuardianConsent._meta.get_field("evidence_reference").max_length,
        help_text=_("Nomor formulir persetujuan / rapat forum. Jangan tulis nama anak."),
    )
    given_at = forms.DateField(
        label=_("Tanggal persetujuan"),
        widget=AdminDateInput,
        initial=timezone.localdate,
        help_text=_("Hari orang tua/wali memberi persetujuan (tidak boleh di masa depan)."),
    )


class VerifyForm(ConsentForm):
    approve_nickname = forms.BooleanField(
        label=_("Setujui juga nama panggilannya untuk tampil di halaman publik"),
        required=False,
    )
    # When the facilitator loaded the member's data: the service refuses if the child
    # changed it since (a new guardian or nickname the facilitator has not seen).
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_seen_updated_at(self):
        """An ISO timestamp with microseconds (a DateTimeField would drop them)."""
        value = self.cleaned_data["seen_updated_at"]
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise forms.ValidationError(_("Muat ulang halaman, lalu ulangi.")) from None


class NicknameForm(forms.Form):
    """Approve the nickname the facilitator saw, not one the child typed a moment later."""

    nickname_seen = forms.CharField(widget=forms.HiddenInput, required=False)


class ReasonForm(forms.Form):
    """A reason the child will read (reject, suspend)."""

    reason = forms.CharField(
        label=_("Alasan untuk anak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Anak akan membaca alasan ini. Pakai kata-kata yang sederhana dan ramah; "
            "jangan tulis nama orang lain."
        ),
    )


class ConfirmForm(forms.Form):
    """Actions without input: the POST itself is the confirmation."""


class MembershipForm(forms.Form):
    """Put a verified member into a forum group of their kelurahan, kecamatan or city."""

    group = forms.ModelChoiceField(label=_("Forum"), queryset=ForumGroup.objects.none())
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=ForumMembership.Role.choices,
        initial=ForumMembership.Role.MEMBER,
    )

    def __init__(self, *args, profile: MemberProfile, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan = profile.kelurahan
        areas = [kelurahan.pk]
        if kelurahan.parent_id:
            areas.append(kelurahan.parent_id)
            if kelurahan.parent.parent_id:
                areas.append(kelurahan.parent.parent_id)
        self.fields["group"].queryset = ForumGroup.objects.filter(area_id__in=areas).order_by(
            "area__code"
        )


# --- Listing filters --------------------------------------------------------------------------


def _own_kecamatan(request):
    if request is None:
        return Area.objects.none()
    return facilitator_kecamatan(user=request.user).order_by("name")


def _own_kelurahan(request):
    if request is None:
        return Area.objects.none()
    return Area.objects.filter(
        level=Area.Level.KELURAHAN, parent__in=facilitator_kecamatan(user=request.user)
    ).order_by("name")


def _age_choices():
    return [
        (str(age), _("%s tahun") % age)
        for age in range(settings.MEMBER_MIN_AGE, settings.MEMBER_MAX_AGE + 2)
    ]


WAITING_CHOICES = [
    ("7", _("Lebih dari 7 hari")),
    ("14", _("Lebih dari 14 hari")),
    ("21", _("Lebih dari 21 hari")),
]


class MemberFilterSet(WagtailFilterSet):
    """Kecamatan and kelurahan (only the facilitator's own) and age in whole years."""

    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), field_name="kelurahan__parent", queryset=_own_kecamatan
    )
    kelurahan = django_filters.ModelChoiceFilter(label=_("Kelurahan"), queryset=_own_kelurahan)
    age = django_filters.ChoiceFilter(
        label=_("Umur"), choices=_age_choices, method="filter_age", empty_label=_("Semua umur")
    )

    class Meta:
        model = MemberProfile
        fields = []

    def filter_age(self, queryset, name, value):
        """Same rule as MemberProfile.age_on: a year older from the first of the birth month."""
        today = timezone.localdate()
        age = int(value)
        born = today.year - age
        return queryset.filter(
            Q(birth_year=born, birth_month__lte=today.month)
            | Q(birth_year=born - 1, birth_month__gt=today.month)
        )


class QueueFilterSet(MemberFilterSet):
    waiting = django_filters.ChoiceFilter(
        label=_("Lama menunggu"),
        choices=WAITING_CHOICES,
        method="filter_waiting",
        empty_label=_("Berapa pun"),
    )

    def filter_waiting(self, queryset, name, value):
        return queryset.filter(status_changed_at__lt=timezone.now() - timedelta(days=int(value)))


class AllMembersFilterSet(MemberFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=MemberProfile.Status.choices, empty_label=_("Semua status")
    )


# --- Snippet forms ----------------------------------------------------------------------------


def staff_name(user) -> str:
    """A staff account as admins know it (users print as an opaque "Pengguna #id")."""
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class FacilitatorAssignmentForm(WagtailAdminModelForm):
    """Only staff in the Fasilitator role can be assigned (never a member's account)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["facilitator"]
        field.queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.FACILITATOR, is_active=True)
            .order_by("first_name", "username")
            .distinct()
        )
        field.label_from_instance = staff_name
