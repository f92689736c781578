"""What every public page needs: editable site settings and the hotline directory."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.search import index

footer_url_validator = RegexValidator(
    r"^(/[^\s]*|https?://[^\s]+)$", _("Tulis alamat yang diawali / atau http(s)://.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{1,19}$", _("Tulis nomor dengan angka saja, boleh diawali +.")
)


class FooterLinkBlock(blocks.StructBlock):
    """A footer link by path or URL: no page lookup, so the footer costs no query."""

    label = blocks.CharBlock(label=_("teks tautan"), max_length=60)
    url = blocks.CharBlock(
        label=_("alamat"),
        max_length=300,
        help_text=_("Alamat di situs ini seperti /kebijakan-privasi/, atau alamat lengkap."),
        validators=[footer_url_validator],
    )

    class Meta:
        icon = "link"
        label = _("Tautan")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site identity and the quick-exit target, editable by admins.

    Read once per request through `portal.context_processors.site` (cached by Wagtail's
    settings machinery per request).
    """

    site_name = models.CharField(
        _("nama situs"), max_length=120, default="Portal Forum Anak Kota Bima"
    )
    motto = models.CharField(
        _("motto"),
        max_length=200,
        blank=True,
        default="Perempuan berdaya, anak terlindungi, Indonesia maju.",
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_name = models.CharField(
        _("pengelola"),
        max_length=200,
        blank=True,
        default="Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Bima",
        help_text=_("Nama instansi pengelola, tampil di kaki halaman."),
    )
    contact_address = models.TextField(_("alamat kantor"), blank=True)
    contact_email = models.EmailField(_("email kantor"), blank=True)
    contact_phone = models.CharField(
        _("telepon kantor"), max_length=30, blank=True, validators=[phone_validator]
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    help_phone = models.CharField(
        _("nomor bantuan di kepala halaman"),
        max_length=20,
        default=settings.HELP_PHONE_FALLBACK,
        validators=[phone_validator],
        help_text=_('Tampil sebagai "Butuh bantuan? 129" di setiap halaman.'),
    )
    help_whatsapp = models.CharField(
        _("WhatsApp bantuan"),
        max_length=20,
        default="628111129129",
        validators=[phone_validator],
        help_text=_('Nomor WhatsApp di ajakan "Butuh bantuan?", format 62..., tanpa +.'),
    )
    quick_exit_url = models.URLField(
        _("tujuan tombol Keluar cepat"),
        default=settings.QUICK_EXIT_FALLBACK_URL,
        help_text=_(
            "Situs netral yang dibuka saat tombol Keluar cepat ditekan, misalnya prakiraan cuaca."
        ),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        verbose_name=_("tautan di kaki halaman"),
        blank=True,
        default=list,
        help_text=_("Misalnya Tentang, Kebijakan privasi, Kode etik."),
    )
    content_licence = models.CharField(
        _("lisensi konten"),
        max_length=100,
        default="CC BY 4.0",
        help_text=_("Lisensi artikel dan materi, tampil di kaki halaman dan di README API."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("motto"), FieldPanel("logo")],
            heading=_("Identitas"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("owner_name"),
                FieldPanel("contact_address"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Media sosial"),
        ),
        FieldRowPanel([FieldPanel("help_phone"), FieldPanel("help_whatsapp")]),
        FieldPanel("quick_exit_url"),
        FieldPanel("footer_links"),
        FieldPanel("content_licence"),
    ]

    class Meta:
        verbose_name = _("pengaturan situs")

    def __str__(self) -> str:
        return str(self.site_name)


class HotlineQuerySet(models.QuerySet):
    def stale(self) -> "HotlineQuerySet":
        """Numbers nobody has checked for six months (or ever)."""
        cutoff = timezone.localdate() - timedelta(days=Hotline.STALE_AFTER_DAYS)
        return self.filter(
            models.Q(last_verified_on__isnull=True) | models.Q(last_verified_on__lt=cutoff)
        )


class Hotline(index.Indexed, models.Model):
    """A help line shown on the help page, ordered with SAPA 129 first.

    Editable data, never strings in code: numbers change, and editors must see which ones have
    not been re-checked for six months.
    """

    STALE_AFTER_DAYS = 183

    class Coverage(models.TextChoices):
        NATIONAL = "nasional", _("Nasional")
        PROVINCE = "provinsi", _("Provinsi NTB")
        CITY = "kota", _("Kota Bima")

    name = models.CharField(_("nama layanan"), max_length=150)
    phone = models.CharField(_("telepon"), max_length=30, blank=True, validators=[phone_validator])
    phone_alt = models.CharField(
        _("telepon lain"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("Nomor kedua, misalnya dari ponsel."),
    )
    whatsapp = models.CharField(
        _("WhatsApp"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("Nomor dalam format internasional tanpa +, contoh 628111129129."),
    )
    hours = models.CharField(_("jam layanan"), max_length=100, blank=True)
    is_24_hours = models.BooleanField(_("24 jam"), default=False)
    coverage = models.CharField(
        _("cakupan"), max_length=10, choices=Coverage.choices, default=Coverage.CITY
    )
    helps_with = models.TextField(_("membantu untuk"), blank=True)
    is_example = models.BooleanField(
        _("contoh (belum nyata)"),
        default=False,
        help_text=_(
            "Tandai jika nomor ini hanya contoh. Halaman bantuan akan memberi label jelas."
        ),
    )
    last_verified_on = models.DateField(_("terakhir dicek"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)
    is_active = models.BooleanField(_("tampilkan"), default=True)

    objects = HotlineQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_alt"), FieldPanel("whatsapp")]),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("is_24_hours")]),
        FieldPanel("coverage"),
        FieldPanel("helps_with"),
        FieldRowPanel([FieldPanel("last_verified_on"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("is_active"), FieldPanel("is_example")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("layanan pengaduan")
        verbose_name_plural = _("layanan pengaduan")

    def __str__(self) -> str:
        return self.name

    @property
    def tel_href(self) -> str:
        return (
            "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+") if self.phone else ""
        )

    @property
    def tel_alt_href(self) -> str:
        return (
            "tel:" + "".join(c for c in self.phone_alt if c.isdigit() or c == "+")
            if self.phone_alt
            else ""
        )

    @property
    def whatsapp_href(self) -> str:
        digits = "".join(c for c in self.whatsapp if c.isdigit())
        return f"https://wa.me/{digits}" if digits else ""

    @property
    def whatsapp_display(self) -> str:
        """The WhatsApp number as people dial it in Indonesia (62811... -> 0811...)."""
        digits = "".join(c for c in self.whatsapp if c.isdigit())
        return "0" + digits[2:] if digits.startswith("62") else digits

    @property
    def is_stale(self) -> bool:
        if self.last_verified_on is None:
            return True
        return self.last_verified_on < timezone.localdate() - timedelta(days=self.STALE_AFTER_DAYS)
