"""Membership state changes: areas and forum groups, members, guardian consent, erasure."""

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import log

from forum_anak.core.access import is_facilitator
from forum_anak.core.errors import ActionError
from forum_anak.core.labels import actor_label
from forum_anak.membership.selectors import account_has_verified_email
from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    ForumGroup,
    ForumMembership,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    PrivacyNotice,
)

logger = logging.getLogger(__name__)

WILAYAH_HEADER = ["kode", "nama", "tingkat", "induk"]
WILAYAH_FILE = Path(__file__).resolve().parent.parent / "data" / "wilayah-kota-bima.csv"
_CODE = re.compile(r"^\d{2}(\.\d{2}){1,2}(\.\d{4})?$")


class WilayahFileError(ValueError):
    """A wilayah file that cannot be loaded; names the line. Nothing was changed."""

    def __init__(self, line: int, message: str):
        super().__init__(_("Baris %(line)s: %(message)s") % {"line": line, "message": message})
        self.line = line


@dataclass(frozen=True)
class WilayahRow:
    line: int
    code: str
    name: str
    level: str
    parent_code: str


@dataclass
class WilayahReport:
    """What a load did. `missing` lists codes in the database but not in the file (kept)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)
    groups_created: list[str] = field(default_factory=list)


def _parse_wilayah(text: str) -> list[WilayahRow]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if [cell.strip().lower() for cell in header or []] != WILAYAH_HEADER:
        raise WilayahFileError(1, _("kepala kolom harus %s.") % ",".join(WILAYAH_HEADER))
    rows: list[WilayahRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(WILAYAH_HEADER):
            raise WilayahFileError(line, _("harus ada 4 kolom, ada %s.") % len(cells))
        code, name, level, parent_code = (cell.strip() for cell in cells)
        if not _CODE.match(code):
            raise WilayahFileError(line, _("kode %r tidak sah.") % code)
        if level not in Area.Level.values:
            raise WilayahFileError(line, _("tingkat %r tidak dikenal.") % level)
        if code.count(".") + 1 != Area.CODE_PARTS[level]:
            raise WilayahFileError(
                line,
                _("kode %(code)s tidak cocok untuk %(level)s.") % {"code": code, "level": level},
            )
        if not name or len(name) > Area._meta.get_field("name").max_length:
            raise WilayahFileError(line, _("nama kosong atau terlalu panjang."))
        expected_parent = code.rsplit(".", 1)[0] if level != Area.Level.KOTA else ""
        if parent_code != expected_parent:
            raise WilayahFileError(
                line,
                _("induk %(parent)r tidak cocok dengan kode %(code)s.")
                % {"parent": parent_code, "code": code},
            )
        if code in seen:
            raise WilayahFileError(
                line,
                _("kode %(code)s sudah ada di baris %(first)s.")
                % {"code": code, "first": seen[code]},
            )
        seen[code] = line
        rows.append(WilayahRow(line, code, name, level, parent_code))
    if not rows:
        raise WilayahFileError(1, _("berkas tidak berisi wilayah."))
    return rows


@transaction.atomic
def wilayah_load(*, text: str) -> WilayahReport:
    """Load kota, kecamatan and kelurahan from the CSV text of `load_wilayah`.

    Updates names and parents by code, adds new codes, keeps and reports codes missing from the
    file (an area is never deleted: members and proposals refer to it). A UTF-8 BOM is
    accepted. Any bad line raises WilayahFileError naming it, and nothing changes.
    """
    rows = _parse_wilayah(text)
    report = WilayahReport()
    existing = {area.code: area for area in Area.objects.select_for_update()}
    by_code = dict(existing)
    for row in sorted(rows, key=lambda r: r.code.count(".")):
        parent = by_code.get(row.parent_code) if row.parent_code else None
        if row.parent_code and (parent is None or parent.level != Area.PARENT_LEVEL[row.level]):
            raise WilayahFileError(row.line, _("induk %s tidak ditemukan.") % row.parent_code)
        area = existing.get(row.code)
        if area is None:
            area = Area.objects.create(code=row.code, name=row.name, level=row.level, parent=parent)
            report.created.append(row.code)
        elif (area.name, area.level, area.parent_id) != (
            row.name,
            row.level,
            getattr(parent, "pk", None),
        ):
            area.name, area.level, area.parent = row.name, row.level, parent
            area.save(update_fields=["name", "level", "parent"])
            report.updated.append(row.code)
        else:
            report.unchanged += 1
        by_code[row.code] = area
    file_codes = {row.code for row in rows}
    report.missing = sorted(code for code in existing if code not in file_codes)
    report.groups_created = [group.area.code for group in forum_groups_sync()]
    return report


# --- Forum groups -----------------------------------------------------------------------------


def _group_name(area: Area) -> str:
    if area.level == Area.Level.KOTA:
        return _("Forum Anak %s") % area.name
    return _("Forum Anak %(level)s %(name)s") % {
        "level": area.get_level_display(),
        "name": area.name,
    }


@transaction.atomic
def forum_groups_sync() -> list[ForumGroup]:
    """Create the forum group of every area that has none (one per kelurahan, per kecamatan,
    and the city's). Existing groups keep their edited names. Returns the groups created."""
    missing = Area.objects.filter(forum_group__isnull=True)
    return [ForumGroup.objects.create(area=area, name=_group_name(area)) for area in missing]


# --- Members ----------------------------------------------------------------------------------


_PROFILE_CHANGED_MEANWHILE = _lazy(
    "Anggota ini baru saja mengubah profilnya. Muat ulang halaman, periksa lagi, lalu ulangi."
)


def member_age_problem(*, birth_year: int, birth_month: int, today: date | None = None) -> str:
    """Why a child of this birth year and month cannot sign up, or "" if they can."""
    today = today or timezone.localdate()
    if not 1 <= birth_month <= 12 or birth_year > today.year:
        return _("Tahun atau bulan lahir tidak benar.")
    age = today.year - birth_year - (1 if today.month < birth_month else 0)
    if age < settings.MEMBER_MIN_AGE:
        return _(
            "Maaf, anggota Forum Anak di sini berumur %(min)s sampai %(max)s tahun. "
            "Kamu bisa daftar saat berumur %(min)s tahun. Sampai saat itu, kamu tetap bisa "
            "membaca semua berita dan materi di situs ini."
        ) % {"min": settings.MEMBER_MIN_AGE, "max": settings.MEMBER_MAX_AGE}
    if age > settings.MEMBER_MAX_AGE:
        return _(
            "Pendaftaran ini khusus anak berumur %(min)s sampai %(max)s tahun. Orang dewasa "
            "bisa membaca berita, materi edukasi, dan informasi bantuan di situs ini tanpa akun."
        ) % {"min": settings.MEMBER_MIN_AGE, "max": settings.MEMBER_MAX_AGE}
    return ""


def member_event_record(*, member, actor, kind: str, note: str = "") -> MemberEvent:
    """Record an event in our table and mirror it, with the opaque label only, to the
    Wagtail audit log."""
    event = MemberEvent.objects.create(
        member=member, actor=actor, actor_label=actor_label(actor), kind=kind, note=note
    )
    profile = getattr(member, "member_profile", None)
    if profile is not None and actor is not None and actor.pk != member.pk:
        log(instance=profile, action=f"forum_anak.member.{kind}", user=actor)
    return event


def profile_locked(profile: MemberProfile) -> MemberProfile:
    """Re-read the profile under a row lock so two staff acting at once cannot both win."""
    return (
        MemberProfile.objects.select_for_update(of=("self",))
        .select_related("kelurahan", "user")
        .get(pk=profile.pk)
    )


def facilitator_scope_check(*, actor, profile: MemberProfile) -> None:
    """Server-side check that the actor may act on this member: a facilitator only within
    their assigned kecamatan. Raises PermissionDenied."""
    if actor.is_superuser:
        return
    if not is_facilitator(actor):
        raise PermissionDenied
    if not FacilitatorAssignment.objects.filter(
        facilitator=actor, kecamatan_id=profile.kelurahan.parent_id
    ).exists():
        raise PermissionDenied


@transaction.atomic
def member_register(
    *,
    user,
    nickname: str,
    birth_year: int,
    birth_month: int,
    kelurahan: Area,
    guardian_name: str,
    guardian_relationship: str,
    guardian_phone: str,
    guardian_knows: bool,
    notice_version: int,
) -> MemberProfile:
    """Attach a member profile to a newly signed-up account. Called inside the sign-up
    transaction: if it raises, no bare user row remains."""
    problem = member_age_problem(birth_year=birth_year, birth_month=birth_month)
    if problem:
        raise ActionError(problem)
    if not guardian_knows:
        raise ActionError(_("Beri tahu orang tua atau walimu dulu, lalu centang kotaknya."))
    current = PrivacyNotice.current()
    if current is None or current.version != notice_version:
        raise ActionError(_("Pemberitahuan privasi sudah berubah. Bacalah lagi."))
    if kelurahan.level != Area.Level.KELURAHAN:
        raise ActionError(_("Pilih kelurahan."))
    now = timezone.now()
    profile = MemberProfile.objects.create(
        user=user,
        nickname=nickname,
        birth_year=birth_year,
        birth_month=birth_month,
        kelurahan=kelurahan,
        guardian_name=guardian_name,
        guardian_relationship=guardian_relationship,
        guardian_phone=guardian_phone,
        guardian_knows=True,
        notice_version=notice_version,
        notice_accepted_at=now,
        status_changed_at=now,
        created_at=now,
    )
    member_event_record(member=user, actor=user, kind=MemberEvent.Kind.SIGNED_UP)
    return profile


def member_can_submit(*, user) -> bool:
    """Whether this account may submit a proposal as a child: a verified, not suspended,
    not alumni member with a guardian's consent on record that was not withdrawn."""
    if not getattr(user, "is_authenticated", False):
        return False
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is None or profile.status != MemberProfile.Status.VERIFIED:
        return False
    if profile.is_alumni():
        return False
    return GuardianConsent.objects.filter(member=user, withdrawn_at__isnull=True).exists()


_PROFILE_EDITABLE = frozenset(
    {
        "nickname",
        "school",
        "kelurahan",
        "guardian_name",
        "guardian_relationship",
        "guardian_phone",
        "birth_year",
        "birth_month",
    }
)
# What the guardian's consent and the facilitator's area rest on.
_CONSENT_FIELDS = frozenset(
    {"kelurahan", "guardian_name", "guardian_relationship", "guardian_phone"}
)


def _profile_changes(profile: MemberProfile, changes: dict) -> set[str]:
    """The names of the fields whose value really changes."""
    unknown = set(changes) - _PROFILE_EDITABLE
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    return {
        name
        for name, value in changes.items()
        if (getattr(profile, name + "_id", None) if name == "kelurahan" else getattr(profile, name))
        != (value.pk if name == "kelurahan" else value)
    }


def _check_profile_changes(profile: MemberProfile, changes: dict, changed: set[str]) -> None:
    """Birth year and month change only before verification and stay within the forum's
    ages; a kelurahan must be a kelurahan."""
    if changed & {"birth_year", "birth_month"}:
        if profile.verified_at is not None:
            raise ActionError(
                _("Tanggal lahir sudah diperiksa fasilitator. Minta fasilitator mengubahnya.")
            )
        problem = member_age_problem(
            birth_year=changes.get("birth_year", profile.birth_year),
            birth_month=changes.get("birth_month", profile.birth_month),
        )
        if problem:
            raise ActionError(
                _(
                    "Dengan tanggal lahir itu, umurmu di luar %(min)s sampai %(max)s tahun. "
                    "Periksa lagi tahun dan bulan lahirmu."
                )
                % {"min": settings.MEMBER_MIN_AGE, "max": settings.MEMBER_MAX_AGE}
            )
    if "kelurahan" in changed and changes["kelurahan"].level != Area.Level.KELURAHAN:
        raise ActionError(_("Pilih kelurahan."))


def _status_after_changes(profile: MemberProfile, changed: set[str]) -> bool:
    """A rejected member who corrects anything is checked again; a verified one only when
    the consent fields changed; a suspended one is checked again when the suspension ends.
    Returns whether the member was sent back to verification."""
    sent_back = profile.status == MemberProfile.Status.REJECTED or (
        profile.status == MemberProfile.Status.VERIFIED and bool(changed & _CONSENT_FIELDS)
    )
    if sent_back:
        profile.status = MemberProfile.Status.PENDING
        profile.status_changed_at = timezone.now()
        profile.status_reason = ""
    elif profile.status == MemberProfile.Status.SUSPENDED and changed & _CONSENT_FIELDS:
        profile.status_before_suspension = MemberProfile.Status.PENDING
    return sent_back


@transaction.atomic
def member_profile_update(*, user, **changes) -> MemberProfile:
    """The member edits their own profile.

    A new nickname waits for approval again. A new kelurahan or guardian sends a verified
    member back to verification (the facilitator of the new area checks again and records
    the guardian's consent). Birth year and month change only before verification.
    """
    profile = profile_locked(user.member_profile)
    changed = _profile_changes(profile, changes)
    if not changed:
        return profile
    _check_profile_changes(profile, changes, changed)
    for name in changed:
        setattr(profile, name, changes[name])
    if "nickname" in changed:
        profile.nickname_approved = False
    sent_back = _status_after_changes(profile, changed)
    profile.save()
    if "kelurahan" in changed:
        # Only groups of the new kelurahan's own line (its kecamatan, the city) are kept; the
        # kelurahan group is joined again at verification.
        kecamatan = profile.kelurahan.parent
        keep = [kecamatan.pk, kecamatan.parent_id] if kecamatan else []
        ForumMembership.objects.filter(member=user).exclude(group__area_id__in=keep).delete()
    member_event_record(member=user, actor=user, kind=MemberEvent.Kind.PROFILE_CHANGED)
    if sent_back:
        member_event_record(member=user, actor=user, kind=MemberEvent.Kind.SENT_BACK)
    return profile


def _check_verifiable(profile: MemberProfile) -> None:
    """Only a member waiting for verification, not yet alumni."""
    if profile.status != MemberProfile.Status.PENDING:
        raise ActionError(_("%(member)s tidak sedang menunggu verifikasi.") % {"member": profile})
    if profile.is_alumni():
        raise ActionError(_("%(member)s sudah berumur 18 tahun.") % {"member": profile})


def _check_consent(*, method: str, evidence_reference: str, given_at: date) -> None:
    """A guardian's consent needs how it was given, where its evidence is, and a date that
    is not in the future."""
    if method not in GuardianConsent.Method.values:
        raise ActionError(_("Pilih cara persetujuan."))
    if not evidence_reference.strip():
        raise ActionError(_("Isi rujukan bukti persetujuan."))
    if given_at > timezone.localdate():
        raise ActionError(_("Tanggal persetujuan tidak boleh di masa depan."))


def _join_kelurahan_group(profile: MemberProfile) -> None:
    """A verified member joins their kelurahan's forum group (made if the areas changed)."""
    group = ForumGroup.objects.filter(area_id=profile.kelurahan_id).first()
    if group is None:
        forum_groups_sync()
        group = ForumGroup.objects.get(area_id=profile.kelurahan_id)
    ForumMembership.objects.get_or_create(member=profile.user, group=group)


@transaction.atomic
def member_verify(
    *,
    actor,
    profile: MemberProfile,
    method: str,
    evidence_reference: str,
    given_at: date,
    approve_nickname: bool = False,
    seen_updated_at: datetime | None = None,
) -> GuardianConsent:
    """A facilitator confirms the member and records the guardian's consent.

    The member joins their kelurahan's forum group. Allowed only for a member waiting for
    verification, within the facilitator's kecamatan, and not yet alumni. With
    `seen_updated_at` (when the facilitator's page loaded the profile), refused if the child
    changed the profile since: the consent would name a guardian nobody checked.
    """
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if seen_updated_at is not None and profile.updated_at > seen_updated_at:
        raise ActionError(_PROFILE_CHANGED_MEANWHILE)
    _check_verifiable(profile)
    _check_consent(method=method, evidence_reference=evidence_reference, given_at=given_at)
    consent = GuardianConsent.objects.create(
        member=profile.user,
        member_label=profile.label,
        notice_version=profile.notice_version,
        guardian_name=profile.guardian_name,
        guardian_relationship=profile.guardian_relationship,
        method=method,
        evidence_reference=evidence_reference.strip(),
        given_at=given_at,
        recorded_by=actor,
        recorded_by_label=actor_label(actor),
    )
    now = timezone.now()
    profile.status = MemberProfile.Status.VERIFIED
    profile.status_changed_at = now
    profile.status_reason = ""
    profile.verified_at = now
    if approve_nickname:
        profile.nickname_approved = True
    profile.save()
    _join_kelurahan_group(profile)
    member_event_record(member=profile.user, actor=actor, kind=MemberEvent.Kind.VERIFIED)
    if approve_nickname:
        member_event_record(
            member=profile.user, actor=actor, kind=MemberEvent.Kind.NICKNAME_APPROVED
        )
    return consent


@transaction.atomic
def member_verify_bulk(
    *,
    actor,
    profiles,
    method: str,
    evidence_reference: str,
    given_at: date,
) -> list[GuardianConsent]:
    """Verify several members against one signed consent-form reference (a forum meeting).
    All or nothing: one member that cannot be verified stops the whole batch."""
    profiles = list(profiles)
    if not profiles:
        raise ActionError(_("Pilih anggota yang akan diverifikasi."))
    return [
        member_verify(
            actor=actor,
            profile=profile,
            method=method,
            evidence_reference=evidence_reference,
            given_at=given_at,
        )
        for profile in profiles
    ]


@transaction.atomic
def member_nickname_approve(
    *, actor, profile: MemberProfile, nickname_seen: str | None = None
) -> MemberProfile:
    """Make the member's current nickname public. With `nickname_seen`, only if that is
    still the nickname (the child may have changed it while the page was open)."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if nickname_seen is not None and nickname_seen != profile.nickname:
        raise ActionError(_PROFILE_CHANGED_MEANWHILE)
    if profile.nickname_approved:
        raise ActionError(_("Nama panggilan ini sudah disetujui."))
    profile.nickname_approved = True
    profile.save(update_fields=["nickname_approved", "updated_at"])
    member_event_record(member=profile.user, actor=actor, kind=MemberEvent.Kind.NICKNAME_APPROVED)
    return profile


@transaction.atomic
def member_reject(*, actor, profile: MemberProfile, reason: str) -> MemberProfile:
    """Refuse a registration; the reason is shown to the child, who may correct the profile
    (which puts them back in the queue)."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if profile.status != MemberProfile.Status.PENDING:
        raise ActionError(_("%(member)s tidak sedang menunggu verifikasi.") % {"member": profile})
    if not reason.strip():
        raise ActionError(_("Tulis alasan untuk anak."))
    profile.status = MemberProfile.Status.REJECTED
    profile.status_changed_at = timezone.now()
    profile.status_reason = reason.strip()
    profile.save()
    member_event_record(
        member=profile.user, actor=actor, kind=MemberEvent.Kind.REJECTED, note=reason.strip()
    )
    return profile


@transaction.atomic
def member_suspend(*, actor, profile: MemberProfile, reason: str) -> MemberProfile:
    """Stop a member from submitting (they can still sign in, read and see their data)."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if profile.status == MemberProfile.Status.SUSPENDED:
        raise ActionError(_("%(member)s sudah ditangguhkan.") % {"member": profile})
    if not reason.strip():
        raise ActionError(_("Tulis alasan untuk anak."))
    profile.status_before_suspension = profile.status
    profile.status = MemberProfile.Status.SUSPENDED
    profile.status_changed_at = timezone.now()
    profile.status_reason = reason.strip()
    profile.save()
    member_event_record(
        member=profile.user, actor=actor, kind=MemberEvent.Kind.SUSPENDED, note=reason.strip()
    )
    return profile


@transaction.atomic
def member_reinstate(*, actor, profile: MemberProfile) -> MemberProfile:
    """Lift a suspension: back to the status it interrupted. A verified member whose consent
    was withdrawn meanwhile, or who changed kelurahan or guardian while suspended, goes to
    the queue instead."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if profile.status != MemberProfile.Status.SUSPENDED:
        raise ActionError(_("%(member)s tidak sedang ditangguhkan.") % {"member": profile})
    has_consent = GuardianConsent.objects.filter(
        member=profile.user, withdrawn_at__isnull=True
    ).exists()
    previous = profile.status_before_suspension or MemberProfile.Status.PENDING
    if previous == MemberProfile.Status.VERIFIED and not has_consent:
        previous = MemberProfile.Status.PENDING
    profile.status = previous
    profile.status_before_suspension = ""
    profile.status_changed_at = timezone.now()
    profile.status_reason = ""
    profile.save()
    member_event_record(member=profile.user, actor=actor, kind=MemberEvent.Kind.REINSTATED)
    return profile


@transaction.atomic
def membership_set(
    *, actor, profile: MemberProfile, group: ForumGroup, role: str
) -> ForumMembership:
    """Add a verified member to a forum group of their kelurahan, its kecamatan or the city,
    or change their role there (anggota, pengurus, ketua)."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if profile.status != MemberProfile.Status.VERIFIED:
        raise ActionError(_("Hanya anggota terverifikasi yang bisa masuk forum."))
    allowed = {profile.kelurahan_id, profile.kelurahan.parent_id}
    kecamatan = profile.kelurahan.parent
    if kecamatan is not None and kecamatan.parent_id:
        allowed.add(kecamatan.parent_id)
    if group.area_id not in allowed:
        raise ActionError(_("Forum ini bukan forum wilayah anggota."))
    if role not in ForumMembership.Role.values:
        raise ActionError(_("Pilih peran."))
    membership, _created = ForumMembership.objects.update_or_create(
        member=profile.user, group=group, defaults={"role": role}
    )
    member_event_record(
        member=profile.user,
        actor=actor,
        kind=MemberEvent.Kind.MEMBERSHIP_CHANGED,
        note=f"{group.name}: {membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, actor, profile: MemberProfile, group: ForumGroup) -> None:
    """Take a member out of a kecamatan or city group (the kelurahan group follows the
    profile's kelurahan and is not removed by hand)."""
    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if group.area_id == profile.kelurahan_id:
        raise ActionError(_("Anggota selalu masuk forum kelurahannya."))
    deleted, _rows = ForumMembership.objects.filter(member=profile.user, group=group).delete()
    if deleted:
        member_event_record(
            member=profile.user,
            actor=actor,
            kind=MemberEvent.Kind.MEMBERSHIP_CHANGED,
            note=_("%s: keluar") % group.name,
        )


@transaction.atomic
def member_reset_link_issue(*, actor, profile: MemberProfile, request) -> str:
    """A one-time password-reset link for a member without a verified e-mail address.

    Shown once to the facilitator, who hands it over in person. It is allauth's own reset
    link: it expires with PASSWORD_RESET_TIMEOUT (24 hours) and stops working once used,
    because the token is bound to the password hash.
    """

    profile = profile_locked(profile)
    facilitator_scope_check(actor=actor, profile=profile)
    if account_has_verified_email(user=profile.user):
        raise ActionError(
            _('Anggota ini punya email terverifikasi. Minta dia memakai "Lupa kata sandi".')
        )
    user = profile.user
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    member_event_record(member=user, actor=actor, kind=MemberEvent.Kind.RESET_LINK_ISSUED)
    return request.build_absolute_uri(path)


# --- Member area: own data ---------------------------------------------------------------------
