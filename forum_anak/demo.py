"""Demo proposals for `seed_demo`: one or more in every state of the usulan lifecycle, made
through the real services (timeline, notifications, codes), then dated back so the queue
shows waiting times; and the musrenbang of the demo cycle: a calendar of sessions at every
level and bundles in every state, moved by the demo koordinator through the musrenbang
services, each step dated back to a day relative to today. Invented text; development only,
like every demo account."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image, ImageDraw

from forum_anak.models import (
    Area,
    Bundle,
    Cluster,
    ForumGroup,
    ForumMembership,
    Forwarding,
    GuardianConsent,
    MemberEvent,
    MemberProfile,
    MusrenbangCycle,
    MusrenbangSession,
    Notification,
    Opd,
    PrivacyNotice,
    Proposal,
    ProposalReport,
    ProposalRevision,
    TimelineEvent,
    Urusan,
)
from forum_anak.musrenbang.services import (
    bundle_forward,
    bundle_fund,
    bundle_implement,
    bundle_set_references,
    bundles_merge,
    forwarding_record_outcome,
    session_close,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_set_hidden,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
)
from forum_anak.safeguarding.services import concern_raise
from portal import roles
from portal.images import image_sanitize

# The password of every demo account (development only). Defined here, below content/demo.py,
# which imports it: forum_anak never imports content.
DEMO_PASSWORD = "demo-forum-anak-2026"

DEMO_STAFF = (
    ("moderator-usulan", roles.PROPOSAL_MODERATOR, "Moderator usulan"),
    ("koordinator", roles.COORDINATOR, "Koordinator musrenbang"),
    ("petugas", roles.PROTECTION_OFFICER, "Petugas perlindungan"),
)

DEMO_OPD = (
    ("DEMO-DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak (contoh)", "DP3A"),
    ("DEMO-DIKBUD", "Dinas Pendidikan dan Kebudayaan (contoh)", "Dikbud"),
    ("DEMO-PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang (contoh)", "PUPR"),
    ("DEMO-DISHUB", "Dinas Perhubungan (contoh)", "Dishub"),
    ("DEMO-DINKES", "Dinas Kesehatan (contoh)", "Dinkes"),
)

# Final state, days since first submit, the child's text, the public version, extras.
DEMO_PROPOSALS = (
    {
        "state": "draft",
        "title": "Tempat sampah di taman bermain",
        "problem": "Di taman bermain banyak sampah plastik. Tidak ada tempat sampah.",
        "action": "Pasang tiga tempat sampah dan papan ajakan buang sampah.",
        "who": "Anak-anak yang bermain di taman.",
        "landmark": "Taman bermain dekat lapangan",
        "cluster": Cluster.HEALTH,
    },
    {
        "state": "submitted",
        "days": 2,
        "title": "Lampu jalan dekat masjid mati",
        "problem": "Lampu jalan di dekat masjid mati. Anak-anak takut pulang mengaji malam hari.",
        "action": "Perbaiki lampu jalan dan tambah satu lampu di gang.",
        "who": "Anak-anak yang mengaji dan warga sekitar.",
        "landmark": "Jalan menuju masjid besar",
        "cluster": Cluster.PROTECTION,
    },
    {
        "state": "in_review",
        "days": 10,
        "title": "Zebra cross di jalan besar",
        "problem": "Jalan besar ramai motor. Kami susah menyeberang waktu pulang sekolah.",
        "action": "Buat zebra cross dan rambu hati-hati ada anak-anak.",
        "who": "Semua anak yang menyeberang jalan itu.",
        "landmark": "Pertigaan dekat pasar",
        "cluster": "",
    },
    {
        "state": "revision_requested",
        "days": 6,
        "title": "Lapangan bola rusak",
        "problem": "Lapangan bola penuh lubang. Teman kami jatuh dan kakinya luka.",
        "action": "Ratakan lapangan dan tambah gawang.",
        "who": "Anak-anak yang bermain bola.",
        "landmark": "",
        "cluster": Cluster.EDUCATION,
        "revision": "Tolong tulis patokan tempat lapangannya, misalnya dekat apa. "
        "Jangan tulis alamat rumah, ya.",
    },
    {
        "state": "approved",
        "days": 14,
        "title": "Taman baca untuk anak",
        "problem": "Tidak ada tempat membaca buku cerita di kelurahan kami.",
        "action": "Buat taman baca kecil dengan rak buku di kantor kelurahan.",
        "who": "Anak-anak SD dan SMP.",
        "landmark": "Kantor kelurahan",
        "cluster": Cluster.EDUCATION,
        "public": (
            "Taman baca anak di kantor kelurahan",
            "Anak-anak belum punya tempat membaca buku cerita di kelurahan.",
            "Menyediakan taman baca kecil dengan rak buku di kantor kelurahan.",
        ),
        "public_note": "Usulan ini disetujui untuk dibawa ke musrenbang kelurahan.",
        "staff": ("2.23", "DEMO-DIKBUD", 1, "paket", 15_000_000),
    },
    {
        "state": "approved",
        "days": 12,
        "group": True,
        "title": "Posyandu remaja",
        "problem": "Remaja tidak tahu ke mana bertanya soal kesehatan.",
        "action": "Adakan posyandu remaja sebulan sekali.",
        "who": "Remaja di kelurahan.",
        "landmark": "Puskesmas pembantu",
        "cluster": Cluster.HEALTH,
        "public": (
            "Posyandu remaja sebulan sekali",
            "Remaja belum punya tempat bertanya tentang kesehatan.",
            "Mengadakan posyandu remaja setiap bulan di puskesmas pembantu.",
        ),
        "report": True,
    },
    {
        "state": "approved",
        "days": 9,
        "hidden": True,
        "title": "Kolam renang umum",
        "problem": "Tidak ada tempat belajar berenang yang aman.",
        "action": "Bangun kolam renang umum untuk anak.",
        "who": "Anak-anak.",
        "landmark": "",
        "cluster": Cluster.EDUCATION,
        "public": (
            "Tempat belajar berenang yang aman",
            "Anak-anak belum punya tempat belajar berenang yang aman.",
            "Menyediakan tempat belajar berenang yang aman untuk anak.",
        ),
    },
    {
        "state": "approved",
        "days": 8,
        "concern": True,
        "title": "Pos ronda dekat rumah kosong",
        "problem": "Ada orang asing sering mengajak anak-anak ke rumah kosong.",
        "action": "Adakan pos ronda dan penerangan di sekitar rumah kosong.",
        "who": "Anak-anak di lingkungan kami.",
        "landmark": "Rumah kosong dekat sungai",
        "cluster": Cluster.PROTECTION,
        "public": (
            "Pos ronda dan penerangan lingkungan",
            "Warga khawatir dengan keamanan anak di sekitar bangunan kosong.",
            "Mengadakan pos ronda dan penerangan di lingkungan.",
        ),
    },
    {
        "state": "rejected",
        "days": 7,
        "title": "Hapus PR sekolah",
        "problem": "PR terlalu banyak.",
        "action": "Semua PR dihapus.",
        "who": "Semua murid.",
        "landmark": "",
        "cluster": "",
        "reason": "PR diatur oleh sekolah, bukan oleh rencana pembangunan kota. "
        "Coba bicarakan dengan gurumu atau OSIS, ya.",
    },
    {
        "state": "withdrawn",
        "days": 5,
        "title": "Jajan gratis",
        "problem": "Jajan di kantin mahal.",
        "action": "Jajan gratis untuk semua anak.",
        "who": "Semua anak.",
        "landmark": "",
        "cluster": "",
    },
)


def seed_staff(password_hash: str) -> list[tuple[str, str, str]]:
    """Demo accounts of the proposal roles (second factor off in dev settings)."""
    user_model = get_user_model()
    created = []
    for username, role, label in DEMO_STAFF:
        user, _ = user_model.objects.get_or_create(username=username)
        user.password = password_hash
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        created.append((username, DEMO_PASSWORD, label))
    for code, name, short in DEMO_OPD:
        Opd.objects.get_or_create(code=code, defaults={"name": name, "short_name": short})
    return created


def seed_forum(cycle: MusrenbangCycle, password_hash: str) -> list[tuple[str, str, str]]:
    """Two more children, the musrenbang journeys, then the proposals still in moderation
    (in that order, so codes follow the dates). Returns the accounts to print."""
    created = seed_children(password_hash)
    seed_musrenbang(cycle)
    seed_proposals(cycle)
    return created


def seed_proposals(cycle: MusrenbangCycle) -> int:
    """Demo proposals in every state up to approved; only once per cycle (idempotent)."""
    user_model = get_user_model()
    child = user_model.objects.get(username="anak-terverifikasi")
    first = next(spec for spec in DEMO_PROPOSALS if spec.get("days"))  # a submitted one
    if Proposal.objects.filter(cycle=cycle, proposer=child, title=first["title"]).exists():
        return 0
    moderator = user_model.objects.get(username="moderator-usulan")
    facilitator = user_model.objects.get(username="fasilitator")
    kelurahan = MemberProfile.objects.get(user=child).kelurahan
    group = ForumGroup.objects.get(area=kelurahan)
    now = timezone.now()
    # Oldest first, so codes follow the dates.
    for spec in sorted(DEMO_PROPOSALS, key=lambda spec: -spec.get("days", 0)):
        by_group = spec.get("group", False)
        author = facilitator if by_group else child
        proposal = proposal_draft_create(
            actor=author,
            title=spec["title"],
            problem=spec["problem"],
            proposed_action=spec["action"],
            beneficiaries=spec["who"],
            kelurahan=kelurahan,
            landmark=spec["landmark"],
            cluster_suggested=spec["cluster"],
            group=group if by_group else None,
            cycle=cycle,
        )
        state = spec["state"]
        if state == "draft":
            continue
        if state == "withdrawn":
            proposal = proposal_submit(actor=author, proposal=proposal)
            proposal = proposal_withdraw(actor=author, proposal=proposal)
            _date_back(proposal, author, spec["days"], now)
            continue
        proposal = proposal_submit(actor=author, proposal=proposal)
        _date_back(proposal, author, spec["days"], now)  # under the child's daily limit
        if state == "submitted":
            continue
        proposal = proposal_start_review(actor=moderator, proposal=proposal)
        if state == "revision_requested":
            proposal_request_revision(actor=moderator, proposal=proposal, message=spec["revision"])
        elif state == "rejected":
            proposal_reject(actor=moderator, proposal=proposal, reason=spec["reason"])
        elif state == "approved":
            title, problem, activity = spec["public"]
            proposal = proposal_approve(
                actor=moderator,
                proposal=proposal,
                public_title=title,
                public_problem=problem,
                public_activity=activity,
                cluster=spec["cluster"] or Cluster.PROTECTION,
                public_note=spec.get("public_note", ""),
            )
            if "staff" in spec:
                urusan, opd, volume, unit, cost = spec["staff"]
                Proposal.objects.filter(pk=proposal.pk).update(
                    urusan=Urusan.objects.get(code=urusan),
                    opd=Opd.objects.get(code=opd),
                    volume=volume,
                    unit=unit,
                    cost_estimate=cost,
                )
            if spec.get("hidden"):
                proposal_set_hidden(
                    actor=moderator,
                    proposal=proposal,
                    hidden=True,
                    internal_note="Contoh: disembunyikan sementara.",
                )
            if spec.get("report"):
                ProposalReport.objects.create(
                    proposal=proposal,
                    reason=ProposalReport.Reason.WRONG,
                    note="Contoh laporan dari pengunjung.",
                )
            if spec.get("concern"):
                concern_raise(
                    actor=moderator,
                    source="proposal",
                    proposal=proposal,
                    description="Contoh: cerita anak tentang orang asing perlu dicek petugas.",
                )
    return len(DEMO_PROPOSALS)


def _date_back(proposal: Proposal, author, days: int, now) -> None:
    """Move the submit (and what came with it) `days` back, as if sent then."""
    then = now - timedelta(days=days)
    Proposal.objects.filter(pk=proposal.pk).update(submitted_at=then, created_at=then)
    TimelineEvent.objects.filter(proposal=proposal, actor=author).update(created_at=then)


# --- Musrenbang ---------------------------------------------------------------------------------

# Two more verified children, so one bundle can gather proposals from three of them. Invented
# nicknames, like the members in content/demo.py. (username, nickname, age, kelurahan code)
DEMO_CHILDREN = (
    ("anak-kenari", "Kenari", 12, "52.72.01.1001", "Anggota (Kenari, Paruga)"),
    ("anak-jalak", "Jalak", 15, "52.72.01.1002", "Anggota (Jalak, Nae)"),
)

# The cycle's calendar: key, level, area code, days from today, place. Paruga's session is
# closed once every outcome is in; Nae's is held with one outcome still to record (older than
# 14 days: the admin home flags it); the ones ahead are planned.
Level = MusrenbangSession.Level
DEMO_SESSIONS = (
    ("paruga", Level.KELURAHAN, "52.72.01.1001", -16, "Aula Kantor Kelurahan Paruga"),
    ("nae", Level.KELURAHAN, "52.72.01.1002", -15, "Aula Kantor Kelurahan Nae"),
    ("sarae", Level.KELURAHAN, "52.72.01.1003", 7, "Aula Kantor Kelurahan Sarae"),
    ("rasanae-barat", Level.KECAMATAN, "52.72.01", -10, "Aula Kantor Camat Rasanae Barat"),
    ("rasanae-timur", Level.KECAMATAN, "52.72.02", 12, "Aula Kantor Camat Rasanae Timur"),
    ("tematik", Level.TEMATIK_ANAK, "52.72", -6, "Ruang Rapat Bappeda Kota Bima"),
    ("kota", Level.KOTA, "52.72", 30, "Gedung Seni Budaya Kota Bima"),
)

# Each journey: the proposals (author, text, public version), the merged public version when
# several, the planning layer, and the steps: (days from today, action, arguments).
DEMO_JOURNEYS = (
    {
        "key": "implemented",
        "proposals": (
            (
                "anak-terverifikasi",
                "Jalan ke sekolah gelap",
                "Jalan ke sekolah gelap kalau pulang les sore. Kami takut lewat sana.",
                "Pasang lampu jalan di jalan menuju sekolah.",
            ),
            (
                "anak-kenari",
                "Lampu jalan dekat SD",
                "Tidak ada lampu di jalan dekat SD. Waktu magrib jalannya gelap sekali.",
                "Tambah lampu jalan supaya anak-anak aman pulang.",
            ),
            (
                "anak-jalak",
                "Gang ke sekolah tidak ada lampu",
                "Gang yang kami lewati ke sekolah tidak ada lampunya. Banyak motor lewat.",
                "Pasang lampu di gang dan jalan ke sekolah.",
            ),
        ),
        "public": (
            "Lampu jalan di jalan menuju sekolah",
            "Jalan dan gang menuju sekolah gelap sore dan malam hari, anak-anak takut pulang.",
            "Memasang lampu penerangan jalan di jalan dan gang menuju sekolah.",
        ),
        "cluster": Cluster.PROTECTION,
        "planning": ("1.03", "DEMO-PUPR", 12, "titik lampu", 90_000_000),
        "steps": (
            (-20, "merge", {}),
            (-12, "forward", {"session": "rasanae-barat"}),
            (-9, "outcome", {"outcome": "prioritised", "rank": 1}),
            (-8, "forward", {"session": "tematik"}),
            (-5, "outcome", {"outcome": "adopted"}),
            (-4, "references", {"rkpd": "RKPD-2028/PUPR/07", "sipd": "SIPD-5272-1.03-0112"}),
            (-3, "fund", {"amount": 85_000_000}),
            (-1, "implement", {"on": -2, "photo": True}),
        ),
        "implementation_note": "Dua belas lampu jalan tenaga surya sudah terpasang di jalan "
        "dan gang menuju sekolah.",
    },
    {
        "key": "funded",
        "proposals": (
            (
                "anak-terverifikasi",
                "Tempat cuci tangan di sekolah",
                "Di sekolah kami keran air cuma satu dan sering mati.",
                "Buat tempat cuci tangan dengan beberapa keran dan sabun.",
            ),
        ),
        "public": (
            "Tempat cuci tangan di sekolah",
            "Sekolah hanya punya satu keran air yang sering tidak mengalir.",
            "Membangun tempat cuci tangan dengan beberapa keran dan sabun.",
        ),
        "cluster": Cluster.HEALTH,
        "planning": ("1.02", "DEMO-DINKES", 3, "unit", 24_000_000),
        "steps": (
            (-18, "forward", {"session": "paruga"}),
            (-14, "outcome", {"outcome": "prioritised", "rank": 1}),
            (-12, "forward", {"session": "rasanae-barat"}),
            (-9, "outcome", {"outcome": "adopted"}),
            (-4, "references", {"rkpd": "RKPD-2028/DINKES/03", "sipd": ""}),
            (-2, "fund", {"amount": 24_000_000}),
        ),
    },
    {
        "key": "adopted",
        "proposals": (
            (
                "anak-kenari",
                "Belajar menulis berita",
                "Kami ingin menulis berita tentang kampung kami tapi tidak tahu caranya.",
                "Adakan pelatihan menulis berita untuk anak.",
            ),
        ),
        "public": (
            "Pelatihan menulis berita untuk anak",
            "Anak-anak ingin menulis berita tentang lingkungannya tetapi belum pernah belajar.",
            "Mengadakan pelatihan menulis berita (jurnalistik anak).",
        ),
        "cluster": Cluster.CIVIL,
        "planning": ("2.16", "DEMO-DP3A", 1, "kegiatan", 12_000_000),
        "steps": (
            (-18, "forward", {"session": "paruga"}),
            (-14, "outcome", {"outcome": "prioritised", "rank": 2}),
            (-12, "forward", {"session": "rasanae-barat"}),
            (-9, "outcome", {"outcome": "adopted"}),
            (-4, "references", {"rkpd": "RKPD-2028/DP3A/11", "sipd": ""}),
        ),
    },
    {
        "key": "partly_adopted",
        "proposals": (
            (
                "anak-jalak",
                "Taman bermain Nae rusak",
                "Ayunan dan perosotan di taman bermain sudah rusak dan berkarat.",
                "Ganti ayunan, perosotan, jungkat-jungkit, dan bangku taman.",
            ),
        ),
        "public": (
            "Perbaikan alat bermain di taman",
            "Alat bermain di taman kelurahan rusak dan berkarat.",
            "Mengganti ayunan, perosotan, jungkat-jungkit, dan bangku taman.",
        ),
        "cluster": Cluster.EDUCATION,
        "planning": ("1.04", "DEMO-PUPR", 4, "alat bermain", 60_000_000),
        "steps": (
            (-18, "forward", {"session": "nae"}),
            (-14, "outcome", {"outcome": "prioritised", "rank": 1}),
            (-12, "forward", {"session": "rasanae-barat"}),
            (-9, "outcome", {"outcome": "partly_adopted", "volume": 2, "cost": 30_000_000}),
        ),
    },
    {
        "key": "not_adopted",
        "proposals": (
            (
                "anak-terverifikasi",
                "Lapangan futsal beratap",
                "Kalau hujan kami tidak bisa main bola.",
                "Bangun lapangan futsal yang ada atapnya.",
            ),
        ),
        "public": (
            "Lapangan futsal beratap",
            "Anak-anak tidak bisa berolahraga ketika hujan.",
            "Membangun lapangan futsal beratap di kelurahan.",
        ),
        "cluster": Cluster.EDUCATION,
        "planning": ("2.19", "DEMO-DIKBUD", 1, "lapangan", 450_000_000),
        "steps": (
            (-18, "forward", {"session": "paruga"}),
            (
                -14,
                "outcome",
                {
                    "outcome": "not_adopted",
                    "reason": "Biayanya sangat besar dan tanahnya belum ada. Tahun ini dana "
                    "dipakai dulu untuk lampu jalan dan air bersih. Kamu boleh mengusulkan "
                    "lagi tahun depan, ya.",
                },
            ),
        ),
    },
    {
        "key": "prioritised",
        "proposals": (
            (
                "anak-kenari",
                "Tempat sampah di pasar",
                "Pasar kotor. Sampah dibuang di mana saja.",
                "Sediakan tempat sampah organik dan plastik di pasar.",
            ),
        ),
        "public": (
            "Tempat sampah terpilah di pasar",
            "Sampah di pasar dibuang sembarangan karena tempat sampah kurang.",
            "Menyediakan tempat sampah organik dan anorganik di pasar.",
        ),
        "cluster": Cluster.HEALTH,
        "planning": ("2.11", None, 10, "unit", 8_000_000),
        "steps": (
            (-18, "forward", {"session": "paruga"}),
            (-14, "outcome", {"outcome": "prioritised", "rank": 3}),
        ),
    },
    {
        "key": "forwarded",
        "proposals": (
            (
                "anak-jalak",
                "Susah menyeberang di depan SD",
                "Di depan SD mobil dan motor ngebut. Adik-adik susah menyeberang.",
                "Buat zebra cross dan pasang rambu sekolah.",
            ),
        ),
        "public": (
            "Zebra cross dan rambu di depan sekolah dasar",
            "Kendaraan melaju kencang di depan sekolah dasar, anak sulit menyeberang.",
            "Membuat zebra cross dan memasang rambu kawasan sekolah.",
        ),
        "cluster": Cluster.PROTECTION,
        "planning": ("2.15", "DEMO-DISHUB", 1, "paket", 15_000_000),
        "steps": ((-18, "forward", {"session": "nae"}),),
    },
    {
        "key": "forwarded_ahead",
        "group": True,
        "proposals": (
            (
                "fasilitator",
                "Ruang kreatif anak",
                "Forum anak belum punya tempat latihan seni dan berkumpul.",
                "Sediakan ruang kreatif anak untuk latihan tari, musik, dan melukis.",
            ),
        ),
        "public": (
            "Ruang kreatif anak tingkat kota",
            "Anak-anak belum punya tempat berlatih seni dan berkumpul.",
            "Menyediakan ruang kreatif anak untuk latihan tari, musik, dan melukis.",
        ),
        "cluster": Cluster.EDUCATION,
        "planning": ("2.22", "DEMO-DIKBUD", 1, "ruang", 120_000_000),
        "steps": ((-7, "forward", {"session": "kota"}),),
    },
)


def seed_children(password_hash: str) -> list[tuple[str, str, str]]:
    """Two more verified members with a guardian's consent, in the demo kecamatan."""
    user_model = get_user_model()
    facilitator = user_model.objects.get(username="fasilitator")
    notice = PrivacyNotice.current()
    today = timezone.localdate()
    now = timezone.now()
    created = []
    for username, nickname, age, kelurahan_code, label in DEMO_CHILDREN:
        user, _ = user_model.objects.get_or_create(username=username)
        user.password = password_hash
        user.save()
        created.append((username, DEMO_PASSWORD, label))
        if MemberProfile.objects.filter(user=user).exists():
            continue
        kelurahan = Area.objects.get(code=kelurahan_code)
        profile = MemberProfile.objects.create(
            user=user,
            nickname=nickname,
            nickname_approved=True,
            birth_year=today.year - age,
            birth_month=today.month,
            kelurahan=kelurahan,
            guardian_name="Wali Contoh",
            guardian_relationship=MemberProfile.Relationship.FATHER,
            guardian_phone="081200000000",
            guardian_knows=True,
            notice_version=notice.version,
            notice_accepted_at=now,
            status=MemberProfile.Status.VERIFIED,
            verified_at=now,
        )
        MemberEvent.objects.create(
            member=user, actor=user, actor_label=profile.label, kind=MemberEvent.Kind.SIGNED_UP
        )
        GuardianConsent.objects.create(
            member=user,
            member_label=profile.label,
            notice_version=notice.version,
            guardian_name=profile.guardian_name,
            guardian_relationship=profile.guardian_relationship,
            method=GuardianConsent.Method.SIGNED_FORM,
            evidence_reference="DEMO-FORMULIR-002",
            given_at=today,
            recorded_by=facilitator,
            recorded_by_label=facilitator.get_username(),
        )
        ForumMembership.objects.get_or_create(
            member=user, group=ForumGroup.objects.get(area=kelurahan)
        )
        MemberEvent.objects.create(
            member=user,
            actor=facilitator,
            actor_label=facilitator.get_username(),
            kind=MemberEvent.Kind.VERIFIED,
        )
    return created


@contextmanager
def _dated(days: int):
    """Everything the services write inside the block happened `days` from today (a
    negative number: in the past), at a working hour."""
    start = timezone.now()
    yield
    when = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), datetime.min.time())
    ) + timedelta(hours=9)
    TimelineEvent.objects.filter(created_at__gte=start).update(created_at=when)
    Notification.objects.filter(created_at__gte=start).update(created_at=when)
    ProposalRevision.objects.filter(created_at__gte=start).update(created_at=when)
    for field in ("created_at", "submitted_at", "approved_at", "updated_at"):
        Proposal.objects.filter(**{f"{field}__gte": start}).update(**{field: when})
    Bundle.objects.filter(created_at__gte=start).update(created_at=when)
    Bundle.objects.filter(updated_at__gte=start).update(updated_at=when)
    Forwarding.objects.filter(forwarded_at__gte=start).update(forwarded_at=when)
    Forwarding.objects.filter(outcome_at__gte=start).update(outcome_at=when)


def _lamp_photo():
    """A drawn picture of street lamps along a road at dusk (no people), sanitised like
    any upload."""
    image = Image.new("RGB", (800, 450), "#1d3557")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 800, 450), fill="#6c757d")
    draw.rectangle((0, 370, 800, 380), fill="#f1faee")
    for x in range(80, 800, 180):
        draw.rectangle((x, 110, x + 8, 300), fill="#adb5bd")
        draw.rectangle((x - 30, 100, x + 38, 112), fill="#adb5bd")
        draw.ellipse((x - 40, 90, x - 10, 120), fill="#ffd166")
        draw.polygon([(x - 25, 120), (x - 90, 300), (x + 40, 300)], fill="#2a4d6e")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return image_sanitize(buffer)


def seed_musrenbang(cycle: MusrenbangCycle) -> int:
    """The cycle's sessions and a bundle in every state, made by the demo children,
    approved by the moderator and moved by the koordinator, each step dated back. Only once
    per cycle: nothing is done when the cycle already has sessions (idempotent)."""
    if MusrenbangSession.objects.filter(cycle=cycle).exists():
        return 0
    user_model = get_user_model()
    moderator = user_model.objects.get(username="moderator-usulan")
    koordinator = user_model.objects.get(username="koordinator")
    today = timezone.localdate()
    sessions = {
        key: MusrenbangSession.objects.create(
            cycle=cycle,
            level=level,
            area=Area.objects.get(code=code),
            date=today + timedelta(days=days),
            place=place,
        )
        for key, level, code, days, place in DEMO_SESSIONS
    }
    # Submitted four weeks ago, approved three weeks ago, then the koordinator's steps.
    for number, journey in enumerate(DEMO_JOURNEYS):
        proposals = []
        for author_name, title, problem, action in journey["proposals"]:
            author = user_model.objects.get(username=author_name)
            by_group = journey.get("group", False)
            kelurahan = (
                Area.objects.get(code=DEMO_CHILDREN[0][3])
                if by_group
                else MemberProfile.objects.get(user=author).kelurahan
            )
            with _dated(-28 + number // 3):
                proposal = proposal_draft_create(
                    actor=author,
                    title=title,
                    problem=problem,
                    proposed_action=action,
                    beneficiaries="Anak-anak di lingkungan kami.",
                    kelurahan=kelurahan,
                    landmark="",
                    cluster_suggested=journey["cluster"],
                    group=ForumGroup.objects.get(area=kelurahan) if by_group else None,
                    cycle=cycle,
                )
                proposal = proposal_submit(actor=author, proposal=proposal)
            with _dated(-22):
                proposal = proposal_start_review(actor=moderator, proposal=proposal)
                # Several: each child's own public version first, the bundle's at the merge.
                title, problem, activity = (
                    journey["public"]
                    if len(journey["proposals"]) == 1
                    else (proposal.title, proposal.problem, proposal.proposed_action)
                )
                proposal = proposal_approve(
                    actor=moderator,
                    proposal=proposal,
                    public_title=title,
                    public_problem=problem,
                    public_activity=activity,
                    cluster=journey["cluster"],
                )
            proposals.append(proposal)
        _journey(journey, proposals, sessions, koordinator, cycle)
    with _dated(-13):
        session_close(actor=koordinator, session=sessions["paruga"])
    return len(DEMO_JOURNEYS)


def _journey(journey: dict, proposals: list, sessions: dict, koordinator, cycle) -> None:
    """The koordinator's steps on one bundle."""
    urusan, opd, volume, unit, cost = journey["planning"]
    planning = {
        "urusan": Urusan.objects.get(code=urusan),
        "opd": Opd.objects.get(code=opd) if opd else None,
        "volume": volume,
        "unit": unit,
        "cost_estimate": cost,
    }
    bundle = Bundle.objects.get(pk=proposals[0].bundle_id)
    if len(proposals) == 1:
        Bundle.objects.filter(pk=bundle.pk).update(**planning)
    forwarding = None
    for days, action, args in journey["steps"]:
        with _dated(days):
            if action == "merge":
                title, problem, activity = journey["public"]
                bundle = bundles_merge(
                    actor=koordinator,
                    bundles=[Bundle.objects.get(pk=p.bundle_id) for p in proposals],
                    public_title=title,
                    public_problem=problem,
                    public_activity=activity,
                    cluster=journey["cluster"],
                    **planning,
                )
            elif action == "forward":
                forwarding = bundle_forward(
                    actor=koordinator, bundle=bundle, session=sessions[args["session"]]
                )
            elif action == "outcome":
                forwarding = forwarding_record_outcome(
                    actor=koordinator,
                    forwarding=forwarding,
                    outcome=args["outcome"],
                    rank=args.get("rank"),
                    adopted_volume=args.get("volume"),
                    adopted_cost=args.get("cost"),
                    reason=args.get("reason", ""),
                )
            elif action == "references":
                bundle_set_references(
                    actor=koordinator,
                    bundle=bundle,
                    rkpd_reference=args["rkpd"],
                    sipd_reference=args["sipd"],
                )
            elif action == "fund":
                bundle_fund(
                    actor=koordinator,
                    bundle=bundle,
                    apbd_year=cycle.rkpd_year,
                    amount=args["amount"],
                )
            elif action == "implement":
                bundle_implement(
                    actor=koordinator,
                    bundle=bundle,
                    implemented_on=timezone.localdate() + timedelta(days=args["on"]),
                    note=journey["implementation_note"],
                    photo=_lamp_photo() if args.get("photo") else None,
                )
        bundle.refresh_from_db()
