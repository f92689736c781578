"""Forms of the member's proposal pages, written for a 13-year-old. They only check input
(the photo is sanitised here, so a bad image is a form error); changes go through
forum_anak.proposals.writing and forum_anak.proposals.services."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from forum_anak.membership.forms import kelurahan_from_choice
from forum_anak.membership.selectors import kelurahan_by_kecamatan
from forum_anak.models import Area, Cluster, ForumGroup, MemberProfile, Proposal
from portal.images import SanitizedImage, image_sanitize

# The six clusters in a child's words ("Aku belum tahu" is the blank choice).
CLUSTER_FOR_CHILDREN = {
    Cluster.CIVIL: _("Hak sipil: punya akta kelahiran, boleh berpendapat, didengar."),
    Cluster.FAMILY: _("Keluarga: tinggal aman bersama keluarga atau pengasuh."),
    Cluster.HEALTH: _("Kesehatan: sehat, gizi cukup, air bersih, jamban, puskesmas."),
    Cluster.EDUCATION: _("Pendidikan dan bermain: sekolah, buku, taman, olahraga, budaya."),
    Cluster.PROTECTION: _("Perlindungan: aman dari kekerasan, perundungan, dan bahaya."),
    Cluster.INSTITUTIONS: _("Forum dan aturan: forum anak, aturan dan kegiatan untuk anak."),
}


def _field(form_field, *, example: str):
    """A form field with one worked example shown beside it."""
    form_field.example = example
    return form_field


def photo_upload_clean(upload) -> SanitizedImage | None:
    """An uploaded photo for a form's clean_<field>: too many bytes, too many pixels, a bomb
    or not an image is a form error. What is kept is the re-encoded image without EXIF/GPS
    or any other metadata."""
    if not upload:
        return None
    if upload.size > settings.PROPOSAL_PHOTO_MAX_BYTES:
        raise forms.ValidationError(
            _("Fotonya terlalu besar (%(size)s). Paling besar %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.PROPOSAL_PHOTO_MAX_BYTES),
            }
        )
    try:
        return image_sanitize(upload, max_pixels=settings.PROPOSAL_PHOTO_MAX_PIXELS)
    except ValidationError as error:
        raise forms.ValidationError(error.messages) from error


class ProposalForm(forms.Form):
    """A new proposal or a change to one. `for_whom` is offered only for a draft and only
    when the member belongs to a forum group."""

    title = _field(
        forms.CharField(
            label=_("Judul usulanmu"),
            max_length=Proposal._meta.get_field("title").max_length,
            help_text=_("Satu kalimat pendek tentang idemu."),
        ),
        example=_("Contoh: Lampu jalan dekat masjid dinyalakan lagi."),
    )
    problem = _field(
        forms.CharField(
            label=_("Masalah apa yang kamu lihat?"),
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Ceritakan apa yang terjadi dan mengapa itu masalah untuk anak-anak."),
        ),
        example=_("Contoh: Lampu jalan di dekat masjid mati, jadi anak-anak takut pulang mengaji."),
    )
    proposed_action = _field(
        forms.CharField(
            label=_("Apa yang sebaiknya dilakukan?"),
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Tulis idemu untuk memperbaikinya."),
        ),
        example=_("Contoh: Lampu jalan diperbaiki dan dinyalakan setiap malam."),
    )
    beneficiaries = _field(
        forms.CharField(
            label=_("Siapa yang akan terbantu?"),
            max_length=1000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Boleh dikosongkan."),
        ),
        example=_("Contoh: Kira-kira 30 anak yang mengaji setiap sore."),
    )
    kelurahan = _field(
        forms.TypedChoiceField(
            label=_("Di kelurahan mana?"),
            coerce=int,
            error_messages={"invalid_choice": _("Pilih kelurahan dari daftar.")},
            help_text=_("Kelurahan tempat masalah itu ada."),
        ),
        example=_("Contoh: Kelurahan Paruga."),
    )
    landmark = _field(
        forms.CharField(
            label=_("Di mana tepatnya?"),
            max_length=Proposal._meta.get_field("landmark").max_length,
            required=False,
            help_text=_(
                "Tulis patokan tempat, misalnya masjid, lapangan, atau nama jalan. "
                "Jangan pernah menulis alamat rumah siapa pun."
            ),
        ),
        example=_("Contoh: Jalan di depan Masjid Al-Ikhlas, dekat lapangan voli."),
    )
    cluster_suggested = _field(
        forms.ChoiceField(
            label=_("Idemu tentang hal apa?"),
            required=False,
            widget=forms.RadioSelect,
            help_text=_("Pilih yang paling cocok. Kalau bingung, pilih “Aku belum tahu”."),
        ),
        example=_("Contoh: lampu jalan supaya anak aman → Perlindungan."),
    )
    photo = _field(
        forms.FileField(
            label=_("Foto (boleh tidak ada)"),
            required=False,
            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        ),
        example=_("Contoh: foto tiang lampu yang mati."),
    )
    remove_photo = forms.BooleanField(label=_("Hapus foto yang sekarang"), required=False)
    for_whom = _field(
        forms.TypedChoiceField(
            label=_("Untuk siapa?"),
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            help_text=_("Usulan forum bisa kamu kirim bersama teman dari forum yang sama."),
        ),
        example=_("Contoh: ide ini dibahas bersama di Forum Anak kelurahanmu."),
    )

    def __init__(
        self,
        *args,
        profile: MemberProfile,
        groups: list[ForumGroup],
        proposal: Proposal | None = None,
        **kwargs,
    ):
        if proposal is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": proposal.title,
                    "problem": proposal.problem,
                    "proposed_action": proposal.proposed_action,
                    "beneficiaries": proposal.beneficiaries,
                    "kelurahan": proposal.kelurahan_id,
                    "landmark": proposal.landmark,
                    "cluster_suggested": proposal.cluster_suggested,
                    "for_whom": proposal.group_id or "",
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"kelurahan": profile.kelurahan_id, "cluster_suggested": ""}
            )
        super().__init__(*args, **kwargs)
        self.groups = {group.pk: group for group in groups}
        self.fields["kelurahan"].choices = [("", _("Pilih kelurahan"))] + [
            (kecamatan or _("Lainnya"), options) for kecamatan, options in kelurahan_by_kecamatan()
        ]
        self.fields["cluster_suggested"].choices = [("", _("Aku belum tahu"))] + [
            (value, f"{CLUSTER_FOR_CHILDREN[value]}") for value in Cluster.values
        ]
        if groups and (proposal is None or proposal.state == Proposal.State.DRAFT):
            self.fields["for_whom"].choices = [("", _("Aku sendiri"))] + [
                (group.pk, _("Forumku: %(name)s") % {"name": group.name}) for group in groups
            ]
        else:
            del self.fields["for_whom"]
        has_photo = proposal is not None and hasattr(proposal, "photo")
        if not has_photo:
            del self.fields["remove_photo"]
        self.fields["photo"].help_text = _(
            "Foto tempatnya saja. Jangan ada wajah orang, nama, atau nomor rumah. "
            "Paling besar %(size)s."
        ) % {"size": filesizeformat(settings.PROPOSAL_PHOTO_MAX_BYTES)}
        for name in ("title", "landmark"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_kelurahan(self) -> Area:
        return kelurahan_from_choice(self.cleaned_data["kelurahan"])

    def clean_for_whom(self) -> ForumGroup | None:
        value = self.cleaned_data.get("for_whom")
        if value in (None, ""):
            return None
        if value not in self.groups:
            raise forms.ValidationError(_("Pilih dari daftar."))
        return self.groups[value]

    def clean_photo(self) -> SanitizedImage | None:
        return photo_upload_clean(self.cleaned_data.get("photo"))

    def service_kwargs(self) -> dict:
        """cleaned_data in the shape of proposal_draft_write/proposal_draft_update."""
        data = self.cleaned_data
        kwargs = {
            "title": data["title"],
            "problem": data["problem"],
            "proposed_action": data["proposed_action"],
            "beneficiaries": data.get("beneficiaries", ""),
            "kelurahan": data["kelurahan"],
            "landmark": data.get("landmark", ""),
            "cluster_suggested": data.get("cluster_suggested", ""),
            "image": data.get("photo"),
        }
        if "for_whom" in self.fields:
            kwargs["group"] = data.get("for_whom")
        return kwargs


class HelpRequestForm(forms.Form):
    """The optional short message of "Aku perlu bicara dengan petugas"."""

    message = forms.CharField(
        label=_("Mau cerita sedikit? (boleh dikosongkan)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hanya petugas perlindungan anak yang bisa membacanya."),
    )


class InviteForm(forms.Form):
    """Which friends from the forum group to ask to join a group proposal."""

    members = forms.TypedMultipleChoiceField(
        label=_("Ajak teman dari forummu"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pilih setidaknya satu teman."),
            "invalid_choice": _("Pilih teman dari daftar."),
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [
            (profile.user_id, profile.nickname) for profile in candidates
        ]
