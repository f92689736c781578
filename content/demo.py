"""Demo content for `manage.py seed_demo`: written fresh for this project, idempotent.

Every object is looked up by a stable key (slug, title, name) and only written when what is
stored differs from what is below, so running the command again duplicates nothing and adds
no page revision. The people, events and numbers in the articles are invented: no real name
of a child, and nothing that could identify a child victim or witness (UU 11/2012 Ps. 19).
Images are drawn with Pillow at seed time and saved through CustomImage, so they go through
image_sanitize() like any upload; nothing is downloaded.
"""

import textwrap
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from content.models import (
    CustomImage,
    EducationIndexPage,
    EducationResourcePage,
    HelpPage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    StandardPage,
    Topic,
)
from forum_anak import demo as forum_demo
from forum_anak.demo import DEMO_PASSWORD
from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
from forum_anak.models import MusrenbangCycle
from portal import roles
from portal.models import Hotline, SiteSettings

IMAGE_CREDIT = "Tim Portal Forum Anak (ilustrasi)"
NEWS_BYLINE = "Tim Humas DP3A Kota Bima"
EDU_BYLINE = "Redaksi Portal Forum Anak"
VIDEO_URL = "https://example.org/video/kenali-modus-perekrutan-palsu"
# Stable StreamField block ids: the same content gives the same stored JSON on every run.
_BLOCK_IDS = uuid.UUID("6f1b2c9e-4f0a-4c53-9a51-3f0f6d1e2b77")


# --- Topics -----------------------------------------------------------------------------------

TOPICS = [
    ("tppo", "TPPO", "Tindak pidana perdagangan orang: cara mengenali, mencegah, dan melapor."),
    (
        "kekerasan-terhadap-perempuan",
        "Kekerasan terhadap perempuan",
        "Kekerasan fisik, psikis, seksual, dan ekonomi terhadap perempuan, serta cara mencari "
        "bantuan.",
    ),
    (
        "perlindungan-anak",
        "Perlindungan anak",
        "Menjaga anak dari kekerasan, eksploitasi, dan penelantaran.",
    ),
    (
        "hak-anak",
        "Hak anak",
        "Hak setiap anak untuk hidup, tumbuh, berkembang, terlindungi, dan didengar.",
    ),
    (
        "forum-anak",
        "Forum anak",
        "Kegiatan dan suara Forum Anak Kota Bima, termasuk usulan ke musrenbang.",
    ),
    (
        "migrasi-aman",
        "Migrasi aman",
        "Bekerja ke luar daerah atau luar negeri dengan cara yang resmi dan aman.",
    ),
]


# --- Illustrations (Pillow) -------------------------------------------------------------------

WIDTH, HEIGHT = 1200, 675
WARM = ("#f6c85f", "#ef8a62", "#fefefe", "#9dd9d2", "#f28482", "#c3b1e1")


@dataclass(frozen=True)
class Illustration:
    """One generated image: a gradient, a simple motif and a label."""

    title: str
    alt: str
    motif: str
    label: str
    top: str
    bottom: str


ILLUSTRATIONS = {
    "rakor": Illustration(
        "Ilustrasi rapat lintas sektor",
        "Gambar sederhana: orang-orang duduk mengelilingi meja rapat.",
        "meeting",
        "Rapat lintas sektor",
        "#0f4c5c",
        "#5fa8a0",
    ),
    "musrenbang-anak": Illustration(
        "Ilustrasi anak menyampaikan usulan",
        "Gambar sederhana: lima anak dengan balon percakapan berisi ide.",
        "voices",
        "Usulan anak",
        "#3d348b",
        "#7678ed",
    ),
    "forum-diskusi": Illustration(
        "Ilustrasi diskusi kelompok Forum Anak",
        "Gambar sederhana: anak-anak duduk melingkar berdiskusi.",
        "circle",
        "Diskusi kelompok",
        "#1b4332",
        "#52b788",
    ),
    "lowongan-palsu": Illustration(
        "Ilustrasi lowongan kerja palsu di ponsel",
        "Gambar sederhana: ponsel menampilkan iklan lowongan kerja dengan tanda peringatan.",
        "phone-warning",
        "Lowongan palsu?",
        "#7f1d1d",
        "#f97316",
    ),
    "video-modus": Illustration(
        "Sampul video modus perekrutan palsu",
        "Sampul video: tombol putar di atas gambar ponsel.",
        "play",
        "Video: modus perekrutan",
        "#111827",
        "#4b5563",
    ),
    "migrasi": Illustration(
        "Ilustrasi migrasi aman",
        "Gambar sederhana: kapal di laut menuju matahari terbit.",
        "boat",
        "Migrasi aman",
        "#023e8a",
        "#48cae4",
    ),
    "keluarga": Illustration(
        "Ilustrasi keluarga berbincang di rumah",
        "Gambar sederhana: rumah dan keluarga yang sedang berbincang.",
        "house",
        "Bicara di rumah",
        "#6a4c93",
        "#f4a261",
    ),
    "sapa129": Illustration(
        "Ilustrasi layanan SAPA 129",
        "Gambar sederhana: ponsel dengan angka 129 dan balon percakapan.",
        "phone-129",
        "SAPA 129",
        "#9d0208",
        "#e85d04",
    ),
    "hari-anak": Illustration(
        "Ilustrasi Hari Anak Nasional",
        "Gambar sederhana: layang-layang berwarna di langit cerah.",
        "kites",
        "Hari Anak Nasional",
        "#0077b6",
        "#90e0ef",
    ),
    "fasilitator": Illustration(
        "Ilustrasi pelatihan fasilitator",
        "Gambar sederhana: perisai di depan sekelompok orang.",
        "shield",
        "Partisipasi yang aman",
        "#264653",
        "#2a9d8f",
    ),
    "kampanye16": Illustration(
        "Ilustrasi kampanye 16 hari anti kekerasan",
        "Gambar sederhana: pengeras suara dan pita oranye.",
        "megaphone",
        "16 hari anti kekerasan",
        "#9a3412",
        "#fb923c",
    ),
    "sekolah": Illustration(
        "Ilustrasi sekolah ramah anak",
        "Gambar sederhana: gedung sekolah dengan bendera dan pohon.",
        "school",
        "Sekolah ramah anak",
        "#14532d",
        "#86efac",
    ),
    "tanda-bahaya": Illustration(
        "Ilustrasi tanda bahaya perdagangan orang",
        "Gambar sederhana: segitiga peringatan besar dengan tanda seru.",
        "warning",
        "Kenali tandanya",
        "#78350f",
        "#fbbf24",
    ),
    "cek-migrasi": Illustration(
        "Ilustrasi daftar periksa migrasi aman",
        "Gambar sederhana: papan berisi daftar periksa dengan tanda centang.",
        "checklist",
        "Cek sebelum berangkat",
        "#1e3a8a",
        "#60a5fa",
    ),
    "melapor": Illustration(
        "Ilustrasi cara melapor",
        "Gambar sederhana: ponsel dengan balon percakapan.",
        "phone-129",
        "Cara melapor",
        "#5b21b6",
        "#a78bfa",
    ),
    "hak-anak": Illustration(
        "Ilustrasi hak anak",
        "Gambar sederhana: hati besar dilindungi perisai.",
        "heart",
        "Hak anak",
        "#9d174d",
        "#f472b6",
    ),
    "forum-anak": Illustration(
        "Ilustrasi Forum Anak",
        "Gambar sederhana: barisan anak dengan warna berbeda-beda.",
        "people",
        "Forum Anak",
        "#155e75",
        "#67e8f9",
    ),
    "internet": Illustration(
        "Ilustrasi keamanan anak di internet",
        "Gambar sederhana: ponsel dengan simbol gembok.",
        "phone-lock",
        "Aman di internet",
        "#312e81",
        "#818cf8",
    ),
    "guru": Illustration(
        "Ilustrasi guru mendengarkan murid",
        "Gambar sederhana: papan tulis dan buku terbuka di kelas.",
        "book",
        "Guru yang mendengar",
        "#3f6212",
        "#bef264",
    ),
}


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


def _draw_motif(draw: ImageDraw.ImageDraw, motif: str) -> None:
    if motif == "meeting":
        draw.rounded_rectangle((300, 330, 900, 420), radius=30, fill="#8d6e63")
        for i, x in enumerate((360, 500, 640, 780)):
            _person(draw, x, 320, 70, WARM[i])
    elif motif in ("people", "voices"):
        for i in range(5):
            _person(draw, 200 + i * 200, 440, 90, WARM[i])
        if motif == "voices":
            for i, x in enumerate((260, 600, 940)):
                draw.rounded_rectangle((x - 90, 70, x + 90, 170), radius=40, fill="#ffffff")
                draw.text(
                    (x, 120),
                    ("Ide!", "Usul", "Aman")[i],
                    font=_font(40),
                    fill="#3d348b",
                    anchor="mm",
                )
    elif motif == "circle":
        draw.ellipse((380, 260, 820, 470), fill="#2d6a4f")
        for i, (x, y) in enumerate(((420, 300), (600, 260), (780, 300), (480, 470), (720, 470))):
            _person(draw, x, y, 60, WARM[i])
    elif motif == "phone-warning":
        _phone(draw)
        draw.regular_polygon((600, 300, 110), 3, fill="#facc15")
        draw.text((600, 320), "!", font=_font(120), fill="#111827", anchor="mm")
    elif motif == "play":
        _phone(draw, color="#9ca3af")
        draw.ellipse((500, 180, 700, 380), fill="#ffffff")
        draw.regular_polygon((610, 280, 60), 3, rotation=-90, fill="#111827")
    elif motif == "boat":
        draw.ellipse((760, 90, 960, 290), fill="#ffd166")
        draw.rectangle((0, 380, WIDTH, 525), fill="#0077b6")
        draw.polygon([(380, 330), (820, 330), (760, 410), (440, 410)], fill="#fefefe")
        draw.rectangle((590, 170, 604, 330), fill="#6b4226")
        draw.polygon([(604, 180), (604, 320), (730, 320)], fill="#ef8a62")
    elif motif == "house":
        draw.polygon([(250, 250), (450, 90), (650, 250)], fill="#9b2226")
        draw.rectangle((290, 250, 610, 470), fill="#fefae0")
        draw.rectangle((420, 340, 480, 470), fill="#6b4226")
        for i, x in enumerate((760, 880, 1000)):
            _person(draw, x, 460, 70 if i != 1 else 50, WARM[i])
    elif motif in ("phone-129", "phone-lock"):
        _phone(draw, "129" if motif == "phone-129" else "")
        if motif == "phone-lock":
            draw.rounded_rectangle((540, 260, 660, 360), radius=12, fill="#312e81")
            draw.arc((555, 190, 645, 290), 180, 360, fill="#312e81", width=18)
        else:
            draw.rounded_rectangle((740, 110, 1100, 250), radius=60, fill="#ffffff")
            draw.text((920, 180), "Aku perlu bantuan", font=_font(36), fill="#111827", anchor="mm")
    elif motif == "kites":
        for i, (x, y) in enumerate(((260, 200), (560, 130), (860, 230))):
            draw.polygon([(x, y - 90), (x + 70, y), (x, y + 110), (x - 70, y)], fill=WARM[i + 1])
            draw.line([(x, y + 110), (x - 40, y + 300)], fill="#ffffff", width=4)
    elif motif in ("shield", "heart"):
        draw.polygon(
            [(600, 70), (800, 140), (780, 360), (600, 480), (420, 360), (400, 140)], fill="#e9f5db"
        )
        draw.ellipse((520, 190, 610, 280), fill="#e63946")
        draw.ellipse((590, 190, 680, 280), fill="#e63946")
        draw.polygon([(526, 255), (674, 255), (600, 360)], fill="#e63946")
        if motif == "shield":
            for i, x in enumerate((180, 300, 900, 1020)):
                _person(draw, x, 460, 60, WARM[i])
    elif motif == "megaphone":
        draw.polygon([(380, 260), (700, 120), (700, 440), (380, 320)], fill="#fefefe")
        draw.rectangle((320, 250, 390, 330), fill="#1f2937")
        for r in (80, 140, 200):
            draw.arc((700 - r, 280 - r, 700 + r, 280 + r), -40, 40, fill="#ffedd5", width=10)
        draw.ellipse((880, 320, 1000, 440), fill="#f97316")
    elif motif == "school":
        draw.rectangle((300, 220, 900, 480), fill="#fefae0")
        draw.polygon([(270, 220), (600, 100), (930, 220)], fill="#b91c1c")
        for x in (360, 480, 680, 800):
            draw.rectangle((x, 280, x + 60, 340), fill="#60a5fa")
        draw.rectangle((560, 380, 640, 480), fill="#6b4226")
        draw.ellipse((960, 260, 1120, 420), fill="#166534")
        draw.rectangle((1030, 400, 1050, 480), fill="#6b4226")
    elif motif == "warning":
        draw.regular_polygon((600, 300, 210), 3, fill="#fde047")
        draw.text((600, 340), "!", font=_font(220), fill="#111827", anchor="mm")
    elif motif == "checklist":
        draw.rounded_rectangle((420, 60, 780, 500), radius=20, fill="#fefefe")
        for i in range(4):
            y = 120 + i * 95
            draw.rounded_rectangle((460, y, 510, y + 50), radius=8, outline="#1e3a8a", width=6)
            draw.line([(470, y + 25), (485, y + 42), (505, y + 5)], fill="#16a34a", width=8)
            draw.rounded_rectangle((540, y + 15, 740, y + 35), radius=8, fill="#cbd5e1")
    elif motif == "book":
        draw.rectangle((200, 80, 1000, 330), fill="#14532d")
        draw.text((600, 200), "Aku mendengarkanmu", font=_font(48), fill="#f8fafc", anchor="mm")
        draw.polygon([(380, 380), (600, 420), (600, 520), (380, 480)], fill="#fefefe")
        draw.polygon([(820, 380), (600, 420), (600, 520), (820, 480)], fill="#f1f5f9")


def illustration_bytes(spec: Illustration) -> bytes:
    """A 1200x675 JPEG: a gradient, a motif and a label band, in PIL's default font."""
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    image = ImageOps.colorize(mask, spec.top, spec.bottom).convert("RGB")
    draw = ImageDraw.Draw(image)
    _draw_motif(draw, spec.motif)
    draw.rectangle((0, HEIGHT - 150, WIDTH, HEIGHT), fill="#0b1f26")
    draw.text((60, HEIGHT - 130), spec.label, font=_font(64), fill="#ffffff")
    draw.text(
        (60, HEIGHT - 50), "Ilustrasi · Portal Forum Anak Kota Bima", font=_font(26), fill="#d1e7e4"
    )
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


# --- Documents (a small PDF written by hand) --------------------------------------------------

DOCUMENTS = {
    "ringkasan-rakor": (
        "Ringkasan hasil rapat koordinasi pencegahan TPPO (contoh)",
        "ringkasan-rakor-pencegahan-tppo.pdf",
        [
            "Ringkasan hasil rapat koordinasi lintas sektor",
            "Pencegahan perdagangan orang dan kekerasan terhadap perempuan dan anak",
            "",
            "DOKUMEN CONTOH untuk situs demo Portal Forum Anak Kota Bima.",
            "",
            "Kesepakatan:",
            "1. Setiap kelurahan menunjuk satu petugas penghubung pencegahan TPPO.",
            "2. Sekolah memasukkan materi migrasi aman ke kegiatan kesiswaan.",
            "3. Laporan dugaan perdagangan orang diteruskan ke UPTD PPA dan SAPA 129 paling lambat "
            "1 x 24 jam.",
            "4. Forum Anak diundang ke musrenbang kelurahan, kecamatan, dan kota.",
            "5. Hasil rapat dievaluasi bersama enam bulan lagi.",
            "",
            "Butuh bantuan? Telepon SAPA 129 atau WhatsApp 08111-129-129.",
        ],
    ),
    "cek-migrasi": (
        "Lembar periksa migrasi aman (contoh)",
        "lembar-periksa-migrasi-aman.pdf",
        [
            "Lembar periksa migrasi aman",
            "",
            "DOKUMEN CONTOH untuk situs demo Portal Forum Anak Kota Bima.",
            "",
            "[ ] Umur saya sudah 18 tahun atau lebih.",
            "[ ] Perusahaan penyalur terdaftar resmi dan alamat kantornya jelas.",
            "[ ] Saya membaca dan memegang salinan perjanjian kerja.",
            "[ ] Paspor dan dokumen saya simpan sendiri, tidak dititipkan ke perekrut.",
            "[ ] Keluarga tahu alamat tempat kerja dan nomor yang bisa dihubungi.",
            "[ ] Saya tidak diminta membayar biaya yang tidak jelas.",
            "",
            "Ragu? Tanyakan dulu ke Dinas Tenaga Kerja atau hubungi SAPA 129.",
        ],
    ),
}


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


# --- StreamField blocks -----------------------------------------------------------------------

HELP_TEXT = (
    "Kamu tidak sendiri. Ceritakan ke orang dewasa yang kamu percaya, atau hubungi SAPA 129. "
    "Layanannya gratis dan menjaga rahasiamu."
)


def _p(html: str) -> tuple:
    return ("paragraph", html)


def _h(text: str, level: str = "h2") -> tuple:
    return ("heading", {"text": text, "level": level})


def _image(image: CustomImage, caption: str) -> tuple:
    return ("image", {"image": image.pk, "caption": caption, "credit": IMAGE_CREDIT})


def _quote(quote: str, speaker: str, role: str = "") -> tuple:
    return ("quote", {"quote": quote, "speaker": speaker, "role": role})


def _document(document, label: str) -> tuple:
    return ("document", {"document": document.pk, "label": label})


def _video(title: str, poster: CustomImage, duration: str) -> tuple:
    return ("video", {"title": title, "url": VIDEO_URL, "poster": poster.pk, "duration": duration})


def _facts(title: str, items: list[str], style: str = "facts") -> tuple:
    return ("fact_box", {"title": title, "style": style, "items": items})


def _help(title: str = "Butuh bantuan?", text: str = HELP_TEXT) -> tuple:
    return ("help_callout", {"title": title, "text": text})


def _signs(title: str, intro: str, signs: list[str]) -> tuple:
    return ("warning_signs", {"title": title, "intro": intro, "signs": signs})


def _faq(items: list[tuple[str, str]], title: str = "Pertanyaan yang sering diajukan") -> tuple:
    return ("faq", {"title": title, "items": [{"question": q, "answer": a} for q, a in items]})


def _stream(key: str, blocks: list[tuple]) -> list[dict]:
    """Raw StreamField data with block ids derived from the page and position."""
    return [
        {"type": kind, "value": value, "id": str(uuid.uuid5(_BLOCK_IDS, f"{key}/{n}"))}
        for n, (kind, value) in enumerate(blocks)
    ]


def _link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


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


def _same_stream(page: Page, name: str, raw: list[dict]) -> bool:
    block = page._meta.get_field(name).stream_block
    stored = block.get_prep_value(getattr(page, name))
    wanted = block.get_prep_value(block.to_python(raw))
    return _without_ids(stored) == _without_ids(wanted)


def _is_current(page: Page, fields: dict, topics, tags) -> bool:
    if not page.live or page.has_unpublished_changes:
        return False
    for name, value in fields.items():
        if name == "body":
            if not _same_stream(page, name, value):
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


def _page(
    parent: Page, model, slug: str, tally: Tally, *, topics=None, tags=None, **fields
) -> Page:
    """Get the child page with this slug, or create it; publish only what changed."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
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


# --- Seeding ----------------------------------------------------------------------------------


def seed_home() -> HomePage:
    """The site root: a HomePage under Wagtail's root, bound to the default Site."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Bersama mencegah perdagangan orang dan kekerasan",
            slug="beranda",
            intro="Portal Forum Anak Kota Bima: belajar mengenali bahaya, tahu ke mana minta "
            "tolong, dan ikut menyampaikan usulan untuk kota kita.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
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
    site.site_name = "Portal Forum Anak Kota Bima"
    site.save()
    if old_root is not None and type(old_root.specific) is Page and old_root.depth == 2:
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


def seed_hotlines() -> None:
    Hotline.objects.update_or_create(
        name="SAPA 129 (Kementerian PPPA)",
        defaults={
            "phone": "129",
            "phone_alt": "021-129",
            "whatsapp": "628111129129",
            "is_24_hours": True,
            "coverage": Hotline.Coverage.NATIONAL,
            "sort_order": 0,
            "helps_with": "Kekerasan terhadap perempuan dan anak, perdagangan orang, anak yang "
            "butuh perlindungan.",
            "last_verified_on": date(2026, 11, 1),
        },
    )
    Hotline.objects.update_or_create(
        name="Contoh: UPTD PPA Kota Bima",
        defaults={
            "phone": "0374-000000",
            "is_example": True,
            "coverage": Hotline.Coverage.CITY,
            "hours": "Senin-Jumat 08.00-15.00 WITA",
            "sort_order": 10,
            "helps_with": "Pendampingan korban, konseling, dan rujukan. Nomor ini contoh: ganti "
            "dengan nomor resmi.",
        },
    )


def seed_topics() -> dict[str, Topic]:
    topics = {}
    for order, (slug, name, description) in enumerate(TOPICS):
        wanted = {"name": name, "description": description, "sort_order": (order + 1) * 10}
        topic, created = Topic.objects.get_or_create(slug=slug, defaults=wanted)
        if not created and any(getattr(topic, key) != value for key, value in wanted.items()):
            for key, value in wanted.items():
                setattr(topic, key, value)
            topic.save()
        topics[slug] = topic
    return topics


def seed_images() -> dict[str, CustomImage]:
    """The illustrations, looked up by title; drawn only when missing (the file never changes)."""
    images = {}
    for key, spec in ILLUSTRATIONS.items():
        image = CustomImage.objects.filter(title=spec.title).first()
        if image is None:
            image = CustomImage(
                title=spec.title,
                description=spec.alt,
                credit=IMAGE_CREDIT,
                file=ContentFile(illustration_bytes(spec), name=f"demo-{key}.jpg"),
            )
            image.save()  # through image_sanitize(), like every upload
        elif (image.description, image.credit) != (spec.alt, IMAGE_CREDIT):
            image.description, image.credit = spec.alt, IMAGE_CREDIT
            image.save(update_fields=["description", "credit"])
        images[key] = image
    return images


def seed_documents() -> dict:
    document_model = get_document_model()
    documents = {}
    for key, (title, filename, lines) in DOCUMENTS.items():
        document = document_model.objects.filter(title=title).first()
        if document is None:
            document = document_model(
                title=title, file=ContentFile(pdf_bytes(title, lines), name=filename)
            )
            document._set_document_file_metadata()
            document.save()
        documents[key] = document
    return documents


def seed_site() -> list[str]:
    """The whole public demo site. Returns report lines."""
    tally = Tally()
    home = seed_home()
    wilayah = wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8-sig"))
    cycle = seed_cycle()
    seed_hotlines()
    topics = seed_topics()
    images = seed_images()
    documents = seed_documents()

    news = _page(
        home,
        NewsIndexPage,
        "berita",
        tally,
        title="Berita",
        intro="Kabar terbaru tentang pencegahan perdagangan orang dan perlindungan perempuan dan "
        "anak di Kota Bima. Berita di situs demo ini adalah contoh rekaan.",
    )
    education = _page(
        home,
        EducationIndexPage,
        "edukasi",
        tally,
        title="Edukasi",
        intro="Materi singkat untuk anak, remaja, orang tua, dan guru.",
    )
    help_page = _page(
        home,
        HelpPage,
        "bantuan",
        tally,
        title="Bantuan",
        intro="Kamu tidak sendiri. Semua layanan ini gratis dan menjaga rahasiamu.",
        body=_stream("bantuan", _help_body()),
    )
    privacy = _page(
        home,
        StandardPage,
        "kebijakan-privasi",
        tally,
        title="Kebijakan privasi",
        intro="Data apa yang kami simpan, untuk apa, siapa yang bisa melihatnya, dan apa hakmu. "
        "Kami menulisnya sesederhana mungkin supaya bisa dipahami semua orang, juga "
        "anak-anak.",
        body=_stream("kebijakan-privasi", _privacy_body()),
    )
    conduct = _page(
        home,
        StandardPage,
        "kode-etik",
        tally,
        title="Kode etik",
        intro="Aturan bersama supaya portal ini aman dan nyaman untuk semua orang, terutama "
        "anak-anak.",
        body=_stream("kode-etik", _conduct_body(help_page)),
    )
    refs = Refs(topics=topics, images=images, documents=documents, help_page=help_page)
    for article in _articles(refs):
        _page(news, NewsArticlePage, article.pop("slug"), tally, **article)
    for resource in _resources(refs):
        _page(education, EducationResourcePage, resource.pop("slug"), tally, **resource)
    about = _page(
        home,
        StandardPage,
        "tentang",
        tally,
        title="Tentang portal ini",
        intro="Portal ini dikelola Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kota "
        "Bima bersama Forum Anak Kota Bima.",
        body=_stream("tentang", _about_body(help_page, privacy, conduct)),
    )

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)  # creates the row with its defaults
    if not site_settings.footer_links:
        site_settings.footer_links = [
            ("link", {"label": page.title, "url": page.url}) for page in (about, privacy, conduct)
        ]
        site_settings.save()
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
    """One demo account per content role, plus an admin; then the forum's accounts,
    proposals and musrenbang (forum_anak/demo.py). Development only."""
    user_model = get_user_model()
    password_hash = make_password(DEMO_PASSWORD)  # one slow hash, not one per account
    created = []
    for username, role in (
        ("editor", roles.EDITOR),
        ("moderator", roles.CONTENT_MODERATOR),
        ("admin", None),
    ):
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_superuser = user.is_staff = role is None
        user.password = password_hash
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        created.append((username, DEMO_PASSWORD, role or "Admin"))
    created += forum_demo.seed_accounts(password_hash)
    forum_demo.seed_forum(MusrenbangCycle.current())
    return created


# --- The content ------------------------------------------------------------------------------


@dataclass
class Refs:
    """Objects the page bodies point at."""

    topics: dict
    images: dict
    documents: dict
    help_page: Page

    def topic_list(self, *slugs: str) -> list[Topic]:
        return [self.topics[slug] for slug in slugs]


def _hero(refs: Refs, key: str, caption: str) -> dict:
    return {"hero_image": refs.images[key], "hero_caption": caption, "hero_credit": IMAGE_CREDIT}


def _articles(refs: Refs) -> list[dict]:
    """News articles, newest last. Invented events; adults by role, children never by name."""
    img, doc, bantuan = refs.images, refs.documents, refs.help_page
    return [
        {
            "slug": "guru-smp-belajar-mengenali-tanda-kekerasan",
            "title": "Guru SMP belajar mengenali tanda kekerasan pada murid",
            "date": date(2026, 2, 18),
            "author_byline": NEWS_BYLINE,
            "summary": "Tiga puluh guru bimbingan konseling dan wali kelas belajar cara mengenali "
            "murid yang mungkin mengalami kekerasan, dan cara mendengarkan tanpa "
            "menyalahkan.",
            "topics": refs.topic_list("perlindungan-anak"),
            "tags": ["sekolah ramah anak", "guru", "pelatihan"],
            **_hero(refs, "sekolah", "Ilustrasi sekolah ramah anak."),
            "body": _stream(
                "guru-smp",
                [
                    _p(
                        "<p>DP3A Kota Bima mengadakan pelatihan sehari untuk guru bimbingan "
                        "konseling dan wali kelas SMP. Pelatihan ini bagian dari program sekolah "
                        "ramah anak.</p>"
                    ),
                    _p(
                        "<p>Guru sering menjadi orang dewasa pertama yang melihat ada yang berubah "
                        "pada seorang murid: tiba-tiba pendiam, sering absen, ada luka yang tidak "
                        "dijelaskan, atau takut pulang ke rumah.</p>"
                    ),
                    _h("Mendengar dulu, bukan menghakimi"),
                    _p(
                        "<p>Peserta berlatih menanggapi murid yang bercerita. Pesannya sederhana: "
                        "percayai cerita anak, jangan memaksa anak bercerita lebih dari yang ia "
                        "mau, dan jangan berjanji merahasiakan sesuatu yang membahayakan anak. "
                        "Guru lalu meneruskan laporan ke kepala sekolah dan UPTD PPA.</p>"
                    ),
                    _quote(
                        "Dulu saya kira tugas saya hanya menasihati. Sekarang saya tahu, yang "
                        "pertama adalah mendengarkan dan memastikan anak aman.",
                        "Seorang guru BK peserta pelatihan",
                    ),
                    _p("<p>Materi lengkap untuk guru bisa dibaca di bagian Edukasi.</p>"),
                ],
            ),
        },
        {
            "slug": "forum-anak-bawa-usulan-ke-musrenbang-tematik",
            "title": "Forum Anak membawa 12 usulan ke Musrenbang Tematik Anak",
            "date": date(2026, 3, 5),
            "author_byline": NEWS_BYLINE,
            "summary": "Anak-anak dari lima kecamatan menyampaikan usulan tentang sekolah, ruang "
            "bermain, dan keamanan lingkungan. Usulan yang disepakati dibahas untuk "
            "rencana kerja 2027.",
            "topics": refs.topic_list("forum-anak", "hak-anak"),
            "tags": ["musrenbang", "forum anak", "usulan"],
            **_hero(refs, "musrenbang-anak", "Ilustrasi anak-anak menyampaikan usulan."),
            "body": _stream(
                "musrenbang-tematik",
                [
                    _p(
                        "<p>Empat puluh anggota Forum Anak Kota Bima mengikuti Musrenbang Tematik "
                        "Anak. Mereka datang dari lima kecamatan: Asakota, Mpunda, Raba, Rasanae "
                        "Barat, dan Rasanae Timur.</p>"
                    ),
                    _p(
                        "<p>Usulan dikumpulkan lebih dulu dalam pertemuan forum di kelurahan dan "
                        "kecamatan. Fasilitator dari DP3A membantu anak menuliskan masalah yang "
                        "mereka lihat dan kegiatan yang mereka usulkan, dengan kata-kata mereka "
                        "sendiri.</p>"
                    ),
                    _h("Apa saja yang diusulkan?"),
                    _facts(
                        "Beberapa usulan anak",
                        [
                            "Lampu jalan di jalur menuju sekolah yang gelap saat sore.",
                            "Taman bermain yang aman untuk anak perempuan dan laki-laki.",
                            "Penyuluhan tentang tawaran kerja palsu di media sosial untuk siswa "
                            "SMP dan SMA.",
                            "Pojok baca di kantor kelurahan.",
                            "Toilet bersih dan terpisah untuk murid perempuan dan laki-laki di "
                            "sekolah dasar.",
                        ],
                    ),
                    _quote(
                        "Kami yang setiap hari lewat jalan itu. Jadi kami tahu tempat mana yang "
                        "membuat kami takut.",
                        "Anggota Forum Anak Kecamatan Raba",
                    ),
                    _image(img["forum-diskusi"], "Ilustrasi diskusi kelompok sebelum musrenbang."),
                    _h("Setelah musrenbang"),
                    _p(
                        "<p>Usulan yang disepakati masuk ke rancangan Rencana Kerja Pemerintah "
                        "Daerah (RKPD) 2027. Masuk rencana belum berarti langsung dikerjakan: "
                        "anggarannya masih harus disetujui dalam APBD, dan pekerjaannya baru "
                        "berjalan tahun berikutnya.</p>"
                    ),
                    _h("Bagaimana cara ikut?", "h3"),
                    _p(
                        "<p>Anak berusia 12 sampai 17 tahun di Kota Bima bisa bergabung dengan "
                        "Forum Anak di kelurahannya. Tanyakan kepada fasilitator di kantor "
                        "kelurahan atau DP3A.</p>"
                    ),
                ],
            ),
        },
        {
            "slug": "fasilitator-belajar-partisipasi-anak-yang-aman",
            "title": "Fasilitator belajar menjaga partisipasi anak tetap aman",
            "date": date(2026, 4, 22),
            "author_byline": NEWS_BYLINE,
            "summary": "Pendamping Forum Anak berlatih meminta izin orang tua, melindungi data "
            "anak, dan tahu apa yang harus dilakukan bila seorang anak bercerita "
            "tentang kekerasan.",
            "topics": refs.topic_list("forum-anak", "perlindungan-anak"),
            "tags": ["fasilitator", "pelatihan", "partisipasi anak"],
            **_hero(refs, "fasilitator", "Ilustrasi pelatihan fasilitator Forum Anak."),
            "body": _stream(
                "fasilitator",
                [
                    _p(
                        "<p>Dua puluh lima fasilitator dari kelurahan dan kecamatan mengikuti "
                        "pelatihan selama dua hari. Mereka adalah orang dewasa yang mendampingi "
                        "Forum Anak dalam rapat, kegiatan, dan musrenbang.</p>"
                    ),
                    _facts(
                        "Prinsip partisipasi anak yang aman",
                        [
                            "Anak ikut karena mau, dan boleh berhenti kapan saja.",
                            "Orang tua atau wali memberi izin sebelum data anak dicatat.",
                            "Nama asli, sekolah, dan foto wajah anak tidak pernah ditampilkan "
                            "untuk umum.",
                            "Penjelasan memakai bahasa yang mudah dipahami anak.",
                            "Anak selalu diberi tahu apa yang terjadi dengan usulannya.",
                        ],
                        style="checklist",
                    ),
                    _h("Bila anak bercerita tentang kekerasan"),
                    _p(
                        "<p>Kadang seorang anak bercerita tentang kekerasan atau ajakan kerja yang "
                        "mencurigakan di sela kegiatan forum. Fasilitator belajar menanggapinya "
                        "dengan tenang, tidak menyebarkan cerita itu, dan segera meneruskannya ke "
                        "petugas perlindungan yang akan merujuk ke UPTD PPA.</p>"
                    ),
                    _p(
                        "<p>Daftar layanan yang bisa dihubungi ada di halaman "
                        f"{_link(bantuan, 'Bantuan')}.</p>"
                    ),
                ],
            ),
        },
        {
            "slug": "rapat-lintas-sektor-cegah-perdagangan-orang",
            "title": "Rapat lintas sektor sepakati langkah bersama cegah perdagangan orang",
            "date": date(2026, 6, 12),
            "author_byline": NEWS_BYLINE,
            "summary": "DP3A Kota Bima mengajak dinas, kecamatan, sekolah, dan Forum Anak menyusun "
            "langkah bersama mencegah perdagangan orang dan kekerasan terhadap "
            "perempuan dan anak.",
            "topics": refs.topic_list("tppo", "kekerasan-terhadap-perempuan"),
            "tags": ["rapat koordinasi", "tppo", "musrenbang"],
            **_hero(refs, "rakor", "Ilustrasi rapat koordinasi lintas sektor di Kota Bima."),
            "body": _stream(
                "rakor",
                [
                    _p(
                        "<p>DP3A Kota Bima mengadakan rapat koordinasi lintas sektor tentang "
                        "pencegahan tindak pidana perdagangan orang (TPPO). Hadir perwakilan dinas "
                        "pendidikan, kesehatan, sosial, dan tenaga kerja, kepolisian, camat, "
                        "lurah, guru, serta pengurus Forum Anak Kota Bima.</p>"
                    ),
                    _p(
                        "<p>Perdagangan orang sering berawal dari tawaran kerja yang terdengar "
                        "menarik. Rapat ini membahas siapa melakukan apa: siapa yang memberi "
                        "penyuluhan, siapa yang menerima laporan, dan siapa yang mendampingi "
                        "korban.</p>"
                    ),
                    _h("Mengapa harus bersama-sama?"),
                    _p(
                        "<p>Tidak ada satu kantor pun yang bisa mencegah perdagangan orang "
                        "sendirian. Sekolah tahu murid yang tiba-tiba berhenti sekolah. Kelurahan "
                        "tahu warga yang hendak merantau. Puskesmas bisa mengenali tanda "
                        "kekerasan. Jika informasi ini tidak saling terhubung, anak dan perempuan "
                        "yang terancam bisa terlewat.</p>"
                    ),
                    _quote(
                        "Kami ingin setiap anak di Kota Bima tumbuh aman, dan tidak ada lagi warga "
                        "yang berangkat kerja lewat jalur tidak resmi. Itu hanya bisa terjadi jika "
                        "kita bekerja bersama.",
                        "Pimpinan rapat",
                        "DP3A Kota Bima",
                    ),
                    _h("Forum Anak diajak ke musrenbang"),
                    _p(
                        "<p>Rapat juga meminta agar Forum Anak dilibatkan dalam musyawarah "
                        "perencanaan pembangunan (musrenbang) dari kelurahan sampai kota. Dengan "
                        "begitu, usulan anak tentang keamanan, sekolah, dan ruang bermain ikut "
                        "dibahas saat rencana kerja tahun depan disusun.</p>"
                    ),
                    _facts(
                        "Kesepakatan rapat",
                        [
                            "Setiap kelurahan menunjuk satu petugas penghubung pencegahan TPPO.",
                            "Sekolah memasukkan materi migrasi aman ke kegiatan kesiswaan.",
                            "Laporan dugaan perdagangan orang diteruskan ke UPTD PPA dan SAPA 129 "
                            "paling lambat 1 x 24 jam.",
                            "Forum Anak diundang ke musrenbang kelurahan, kecamatan, dan kota.",
                            "Hasil rapat dievaluasi bersama enam bulan lagi.",
                        ],
                    ),
                    _document(doc["ringkasan-rakor"], "Unduh ringkasan hasil rapat"),
                    _help("Curiga ada perdagangan orang?"),
                ],
            ),
        },
        {
            "slug": "hari-anak-nasional-anak-bicara-hak-bermain-dan-belajar",
            "title": "Hari Anak Nasional: anak Kota Bima bicara soal hak bermain dan belajar",
            "date": date(2026, 7, 23),
            "author_byline": NEWS_BYLINE,
            "summary": "Peringatan Hari Anak Nasional diisi lomba poster, pentas seni, dan dialog "
            "antara Forum Anak dan pimpinan perangkat daerah.",
            "topics": refs.topic_list("hak-anak", "forum-anak"),
            "tags": ["hari anak nasional", "hak anak"],
            **_hero(
                refs, "hari-anak", "Ilustrasi layang-layang pada peringatan Hari Anak Nasional."
            ),
            "body": _stream(
                "hari-anak",
                [
                    _p(
                        "<p>Ratusan anak memadati lapangan kota untuk memperingati Hari Anak "
                        "Nasional. Ada lomba poster bertema \u201cAnak terlindungi, Indonesia "
                        "maju\u201d, pentas seni, dan permainan tradisional.</p>"
                    ),
                    _h("Dialog dengan perangkat daerah"),
                    _p(
                        "<p>Dalam sesi dialog, perwakilan Forum Anak bertanya langsung kepada "
                        "pimpinan perangkat daerah: kapan taman di kelurahan diperbaiki, dan "
                        "bagaimana sekolah mencegah perundungan.</p>"
                    ),
                    _quote(
                        "Kami tidak hanya ingin didengar hari ini. Kami ingin tahu jawabannya "
                        "nanti.",
                        "Anggota Forum Anak Kecamatan Mpunda",
                    ),
                    _p(
                        "<p>Pertanyaan yang belum terjawab dicatat dan akan dijawab tertulis oleh "
                        "dinas terkait dalam satu bulan.</p>"
                    ),
                ],
            ),
        },
        {
            "slug": "waspada-lowongan-kerja-palsu-di-media-sosial",
            "title": "Waspada lowongan kerja palsu di media sosial",
            "date": date(2026, 8, 14),
            "author_byline": NEWS_BYLINE,
            "summary": "Banyak perekrut tidak resmi mencari calon pekerja lewat media sosial. "
            "Kenali ciri-cirinya sebelum mengirim data pribadi atau uang.",
            "topics": refs.topic_list("tppo", "migrasi-aman"),
            "tags": ["lowongan kerja", "media sosial", "tppo"],
            **_hero(
                refs,
                "lowongan-palsu",
                "Ilustrasi iklan lowongan kerja yang mencurigakan di ponsel.",
            ),
            "body": _stream(
                "lowongan-palsu",
                [
                    _p(
                        "<p>Akhir-akhir ini banyak iklan lowongan kerja di media sosial yang "
                        "menjanjikan gaji besar di luar daerah atau luar negeri. Sebagian iklan "
                        "ini dipakai untuk menipu, bahkan untuk perdagangan orang.</p>"
                    ),
                    _h("Ciri-ciri lowongan yang patut dicurigai"),
                    _p(
                        "<ul><li>Gaji sangat tinggi untuk pekerjaan tanpa keahlian.</li><li>Tidak "
                        "ada alamat kantor yang jelas, hanya nomor WhatsApp.</li><li>Diminta "
                        "berangkat cepat, \u201cminggu ini juga\u201d.</li><li>Diminta mengirim "
                        "foto KTP, ijazah, atau uang pendaftaran.</li><li>Pelamar di bawah 18 "
                        "tahun tetap diterima.</li></ul>"
                    ),
                    _video("Kenali modus perekrutan kerja palsu", img["video-modus"], "3:40"),
                    _p(
                        "<p>Jika kamu menemukan iklan seperti ini, jangan dibalas dan jangan kirim "
                        "data apa pun. Simpan tangkapan layarnya, lalu ceritakan kepada orang tua "
                        "atau guru, atau laporkan ke SAPA 129.</p>"
                    ),
                    _help(),
                ],
            ),
        },
        {
            "slug": "warga-belajar-migrasi-aman-sebelum-merantau",
            "title": "Warga belajar migrasi aman sebelum merantau",
            "date": date(2026, 9, 3),
            "author_byline": NEWS_BYLINE,
            "summary": "Sosialisasi di kelurahan menjelaskan cara berangkat kerja yang aman: "
            "dokumen resmi, perusahaan penyalur terdaftar, dan nomor yang bisa "
            "dihubungi bila ada masalah.",
            "topics": refs.topic_list("migrasi-aman", "tppo"),
            "tags": ["migrasi aman", "sosialisasi", "kelurahan"],
            **_hero(refs, "migrasi", "Ilustrasi kapal menuju tempat kerja baru."),
            "body": _stream(
                "migrasi-kelurahan",
                [
                    _p(
                        "<p>Puluhan warga, sebagian besar orang tua dan anak muda, mengikuti "
                        "sosialisasi migrasi aman di aula kelurahan. Banyak keluarga di Kota Bima "
                        "punya anggota yang bekerja di luar daerah atau di luar negeri.</p>"
                    ),
                    _image(img["keluarga"], "Ilustrasi keluarga membicarakan rencana merantau."),
                    _p(
                        "<p>Penyuluh menjelaskan bahwa bekerja di tempat lain adalah hak setiap "
                        "orang dewasa. Yang perlu dijaga adalah caranya: resmi, tercatat, dan "
                        "keluarga tahu ke mana harus menghubungi.</p>"
                    ),
                    _facts(
                        "Sebelum berangkat, pastikan",
                        [
                            "Umur sudah 18 tahun atau lebih.",
                            "Perusahaan penyalur terdaftar dan alamat kantornya jelas.",
                            "Perjanjian kerja dibaca dan salinannya disimpan.",
                            "Paspor dan dokumen dipegang sendiri.",
                            "Keluarga menyimpan alamat tempat kerja dan nomor kontak.",
                        ],
                        style="checklist",
                    ),
                    _quote(
                        "Bertanya dulu itu gratis. Menyesal kemudian bisa sangat mahal.",
                        "Penyuluh ketenagakerjaan",
                    ),
                ],
            ),
        },
        {
            "slug": "menelepon-sapa-129-apa-yang-terjadi-setelah-melapor",
            "title": "Menelepon SAPA 129: apa yang terjadi setelah kamu melapor?",
            "date": date(2026, 10, 8),
            "author_byline": NEWS_BYLINE,
            "summary": "Banyak orang ragu melapor karena tidak tahu apa yang akan terjadi. Ini "
            "langkah-langkahnya, dari telepon pertama sampai pendampingan.",
            "topics": refs.topic_list("perlindungan-anak", "kekerasan-terhadap-perempuan"),
            "tags": ["sapa 129", "melapor", "layanan"],
            **_hero(refs, "sapa129", "Ilustrasi layanan pengaduan SAPA 129."),
            "body": _stream(
                "sapa129",
                [
                    _p(
                        "<p>SAPA 129 adalah layanan pengaduan kekerasan terhadap perempuan dan "
                        "anak dari Kementerian PPPA. Kamu bisa menelepon 129 atau mengirim pesan "
                        "WhatsApp ke 08111-129-129. Layanannya gratis.</p>"
                    ),
                    _h("Langkah demi langkah"),
                    _p(
                        "<ol><li>Petugas menerima teleponmu dan menanyakan apa yang "
                        "terjadi.</li><li>Kamu boleh bercerita sedikit dulu. Kamu tidak wajib "
                        "menyebut nama.</li><li>Petugas menilai apakah ada bahaya saat ini. Jika "
                        "ya, petugas menghubungi layanan terdekat.</li><li>Laporan diteruskan ke "
                        "UPTD PPA di daerahmu untuk pendampingan.</li><li>Pendamping menghubungimu "
                        "untuk konseling, bantuan hukum, atau layanan kesehatan bila "
                        "perlu.</li></ol>"
                    ),
                    _facts(
                        "Yang bisa disiapkan (kalau ada)",
                        [
                            "Apa yang terjadi, kapan, dan di mana.",
                            "Siapa yang sedang dalam bahaya.",
                            "Nomor yang aman untuk menghubungimu kembali.",
                        ],
                        style="checklist",
                    ),
                    _h("Rahasiamu dijaga"),
                    _p(
                        "<p>Identitas pelapor dan korban dijaga. Petugas tidak akan menyebarkan "
                        "ceritamu. Media juga dilarang menyebut identitas anak yang menjadi korban "
                        "atau saksi.</p>"
                    ),
                    _help("Mau bicara sekarang?"),
                ],
            ),
        },
        {
            "slug": "kampanye-16-hari-anti-kekerasan-terhadap-perempuan",
            "title": "Kampanye 16 hari anti kekerasan terhadap perempuan dimulai",
            "date": date(2026, 11, 25),
            "author_byline": NEWS_BYLINE,
            "summary": "Mulai 25 November sampai 10 Desember, DP3A dan mitra mengadakan kegiatan "
            "di sekolah, pasar, dan kelurahan untuk mengajak warga menolak kekerasan.",
            "topics": refs.topic_list("kekerasan-terhadap-perempuan", "perlindungan-anak"),
            "tags": ["16 hari", "kampanye", "kekerasan"],
            **_hero(refs, "kampanye16", "Ilustrasi kampanye 16 hari anti kekerasan."),
            "body": _stream(
                "kampanye16",
                [
                    _p(
                        "<p>Kampanye 16 Hari Anti Kekerasan terhadap Perempuan diperingati di "
                        "seluruh dunia setiap 25 November sampai 10 Desember. Tahun ini DP3A Kota "
                        "Bima mengajak sekolah, pedagang pasar, tokoh agama, dan Forum Anak untuk "
                        "ikut.</p>"
                    ),
                    _facts(
                        "Rencana kegiatan",
                        [
                            "Minggu pertama: kelas diskusi di SMA tentang hubungan yang sehat.",
                            "Minggu kedua: pembagian selebaran layanan SAPA 129 di pasar.",
                            "Minggu ketiga: dialog warga di kelurahan tentang kekerasan dalam "
                            "rumah tangga.",
                            "10 Desember: Forum Anak membacakan pesan damai di Hari Hak Asasi "
                            "Manusia.",
                        ],
                    ),
                    _p(
                        "<p>Kekerasan bukan urusan pribadi. Jika kamu melihat atau mengalaminya, "
                        "kamu berhak minta tolong.</p>"
                    ),
                    _help(),
                ],
            ),
        },
    ]


def _resources(refs: Refs) -> list[dict]:
    """Education resources: at least one for each audience."""
    img, doc, bantuan = refs.images, refs.documents, refs.help_page
    audience = EducationResourcePage.Audience
    return [
        {
            "slug": "kenali-tanda-tanda-perdagangan-orang",
            "title": "Kenali tanda-tanda perdagangan orang",
            "audience": audience.CHILDREN,
            "date": date(2026, 5, 10),
            "author_byline": EDU_BYLINE,
            "summary": "Perdagangan orang bisa terjadi pada siapa saja, termasuk anak dan remaja. "
            "Kenali tandanya supaya kamu dan temanmu bisa menghindar.",
            "topics": refs.topic_list("tppo"),
            "tags": ["tppo", "tanda bahaya"],
            **_hero(refs, "tanda-bahaya", "Ilustrasi tanda peringatan."),
            "body": _stream(
                "tanda-tppo",
                [
                    _p(
                        "<p>Perdagangan orang (TPPO) terjadi ketika seseorang dibujuk, dibawa, "
                        "atau ditampung dengan cara menipu, memaksa, atau mengancam, lalu "
                        "dimanfaatkan untuk keuntungan orang lain. Untuk anak di bawah 18 tahun, "
                        "membawa anak untuk dieksploitasi sudah termasuk perdagangan orang, "
                        "walaupun anak itu \u201csetuju\u201d.</p>"
                    ),
                    _signs(
                        "Tanda-tanda bahaya",
                        "Hati-hati jika seseorang:",
                        [
                            "Menjanjikan gaji besar untuk pekerjaan yang mudah.",
                            "Memintamu merahasiakan rencana berangkat dari orang tua.",
                            "Menawarkan membayar semua biaya perjalanan, lalu bilang kamu harus "
                            "melunasinya.",
                            "Meminta foto, KTP, atau dokumen lain lewat pesan.",
                            "Mengajakmu bertemu sendirian di tempat yang tidak kamu kenal.",
                        ],
                    ),
                    _h("Apa yang bisa kamu lakukan?"),
                    _p(
                        "<ul><li>Jangan langsung percaya. Tanyakan dulu ke orang dewasa yang kamu "
                        "percaya.</li><li>Jangan kirim foto atau dokumen kepada orang yang baru "
                        "kamu kenal.</li><li>Kalau temanmu bercerita dapat tawaran seperti ini, "
                        "ajak dia bicara dengan guru atau orang tua.</li></ul>"
                    ),
                    _faq(
                        [
                            (
                                "Apakah korban perdagangan orang bisa dihukum?",
                                "<p>Tidak. Korban tidak bersalah. Korban berhak mendapat "
                                "perlindungan dan pendampingan.</p>",
                            ),
                            (
                                "Bagaimana kalau perekrutnya orang yang aku kenal?",
                                "<p>Banyak perekrut justru orang dekat: tetangga, kenalan, bahkan "
                                "kerabat. Kamu tetap boleh menolak dan bercerita kepada orang "
                                "dewasa yang kamu percaya.</p>",
                            ),
                            (
                                "Apakah melapor ke SAPA 129 harus bayar?",
                                "<p>Tidak. Telepon 129 dan WhatsApp 08111-129-129 gratis.</p>",
                            ),
                        ]
                    ),
                    _help(),
                ],
            ),
        },
        {
            "slug": "migrasi-aman-cek-sebelum-merantau",
            "title": "Migrasi aman: yang perlu dicek sebelum merantau",
            "audience": audience.PUBLIC,
            "date": date(2026, 6, 2),
            "author_byline": EDU_BYLINE,
            "summary": "Daftar periksa untuk siapa saja yang akan bekerja ke luar daerah atau luar "
            "negeri, dan untuk keluarga yang ditinggalkan.",
            "topics": refs.topic_list("migrasi-aman", "tppo"),
            "tags": ["migrasi aman", "daftar periksa"],
            **_hero(refs, "cek-migrasi", "Ilustrasi daftar periksa migrasi aman."),
            "body": _stream(
                "cek-migrasi",
                [
                    _p(
                        "<p>Bekerja di tempat lain adalah hak setiap orang dewasa. Supaya aman, "
                        "berangkatlah lewat jalur resmi dan pastikan keluarga tahu ke mana kamu "
                        "pergi.</p>"
                    ),
                    _facts(
                        "Daftar periksa sebelum berangkat",
                        [
                            "Umur sudah 18 tahun atau lebih.",
                            "Perusahaan penyalur terdaftar resmi dan punya kantor yang jelas.",
                            "Perjanjian kerja tertulis, dibaca, dan salinannya disimpan.",
                            "Paspor dan dokumen dipegang sendiri.",
                            "Keluarga menyimpan alamat tempat kerja dan nomor kontak.",
                        ],
                        style="checklist",
                    ),
                    _signs(
                        "Tanda perekrutan tidak resmi",
                        "Waspadalah jika:",
                        [
                            "Kamu diminta berangkat tanpa perjanjian kerja.",
                            "Umurmu diubah di dokumen.",
                            "Kamu diminta membayar biaya besar yang tidak jelas.",
                            "Paspor akan \u201cdisimpankan\u201d oleh perekrut.",
                        ],
                    ),
                    _document(doc["cek-migrasi"], "Unduh lembar periksa migrasi aman"),
                    _faq(
                        [
                            (
                                "Di mana saya bisa memastikan perusahaan penyalur itu resmi?",
                                "<p>Tanyakan ke Dinas Tenaga Kerja di kota atau kabupaten Anda "
                                "sebelum menandatangani apa pun.</p>",
                            ),
                            (
                                "Anak saya berumur 16 tahun dan ditawari kerja di kota lain. "
                                "Bolehkah?",
                                "<p>Anak di bawah 18 tahun tidak boleh direkrut untuk bekerja jauh "
                                "dari keluarga. Tawaran seperti ini adalah tanda bahaya: laporkan "
                                "ke SAPA 129.</p>",
                            ),
                        ]
                    ),
                ],
            ),
        },
        {
            "slug": "cara-melapor-kekerasan-atau-perdagangan-orang",
            "title": "Cara melapor kekerasan atau perdagangan orang",
            "audience": audience.PUBLIC,
            "date": date(2026, 7, 1),
            "author_byline": EDU_BYLINE,
            "summary": "Ke mana melapor, apa yang perlu disampaikan, dan apa yang terjadi "
            "setelahnya. Semua layanan di sini gratis.",
            "topics": refs.topic_list("perlindungan-anak", "kekerasan-terhadap-perempuan", "tppo"),
            "tags": ["melapor", "sapa 129", "uptd ppa"],
            **_hero(refs, "melapor", "Ilustrasi menghubungi layanan pengaduan."),
            "body": _stream(
                "cara-melapor",
                [
                    _p(
                        "<p>Kalau kamu mengalami, melihat, atau mendengar tentang kekerasan "
                        "terhadap perempuan dan anak, atau dugaan perdagangan orang, kamu bisa "
                        "melapor. Kamu tidak perlu punya bukti lengkap dulu.</p>"
                    ),
                    _h("Ke mana melapor?"),
                    _p(
                        "<ul><li><b>Dalam bahaya sekarang:</b> telepon polisi di "
                        "110.</li><li><b>SAPA 129:</b> telepon 129 atau WhatsApp 08111-129-129, 24 "
                        "jam.</li><li><b>UPTD PPA Kota Bima:</b> datang langsung atau telepon pada "
                        "jam kerja.</li>"
                        "<li>Daftar lengkapnya ada di halaman "
                        f"{_link(bantuan, 'Bantuan')}.</li></ul>"
                    ),
                    _faq(
                        [
                            (
                                "Apakah saya harus menyebut nama?",
                                "<p>Tidak harus. Tetapi nomor yang aman untuk dihubungi kembali "
                                "akan membantu petugas.</p>",
                            ),
                            (
                                "Bagaimana kalau saya salah dan ternyata tidak terjadi apa-apa?",
                                "<p>Tidak apa-apa. Melapor dengan niat baik tidak akan membuatmu "
                                "dihukum. Petugas yang akan memeriksa.</p>",
                            ),
                            (
                                "Apakah pelaku akan tahu saya yang melapor?",
                                "<p>Identitas pelapor dijaga oleh petugas.</p>",
                            ),
                        ]
                    ),
                    _help(),
                ],
            ),
        },
        {
            "slug": "hak-anak-yang-perlu-kamu-tahu",
            "title": "Hak anak yang perlu kamu tahu",
            "audience": audience.CHILDREN,
            "date": date(2026, 7, 20),
            "author_byline": EDU_BYLINE,
            "summary": "Setiap anak di bawah 18 tahun punya hak yang dilindungi undang-undang. Ini "
            "penjelasan singkatnya.",
            "topics": refs.topic_list("hak-anak"),
            "tags": ["hak anak", "kota layak anak"],
            **_hero(refs, "hak-anak", "Ilustrasi hak anak yang dilindungi."),
            "body": _stream(
                "hak-anak",
                [
                    _p(
                        "<p>Kamu disebut anak sampai berumur 18 tahun. Selama itu, negara, "
                        "pemerintah daerah, masyarakat, dan keluarga wajib menjaga hak-hakmu.</p>"
                    ),
                    _facts(
                        "Lima kelompok hak anak",
                        [
                            "Hak sipil dan kebebasan: punya akta kelahiran, boleh berpendapat dan "
                            "didengar.",
                            "Lingkungan keluarga: diasuh dengan baik, atau pengasuhan lain yang "
                            "layak.",
                            "Kesehatan dan kesejahteraan: makan bergizi, air bersih, layanan "
                            "kesehatan.",
                            "Pendidikan dan waktu luang: sekolah, bermain, beristirahat, dan "
                            "berkesenian.",
                            "Perlindungan khusus: dilindungi dari kekerasan, eksploitasi, dan "
                            "perdagangan orang.",
                        ],
                    ),
                    _p(
                        "<p>Kelima kelompok ini juga dipakai untuk menilai apakah sebuah kota "
                        "sudah menjadi Kota Layak Anak. Usulan Forum Anak ke musrenbang biasanya "
                        "masuk ke salah satu kelompok ini.</p>"
                    ),
                    _faq(
                        [
                            (
                                "Kalau hakku dilanggar, aku harus bagaimana?",
                                "<p>Ceritakan ke orang dewasa yang kamu percaya, atau hubungi SAPA "
                                "129.</p>",
                            ),
                            (
                                "Apakah hak berarti aku boleh melakukan apa saja?",
                                "<p>Tidak. Hak datang bersama tanggung jawab, misalnya menghormati "
                                "hak orang lain.</p>",
                            ),
                        ]
                    ),
                ],
            ),
        },
        {
            "slug": "apa-itu-forum-anak",
            "title": "Apa itu Forum Anak dan apa yang dilakukannya?",
            "audience": audience.CHILDREN,
            "date": date(2026, 8, 1),
            "author_byline": EDU_BYLINE,
            "summary": "Forum Anak adalah wadah anak untuk berpendapat dan ikut membangun kota. "
            "Ini yang dilakukan anggotanya, dan cara bergabung.",
            "topics": refs.topic_list("forum-anak", "hak-anak"),
            "tags": ["forum anak", "partisipasi anak"],
            **_hero(refs, "forum-anak", "Ilustrasi anggota Forum Anak."),
            "body": _stream(
                "forum-anak",
                [
                    _p(
                        "<p>Forum Anak adalah organisasi anak berumur di bawah 18 tahun. Ada di "
                        "tingkat kota, kecamatan, dan kelurahan. Orang dewasa dari DP3A "
                        "mendampingi sebagai fasilitator, tetapi keputusan dan suara tetap milik "
                        "anak.</p>"
                    ),
                    _h("Pelopor dan pelapor"),
                    _p(
                        "<p>Peran Forum Anak sering disebut <i>2P</i>: pelopor dan pelapor. "
                        "Pelopor berarti memberi contoh baik, misalnya mengajak teman tidak "
                        "merundung. Pelapor berarti menyampaikan masalah yang dilihat anak kepada "
                        "orang yang bisa menyelesaikannya.</p>"
                    ),
                    _facts(
                        "Yang dilakukan Forum Anak",
                        [
                            "Mengumpulkan pendapat dan usulan anak di kelurahan.",
                            "Membawa usulan ke musrenbang kelurahan, kecamatan, dan kota.",
                            "Mengajak teman sebaya belajar tentang hak anak dan bahaya perdagangan "
                            "orang.",
                            "Ikut kegiatan Hari Anak Nasional dan kampanye anti kekerasan.",
                        ],
                        style="checklist",
                    ),
                    _image(img["forum-diskusi"], "Ilustrasi anggota Forum Anak berdiskusi."),
                    _faq(
                        [
                            (
                                "Siapa yang boleh ikut?",
                                "<p>Anak berumur 12 sampai 17 tahun yang tinggal di Kota Bima.</p>",
                            ),
                            (
                                "Apakah aku harus punya email?",
                                "<p>Tidak. Fasilitator bisa membantumu membuat akun, dan orang tua "
                                "atau walimu memberi izin.</p>",
                            ),
                            (
                                "Apakah namaku akan tampil di internet?",
                                "<p>Tidak. Untuk umum, usulanmu hanya tampil dengan nama panggilan "
                                "yang disetujui petugas atau nama forummu, dan nama kelurahan.</p>",
                            ),
                        ]
                    ),
                ],
            ),
        },
        {
            "slug": "orang-tua-menjaga-anak-aman-di-internet",
            "title": "Untuk orang tua: menjaga anak tetap aman di internet",
            "audience": audience.PARENTS,
            "date": date(2026, 9, 15),
            "author_byline": EDU_BYLINE,
            "summary": "Perekrut dan pelaku kekerasan juga mencari anak lewat internet. Kenali "
            "tandanya dan apa yang bisa dilakukan di rumah.",
            "topics": refs.topic_list("perlindungan-anak", "tppo"),
            "tags": ["internet", "orang tua", "keamanan digital"],
            **_hero(refs, "internet", "Ilustrasi keamanan anak di internet."),
            "body": _stream(
                "orang-tua-internet",
                [
                    _p(
                        "<p>Ponsel membuka banyak kesempatan belajar. Tetapi orang yang berniat "
                        "buruk juga memakainya untuk mendekati anak: berpura-pura menjadi teman "
                        "sebaya, menawarkan pekerjaan, atau meminta foto.</p>"
                    ),
                    _signs(
                        "Tanda anak mungkin sedang dibujuk",
                        "Perhatikan jika anak Anda:",
                        [
                            "Tiba-tiba punya pulsa, uang, atau barang baru tanpa penjelasan.",
                            "Sangat tertutup tentang teman barunya di internet.",
                            "Gelisah atau takut setelah membaca pesan.",
                            "Membicarakan rencana pergi ke kota lain untuk bekerja.",
                        ],
                    ),
                    _facts(
                        "Yang bisa dilakukan di rumah",
                        [
                            "Ajak anak bercerita tentang apa yang ia lihat di internet, tanpa "
                            "memarahi.",
                            "Sepakati bersama aplikasi apa yang boleh dipakai.",
                            "Ajarkan: jangan kirim foto atau data pribadi ke orang yang baru "
                            "dikenal.",
                            "Pastikan anak tahu ia boleh bercerita kapan saja, dan tidak akan "
                            "disalahkan.",
                        ],
                        style="checklist",
                    ),
                    _faq(
                        [
                            (
                                "Apakah saya harus membaca semua pesan anak?",
                                "<p>Untuk remaja, kepercayaan lebih kuat daripada pengawasan "
                                "diam-diam. Bicarakan aturan bersama dan minta anak datang kepada "
                                "Anda bila ada yang aneh.</p>",
                            ),
                            (
                                "Anak saya sudah mengirim foto kepada orang asing. Apa yang harus "
                                "dilakukan?",
                                "<p>Tetap tenang dan jangan menyalahkan anak. Simpan bukti "
                                "pesannya, jangan membalas pelaku, lalu hubungi SAPA 129.</p>",
                            ),
                        ]
                    ),
                    _help(
                        "Khawatir dengan anak Anda?",
                        "Konsultasi dengan SAPA 129 gratis dan rahasia, 24 jam.",
                    ),
                ],
            ),
        },
        {
            "slug": "guru-bila-murid-bercerita-tentang-kekerasan",
            "title": "Untuk guru: bila murid bercerita tentang kekerasan",
            "audience": audience.TEACHERS,
            "date": date(2026, 10, 20),
            "author_byline": EDU_BYLINE,
            "summary": "Apa yang perlu dilakukan, dan yang sebaiknya tidak dilakukan, ketika "
            "seorang murid bercerita tentang kekerasan atau tawaran kerja yang "
            "mencurigakan.",
            "topics": refs.topic_list("perlindungan-anak", "kekerasan-terhadap-perempuan"),
            "tags": ["guru", "sekolah ramah anak", "rujukan"],
            **_hero(refs, "guru", "Ilustrasi guru yang mendengarkan murid."),
            "body": _stream(
                "guru-bercerita",
                [
                    _p(
                        "<p>Ketika seorang murid memilih bercerita kepada Anda, itu tanda ia "
                        "percaya. Tanggapan pertama Anda sangat menentukan apakah ia berani "
                        "mencari bantuan.</p>"
                    ),
                    _signs(
                        "Tanda murid mungkin mengalami kekerasan",
                        "Perhatikan perubahan seperti:",
                        [
                            "Sering absen atau tiba-tiba berhenti sekolah.",
                            "Luka atau memar yang tidak dijelaskan.",
                            "Menarik diri, mudah kaget, atau takut pulang.",
                            "Bercerita akan dibawa bekerja ke luar daerah.",
                        ],
                    ),
                    _facts(
                        "Lakukan",
                        [
                            "Dengarkan dengan tenang dan percayai ceritanya.",
                            "Katakan bahwa ini bukan salahnya dan ia berani bercerita.",
                            "Jelaskan bahwa Anda perlu memberi tahu orang yang bisa membantu.",
                            "Catat apa yang ia katakan dengan kata-katanya sendiri.",
                            "Laporkan hari itu juga ke kepala sekolah dan UPTD PPA atau SAPA 129.",
                        ],
                        style="checklist",
                    ),
                    _facts(
                        "Jangan lakukan",
                        [
                            "Jangan berjanji merahasiakan.",
                            "Jangan menanyai berulang-ulang atau meminta bukti.",
                            "Jangan menghadapi pelaku sendiri.",
                            "Jangan menceritakannya kepada guru atau murid lain.",
                        ],
                    ),
                    _faq(
                        [
                            (
                                "Bagaimana jika pelakunya keluarga murid sendiri?",
                                "<p>Tetap laporkan ke UPTD PPA atau SAPA 129. Petugas akan menilai "
                                "keamanan anak sebelum menghubungi keluarga.</p>",
                            ),
                        ]
                    ),
                    _help(
                        "Perlu berkonsultasi?",
                        "Guru juga bisa menghubungi SAPA 129 untuk bertanya langkah yang tepat.",
                    ),
                ],
            ),
        },
    ]


def _help_body() -> list[tuple]:
    return [
        _h("Apa yang terjadi saat kamu menghubungi layanan?"),
        _p(
            "<p>Petugas akan mendengarkan dan bertanya apa yang terjadi. Kamu boleh bercerita "
            "sedikit dulu, dan kamu tidak wajib menyebut nama. Petugas membantu mencari langkah "
            "yang aman: konseling, pendampingan, bantuan hukum, atau layanan kesehatan.</p>"
        ),
        _p(
            "<p>Kalau ponselmu dipakai bersama, tekan tombol <b>Keluar cepat</b> di atas layar "
            "untuk segera meninggalkan situs ini.</p>"
        ),
    ]


def _privacy_body() -> list[tuple]:
    return [
        _h("Kalau kamu hanya membaca"),
        _p(
            "<p>Kamu tidak perlu mendaftar untuk membaca berita dan materi. Kami tidak memasang "
            "iklan, tidak memakai alat pelacak dari perusahaan lain, dan tidak menyimpan kata yang "
            "kamu cari di kolom pencarian.</p>"
        ),
        _h("Kalau kamu anggota Forum Anak"),
        _p(
            "<p>Untuk membuat akun, kami mencatat data yang perlu untuk memastikan kamu benar "
            "anggota Forum Anak: namamu, umurmu, kelurahanmu, dan forummu. Sebelum kamu bisa "
            "mengirim usulan, orang tua atau walimu harus memberi izin, dan petugas mencatat izin "
            "itu.</p>"
        ),
        _facts(
            "Yang tampil untuk umum",
            [
                "Usulanmu, setelah disunting petugas supaya tidak memuat data pribadi.",
                "Nama panggilan yang disetujui petugas, atau nama forummu.",
                "Nama kelurahanmu (atau kecamatan, kalau anggota di kelurahanmu masih sedikit).",
            ],
            style="checklist",
        ),
        _facts(
            "Yang tidak pernah tampil untuk umum",
            [
                "Nama aslimu, umur atau tanggal lahirmu, dan sekolahmu.",
                "Nomor telepon, email, dan alamatmu.",
                "Foto wajahmu.",
            ],
        ),
        _h("Siapa yang bisa melihat datamu?"),
        _p(
            "<p>Hanya petugas yang perlu: fasilitator yang memeriksa keanggotaanmu dan petugas "
            "yang memeriksa usulan. Jika kamu bercerita tentang kekerasan, ceritamu tidak pernah "
            "diterbitkan. Hanya petugas perlindungan yang membacanya, supaya kamu bisa dibantu.</p>"
        ),
        _h("Berapa lama datamu disimpan?"),
        _p(
            "<p>Akun yang belum diperiksa petugas dalam 30 hari kami hapus. Kalau kamu menghapus "
            "akunmu, usulanmu tetap tersimpan sebagai bagian dari catatan musrenbang, tetapi tanpa "
            "namamu.</p>"
        ),
        _h("Hakmu"),
        _p(
            "<p>Kamu boleh melihat semua data tentang dirimu, mengunduhnya, dan menghapus akunmu "
            "kapan saja di halaman <b>Data saya</b> setelah masuk. Kalau kamu atau orang tuamu "
            "bertanya tentang data, kami menjawab paling lambat 3 x 24 jam. Kalau ada data yang "
            "bocor, kami memberi tahu kamu dalam waktu yang sama.</p>"
        ),
        _faq(
            [
                (
                    "Apakah orang tuaku bisa menarik izinnya?",
                    "<p>Bisa. Setelah izin ditarik, kamu tidak bisa mengirim usulan baru sampai "
                    "ada izin lagi.</p>",
                ),
                ("Apakah data ini dijual atau dipakai untuk iklan?", "<p>Tidak pernah.</p>"),
            ]
        ),
    ]


def _conduct_body(help_page: Page) -> list[tuple]:
    return [
        _h("Untuk semua pengguna"),
        _facts(
            "Kita sepakat untuk",
            [
                "Bersikap sopan dan menghargai pendapat orang lain.",
                "Tidak menulis nama, alamat, sekolah, atau nomor telepon orang lain.",
                "Tidak mengirim foto wajah anak.",
                "Tidak menyebarkan berita bohong atau ujaran kebencian.",
            ],
            style="checklist",
        ),
        _h("Untuk anggota Forum Anak"),
        _p(
            "<p>Tulislah usulan tentang masalah yang kamu lihat di lingkunganmu, bukan tentang "
            "orang tertentu. Kalau kamu atau temanmu sedang dalam bahaya, jangan menulisnya "
            "sebagai usulan: buka halaman "
            f"{_link(help_page, 'Bantuan')} atau hubungi SAPA 129.</p>"
        ),
        _h("Untuk petugas dan penulis"),
        _p(
            "<p>Kami tidak pernah menulis nama, foto, alamat, sekolah, atau ciri lain dari anak "
            "yang menjadi korban atau saksi. Foto kegiatan anak hanya diambil dari belakang atau "
            "dari jauh, dengan izin. Anak dikutip dengan perannya, bukan namanya.</p>"
        ),
        _h("Kalau aturan dilanggar"),
        _p(
            "<p>Petugas dapat menyembunyikan usulan atau menonaktifkan akun, dan akan menjelaskan "
            "alasannya dengan kata-kata yang mudah dipahami.</p>"
        ),
    ]


def _about_body(help_page: Page, privacy: Page, conduct: Page) -> list[tuple]:
    return [
        _p(
            "<p>Portal ini punya dua bagian. Bagian pertama untuk semua orang: berita, materi "
            "edukasi tentang pencegahan perdagangan orang dan kekerasan, dan daftar layanan "
            f"{_link(help_page, 'bantuan')}. Bagian kedua untuk anggota Forum Anak: tempat "
            "menyampaikan usulan untuk musrenbang dan mengikuti apa yang terjadi dengan usulan "
            "itu.</p>"
        ),
        _h("Motto kami"),
        _quote("Perempuan berdaya, anak terlindungi, Indonesia maju.", "Motto DP3A"),
        _h("Aturan dan privasi"),
        _p(
            f"<p>Baca {_link(privacy, 'kebijakan privasi')} "
            f"dan {_link(conduct, 'kode etik')} kami. "
            "Keduanya ditulis dengan bahasa sederhana.</p>"
        ),
        _h("Tentang situs demo ini"),
        _p(
            "<p>Semua berita, materi, kutipan, dan dokumen di situs ini adalah contoh rekaan untuk "
            "mencoba portal. Nomor layanan yang ditandai <b>contoh</b> belum nyata. Nomor SAPA 129 "
            "adalah layanan nasional yang sebenarnya.</p>"
        ),
    ]
