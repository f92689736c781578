"""Forms of the musrenbang back office (koordinator): filters, merge, forward, outcomes."""

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from forum_anak.models import (
    Area,
    Bundle,
    Cluster,
    Forwarding,
    MusrenbangCycle,
    MusrenbangSession,
    Proposal,
)
from forum_anak.moderation.forms import PublicVersionForm, StaffLayerForm
from forum_anak.proposals.forms import photo_upload_clean

UNKNOWN_CHOICE = _("Pilihan ini tidak ada di daftar.")


class BundleFilterForm(forms.Form):
    """GET filters of the bundle list and of the exports (same names, same meaning)."""

    siklus = forms.ModelChoiceField(
        label=_("Siklus"),
        queryset=MusrenbangCycle.objects.all(),
        required=False,
        empty_label=_("Siklus berjalan"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    klaster = forms.ChoiceField(label=_("Klaster"), required=False)
    sesi = forms.ModelChoiceField(
        label=_("Sesi musrenbang"),
        queryset=MusrenbangSession.objects.none(),
        required=False,
        empty_label=_("Semua"),
    )
    q = forms.CharField(label=_("Judul atau kode"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["status"].choices = everything + [
            (s.value, s.label) for s in Proposal.BUNDLE_STATES
        ]
        areas = Area.objects.filter(
            level__in=[Area.Level.KECAMATAN, Area.Level.KELURAHAN]
        ).order_by("code")
        self.fields["kecamatan"].choices = everything + [
            (a.code, a.name) for a in areas if a.level == Area.Level.KECAMATAN
        ]
        self.fields["kelurahan"].choices = everything + [
            (a.code, a.name) for a in areas if a.level == Area.Level.KELURAHAN
        ]
        self.fields["klaster"].choices = everything + list(Cluster.choices)
        self.fields["sesi"].queryset = MusrenbangSession.objects.select_related("area")
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = UNKNOWN_CHOICE

    def filters(self) -> dict:
        """The valid filters; the cycle defaults to the current one."""
        self.is_valid()
        cleaned = {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }
        cleaned.setdefault("siklus", MusrenbangCycle.current())
        return cleaned


def _note_field():
    return forms.CharField(
        label=_("Catatan internal (tidak dibaca anak)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BundleForm(PublicVersionForm, StaffLayerForm):
    """A bundle's public version and planning layer (editing a bundle, merging bundles)."""

    field_order = [
        "public_title",
        "public_problem",
        "public_activity",
        "cluster",
        "urusan",
        "opd",
        "volume",
        "unit",
        "cost_estimate",
        "internal_note",
    ]

    @classmethod
    def initial_for(cls, bundle: Bundle) -> dict:
        return {
            "public_title": bundle.public_title,
            "public_problem": bundle.public_problem,
            "public_activity": bundle.public_activity,
            "cluster": bundle.cluster,
            "urusan": bundle.urusan_id,
            "opd": bundle.opd_id,
            "volume": bundle.volume,
            "unit": bundle.unit,
            "cost_estimate": bundle.cost_estimate,
        }


def forward_sessions(bundle: Bundle | None = None, *, cycle: MusrenbangCycle | None = None):
    """Sessions a bundle may go to: its cycle's, not closed, above any level it reached."""

    sessions = MusrenbangSession.objects.exclude(
        status=MusrenbangSession.Status.CLOSED
    ).select_related("area")
    if bundle is not None:
        sessions = sessions.filter(cycle_id=bundle.cycle_id)
        reached = bundle.forwardings.aggregate(level=Max("session__level"))["level"]
        if reached is not None:
            sessions = sessions.filter(level__gt=reached)
    elif cycle is not None:
        sessions = sessions.filter(cycle=cycle)
    return sessions.order_by("level", "date", "pk")


class ForwardForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Teruskan ke sesi musrenbang"),
        queryset=MusrenbangSession.objects.none(),
        empty_label=_("Pilih sesi"),
    )
    internal_note = _note_field()

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions
        self.fields["session"].error_messages["invalid_choice"] = _(
            "Sesi ini tidak bisa dipilih (sudah ditutup atau tingkatnya tidak lebih tinggi)."
        )


class BundleBulkForm(forms.Form):
    """The bundle list's bulk actions: forward the ticked bundles to one session, or merge
    them (the merge page asks for the merged public version)."""

    action = forms.ChoiceField(
        label=_("Tindakan untuk yang dipilih"),
        choices=[("forward", _("Teruskan ke sesi")), ("merge", _("Gabungkan"))],
    )
    session = forms.ModelChoiceField(
        label=_("Sesi (untuk diteruskan)"),
        queryset=MusrenbangSession.objects.none(),
        required=False,
        empty_label=_("Pilih sesi"),
    )
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=True)

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            sessions if sessions is not None else forward_sessions(cycle=MusrenbangCycle.current())
        )
        self.fields["ids"].choices = [
            (value, value)
            for value in (self.data.getlist("ids") if self.data else [])
            if str(value).isdigit() and len(str(value)) < 19
        ]
        self.fields["ids"].error_messages["required"] = _("Pilih paling sedikit satu usulan.")
        for field in self.fields.values():
            field.error_messages.setdefault("invalid_choice", UNKNOWN_CHOICE)

    def clean(self):
        data = super().clean()
        if data.get("action") == "forward" and not data.get("session"):
            self.add_error("session", _("Pilih sesi tujuan."))
        if data.get("action") == "merge" and len(data.get("ids") or []) < 2:
            self.add_error("ids", _("Pilih sedikitnya dua usulan untuk digabung."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil musrenbang"),
        choices=Forwarding.Outcome.choices[1:],
        widget=forms.RadioSelect,
    )
    rank = forms.IntegerField(
        label=_("Peringkat di sesi ini"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_("Wajib untuk 'diprioritaskan'. 1 = paling penting."),
    )
    adopted_volume = forms.DecimalField(
        label=_("Volume yang diakomodasi"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Untuk 'diakomodasi sebagian'."),
    )
    adopted_cost = forms.IntegerField(
        label=_("Biaya yang diakomodasi (Rp)"),
        required=False,
        min_value=0,
        max_value=10**15,
        help_text=_("Untuk 'diakomodasi sebagian'."),
    )
    reason = forms.CharField(
        label=_("Alasan untuk anak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Wajib untuk 'tidak diakomodasi'. Anak akan membaca alasan ini: pakai kata-kata "
            "sederhana dan ramah."
        ),
    )
    internal_note = _note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["invalid_choice"] = UNKNOWN_CHOICE


class ReferencesForm(forms.Form):
    rkpd_reference = forms.CharField(label=_("Rujukan Renja/RKPD"), required=False, max_length=150)
    sipd_reference = forms.CharField(label=_("Rujukan SIPD"), required=False, max_length=150)
    internal_note = _note_field()


class FundForm(forms.Form):
    apbd_year = forms.IntegerField(label=_("Tahun APBD"), min_value=2000, max_value=2100)
    amount = forms.IntegerField(label=_("Dana APBD (Rp)"), min_value=1, max_value=10**15)
    internal_note = _note_field()


class ImplementForm(forms.Form):
    implemented_on = forms.DateField(
        label=_("Tanggal dikerjakan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Catatan untuk semua orang"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di papan usulan. Tanpa nama anak."),
    )
    photo = forms.ImageField(
        label=_("Foto hasil pekerjaan (tidak wajib)"),
        required=False,
        help_text=_("Foto jalan, bangunan atau alatnya. Data lokasi di foto dihapus."),
    )
    no_child_in_photo = forms.BooleanField(
        label=_("Saya sudah memeriksa: tidak ada wajah anak di foto ini."), required=False
    )
    internal_note = _note_field()

    def clean_photo(self):
        return photo_upload_clean(self.cleaned_data.get("photo"))

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("no_child_in_photo"):
            self.add_error(
                "no_child_in_photo",
                _("Pastikan dulu tidak ada wajah anak di foto, lalu centang kotak ini."),
            )
        return data
