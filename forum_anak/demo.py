"""Demo proposals for `seed_demo`: one or more in every state of the usulan lifecycle, made
through the real services (timeline, notifications, codes), then dated back so the queue
shows waiting times. Invented text; development only, like every demo account."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from forum_anak.models import (
    Cluster,
    ForumGroup,
    MemberProfile,
    MusrenbangCycle,
    Opd,
    Proposal,
    ProposalReport,
    TimelineEvent,
    Urusan,
)
from forum_anak.services.concerns import concern_raise
from forum_anak.services.proposals import (
    proposal_approve,
    proposal_draft_create,
    proposal_reject,
    proposal_request_revision,
    proposal_set_hidden,
    proposal_start_review,
    proposal_submit,
    proposal_withdraw,
)
from portal import roles

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
    from content.demo import DEMO_PASSWORD

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


def seed_proposals(cycle: MusrenbangCycle) -> int:
    """Demo proposals in every state; only once per cycle (idempotent)."""
    user_model = get_user_model()
    child = user_model.objects.get(username="anak-terverifikasi")
    if Proposal.objects.filter(cycle=cycle, proposer=child).exists():
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
