"""Demo content for `manage.py seed_demo`: written fresh for this project, idempotent.

The content is data in content/demo_data/: site.toml (topics, illustrations, documents,
hotlines, the content staff's accounts) and one Markdown file per page in pages/ (format:
demo_data/README.md). This module stores what those files say. Every object is looked up by
a stable key (slug, title, name) and only written when what is stored differs, so running the
command again duplicates nothing and adds no page revision. The people, events and numbers
in the articles are invented: no real name of a child, and nothing that could identify a
child victim or witness (UU 11/2012 Ps. 19). Images are drawn with Pillow at seed time and
saved through CustomImage, so they go through image_sanitize() like any upload; nothing is
downloaded.
"""

import textwrap
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import partial
from io import BytesIO
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from content.demo_data import markup
from content.models import CustomImage, HomePage, Topic
from forum_anak import demo as forum_demo
from forum_anak.demo import DEMO_PASSWORD, DemoDataError
from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
from forum_anak.models import MusrenbangCycle
from portal.models import Hotline, SiteSettings

SITE_FILE = markup.PAGES_DIR.parent / "site.toml"
# Stable StreamField block ids: the same content gives the same stored JSON on every run.
_BLOCK_IDS = uuid.UUID("6f1b2c9e-4f0a-4c53-9a51-3f0f6d1e2b77")
# Front matter keys that are not page fields.
_NOT_FIELDS = ("type", "order", "slug", "topics", "tags")


def site_data() -> dict:
    """content/demo_data/site.toml, read on each run so an edited file is taken as it is."""
    try:
        with SITE_FILE.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{SITE_FILE}: {error}") from error


# --- Illustrations (Pillow) -------------------------------------------------------------------

WIDTH, HEIGHT = 1200, 675
WARM = ("#f6c85f", "#ef8a62", "#fefefe", "#9dd9d2", "#f28482", "#c3b1e1")


@dataclass(frozen=True)
class Illustration:
    """One generated image (an entry of [images] in site.toml): a gradient between two
    colours, a simple motif and a label."""

    title: str
    alt: str
    motif: str
    label: str
    colors: list[str]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, color: str) -> None:
    draw.ellipse((x - size * 0.35, y - size * 1.6, x + size * 0.35, y - size * 0.9), fill=color)
    draw.rounded_rectangle(
        (x - size * 0.55, y - size * 0.8, x + size * 0.55, y + size * 0.6),
        radius=int(size * 0.4),
        fill=color,
    )


def _phone(draw: ImageDraw.ImageDraw, text: str = "", color: str = "#f8fafc") -> None:
    draw.rounded_rectangle((480, 60, 720, 500), radius=36, fill="#1f2937")
    draw.rounded_rectangle((496, 96, 704, 460), radius=12, fill=color)
    if text:
        draw.text((600, 280), text, font=_font(96), fill="#b91c1c", anchor="mm")


def _meeting(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((300, 330, 900, 420), radius=30, fill="#8d6e63")
    for i, x in enumerate((360, 500, 640, 780)):
        _person(draw, x, 320, 70, WARM[i])


def _people(draw: ImageDraw.ImageDraw, voices: bool = False) -> None:
    for i in range(5):
        _person(draw, 200 + i * 200, 440, 90, WARM[i])
    if voices:
        for i, x in enumerate((260, 600, 940)):
            draw.rounded_rectangle((x - 90, 70, x + 90, 170), radius=40, fill="#ffffff")
            words = ("Ide!", "Usul", "Aman")
            draw.text((x, 120), words[i], font=_font(40), fill="#3d348b", anchor="mm")


def _circle(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((380, 260, 820, 470), fill="#2d6a4f")
    for i, (x, y) in enumerate(((420, 300), (600, 260), (780, 300), (480, 470), (720, 470))):
        _person(draw, x, y, 60, WARM[i])


def _phone_warning(draw: ImageDraw.ImageDraw) -> None:
    _phone(draw)
    draw.regular_polygon((600, 300, 110), 3, fill="#facc15")
    draw.text((600, 320), "!", font=_font(120), fill="#111827", anchor="mm")


def _play(draw: ImageDraw.ImageDraw) -> None:
    _phone(draw, color="#9ca3af")
    draw.ellipse((500, 180, 700, 380), fill="#ffffff")
    draw.regular_polygon((610, 280, 60), 3, rotation=-90, fill="#111827")


def _boat(draw: ImageDraw.ImageDraw) -> None:
    draw.ellipse((760, 90, 960, 290), fill="#ffd166")
    draw.rectangle((0, 380, WIDTH, 525), fill="#0077b6")
    draw.polygon([(380, 330), (820, 330), (760, 410), (440, 410)], fill="#fefefe")
    draw.rectangle((590, 170, 604, 330), fill="#6b4226")
    draw.polygon([(604, 180), (604, 320), (730, 320)], fill="#ef8a62")


def _house(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(250, 250), (450, 90), (650, 250)], fill="#9b2226")
    draw.rectangle((290, 250, 610, 470), fill="#fefae0")
    draw.rectangle((420, 340, 480, 470), fill="#6b4226")
    for i, x in enumerate((760, 880, 1000)):
        _person(draw, x, 460, 70 if i != 1 else 50, WARM[i])


def _phone_129(draw: ImageDraw.ImageDraw) -> None:
    _phone(draw, "129")
    draw.rounded_rectangle((740, 110, 1100, 250), radius=60, fill="#ffffff")
    draw.text((920, 180), "Aku perlu bantuan", font=_font(36), fill="#111827", anchor="mm")


def _phone_lock(draw: ImageDraw.ImageDraw) -> None:
    _phone(draw)
    draw.rounded_rectangle((540, 260, 660, 360), radius=12, fill="#312e81")
    draw.arc((555, 190, 645, 290), 180, 360, fill="#312e81", width=18)


def _kites(draw: ImageDraw.ImageDraw) -> None:
    for i, (x, y) in enumerate(((260, 200), (560, 130), (860, 230))):
        draw.polygon([(x, y - 90), (x + 70, y), (x, y + 110), (x - 70, y)], fill=WARM[i + 1])
        draw.line([(x, y + 110), (x - 40, y + 300)], fill="#ffffff", width=4)


def _heart(draw: ImageDraw.ImageDraw, people: bool = False) -> None:
    draw.polygon(
        [(600, 70), (800, 140), (780, 360), (600, 480), (420, 360), (400, 140)], fill="#e9f5db"
    )
    draw.ellipse((520, 190, 610, 280), fill="#e63946")
    draw.ellipse((590, 190, 680, 280), fill="#e63946")
    draw.polygon([(526, 255), (674, 255), (600, 360)], fill="#e63946")
    if people:
        for i, x in enumerate((180, 300, 900, 1020)):
            _person(draw, x, 460, 60, WARM[i])


def _megaphone(draw: ImageDraw.ImageDraw) -> None:
    draw.polygon([(380, 260), (700, 120), (700, 440), (380, 320)], fill="#fefefe")
    draw.rectangle((320, 250, 390, 330), fill="#1f2937")
    for r in (80, 140, 200):
        draw.arc((700 - r, 280 - r, 700 + r, 280 + r), -40, 40, fill="#ffedd5", width=10)
    draw.ellipse((880, 320, 1000, 440), fill="#f97316")


def _school(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((300, 220, 900, 480), fill="#fefae0")
    draw.polygon([(270, 220), (600, 100), (930, 220)], fill="#b91c1c")
    for x in (360, 480, 680, 800):
        draw.rectangle((x, 280, x + 60, 340), fill="#60a5fa")
    draw.rectangle((560, 380, 640, 480), fill="#6b4226")
    draw.ellipse((960, 260, 1120, 420), fill="#166534")
    draw.rectangle((1030, 400, 1050, 480), fill="#6b4226")


def _warning(draw: ImageDraw.ImageDraw) -> None:
    draw.regular_polygon((600, 300, 210), 3, fill="#fde047")
    draw.text((600, 340), "!", font=_font(220), fill="#111827", anchor="mm")


def _checklist(draw: ImageDraw.ImageDraw) -> None:
    draw.rounded_rectangle((420, 60, 780, 500), radius=20, fill="#fefefe")
    for i in range(4):
        y = 120 + i * 95
        draw.rounded_rectangle((460, y, 510, y + 50), radius=8, outline="#1e3a8a", width=6)
        draw.line([(470, y + 25), (485, y + 42), (505, y + 5)], fill="#16a34a", width=8)
        draw.rounded_rectangle((540, y + 15, 740, y + 35), radius=8, fill="#cbd5e1")


def _book(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((200, 80, 1000, 330), fill="#14532d")
    draw.text((600, 200), "Aku mendengarkanmu", font=_font(48), fill="#f8fafc", anchor="mm")
    draw.polygon([(380, 380), (600, 420), (600, 520), (380, 480)], fill="#fefefe")
    draw.polygon([(820, 380), (600, 420), (600, 520), (820, 480)], fill="#f1f5f9")


# The motifs an illustration in site.toml may name.
MOTIFS = {
    "meeting": _meeting,
    "people": _people,
    "voices": partial(_people, voices=True),
    "circle": _circle,
    "phone-warning": _phone_warning,
    "play": _play,
    "boat": _boat,
    "house": _house,
    "phone-129": _phone_129,
    "phone-lock": _phone_lock,
    "kites": _kites,
    "shield": partial(_heart, people=True),
    "heart": _heart,
    "megaphone": _megaphone,
    "school": _school,
    "warning": _warning,
    "checklist": _checklist,
    "book": _book,
}


def illustration_bytes(spec: Illustration) -> bytes:
    """A 1200x675 JPEG: a gradient, a motif and a label band, in PIL's default font."""
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    image = ImageOps.colorize(mask, *spec.colors).convert("RGB")
    draw = ImageDraw.Draw(image)
    MOTIFS[spec.motif](draw)
    draw.rectangle((0, HEIGHT - 150, WIDTH, HEIGHT), fill="#0b1f26")
    draw.text((60, HEIGHT - 130), spec.label, font=_font(64), fill="#ffffff")
    draw.text(
        (60, HEIGHT - 50), "Ilustrasi · Portal Forum Anak Kota Bima", font=_font(26), fill="#d1e7e4"
    )
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


# --- Documents (a small PDF written by hand) --------------------------------------------------


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with real (selectable, searchable) text, in the standard Helvetica."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    wrapped = [part for line in lines for part in (textwrap.wrap(line, 85) or [""])]
    content = [
        "BT",
        "/F1 16 Tf",
        "56 780 Td",
        "20 TL",
        f"({escape(wrapped[0])}) Tj T*",
        "/F1 11 Tf",
    ]
    content += [f"({escape(line)}) Tj T*" for line in wrapped[1:]]
    content.append("ET")
    stream = "\n".join(content).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + escape(title).encode("cp1252") + b") /Producer (seed_demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- Pages, written only when they differ -----------------------------------------------------


def _without_ids(value):
    """Stored StreamField JSON minus block ids, with list items as plain values."""
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return _without_ids(value["value"])
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _stream_json(block, value) -> list:
    """A stream as comparable JSON: every block converted, so a field left to its default
    compares equal to the same default written out."""
    value = block.to_python(value) if isinstance(value, list) else value
    list(value)  # convert each block; get_prep_value returns unconverted ones as they are
    return _without_ids(block.get_prep_value(value))


def _is_current(page: Page, fields: dict, topics, tags) -> bool:
    if not page.live or page.has_unpublished_changes:
        return False
    for name, value in fields.items():
        if name == "body":
            block = page._meta.get_field(name).stream_block
            if _stream_json(block, page.body) != _stream_json(block, value):
                return False
        elif getattr(page, name) != value:
            return False
    if topics is not None and {t.pk for t in page.topics.all()} != {t.pk for t in topics}:
        return False
    return tags is None or set(page.tags.names()) == set(tags)


class Tally:
    """What a seed run did, for the command's report."""

    def __init__(self):
        self.counts = {"dibuat": 0, "diperbarui": 0, "tidak berubah": 0}

    def add(self, state: str) -> None:
        self.counts[state] += 1

    def __str__(self) -> str:
        return ", ".join(f"{count} {state}" for state, count in self.counts.items())


def _upsert(page, parent: Page, model, slug: str, tally: Tally, *, topics, tags, fields) -> Page:
    """Create the page under `parent` (when `page` is None) or update it; publish a revision
    only when something differs, so a second run adds none."""
    if page is None:
        page = model(slug=slug, **fields)
        if "date" in fields:
            page.first_published_at = timezone.make_aware(datetime.combine(fields["date"], time(9)))
        parent.add_child(instance=page)
        state = "dibuat"
    elif _is_current(page, fields, topics, tags):
        tally.add("tidak berubah")
        return page
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        state = "diperbarui"
    if topics is not None:
        page.topics.set(topics)
    if tags is not None:
        page.tags.set(tags)
    page.save_revision().publish()
    tally.add(state)
    return model.objects.get(pk=page.pk)


@dataclass
class Library:
    """What page files point at by key or path: topics, images, documents, the pages made so
    far (by path below the home page), and the block defaults of site.toml."""

    topics: dict[str, Topic]
    images: dict[str, CustomImage]
    documents: dict
    block_defaults: dict
    pages: dict[str, Page] = field(default_factory=dict)

    def link(self, path: str) -> int:
        if path not in self.pages:
            raise LookupError(f"link to {path}: no page there (pages are made level by level)")
        return self.pages[path].pk

    def block(self, kind: str, value) -> tuple[str, object]:
        """A block of a page file with the data's defaults, and the images and documents it
        names by key as ids. An image block's credit defaults to the image's own."""
        if not isinstance(value, dict):
            return kind, value
        value = {**self.block_defaults.get(kind, {}), **value}
        for name in ("image", "poster"):
            if name in value:
                image = self.images[value[name]]
                value[name] = image.pk
                if kind == "image":
                    value.setdefault("credit", image.credit)
        if "document" in value:
            value["document"] = self.documents[value["document"]].pk
        return kind, value


def _page_model(spec: markup.PageFile):
    model = apps.get_model("content", spec.fields["type"])
    if not issubclass(model, Page):
        raise LookupError(f"{spec.fields['type']} is not a page type")
    return model


def _page_fields(spec: markup.PageFile, model, library: Library) -> dict:
    """The model field values a page file gives, its Markdown body as StreamField data
    with block ids derived from the page's path and each block's position."""
    fields = {name: value for name, value in spec.fields.items() if name not in _NOT_FIELDS}
    if "hero_image" in fields:
        fields["hero_image"] = library.images[fields["hero_image"]]
    if hasattr(model, "body"):
        blocks = [library.block(*block) for block in markup.blocks(spec.body, library.link)]
        fields["body"] = [
            {"type": kind, "value": value, "id": str(uuid.uuid5(_BLOCK_IDS, f"{spec.path}/{n}"))}
            for n, (kind, value) in enumerate(blocks)
        ]
    return fields


def seed_page(spec: markup.PageFile, library: Library, tally: Tally) -> Page:
    """One page file below the home page, stored under its parent (already made)."""
    try:
        model = _page_model(spec)
        fields = _page_fields(spec, model, library)
        topics = [library.topics[slug] for slug in spec.fields.get("topics", [])]
        parent = library.pages[spec.parent]
    except KeyError as error:
        raise DemoDataError(f"{spec.file}: no topic, image, document or page {error}") from error
    except (LookupError, ValueError) as error:
        raise DemoDataError(f"{spec.file}: {error}") from error
    page = model.objects.child_of(parent).filter(slug=spec.slug).first()
    return _upsert(
        page,
        parent,
        model,
        spec.slug,
        tally,
        topics=topics if "topics" in spec.fields else None,
        tags=spec.fields.get("tags"),
        fields=fields,
    )


def seed_pages(library: Library, tally: Tally) -> None:
    """Every page file, the home page first, then the tree level by level."""
    try:
        home, *pages = markup.read_pages()
    except ValueError as error:
        raise DemoDataError(str(error)) from error
    library.pages["/"] = seed_home(home)
    for spec in pages:
        library.pages[spec.path] = seed_page(spec, library, tally)


# --- Seeding ----------------------------------------------------------------------------------


def seed_home(spec: markup.PageFile) -> HomePage:
    """The site root (pages/index.md): a HomePage under Wagtail's root, bound to the default
    Site. Not counted in the report, like the rest of the site's frame."""
    root = Page.get_first_root_node()
    fields = {name: value for name, value in spec.fields.items() if name not in _NOT_FIELDS}
    home = _upsert(
        HomePage.objects.first(),
        root,
        HomePage,
        spec.fields["slug"],
        Tally(),
        topics=None,
        tags=None,
        fields=fields,
    )
    # The demo is served where WAGTAILADMIN_BASE_URL says (dev: http://127.0.0.1:8000), so
    # absolute links in the feed, sitemap and API point there.
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    old_root = site.root_page if site.root_page_id and site.root_page_id != home.pk else None
    site.hostname, site.port, site.root_page = hostname, port, home
    site.site_name = site_data()["site"]["name"]
    site.save()
    if old_root is not None and type(old_root.specific) is Page and old_root.depth == 2:
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


def seed_hotlines(data: dict) -> None:
    for hotline in data["hotlines"]:
        defaults = {name: value for name, value in hotline.items() if name != "name"}
        Hotline.objects.update_or_create(name=hotline["name"], defaults=defaults)


def seed_topics(data: dict) -> dict[str, Topic]:
    topics = {}
    for spec in data["topics"]:
        wanted = {name: value for name, value in spec.items() if name != "slug"}
        topic, created = Topic.objects.get_or_create(slug=spec["slug"], defaults=wanted)
        if not created and any(getattr(topic, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(topic, key, value)
            topic.save()
        topics[spec["slug"]] = topic
    return topics


def seed_images(data: dict) -> dict[str, CustomImage]:
    """The illustrations, looked up by title; drawn only when missing (the file never changes)."""
    credit = data["site"]["illustration_credit"]
    images = {}
    for key, entry in data["images"].items():
        spec = Illustration(**entry)
        image = CustomImage.objects.filter(title=spec.title).first()
        if image is None:
            image = CustomImage(
                title=spec.title,
                description=spec.alt,
                credit=credit,
                file=ContentFile(illustration_bytes(spec), name=f"demo-{key}.jpg"),
            )
            image.save()  # through image_sanitize(), like every upload
        elif (image.description, image.credit) != (spec.alt, credit):
            image.description, image.credit = spec.alt, credit
            image.save(update_fields=["description", "credit"])
        images[key] = image
    return images


def seed_documents(data: dict) -> dict:
    document_model = get_document_model()
    documents = {}
    for key, spec in data["documents"].items():
        document = document_model.objects.filter(title=spec["title"]).first()
        if document is None:
            lines = spec["text"].strip("\n").split("\n")
            document = document_model(
                title=spec["title"],
                file=ContentFile(pdf_bytes(spec["title"], lines), name=spec["filename"]),
            )
            document._set_document_file_metadata()
            document.save()
        documents[key] = document
    return documents


def seed_site_settings(data: dict, pages: dict[str, Page]) -> None:
    """The footer links, set only while the footer is still empty (an editor's wins)."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if not site_settings.footer_links:
        site_settings.footer_links = [
            ("link", {"label": pages[path].title, "url": pages[path].url})
            for path in data["site"]["footer_pages"]
        ]
        site_settings.save()


def seed_site() -> list[str]:
    """The whole public demo site. Returns report lines."""
    data = site_data()
    wilayah = wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8-sig"))
    cycle = seed_cycle()
    seed_hotlines(data)
    library = Library(
        topics=seed_topics(data),
        images=seed_images(data),
        documents=seed_documents(data),
        block_defaults=data["block_defaults"],
    )
    tally = Tally()
    seed_pages(library, tally)
    seed_site_settings(data, library.pages)
    return [
        f"Wilayah: {len(wilayah.created)} ditambah, {len(wilayah.updated)} diperbarui, "
        f"{wilayah.unchanged} tetap.",
        f"{cycle}: usulan dibuka {cycle.submission_opens:%d-%m-%Y} s.d. "
        f"{cycle.submission_closes:%d-%m-%Y}.",
        f"Halaman: {tally}.",
        f"Situs demo siap: {Page.objects.live().count()} halaman terbit, "
        f"{CustomImage.objects.count()} gambar, {get_document_model().objects.count()} dokumen, "
        f"{Topic.objects.count()} topik.",
    ]


def seed_cycle() -> MusrenbangCycle:
    """The coming musrenbang (held January-March, planning the year after), open for
    proposals from a month ago to three months ahead so the demo can always submit."""
    today = timezone.localdate()
    year = today.year + 1 if today.month >= 4 else today.year
    cycle, _ = MusrenbangCycle.objects.get_or_create(
        year=year,
        defaults={
            "rkpd_year": year + 1,
            "submission_opens": today - timedelta(days=30),
            "submission_closes": today + timedelta(days=90),
        },
    )
    return cycle


def seed_accounts() -> list[tuple[str, str, str]]:
    """The content roles' demo accounts and an admin (site.toml), then the forum's accounts,
    proposals and musrenbang (forum_anak/demo.py). Development only."""
    password_hash = make_password(DEMO_PASSWORD)  # one slow hash, not one per account
    logins = [forum_demo.seed_account(spec, password_hash) for spec in site_data()["accounts"]]
    logins += forum_demo.seed_accounts(password_hash)
    forum_demo.seed_forum(MusrenbangCycle.current())
    return logins
