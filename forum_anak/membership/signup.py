"""The child's sign-up form at /akun/signup/, plugged into allauth by ACCOUNT_FORMS["signup"].

allauth's SignupView stays in charge; this form adds what a member profile needs (the privacy
notice, birth year and month, kelurahan, the guardian), makes the save atomic, and makes a
sign-up with an e-mail address answer exactly like one with an address already in use.
"""

from allauth.account.adapter import get_adapter
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.forms import SignupForm
from allauth.account.internal import flows
from allauth.account.models import EmailAddress, Login
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum_anak.core.errors import ActionError
from forum_anak.membership.forms import guardian_phone_normalise, kelurahan_from_choice
from forum_anak.membership.selectors import kelurahan_by_kecamatan
from forum_anak.membership.services import member_age_problem, member_register
from forum_anak.models import Area, MemberProfile, PrivacyNotice

# How many years outside the members' ages the year select offers, so that a child who is
# too young or too old finds their year and is told kindly instead of finding no choice.
_YEARS_AROUND = 6
# With an e-mail address, sign-up ends at "check your e-mail" (see try_save).
_MANDATORY = EmailVerificationMethod.MANDATORY


def _max_length(name: str) -> int:
    return MemberProfile._meta.get_field(name).max_length


class MemberSignupForm(SignupForm):
    """allauth's sign-up (username, password twice, optional e-mail) plus the member profile.

    Everything `member_register` would refuse is checked in `clean()`, so the child sees the
    reason next to the field; the save then runs in one transaction.
    """

    field_order = [
        "username",
        "password1",
        "password2",
        "email",
        "nickname",
        "birth_year",
        "birth_month",
        "kelurahan",
        "guardian_name",
        "guardian_relationship",
        "guardian_phone",
        "guardian_knows",
        "notice_accepted",
        "notice_version",
    ]

    nickname = forms.CharField(
        label=_("Nama panggilan"),
        max_length=_max_length("nickname"),
        error_messages={"required": _("Tulis nama panggilanmu.")},
        help_text=_(
            "Nama ini baru tampil di halaman umum setelah disetujui fasilitator. "
            "Jangan pakai nama lengkapmu."
        ),
    )
    birth_year = forms.TypedChoiceField(
        label=_("Tahun lahir"),
        coerce=int,
        error_messages={"required": _("Pilih tahun lahirmu.")},
    )
    birth_month = forms.TypedChoiceField(
        label=_("Bulan lahir"),
        coerce=int,
        choices=[("", _("Pilih bulan")), *MONTHS.items()],
        error_messages={"required": _("Pilih bulan lahirmu.")},
    )
    kelurahan = forms.TypedChoiceField(
        label=_("Kelurahan tempat tinggalmu"),
        coerce=int,
        error_messages={
            "required": _("Pilih kelurahanmu."),
            "invalid_choice": _("Pilih kelurahan dari daftar."),
        },
    )
    guardian_name = forms.CharField(
        label=_("Nama orang tua atau wali"),
        max_length=_max_length("guardian_name"),
        error_messages={"required": _("Tulis nama orang tua atau walimu.")},
    )
    guardian_relationship = forms.ChoiceField(
        label=_("Dia siapamu?"),
        choices=[("", _("Pilih")), *MemberProfile.Relationship.choices],
        error_messages={"required": _("Pilih siapa dia bagimu.")},
    )
    guardian_phone = forms.CharField(
        label=_("Nomor HP atau WhatsApp orang tua atau wali"),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        help_text=_("Contoh: 0812 3456 7890."),
        error_messages={"required": _("Tulis nomor HP orang tua atau walimu.")},
    )
    guardian_knows = forms.BooleanField(
        label=_("Orang tua atau waliku sudah tahu aku mendaftar"),
        error_messages={
            "required": _("Beri tahu orang tua atau walimu dulu, lalu centang kotak ini.")
        },
    )
    notice_accepted = forms.BooleanField(
        label=_("Aku sudah membaca pemberitahuan privasi"),
        error_messages={
            "required": _("Bacalah pemberitahuan privasi di atas, lalu centang kotak ini.")
        },
    )
    notice_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notice = PrivacyNotice.current()
        self.age_refused = False
        if self.notice is not None:
            self.fields["notice_version"].initial = self.notice.version
        year = timezone.localdate().year
        newest = year - settings.MEMBER_MIN_AGE + _YEARS_AROUND
        oldest = year - settings.MEMBER_MAX_AGE - 1 - _YEARS_AROUND
        self.fields["birth_year"].choices = [
            ("", _("Pilih tahun")),
            *((y, str(y)) for y in range(newest, oldest - 1, -1)),
        ]
        self.fields["kelurahan"].choices = [
            ("", _("Pilih kelurahan")),
            *(
                (gettext("Kecamatan %s") % kecamatan if kecamatan else "", kelurahan)
                for kecamatan, kelurahan in kelurahan_by_kecamatan()
            ),
        ]
        self._relabel_account_fields()
        # Shared phones: the browser should not keep the child's or guardian's details.
        for name in ("nickname", "guardian_name", "guardian_phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if "email" in self.fields:
            self.fields["email"].widget.attrs["autocomplete"] = "email"

    def _relabel_account_fields(self) -> None:
        """allauth's labels, in words a 13-year-old reads easily."""
        labels = {
            "username": (
                _("Nama pengguna"),
                _("Untuk masuk. Boleh huruf, angka, titik atau garis bawah. Bukan nama asli."),
            ),
            "password1": (
                _("Kata sandi"),
                _("Paling sedikit 8 tanda. Jangan hanya angka, dan jangan mirip nama penggunamu."),
            ),
            "password2": (_("Ulangi kata sandi"), None),
            "email": (
                _("Email (boleh kosong)"),
                _("Kalau kamu punya email, kamu bisa mengganti kata sandi sendiri saat lupa."),
            ),
        }
        for name, (label, help_text) in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)
                if help_text:
                    self.fields[name].help_text = help_text

    # --- checks ---------------------------------------------------------------------------

    def clean_guardian_phone(self) -> str:
        return guardian_phone_normalise(self.cleaned_data["guardian_phone"])

    def clean_guardian_name(self) -> str:
        return " ".join(self.cleaned_data["guardian_name"].split())

    def clean_nickname(self) -> str:
        return " ".join(self.cleaned_data["nickname"].split())

    def clean_kelurahan(self) -> Area:
        return kelurahan_from_choice(self.cleaned_data["kelurahan"])

    def clean_notice_version(self) -> int | None:
        version = self.cleaned_data.get("notice_version")
        if self.notice is None:
            raise ValidationError(_("Pendaftaran belum bisa dibuka. Coba lagi nanti."))
        if version != self.notice.version:
            raise ValidationError(
                _(
                    "Pemberitahuan privasi baru saja diganti. Bacalah yang baru di atas, "
                    "lalu centang kotaknya lagi."
                )
            )
        return version

    def validate_unique_email(self, value) -> str:
        """An address some account has verified counts as taken; the sign-up then answers
        as if it went through and only that address gets "you already have an account".
        An address nobody verified is only a claim (maybe a typo), so it does not block a
        new sign-up."""
        email = get_adapter().validate_unique_email(value)
        self.account_already_exists = EmailAddress.objects.filter(
            email__iexact=email, verified=True
        ).exists()
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        year, month = cleaned.get("birth_year"), cleaned.get("birth_month")
        if year and month:
            problem = member_age_problem(birth_year=year, birth_month=month)
            if problem:
                self.age_refused = True
                self.add_error("birth_year", problem)
        if self.has_error("notice_version"):
            # A stale notice: the box ticked for the old one does not count for the new one.
            # (The template always writes the current version into the hidden field.)
            self.data = self.data.copy()
            self.data.pop("notice_accepted", None)
        return cleaned

    # --- saving ---------------------------------------------------------------------------

    def signup(self, request, user) -> None:
        """Called by allauth inside `save()`: attach the member profile."""
        data = self.cleaned_data
        member_register(
            user=user,
            nickname=data["nickname"],
            birth_year=data["birth_year"],
            birth_month=data["birth_month"],
            kelurahan=data["kelurahan"],
            guardian_name=data["guardian_name"],
            guardian_relationship=data["guardian_relationship"],
            guardian_phone=data["guardian_phone"],
            guardian_knows=data["guardian_knows"],
            notice_version=data["notice_version"],
        )

    def save(self, request):
        """User row, e-mail address and member profile in one transaction: if the profile
        cannot be made, no bare account remains."""
        with transaction.atomic():
            return super().save(request)

    def try_save(self, request):
        """Returns (user, response) to allauth's SignupView.

        Without an e-mail address the child is signed in as usual (allauth goes on to log in
        and redirect). With one, the account is saved but not signed in: the verification
        mail goes out and the answer is "check your e-mail", exactly the answer (redirect,
        message, page) given when the address already belongs to an account.
        """
        email = self.cleaned_data.get("email")
        if self.account_already_exists:
            login = Login(user=None, email=email, signup=True, email_verification=_MANDATORY)
            return None, flows.login.perform_login(request, login)
        try:
            user = self.save(request)
        except ActionError as error:
            # Only a race gets here (e.g. a new privacy notice published since clean()).
            self.add_error(None, str(error))
            return None, TemplateResponse(request, "account/signup.html", {"form": self})
        except IntegrityError:
            # Two children chose the same username at the same moment; the save was rolled
            # back whole.
            self.add_error("username", gettext("Nama pengguna ini sudah dipakai. Pilih yang lain."))
            return None, TemplateResponse(request, "account/signup.html", {"form": self})
        if not email:
            return user, None
        response = flows.signup.complete_signup(request, user=user, email_verification=_MANDATORY)
        return user, response
