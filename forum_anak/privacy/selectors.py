"""Everything stored about a person, as they can read and download it (UU 27/2022: every
person can see and export their own data), and whether an account may erase itself."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from forum_anak.membership.selectors import member_activity, member_consents, member_profile_for
from forum_anak.models import (
    ForumMembership,
    Notification,
    Proposal,
)


def account_is_last_admin(*, user) -> bool:
    """Whether this account is the only active superuser: it may not delete itself, or
    nobody could manage the site any more."""
    return (
        user.is_superuser
        and not get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(pk=user.pk)
        .exists()
    )


def member_data_export(*, user) -> dict:
    """Every personal field stored about this account, its consent records, memberships
    and activity, as JSON-ready data (the "download my data" file)."""
    profile = member_profile_for(user=user)
    return {
        "akun": _account_export(user),
        "profil": _profile_export(profile) if profile is not None else None,
        "persetujuan_orang_tua_wali": [
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
        ],
        "forum": [
            {
                "forum": membership.group.name,
                "peran": membership.get_role_display(),
                "sejak": membership.since.isoformat(),
            }
            for membership in ForumMembership.objects.filter(member=user).select_related("group")
        ],
        "riwayat": [
            {
                "waktu": event.created_at.isoformat(),
                "kejadian": event.get_kind_display(),
                "oleh": event.actor_label,
                "catatan": event.note,
            }
            for event in member_activity(user=user)
        ],
        "usulan": _proposals_export(user=user),
        "kabar": [
            {
                "waktu": note.created_at.isoformat(),
                "judul": note.subject,
                "isi": note.body,
                "dibaca_pada": note.read_at.isoformat() if note.read_at else None,
            }
            for note in Notification.objects.filter(recipient=user)
        ],
    }


def _account_export(user) -> dict:
    """The account itself and its e-mail addresses."""
    return {
        "nama_pengguna": user.get_username(),
        "nama_depan": user.first_name,
        "nama_belakang": user.last_name,
        "email": [
            {"alamat": address.email, "terverifikasi": address.verified, "utama": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "email_akun": user.email,
        "terdaftar_pada": user.date_joined.isoformat(),
        "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
    }


def _profile_export(profile) -> dict:
    """Every field of the member profile."""
    return {
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
