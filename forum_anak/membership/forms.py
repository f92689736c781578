"""Forms of the member area. They only check input; changes go through services.py."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum_anak.membership.selectors import kelurahan_by_kecamatan
from forum_anak.models import Area, MemberProfile

MONTHS = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]
# Digits with optional +, spaces and dashes, as people write Indonesian mobile numbers.


def _max_length(name: str) -> int:
    return MemberProfile._meta.get_field(name).max_length


def kelurahan_from_choice(pk: int) -> Area:
    """The kelurahan picked from a form's list (it may have been removed meanwhile)."""
    area = Area.objects.filter(pk=pk, level=Area.Level.KELURAHAN).first()
    if area is None:
        raise forms.ValidationError(_("Pilih kelurahan dari daftar."))
    return area


class ProfileForm(forms.Form):
    """The member's own profile. Birth year and month are offered only while the member was
    never verified (the facilitator checked them at verification)."""

    nickname = forms.CharField(
        label=_("Nama panggilan"),
        max_length=_max_length("nickname"),
        help_text=_("Nama yang boleh dilihat orang lain. Jangan pakai nama lengkapmu."),
    )
    school = forms.CharField(
        label=_("Sekolah (boleh dikosongkan)"),
        max_length=_max_length("school"),
        required=False,
        help_text=_("Hanya fasilitator yang bisa melihatnya."),
    )
    kelurahan = forms.TypedChoiceField(
        label=_("Kelurahan tempat tinggalmu"),
        coerce=int,
        error_messages={"invalid_choice": _("Pilih kelurahan dari daftar.")},
    )
    guardian_name = forms.CharField(
        label=_("Nama orang tua atau wali"), max_length=_max_length("guardian_name")
    )
    guardian_relationship = forms.ChoiceField(
        label=_("Dia siapamu?"), choices=MemberProfile.Relationship.choices
    )
    guardian_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp orang tua atau wali"),
        max_length=_max_length("guardian_phone"),
        help_text=_("Contoh: 0812 3456 7890"),
    )
    birth_year = forms.TypedChoiceField(
        label=_("Tahun lahir"),
        coerce=int,
        error_messages={"invalid_choice": _("Pilih tahun dari daftar.")},
    )
    birth_month = forms.TypedChoiceField(
        label=_("Bulan lahir"),
        coerce=int,
        choices=MONTHS,
        error_messages={"invalid_choice": _("Pilih bulan dari daftar.")},
    )

    def __init__(self, *args, profile: MemberProfile, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "nickname": profile.nickname,
                "school": profile.school,
                "kelurahan": profile.kelurahan_id,
                "guardian_name": profile.guardian_name,
                "guardian_relationship": profile.guardian_relationship,
                "guardian_phone": profile.guardian_phone,
                "birth_year": profile.birth_year,
                "birth_month": profile.birth_month,
            },
        )
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.fields["kelurahan"].choices = [("", _("Pilih kelurahan"))] + [
            (kecamatan or _("Lainnya"), options) for kecamatan, options in kelurahan_by_kecamatan()
        ]
        if profile.verified_at is not None:
            del self.fields["birth_year"]
            del self.fields["birth_month"]
        else:
            this_year = timezone.localdate().year
            years = range(this_year - 19, this_year - 9)
            if profile.birth_year not in years:
                years = sorted({*years, profile.birth_year})
            self.fields["birth_year"].choices = [(year, str(year)) for year in years]
        self.fields["guardian_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "off"}
        )
        self.fields["nickname"].widget.attrs.update({"autocomplete": "off"})

    @property
    def birth_editable(self) -> bool:
        return "birth_year" in self.fields

    def clean_kelurahan(self) -> Area:
        return kelurahan_from_choice(self.cleaned_data["kelurahan"])

    def clean_guardian_phone(self) -> str:
        """The same rule and normal form ("08...") as at sign-up."""
        return guardian_phone_normalise(self.cleaned_data["guardian_phone"])


_MOBILE = re.compile(r"^08[1-9][0-9]{7,10}$")


def guardian_phone_normalise(value: str) -> str:
    """An Indonesian mobile number as "08...": accepts +62, 62, 0 or a bare 8 in front and
    spaces, dashes, dots and brackets inside. Raises ValidationError for anything else."""
    digits = re.sub(r"[\s\-.()]", "", value or "")
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            digits = "x"
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Tulis nomor HP atau WhatsApp Indonesia, misalnya 0812 3456 7890."),
            code="invalid_phone",
        )
    return digits
