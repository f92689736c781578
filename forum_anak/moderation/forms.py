"""Forms of the moderation back office (/admin/usulan/).

They only collect input: the rules (role, state, empty texts) live in the services, whose
ActionError the views turn into an error message.
"""

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum_anak.models import Area, Cluster, MusrenbangCycle, Opd, Proposal, Urusan
from forum_anak.moderation.selectors import WAITING_STATES, paper_groups, paper_kelurahan

State = Proposal.State
WAITING = "waiting"
ALL = "all"

_NO_NAMES = _(
    "Hapus nama orang, nama sekolah, alamat rumah, dan nomor telepon. Versi ini yang "
    "tampil di papan usulan publik."
)


class QueueFilterForm(forms.Form):
    """The queue's filters (GET). Empty means "any"; the state defaults to waiting."""

    q = forms.CharField(label=_("Cari kode atau judul"), required=False, max_length=100)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (WAITING, _("Menunggu (terkirim + sedang diperiksa)")),
            *[(value, label) for value, label in State.choices if value != State.DRAFT],
            (ALL, _("Semua status")),
        ],
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        required=False,
        queryset=Area.objects.filter(level=Area.Level.KECAMATAN).order_by("name"),
        empty_label=_("Semua kecamatan"),
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"),
        required=False,
        queryset=Area.objects.filter(level=Area.Level.KELURAHAN).order_by("name"),
        empty_label=_("Semua kelurahan"),
    )
    cluster = forms.ChoiceField(
        label=_("Klaster (saran anak atau final)"),
        required=False,
        choices=[("", _("Semua klaster")), *Cluster.choices],
    )
    cycle = forms.ModelChoiceField(
        label=_("Siklus"),
        required=False,
        queryset=MusrenbangCycle.objects.all(),
        empty_label=_("Semua siklus"),
    )
    waiting = forms.ChoiceField(
        label=_("Lama menunggu"),
        required=False,
        choices=[
            ("", _("Berapa pun")),
            ("7", _("Lebih dari 7 hari")),
            ("14", _("Lebih dari 14 hari")),
            ("30", _("Lebih dari 30 hari")),
        ],
    )

    def filter(self, queryset):
        """The queryset narrowed by every valid filter (invalid input is ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        state = data.get("state") or WAITING
        if state == WAITING:
            queryset = queryset.filter(state__in=WAITING_STATES)
        elif state != ALL:
            queryset = queryset.filter(state=state)
        if data.get("kecamatan"):
            queryset = queryset.filter(kelurahan__parent=data["kecamatan"])
        if data.get("kelurahan"):
            queryset = queryset.filter(kelurahan=data["kelurahan"])
        if data.get("cluster"):
            queryset = queryset.filter(
                Q(cluster=data["cluster"]) | Q(cluster_suggested=data["cluster"])
            )
        if data.get("cycle"):
            queryset = queryset.filter(cycle=data["cycle"])
        if data.get("waiting"):
            since = timezone.now() - timedelta(days=int(data["waiting"]))
            queryset = queryset.filter(submitted_at__lt=since)
        q = (data.get("q") or "").strip()
        if q:
            queryset = queryset.filter(Q(code__icontains=q) | Q(title__icontains=q))
        return queryset


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Tindakan untuk yang dipilih"),
        choices=[
            ("start_review", _("Mulai periksa")),
            ("approve", _("Setujui (dengan versi publik yang sudah disimpan)")),
        ],
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id: the view looks them up and 404s on unknown ones.
        self.fields["ids"].choices = [
            (value, value) for value in self.data.getlist("ids") if str(value).isdigit()
        ]
        self.fields["ids"].error_messages["required"] = _("Pilih paling sedikit satu usulan.")


class NoteForm(forms.Form):
    """Actions whose only input is an optional internal note."""

    internal_note = forms.CharField(
        label=_("Catatan internal (tidak dibaca anak)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevisionForm(NoteForm):
    message = forms.CharField(
        label=_("Apa yang perlu diperbaiki (dibaca anak)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tulis dengan kata-kata sederhana dan ramah, untuk anak umur 13 tahun."),
    )
    field_order = ["message", "internal_note"]


class RejectForm(NoteForm):
    reason = forms.CharField(
        label=_("Alasan untuk anak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anak akan membaca alasan ini. Pakai kata-kata yang sederhana dan ramah."),
    )
    field_order = ["reason", "internal_note"]


class PublicVersionForm(forms.Form):
    """The public version: prefilled from the child's text, to be cleaned before saving."""

    public_title = forms.CharField(label=_("Judul publik"), max_length=120, help_text=_NO_NAMES)
    public_problem = forms.CharField(
        label=_("Masalah (versi publik)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    public_activity = forms.CharField(
        label=_("Usulan kegiatan (versi publik)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    cluster = forms.ChoiceField(
        label=_("Klaster"), choices=[("", _("Pilih klaster")), *Cluster.choices]
    )

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        """A saved public version if there is one, else the child's own text."""
        return {
            "public_title": proposal.public_title or proposal.title,
            "public_problem": proposal.public_problem or proposal.problem,
            "public_activity": proposal.public_activity or proposal.proposed_action,
            "cluster": proposal.cluster or proposal.cluster_suggested,
        }


class ApproveForm(PublicVersionForm):
    message = forms.CharField(
        label=_("Pesan untuk anak (tidak wajib)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    public_note = forms.CharField(
        label=_("Catatan publik (tidak wajib)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Tampil di papan usulan di bawah usulan ini."),
    )
    internal_note = forms.CharField(
        label=_("Catatan internal (tidak dibaca anak)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HideForm(NoteForm):
    hidden = forms.TypedChoiceField(
        coerce=lambda value: value == "1",
        choices=[("1", _("Sembunyikan")), ("0", _("Tampilkan lagi"))],
        widget=forms.HiddenInput,
    )


class ReportHandleForm(forms.Form):
    note = forms.CharField(
        label=_("Tindak lanjut"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StaffLayerForm(forms.Form):
    """The planning layer, never asked of the child."""

    urusan = forms.ModelChoiceField(
        label=_("Bidang/urusan"),
        required=False,
        queryset=Urusan.objects.filter(is_active=True),
        empty_label=_("Belum ditentukan"),
    )
    opd = forms.ModelChoiceField(
        label=_("OPD tujuan"),
        required=False,
        queryset=Opd.objects.filter(is_active=True),
        empty_label=_("Belum ditentukan"),
    )
    volume = forms.DecimalField(
        label=_("Volume"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    unit = forms.CharField(label=_("Satuan"), required=False, max_length=40)
    cost_estimate = forms.IntegerField(
        label=_("Perkiraan biaya (Rp)"), required=False, min_value=0, max_value=10**15
    )
    internal_note = forms.CharField(
        label=_("Catatan internal"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def initial_for(cls, proposal: Proposal) -> dict:
        return {
            "urusan": proposal.urusan_id,
            "opd": proposal.opd_id,
            "volume": proposal.volume,
            "unit": proposal.unit,
            "cost_estimate": proposal.cost_estimate,
        }


class PaperEntryForm(forms.Form):
    """A proposal gathered on paper, typed in by the group's facilitator."""

    group = forms.ModelChoiceField(
        label=_("Forum anak yang mengusulkan"), queryset=None, empty_label=_("Pilih forum")
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan tempat masalahnya"), queryset=None, empty_label=_("Pilih kelurahan")
    )
    title = forms.CharField(label=_("Judul"), max_length=120)
    problem = forms.CharField(
        label=_("Masalah yang dilihat anak"), widget=forms.Textarea(attrs={"rows": 4})
    )
    proposed_action = forms.CharField(
        label=_("Apa yang sebaiknya dilakukan"), widget=forms.Textarea(attrs={"rows": 4})
    )
    beneficiaries = forms.CharField(
        label=_("Siapa yang terbantu"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    landmark = forms.CharField(
        label=_("Patokan tempat"),
        required=False,
        max_length=150,
        help_text=_("Misalnya: dekat masjid atau sekolah. Jangan tulis alamat rumah."),
    )
    cluster_suggested = forms.ChoiceField(
        label=_("Klaster menurut anak"),
        required=False,
        choices=[("", _("Belum tahu")), *Cluster.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = paper_groups(user=user)
        self.fields["kelurahan"].queryset = paper_kelurahan(user=user)
