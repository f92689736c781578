"""Forum anak data. Areas first: the city's kecamatan and kelurahan with official codes."""

from datetime import date
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Area(index.Indexed, models.Model):
    """Kota, kecamatan or kelurahan, keyed by its Ministry of Home Affairs code.

    Loaded and updated by `manage.py load_wilayah`; editable by admins. Never deleted by a
    reload: proposals and members refer to areas, and older sources use other lists.
    """

    class Level(models.TextChoices):
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")

    # How many dot-separated parts a code of each level has (52 . 72 . 01 . 1001).
    CODE_PARTS = {Level.KOTA: 2, Level.KECAMATAN: 3, Level.KELURAHAN: 4}
    PARENT_LEVEL = {Level.KECAMATAN: Level.KOTA, Level.KELURAHAN: Level.KECAMATAN}

    code = models.CharField(_("kode wilayah"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("level"), FieldPanel("parent")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name}"


class ForumGroup(models.Model):
    """A forum anak at one area: Forum Anak Kota Bima, one per kecamatan, one per kelurahan.

    Seeded from the areas by `forum_groups_sync()`; the name and description stay editable.
    """

    area = models.OneToOneField(
        Area, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="forum_group"
    )
    name = models.CharField(_("nama forum"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("is_active")]

    class Meta:
        ordering = ["area__code"]
        verbose_name = _("forum anak")
        verbose_name_plural = _("forum anak")

    def __str__(self) -> str:
        return self.name


class PrivacyNotice(models.Model):
    """One version of the privacy notice shown before sign-up, written for a 13-year-old.

    A member's profile records the version they accepted and a consent record the version the
    guardian agreed to, so a published version is never edited: publish a new one instead.
    """

    version = models.PositiveIntegerField(_("versi"), unique=True)
    title = models.CharField(_("judul"), max_length=150)
    body = models.TextField(
        _("isi"), help_text=_("Kalimat pendek. Baris kosong memisahkan paragraf.")
    )
    published_at = models.DateTimeField(_("berlaku sejak"), default=timezone.now)

    panels = [
        FieldPanel("version"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("published_at"),
    ]

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        verbose_name = _("pemberitahuan privasi")
        verbose_name_plural = _("pemberitahuan privasi")

    def __str__(self) -> str:
        return _("Pemberitahuan privasi versi %s") % self.version

    @classmethod
    def current(cls) -> "PrivacyNotice | None":
        """The newest version already in force."""
        return cls.objects.filter(published_at__lte=timezone.now()).order_by("-version").first()


class MemberProfile(models.Model):
    """A child's membership data. Only what verification needs is asked at sign-up.

    Prints as "Anggota #<id>": no nickname or name reaches audit logs, task arguments,
    search indexes or error reports. The nickname is public only once approved.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Ditangguhkan")

    class Relationship(models.TextChoices):
        MOTHER = "ibu", _("Ibu")
        FATHER = "ayah", _("Ayah")
        GRANDPARENT = "kakek_nenek", _("Kakek atau nenek")
        SIBLING = "kakak", _("Kakak (dewasa)")
        UNCLE_AUNT = "paman_bibi", _("Paman atau bibi")
        GUARDIAN = "wali", _("Wali lain")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.CASCADE,
        related_name="member_profile",
    )
    nickname = models.CharField(_("nama panggilan"), max_length=40)
    nickname_approved = models.BooleanField(_("nama panggilan disetujui"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"))
    birth_month = models.PositiveSmallIntegerField(
        _("bulan lahir"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    kelurahan = models.ForeignKey(
        Area,
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        related_name="member_profiles",
        limit_choices_to={"level": Area.Level.KELURAHAN},
    )
    school = models.CharField(_("sekolah"), max_length=150, blank=True)
    guardian_name = models.CharField(_("nama orang tua atau wali"), max_length=150)
    guardian_relationship = models.CharField(
        _("hubungan"), max_length=20, choices=Relationship.choices
    )
    guardian_phone = models.CharField(_("nomor HP/WhatsApp orang tua atau wali"), max_length=20)
    guardian_knows = models.BooleanField(_("orang tua atau wali sudah tahu"), default=False)
    notice_version = models.PositiveIntegerField(_("versi pemberitahuan privasi yang disetujui"))
    notice_accepted_at = models.DateTimeField(_("pemberitahuan privasi disetujui pada"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_changed_at = models.DateTimeField(_("status berubah pada"), default=timezone.now)
    status_before_suspension = models.CharField(
        _("status sebelum ditangguhkan"), max_length=10, choices=Status.choices, blank=True
    )
    status_reason = models.TextField(
        _("alasan"),
        blank=True,
        help_text=_("Ditunjukkan kepada anak jika ditolak atau ditangguhkan."),
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("mendaftar pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        ordering = ["status_changed_at", "pk"]
        verbose_name = _("profil anggota")
        verbose_name_plural = _("profil anggota")
        permissions = [
            ("verify_member", _("Memverifikasi anggota dan mencatat persetujuan orang tua/wali"))
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return member_label(self.user_id)

    @property
    def label(self) -> str:
        return member_label(self.user_id)

    def age_on(self, day: date) -> int:
        """Age in whole years; a member counts as a year older from the first day of their
        birth month (only year and month are stored)."""
        return day.year - self.birth_year - (1 if day.month < self.birth_month else 0)

    def is_alumni(self, day: date | None = None) -> bool:
        """Alumni from the month they turn the maximum age + 1 (18): they keep the account."""
        return self.age_on(day or timezone.localdate()) > settings.MEMBER_MAX_AGE


def member_label(user_id: int | None) -> str:
    """The opaque label of a member for logs and back-office lists: "Anggota #123"."""
    return f"Anggota #{user_id}" if user_id else "Anggota"


class ForumMembership(models.Model):
    """A member's place in a forum group, with the role a facilitator set."""

    class Role(models.TextChoices):
        MEMBER = "anggota", _("Anggota")
        BOARD = "pengurus", _("Pengurus")
        CHAIR = "ketua", _("Ketua")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_memberships"
    )
    group = models.ForeignKey(ForumGroup, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    since = models.DateTimeField(_("sejak"), default=timezone.now)

    class Meta:
        ordering = ["group__area__code"]
        constraints = [
            models.UniqueConstraint(fields=["member", "group"], name="unique_forum_membership")
        ]
        verbose_name = _("keanggotaan forum")
        verbose_name_plural = _("keanggotaan forum")

    def __str__(self) -> str:
        return f"{member_label(self.member_id)} · {self.group_id}"


class GuardianConsent(models.Model):
    """Proof of a parent's or guardian's consent (UU 27/2022 Ps. 24-25).

    Outlives the account: erasing a member removes the guardian's identity and the link to
    the member, and keeps dates, method, notice version and who recorded it.
    """

    class Method(models.TextChoices):
        SIGNED_FORM = "signed_form", _("Formulir bertanda tangan")
        PHONE_CALL = "phone_call", _("Telepon")
        IN_PERSON = "in_person", _("Bertemu langsung")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guardian_consents",
    )
    member_label = models.CharField(_("anggota"), max_length=30)
    notice_version = models.PositiveIntegerField(_("versi pemberitahuan privasi"))
    guardian_name = models.CharField(_("nama orang tua atau wali"), max_length=150, blank=True)
    guardian_relationship = models.CharField(
        _("hubungan"), max_length=20, choices=MemberProfile.Relationship.choices, blank=True
    )
    method = models.CharField(_("cara persetujuan"), max_length=20, choices=Method.choices)
    evidence_reference = models.CharField(
        _("rujukan bukti"),
        max_length=150,
        help_text=_("Nomor formulir atau catatan rapat. Jangan tulis nama anak."),
    )
    given_at = models.DateField(_("tanggal persetujuan"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_by_label = models.CharField(_("dicatat oleh"), max_length=150)
    recorded_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawal_recorded_by_label = models.CharField(
        _("penarikan dicatat oleh"), max_length=150, blank=True
    )
    identity_erased_at = models.DateTimeField(_("identitas dihapus pada"), null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("persetujuan orang tua/wali")
        verbose_name_plural = _("persetujuan orang tua/wali")

    def __str__(self) -> str:
        return _("Persetujuan #%(pk)s (%(member)s)") % {"pk": self.pk, "member": self.member_label}


class FacilitatorAssignment(models.Model):
    """A facilitator works with the members of the kecamatan they are assigned to."""

    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fasilitator"),
        on_delete=models.CASCADE,
        related_name="facilitator_assignments",
    )
    kecamatan = models.ForeignKey(
        Area,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="facilitator_assignments",
        limit_choices_to={"level": Area.Level.KECAMATAN},
    )

    panels = [FieldPanel("facilitator"), FieldPanel("kecamatan")]

    class Meta:
        ordering = ["kecamatan__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "kecamatan"], name="unique_facilitator_kecamatan"
            )
        ]
        verbose_name = _("penugasan fasilitator")
        verbose_name_plural = _("penugasan fasilitator")

    def __str__(self) -> str:
        return f"{self.facilitator} · {self.kecamatan.name}"


class MemberEvent(models.Model):
    """What happened to a member's account and who did it; feeds "my activity".

    Deleted with the member. Notes are what the child is told (e.g. a rejection reason),
    never a name.
    """

    class Kind(models.TextChoices):
        SIGNED_UP = "signed_up", _("Mendaftar")
        PROFILE_CHANGED = "profile_changed", _("Mengubah profil")
        SENT_BACK = "sent_back", _("Kembali menunggu verifikasi")
        VERIFIED = "verified", _("Diverifikasi")
        NICKNAME_APPROVED = "nickname_approved", _("Nama panggilan disetujui")
        REJECTED = "rejected", _("Pendaftaran ditolak")
        SUSPENDED = "suspended", _("Akun ditangguhkan")
        REINSTATED = "reinstated", _("Akun dipulihkan")
        MEMBERSHIP_CHANGED = "membership_changed", _("Keanggotaan forum diubah")
        RESET_LINK_ISSUED = "reset_link_issued", _("Tautan ganti kata sandi dibuat")
        DATA_EXPORTED = "data_exported", _("Data diunduh")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_label = models.CharField(_("oleh"), max_length=150)
    kind = models.CharField(_("kejadian"), max_length=30, choices=Kind.choices)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"])]
        verbose_name = _("riwayat anggota")
        verbose_name_plural = _("riwayat anggota")

    def __str__(self) -> str:
        return f"{member_label(self.member_id)} · {self.kind}"


# --- Musrenbang cycles and proposals (usulan) ---------------------------------------------------


class MusrenbangCycle(models.Model):
    """One year's musrenbang: proposals, codes and every "this year" count belong to it."""

    year = models.PositiveSmallIntegerField(_("tahun musrenbang"), unique=True)
    rkpd_year = models.PositiveSmallIntegerField(_("tahun RKPD"))
    submission_opens = models.DateField(_("usulan dibuka"))
    submission_closes = models.DateField(_("usulan ditutup"))
    # The last proposal number given in this cycle; raised atomically at each first submit.
    last_number = models.PositiveIntegerField(_("nomor terakhir"), default=0, editable=False)

    panels = [
        FieldPanel("year"),
        FieldPanel("rkpd_year"),
        FieldPanel("submission_opens"),
        FieldPanel("submission_closes"),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("siklus musrenbang")
        verbose_name_plural = _("siklus musrenbang")

    def __str__(self) -> str:
        return _("Musrenbang %(year)s (RKPD %(rkpd)s)") % {
            "year": self.year,
            "rkpd": self.rkpd_year,
        }

    def clean(self):
        if (
            self.submission_opens
            and self.submission_closes
            and self.submission_closes < self.submission_opens
        ):
            raise ValidationError(
                {"submission_closes": _("Tanggal tutup harus sesudah tanggal buka.")}
            )

    def is_open(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.submission_opens <= day <= self.submission_closes

    @classmethod
    def current(cls) -> "MusrenbangCycle | None":
        """The cycle whose window includes today, else the newest one."""
        today = timezone.localdate()
        return (
            cls.objects.filter(submission_opens__lte=today, submission_closes__gte=today).first()
            or cls.objects.first()
        )


class Cluster(models.TextChoices):
    """The five KLA clusters of children's rights, plus kelembagaan. A child may not know:
    staff set the final cluster before approval."""

    CIVIL = "hak_sipil", _("Hak sipil dan kebebasan")
    FAMILY = "keluarga", _("Lingkungan keluarga dan pengasuhan alternatif")
    HEALTH = "kesehatan", _("Kesehatan dasar dan kesejahteraan")
    EDUCATION = "pendidikan", _("Pendidikan, waktu luang, dan budaya")
    PROTECTION = "perlindungan", _("Perlindungan khusus")
    INSTITUTIONS = "kelembagaan", _("Kelembagaan")


class Urusan(models.Model):
    """Bidang/urusan pemerintahan, with its official code: an editable list, set by staff."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    is_active = models.BooleanField(_("dipakai"), default=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("is_active")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("bidang/urusan")
        verbose_name_plural = _("bidang/urusan")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Opd(models.Model):
    """A city agency (organisasi perangkat daerah) a proposal can be addressed to."""

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=50, blank=True)
    is_active = models.BooleanField(_("dipakai"), default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self) -> str:
        return self.short_name or self.name


class ProposalQuerySet(models.QuerySet):
    def under_concern(self) -> "ProposalQuerySet":
        """Proposals a safeguarding concern hides (open or referred): the proposal itself
        is the concern's source (or the help request is about it), or the proposer's
        profile is."""
        return self.filter(_concern_hides_proposal())

    def not_under_concern(self) -> "ProposalQuerySet":
        return self.exclude(_concern_hides_proposal())

    def public(self) -> "ProposalQuerySet":
        """What the board, API, sitemap, search and counts may ever show: approved and
        later, not hidden, no open or referred concern."""
        return self.filter(
            state__in=Proposal.PUBLIC_STATES, hidden_from_public=False
        ).not_under_concern()


def _concern_hides_proposal() -> models.Q:
    active = SafeguardingConcern.ACTIVE_STATUSES
    on_proposal = SafeguardingConcern.objects.filter(
        proposal=models.OuterRef("pk"), status__in=active
    ).exclude(source=SafeguardingConcern.Source.PHOTO)
    on_profile = SafeguardingConcern.objects.filter(
        member=models.OuterRef("proposer"),
        member__isnull=False,
        source=SafeguardingConcern.Source.PROFILE,
        status__in=active,
    )
    return models.Q(models.Exists(on_proposal)) | models.Q(models.Exists(on_profile))


class PlanningLayer(models.Model):
    """The part of the planning layer (never asked of the child) that is the same on a
    proposal and on a bundle: volume with its unit, and a cost estimate. Bidang/urusan and
    the OPD stay on each model: their reverse names differ."""

    volume = models.DecimalField(
        _("volume"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    cost_estimate = models.PositiveBigIntegerField(_("perkiraan biaya (Rp)"), null=True, blank=True)

    class Meta:
        abstract = True


class Proposal(PlanningLayer):
    """An usulan: the child's original text (private, revisions kept) and the moderator's
    public version, which is all the board, API and exports ever read.

    Prints as its code (or "Draf #id"): never the title or the proposer.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Terkirim")
        IN_REVIEW = "in_review", _("Sedang diperiksa")
        REVISION_REQUESTED = "revision_requested", _("Perlu diperbaiki")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        WITHDRAWN = "withdrawn", _("Ditarik")
        # From here on the state belongs to the proposal's bundle (DESIGN.md lifecycle).
        FORWARDED = "forwarded", _("Diteruskan ke musrenbang")
        PRIORITISED = "prioritised", _("Diprioritaskan")
        ADOPTED = "adopted", _("Diakomodasi")
        PARTLY_ADOPTED = "partly_adopted", _("Diakomodasi sebagian")
        NOT_ADOPTED = "not_adopted", _("Tidak diakomodasi")
        FUNDED = "funded", _("Didanai")
        IMPLEMENTED = "implemented", _("Sudah dikerjakan")

    # The states a bundle moves through (approved and every musrenbang state).
    BUNDLE_STATES = (
        State.APPROVED,
        State.FORWARDED,
        State.PRIORITISED,
        State.ADOPTED,
        State.PARTLY_ADOPTED,
        State.NOT_ADOPTED,
        State.FUNDED,
        State.IMPLEMENTED,
    )
    # States the public may see: approved and every later one.
    PUBLIC_STATES = BUNDLE_STATES
    # Counted as "diteruskan" (reached a musrenbang) and "diakomodasi" (taken into the plan).
    FORWARDED_STATES = BUNDLE_STATES[1:]
    ADOPTED_STATES = (State.ADOPTED, State.PARTLY_ADOPTED, State.FUNDED, State.IMPLEMENTED)

    cycle = models.ForeignKey(
        MusrenbangCycle,
        verbose_name=_("siklus"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    code = models.CharField(_("kode"), max_length=20, unique=True, null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    hidden_from_public = models.BooleanField(_("disembunyikan dari publik"), default=False)
    # Who proposes: a member, or a forum group (gathered on paper by a facilitator, or a
    # member writing for their group). Null proposer after the member erased their account.
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    group = models.ForeignKey(
        ForumGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dimasukkan oleh"),
    )
    # Where the proposer lived, kept when the account is erased ("mantan anggota ...").
    proposer_kelurahan = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("kelurahan pengusul")
    )
    # The child's text (private).
    title = models.CharField(_("judul"), max_length=120)
    problem = models.TextField(_("masalah yang kamu lihat"))
    proposed_action = models.TextField(_("apa yang sebaiknya dilakukan"))
    beneficiaries = models.TextField(_("siapa yang terbantu"), blank=True)
    kelurahan = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("kelurahan")
    )
    landmark = models.CharField(_("patokan tempat"), max_length=150, blank=True)
    cluster_suggested = models.CharField(
        _("klaster menurut anak"), max_length=20, choices=Cluster.choices, blank=True
    )
    # The moderator's public version, written at approval.
    cluster = models.CharField(_("klaster"), max_length=20, choices=Cluster.choices, blank=True)
    public_title = models.CharField(_("judul publik"), max_length=120, blank=True)
    public_problem = models.TextField(_("masalah (versi publik)"), blank=True)
    public_activity = models.TextField(_("usulan kegiatan (versi publik)"), blank=True)
    # The staff layer, never asked of the child (volume, unit, cost: PlanningLayer).
    urusan = models.ForeignKey(
        Urusan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("bidang/urusan"),
    )
    opd = models.ForeignKey(
        Opd,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("OPD tujuan"),
    )
    # From approval on, the proposal moves with its bundle (a bundle of one unless merged).
    bundle = models.ForeignKey(
        "Bundle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("gabungan usulan"),
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    submitted_at = models.DateTimeField(_("pertama dikirim"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["cycle", "state"])]
        permissions = [("moderate_proposal", _("Memeriksa, menyetujui, dan menolak usulan anak"))]
        verbose_name = _("usulan")
        verbose_name_plural = _("usulan")

    def __str__(self) -> str:
        return self.code or f"Draf #{self.pk}"


class ProposalRevision(models.Model):
    """The child's text as sent at each submit and resubmit, so staff see what changed."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    title = models.CharField(max_length=120)
    problem = models.TextField()
    proposed_action = models.TextField()
    beneficiaries = models.TextField(blank=True)
    landmark = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} r{self.number}"


class TimelineEvent(models.Model):
    """One step in a proposal's life: who moved it from which state to which, and three
    texts — an internal note (staff), a message to the proposer (private) and a public note
    (shown on the board only once the proposal is public)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="timeline")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("oleh"), max_length=150)
    action = models.CharField(_("tindakan"), max_length=30)
    from_state = models.CharField(max_length=20, choices=Proposal.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Proposal.State.choices, blank=True)
    internal_note = models.TextField(_("catatan internal"), blank=True)
    message_to_proposer = models.TextField(_("pesan untuk pengusul"), blank=True)
    public_note = models.TextField(_("catatan publik"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["proposal", "-created_at"])]
        verbose_name = _("riwayat usulan")
        verbose_name_plural = _("riwayat usulan")

    def __str__(self) -> str:
        return f"{self.proposal} · {self.action}"


class Notification(models.Model):
    """A message to one person about one event, written in the same transaction as the
    change. In-site always; e-mail only to a verified address, sent after commit and retried
    by `send_pending_notifications`. Subjects stay neutral (shared phones)."""

    class EmailStatus(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Tidak dikirim lewat email")
        PENDING = "pending", _("Menunggu")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30)
    subject = models.CharField(max_length=150)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=12, choices=EmailStatus.choices, default=EmailStatus.NOT_NEEDED
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_status"]),
        ]

    def __str__(self) -> str:
        return f"Notifikasi #{self.pk}"


def private_storage():
    """Where a child's uploads live: outside MEDIA_ROOT, never served by URL. Views stream
    a file only after checking who asks (callable, so tests can point it elsewhere)."""

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def _photo_path(instance, filename: str) -> str:
    # Random name: the child's file name may hold a name or a place.

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"usulan/{timezone.now():%Y/%m}/{uuid4().hex}.{extension}"


class ProposalPhoto(models.Model):
    """The optional photo of a proposal: sanitised (no EXIF/GPS) before it is stored,
    kept in private storage, public only once a moderator marks it safe."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="photo")
    file = models.FileField(storage=private_storage, upload_to=_photo_path, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    safe_for_public = models.BooleanField(_("aman untuk publik"), default=False)
    marked_safe_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_safe_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("foto usulan")
        verbose_name_plural = _("foto usulan")

    def __str__(self) -> str:
        return f"Foto {self.proposal}"


class CoProposer(models.Model):
    """A member of the proposing forum group who joins a group proposal. Invited by the
    writer; listed as a co-proposer only after they confirm."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_proposers")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_proposals"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="unique_co_proposer")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} · {member_label(self.member_id)}"


class ProposalReport(models.Model):
    """A "Laporkan" from the public board, for the moderators' queue. Anonymous: no IP,
    no account."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("Ada data pribadi (nama, alamat, sekolah, wajah)")
        INAPPROPRIATE = "inappropriate", _("Isinya tidak pantas")
        WRONG = "wrong", _("Informasinya salah")
        OTHER = "other", _("Lainnya")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("keterangan"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_note = models.TextField(_("tindak lanjut"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("laporan usulan")
        verbose_name_plural = _("laporan usulan")

    def __str__(self) -> str:
        return f"Laporan #{self.pk} · {self.proposal}"


# --- Musrenbang: sessions, bundles, forwarding, outcomes ---------------------------------------


class MusrenbangSession(models.Model):
    """One musrenbang deliberation of a cycle: a level, the area it covers, when and where.

    planned -> held -> closed. Outcomes are recorded once it has been held; a closed session
    takes no more forwarding or outcomes."""

    class Level(models.IntegerChoices):
        # Ordered: a bundle prioritised at one level goes on to a higher one.
        KELURAHAN = 1, _("Kelurahan")
        KECAMATAN = 2, _("Kecamatan")
        TEMATIK_ANAK = 3, _("Tematik anak")
        KOTA = 4, _("Kota")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        HELD = "held", _("Sudah berlangsung")
        CLOSED = "closed", _("Ditutup")

    # The kind of area each level's session covers (tematik anak and kota: the whole city).
    AREA_LEVEL = {
        Level.KELURAHAN: Area.Level.KELURAHAN,
        Level.KECAMATAN: Area.Level.KECAMATAN,
        Level.TEMATIK_ANAK: Area.Level.KOTA,
        Level.KOTA: Area.Level.KOTA,
    }

    cycle = models.ForeignKey(
        MusrenbangCycle, verbose_name=_("siklus"), on_delete=models.PROTECT, related_name="sessions"
    )
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    area = models.ForeignKey(
        Area, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("cycle"),
        FieldPanel("level"),
        FieldPanel("area"),
        FieldPanel("date"),
        FieldPanel("place"),
    ]

    class Meta:
        ordering = ["date", "level", "pk"]
        indexes = [models.Index(fields=["cycle", "date"])]
        permissions = [
            (
                "coordinate_musrenbang",
                _("Mengatur musrenbang: sesi, gabungan usulan, penerusan, hasil, ekspor"),
            )
        ]
        verbose_name = _("sesi musrenbang")
        verbose_name_plural = _("sesi musrenbang")

    def __str__(self) -> str:
        if not self.area_id:
            return gettext("Sesi musrenbang baru")
        return f"{self.title}, {self.date:%d-%m-%Y}" if self.date else self.title

    @property
    def title(self) -> str:
        """ "Musrenbang Kelurahan Paruga", "Musrenbang Tematik Anak Kota Bima"."""
        if self.level == self.Level.KOTA:
            # The area is the city itself: "Musrenbang Kota Bima", not "Kota Kota Bima".
            return _("Musrenbang %(area)s") % {"area": self.area.name}
        return _("Musrenbang %(level)s %(area)s") % {
            "level": self.get_level_display(),
            "area": self.area.name,
        }

    def clean(self):
        if self.pk and self.forwardings.exists():
            before = type(self).objects.filter(pk=self.pk).values("cycle_id", "level").first()
            if before and (before["cycle_id"], before["level"]) != (self.cycle_id, self.level):
                raise ValidationError(
                    _(
                        "Sudah ada usulan yang diteruskan ke sesi ini: siklus dan tingkatnya "
                        "tidak bisa diubah lagi."
                    )
                )
        wanted = self.AREA_LEVEL.get(self.level)
        if wanted and self.area_id and self.area.level != wanted:
            raise ValidationError(
                {
                    "area": _("Musrenbang tingkat ini memerlukan wilayah %(level)s.")
                    % {"level": Area.Level(wanted).label}
                }
            )


def _implementation_photo_path(instance, filename: str) -> str:

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"pelaksanaan/{timezone.now():%Y/%m}/{uuid4().hex}.{extension}"


class Bundle(PlanningLayer):
    """Approved proposals that go to the musrenbang together ("gabungan usulan"): a bundle
    of one unless a koordinator merges near-identical ones. It has its own public version
    and planning layer; forwarding, outcomes, plan references, funding and implementation
    attach to it, and its state is copied onto each of its proposals."""

    cycle = models.ForeignKey(
        MusrenbangCycle, verbose_name=_("siklus"), on_delete=models.PROTECT, related_name="bundles"
    )
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=[(s.value, s.label) for s in Proposal.BUNDLE_STATES],
        default=Proposal.State.APPROVED,
        db_index=True,
    )
    # The public version (same shape as a proposal's): all the board, API and exports read.
    public_title = models.CharField(_("judul publik"), max_length=120)
    public_problem = models.TextField(_("masalah (versi publik)"))
    public_activity = models.TextField(_("usulan kegiatan (versi publik)"))
    cluster = models.CharField(_("klaster"), max_length=20, choices=Cluster.choices)
    # The planning layer (volume, unit, cost: PlanningLayer).
    urusan = models.ForeignKey(
        Urusan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundles",
        verbose_name=_("bidang/urusan"),
    )
    opd = models.ForeignKey(
        Opd,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundles",
        verbose_name=_("OPD tujuan"),
    )
    # After adoption: where it sits in the plan, its funding and its implementation.
    rkpd_reference = models.CharField(_("rujukan Renja/RKPD"), max_length=150, blank=True)
    sipd_reference = models.CharField(_("rujukan SIPD"), max_length=150, blank=True)
    apbd_year = models.PositiveSmallIntegerField(_("tahun APBD"), null=True, blank=True)
    funded_amount = models.PositiveBigIntegerField(_("dana APBD (Rp)"), null=True, blank=True)
    implemented_on = models.DateField(_("tanggal dikerjakan"), null=True, blank=True)
    implementation_note = models.TextField(_("catatan pelaksanaan"), blank=True)
    # Sanitised (no EXIF/GPS), checked by staff to show no child's face before upload.
    implementation_photo = models.FileField(
        storage=private_storage,
        upload_to=_implementation_photo_path,
        max_length=200,
        blank=True,
    )
    implementation_photo_width = models.PositiveIntegerField(null=True, blank=True)
    implementation_photo_height = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["cycle", "state"])]
        verbose_name = _("gabungan usulan")
        verbose_name_plural = _("gabungan usulan")

    def __str__(self) -> str:
        return _("Gabungan #%s") % self.pk


class Forwarding(models.Model):
    """A bundle taken to one musrenbang session, its rank there and the outcome."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Belum dicatat")
        PRIORITISED = "prioritised", _("Diprioritaskan")
        ADOPTED = "adopted", _("Diakomodasi")
        PARTLY_ADOPTED = "partly_adopted", _("Diakomodasi sebagian")
        NOT_ADOPTED = "not_adopted", _("Tidak diakomodasi")

    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="forwardings")
    session = models.ForeignKey(
        MusrenbangSession, on_delete=models.PROTECT, related_name="forwardings"
    )
    rank = models.PositiveSmallIntegerField(_("peringkat"), null=True, blank=True)
    outcome = models.CharField(
        _("hasil"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    adopted_volume = models.DecimalField(
        _("volume yang diakomodasi"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    adopted_cost = models.PositiveBigIntegerField(
        _("biaya yang diakomodasi (Rp)"), null=True, blank=True
    )
    # Why not adopted, written for the child (they read it in their timeline).
    reason = models.TextField(_("alasan untuk anak"), blank=True)
    internal_note = models.TextField(_("catatan internal"), blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    forwarded_at = models.DateTimeField(default=timezone.now)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["forwarded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "session"], name="unique_forwarding"),
            models.UniqueConstraint(
                fields=["session", "rank"],
                condition=models.Q(rank__isnull=False),
                name="unique_rank_in_session",
            ),
        ]
        verbose_name = _("penerusan usulan")
        verbose_name_plural = _("penerusan usulan")

    def __str__(self) -> str:
        return f"{self.bundle} · sesi #{self.session_id}"


class ExportLog(models.Model):
    """Every read of an export or a session recap: who, when, which filter, how many rows."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        RECAP = "recap", _("Berita acara")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=150)
    format = models.CharField(max_length=10, choices=Format.choices)
    session = models.ForeignKey(
        MusrenbangSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The filter as a query string ("state=adopted&kecamatan=52.72.01"), empty for none.
    filters = models.TextField(blank=True)
    rows = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("catatan ekspor")
        verbose_name_plural = _("catatan ekspor")

    def __str__(self) -> str:
        return f"{self.user_label} · {self.format} · {self.at:%Y-%m-%d %H:%M}"


# --- Safeguarding -------------------------------------------------------------------------------


class SafeguardingConcern(models.Model):
    """A worry about a child's safety, read only by the petugas perlindungan.

    While open or referred it hides its source from every public and forum view; only
    "closed, no concern" brings the source back. Raising one sends no e-mail and tells no
    co-proposer. Every read is logged (ConcernAccess).
    """

    class Source(models.TextChoices):
        PROPOSAL = "proposal", _("Usulan")
        PROFILE = "profile", _("Profil anggota")
        PHOTO = "photo", _("Foto")
        MESSAGE = "message", _("Pesan")
        HELP = "help", _("Anak minta bicara dengan petugas")

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        REFERRED = "referred", _("Dirujuk")
        CLOSED = "closed", _("Ditutup, tidak ada masalah")

    ACTIVE_STATUSES = (Status.OPEN, Status.REFERRED)

    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    photo = models.ForeignKey(
        ProposalPhoto, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    # The child the concern is about (the proposer, the profile's owner, the one asking).
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safeguarding_concerns",
    )
    # Opaque labels kept if the rows above go ("FA-2027-0003", "Anggota #12").
    source_label = models.CharField(_("sumber"), max_length=60)
    member_label = models.CharField(_("anak"), max_length=60, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by_label = models.CharField(_("dilaporkan oleh"), max_length=150)
    raised_by_child = models.BooleanField(_("diminta anak sendiri"), default=False)
    description = models.TextField(_("apa yang dilihat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    # The referral (UPTD PPA / SAPA 129): to whom, who there, when, what was done.
    referred_to = models.ForeignKey(
        "portal.Hotline",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dirujuk ke"),
    )
    referral_contact = models.CharField(_("diterima oleh"), max_length=150, blank=True)
    referred_at = models.DateTimeField(_("waktu rujukan"), null=True, blank=True)
    referral_action = models.TextField(_("yang sudah dilakukan"), blank=True)
    closing_note = models.TextField(_("catatan penutupan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [
            (
                "handle_concern",
                _("Membaca laporan perlindungan anak dan mencatat rujukan"),
            )
        ]
        verbose_name = _("laporan perlindungan")
        verbose_name_plural = _("laporan perlindungan")

    def __str__(self) -> str:
        return f"Laporan perlindungan #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class ConcernAccess(models.Model):
    """Who read or changed a concern, and when. Never deleted with the concern's source."""

    class Action(models.TextChoices):
        LIST = "list", _("Melihat daftar")
        READ = "read", _("Membaca")
        REFER = "refer", _("Mencatat rujukan")
        CLOSE = "close", _("Menutup")

    concern = models.ForeignKey(
        SafeguardingConcern, null=True, on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("akses laporan perlindungan")
        verbose_name_plural = _("akses laporan perlindungan")

    def __str__(self) -> str:
        return f"{self.user_label} · {self.action}"
