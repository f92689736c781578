"""Forum anak data. Areas first: the city's kecamatan and kelurahan with official codes."""

from django.db import models
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
