"""Forum anak reads: one function per question, keyword-only."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from forum_anak.models import (
    Area,
    FacilitatorAssignment,
    ForumMembership,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    Notification,
    PrivacyNotice,
    Proposal,
)


def member_profile_for(*, user) -> MemberProfile | None:
    """The member profile of this account, with its kelurahan and kecamatan, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return MemberProfile.objects.select_related("kelurahan__parent").filter(user=user).first()


def public_area(*, kelurahan: Area) -> Area:
    """The area public surfaces may name for a member of this kelurahan: the kelurahan, or
    its kecamatan where the kelurahan has fewer than SMALL_KELURAHAN_MIN_MEMBERS verified
    members (a handful of children in one ward are easy to single out)."""
    verified = MemberProfile.objects.filter(
        kelurahan=kelurahan, status=MemberProfile.Status.VERIFIED
    ).count()
    if verified < settings.SMALL_KELURAHAN_MIN_MEMBERS and kelurahan.parent_id:
        return kelurahan.parent
    return kelurahan


def member_public_name(*, profile: MemberProfile) -> str:
    """What a public surface may call this member: the approved nickname, or "Anggota Forum
    Anak Kelurahan X" (or the kecamatan, under the small-kelurahan rule)."""
    if profile.nickname_approved:
        return profile.nickname
    area = public_area(kelurahan=profile.kelurahan)
    return _("Anggota Forum Anak %(level)s %(name)s") % {
        "level": area.get_level_display(),
        "name": area.name,
    }


def facilitator_kecamatan(*, user) -> QuerySet[Area]:
    """The kecamatan a facilitator is assigned to (every kecamatan for a superuser)."""
    if user.is_superuser:
        return Area.objects.filter(level=Area.Level.KECAMATAN)
    return Area.objects.filter(
        pk__in=FacilitatorAssignment.objects.filter(facilitator=user).values("kecamatan")
    )


def members_for_facilitator(*, user) -> QuerySet[MemberProfile]:
    """Every member profile this facilitator may see: members of their kecamatan only."""
    if not (user.is_superuser or user.has_perm("forum_anak.verify_member")):
        return MemberProfile.objects.none()
    return MemberProfile.objects.select_related("kelurahan__parent", "user").filter(
        kelurahan__parent__in=facilitator_kecamatan(user=user)
    )


def verification_queue(*, user) -> QuerySet[MemberProfile]:
    """Members waiting for verification in the facilitator's kecamatan, oldest first."""
    return (
        members_for_facilitator(user=user)
        .filter(status=MemberProfile.Status.PENDING)
        .order_by("status_changed_at", "pk")
    )


def kelurahan_by_kecamatan() -> list[tuple[str, list[tuple[int, str]]]]:
    """Kelurahan grouped by kecamatan, for a grouped <select>."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for area in (
        Area.objects.filter(level=Area.Level.KELURAHAN)
        .select_related("parent")
        .order_by("parent__name", "name")
    ):
        groups.setdefault(area.parent.name if area.parent else "", []).append((area.pk, area.name))
    return list(groups.items())


def member_activity(*, user) -> QuerySet[MemberEvent]:
    """The member's own events, newest first ("my activity")."""
    return MemberEvent.objects.filter(member=user).order_by("-created_at", "-pk")


def member_consents(*, user) -> QuerySet[GuardianConsent]:
    return GuardianConsent.objects.filter(member=user).order_by("-recorded_at")


def member_data_export(*, user) -> dict:
    """Every personal field stored about this account, its consent records, memberships
    and activity, as JSON-ready data (the "download my data" file)."""
    from allauth.account.models import EmailAddress

    profile = member_profile_for(user=user)
    data: dict = {
        "akun": {
            "nama_pengguna": user.get_username(),
            "nama_depan": user.first_name,
            "nama_belakang": user.last_name,
            "email": [
                {
                    "alamat": address.email,
                    "terverifikasi": address.verified,
                    "utama": address.primary,
                }
                for address in EmailAddress.objects.filter(user=user)
            ],
            "email_akun": user.email,
            "terdaftar_pada": user.date_joined.isoformat(),
            "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
        },
        "profil": None,
        "persetujuan_orang_tua_wali": [],
        "forum": [],
        "riwayat": [],
    }
    if profile is not None:
        data["profil"] = {
            "nama_panggilan": profile.nickname,
            "nama_panggilan_disetujui": profile.nickname_approved,
            "tahun_lahir": profile.birth_year,
            "bulan_lahir": profile.birth_month,
            "kelurahan": profile.kelurahan.name,
            "kode_kelurahan": profile.kelurahan.code,
            "kecamatan": profile.kelurahan.parent.name if profile.kelurahan.parent else None,
            "sekolah": profile.school,
            "nama_orang_tua_wali": profile.guardian_name,
            "hubungan_orang_tua_wali": profile.get_guardian_relationship_display(),
            "nomor_orang_tua_wali": profile.guardian_phone,
            "orang_tua_wali_sudah_tahu": profile.guardian_knows,
            "versi_pemberitahuan_privasi": profile.notice_version,
            "pemberitahuan_privasi_disetujui_pada": profile.notice_accepted_at.isoformat(),
            "status": profile.status,
            "status_teks": profile.get_status_display(),
            "status_sebelum_ditangguhkan": profile.status_before_suspension,
            "status_berubah_pada": profile.status_changed_at.isoformat(),
            "alasan_status": profile.status_reason,
            "diverifikasi_pada": profile.verified_at.isoformat() if profile.verified_at else None,
            "mendaftar_pada": profile.created_at.isoformat(),
            "diubah_pada": profile.updated_at.isoformat(),
        }
    data["persetujuan_orang_tua_wali"] = [
        {
            "versi_pemberitahuan_privasi": consent.notice_version,
            "nama_orang_tua_wali": consent.guardian_name,
            "hubungan": consent.get_guardian_relationship_display(),
            "cara": consent.get_method_display(),
            "rujukan_bukti": consent.evidence_reference,
            "tanggal_persetujuan": consent.given_at.isoformat(),
            "dicatat_oleh": consent.recorded_by_label,
            "dicatat_pada": consent.recorded_at.isoformat(),
            "ditarik_pada": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        }
        for consent in member_consents(user=user)
    ]
    data["forum"] = [
        {
            "forum": membership.group.name,
            "peran": membership.get_role_display(),
            "sejak": membership.since.isoformat(),
        }
        for membership in ForumMembership.objects.filter(member=user).select_related("group")
    ]
    data["riwayat"] = [
        {
            "waktu": event.created_at.isoformat(),
            "kejadian": event.get_kind_display(),
            "oleh": event.actor_label,
            "catatan": event.note,
        }
        for event in member_activity(user=user)
    ]
    data["usulan"] = _proposals_export(user=user)
    data["kabar"] = [
        {
            "waktu": note.created_at.isoformat(),
            "judul": note.subject,
            "isi": note.body,
            "dibaca_pada": note.read_at.isoformat() if note.read_at else None,
        }
        for note in Notification.objects.filter(recipient=user)
    ]
    return data


def _proposals_export(*, user) -> list[dict]:
    """The member's proposals as they wrote them, each revision, and every message to them.
    One under a safeguarding concern shows the same neutral status as the member's page."""
    proposals = (
        Proposal.objects.filter(proposer=user)
        .annotate(concern=Exists(Proposal.objects.under_concern().filter(pk=OuterRef("pk"))))
        .select_related("cycle", "kelurahan")
        .prefetch_related("revisions", "timeline")
        .order_by("created_at", "pk")
    )
    return [
        {
            "kode": proposal.code,
            "musrenbang": proposal.cycle.year,
            "status": _("Sedang ditinjau petugas")
            if proposal.concern
            else proposal.get_state_display(),
            "judul": proposal.title,
            "masalah": proposal.problem,
            "usulan": proposal.proposed_action,
            "yang_terbantu": proposal.beneficiaries,
            "kelurahan": proposal.kelurahan.name,
            "patokan": proposal.landmark,
            "dibuat_pada": proposal.created_at.isoformat(),
            "revisi": [
                {
                    "ke": revision.number,
                    "judul": revision.title,
                    "masalah": revision.problem,
                    "usulan": revision.proposed_action,
                    "dikirim_pada": revision.created_at.isoformat(),
                }
                for revision in proposal.revisions.all()
            ],
            "pesan_untuk_kamu": [
                {"waktu": event.created_at.isoformat(), "pesan": event.message_to_proposer}
                for event in proposal.timeline.all()
                if event.message_to_proposer
            ],
        }
        for proposal in proposals
    ]


def current_privacy_notice() -> PrivacyNotice | None:
    return PrivacyNotice.current()


def queue_counts_by_kecamatan(*, user) -> dict[int, int]:
    """How many members wait in each of the facilitator's kecamatan."""
    rows = (
        verification_queue(user=user).values("kelurahan__parent").annotate(n=Count("pk")).order_by()
    )
    return {row["kelurahan__parent"]: row["n"] for row in rows}
