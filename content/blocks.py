"""StreamField blocks for articles, education resources and standard pages.

Every block has an icon, a template under templates/components/streamfield/blocks/ and a
preview value. No block embeds third-party content: a video is a poster image and a link.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
TEMPLATE_DIR = "components/streamfield/blocks"


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3): page titles are the only h1."""

    text = blocks.CharBlock(label=_("judul bagian"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("tingkat"),
        choices=[("h2", _("Judul bagian")), ("h3", _("Sub-judul"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Judul bagian")
        template = f"{TEMPLATE_DIR}/heading.html"
        preview_value = {"text": "Tanda-tanda perdagangan orang", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with caption and photo credit, served as responsive renditions."""

    image = ImageChooserBlock(label=_("gambar"))
    caption = blocks.CharBlock(label=_("keterangan"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("kredit foto"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Gambar")
        template = f"{TEMPLATE_DIR}/image.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with its speaker. Never quote a child victim or witness by name."""

    quote = blocks.TextBlock(label=_("kutipan"))
    speaker = blocks.CharBlock(label=_("pembicara"), required=False, max_length=150)
    role = blocks.CharBlock(label=_("jabatan"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Kutipan")
        template = f"{TEMPLATE_DIR}/quote.html"
        preview_value = {
            "quote": "Pencegahan dimulai dari keluarga yang tahu tanda-tandanya.",
            "speaker": "Kepala Dinas",
            "role": "DP3A Kota Bima",
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document from the document library (served as a document)."""

    document = DocumentChooserBlock(label=_("dokumen"))
    label = blocks.CharBlock(label=_("teks tautan"), required=False, max_length=150)

    class Meta:
        icon = "doc-full"
        label = _("Tautan dokumen")
        template = f"{TEMPLATE_DIR}/document_link.html"


class VideoLinkBlock(blocks.StructBlock):
    """A video as a poster image and a plain link: no iframe, no oEmbed, no tracking."""

    title = blocks.CharBlock(label=_("judul video"), max_length=150)
    url = blocks.URLBlock(label=_("tautan video"))
    poster = ImageChooserBlock(label=_("gambar sampul"), required=False)
    duration = blocks.CharBlock(
        label=_("durasi"), required=False, max_length=20, help_text=_("contoh: 3:45")
    )

    class Meta:
        icon = "media"
        label = _("Tautan video")
        template = f"{TEMPLATE_DIR}/video_link.html"
        preview_value = {
            "title": "Kenali modus perekrutan kerja palsu",
            "url": "https://example.org/video",
            "duration": "3:45",
        }


class FactBoxBlock(blocks.StructBlock):
    """A highlighted box of facts or a checklist."""

    title = blocks.CharBlock(label=_("judul kotak"), max_length=120)
    style = blocks.ChoiceBlock(
        label=_("bentuk"),
        choices=[("facts", _("Fakta")), ("checklist", _("Daftar periksa"))],
        default="facts",
    )
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("isi"))

    class Meta:
        icon = "list-ul"
        label = _("Kotak fakta / daftar periksa")
        template = f"{TEMPLATE_DIR}/fact_box.html"
        preview_value = {
            "title": "Yang perlu diketahui",
            "style": "facts",
            "items": ["Perdagangan orang adalah kejahatan.", "Korban tidak bersalah."],
        }


class HelpCalloutBlock(blocks.StructBlock):
    """ "Butuh bantuan?": points readers to SAPA 129 and the help page."""

    title = blocks.CharBlock(label=_("judul"), max_length=120, default="Butuh bantuan?")
    text = blocks.TextBlock(
        label=_("teks"),
        required=False,
        default="Kamu tidak sendiri. Hubungi SAPA 129 atau buka halaman Bantuan.",
    )

    class Meta:
        icon = "help"
        label = _("Ajakan minta bantuan")
        template = f"{TEMPLATE_DIR}/help_callout.html"
        preview_value = {"title": "Butuh bantuan?", "text": "Kamu tidak sendiri. Hubungi SAPA 129."}


class WarningSignsBlock(blocks.StructBlock):
    """A checklist of warning signs, for education resources."""

    title = blocks.CharBlock(label=_("judul"), max_length=120, default="Tanda-tanda bahaya")
    intro = blocks.TextBlock(label=_("pengantar"), required=False)
    signs = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("tanda-tanda"))

    class Meta:
        icon = "warning"
        label = _("Daftar tanda bahaya")
        template = f"{TEMPLATE_DIR}/warning_signs.html"
        preview_value = {
            "title": "Tanda-tanda bahaya",
            "signs": ["Dijanjikan gaji besar tanpa syarat jelas.", "Dokumen ditahan orang lain."],
        }


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("pertanyaan"), max_length=250)
    answer = blocks.RichTextBlock(label=_("jawaban"), features=RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    """Questions and answers as <details>: opens and closes without JavaScript."""

    title = blocks.CharBlock(
        label=_("judul"), max_length=120, default="Pertanyaan yang sering diajukan"
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("pertanyaan"))

    class Meta:
        icon = "help"
        label = _("Tanya jawab (FAQ)")
        template = f"{TEMPLATE_DIR}/faq.html"
        preview_value = {
            "title": "Pertanyaan yang sering diajukan",
            "items": [{"question": "Apakah melapor itu gratis?", "answer": "<p>Ya, gratis.</p>"}],
        }


def _paragraph() -> blocks.RichTextBlock:
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraf"),
        template=f"{TEMPLATE_DIR}/paragraph.html",
        preview_value="<p>Perdagangan orang bisa dicegah bila kita mengenali tanda-tandanya.</p>",
    )


class ArticleBodyBlock(blocks.StreamBlock):
    """Body of a news article and of a standard page."""

    paragraph = _paragraph()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    video = VideoLinkBlock()
    fact_box = FactBoxBlock()
    help_callout = HelpCalloutBlock()


class ResourceBodyBlock(ArticleBodyBlock):
    """Body of an education resource: the article blocks plus warning signs and FAQ."""

    warning_signs = WarningSignsBlock()
    faq = FAQBlock()
