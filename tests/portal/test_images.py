"""Image metadata hygiene: no upload path stores or serves EXIF, GPS, XMP, IPTC or text chunks.

The fixture photos are built here with Pillow and hand-written metadata segments, so the test
knows exactly what went in: a phone-like EXIF block with GPS coordinates, a serial number, an
artist and a thumbnail; XMP; IPTC; a JPEG comment; PNG text chunks; WebP EXIF/XMP chunks.
"""

import functools
import json
import re
import struct
import warnings
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from wagtail.models import Collection

from content.models import CustomImage
from content.selectors import CARD_RENDITIONS, HERO_RENDITIONS
from portal.images import image_sanitize
from tests.factories import ImageFactory, UserFactory, with_totp

pytestmark = pytest.mark.django_db

# Renditions the public templates ask for: cards, article figures, and the og:image in meta.html.
SHARE_RENDITION = "fill-1200x630|format-jpeg"
TEMPLATE_RENDITIONS = tuple(dict.fromkeys((*CARD_RENDITIONS, *HERO_RENDITIONS, SHARE_RENDITION)))

# What a phone or an editing tool writes about the person in the photo.
ARTIST = "Budi Santoso"
CAMERA = "KameraKu Z9"
SERIAL = "SN-0042-BIMA"
COMMENT = b"Difoto oleh Budi di rumah Jl. Melati 7"
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
    b' xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Budi Santoso"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
FORBIDDEN = (
    b"Exif",
    b"EXIF",  # WebP's EXIF chunk
    b"GPS",
    b"xmpmeta",
    b"ns.adobe.com/xap",
    b"8BIM",
    b"Photoshop 3.0",
    b"tEXt",
    b"iTXt",
    b"zTXt",
    b"eXIf",
    COMMENT,
    ARTIST.encode(),
    CAMERA.encode(),
    SERIAL.encode(),
)

# Stored landscape (120 x 80) with a red block in the stored top-left corner; EXIF
# Orientation 6 means "rotate 90 degrees clockwise to display", so it shows as a 80 x 120
# portrait with the red block in the top-right corner.
STORED_SIZE = (120, 80)
RED = (230, 20, 20)
GREEN = (20, 120, 80)


# --- Fixture files -----------------------------------------------------------------------------

_BYTE, _ASCII, _SHORT, _LONG, _RATIONAL, _UNDEFINED = 1, 2, 3, 4, 5, 7


def _tag(tag: int, kind: int, value) -> tuple[int, int, int, bytes]:
    if kind == _ASCII:
        payload = value.encode() + b"\0"
    elif kind == _SHORT:
        payload = struct.pack("<H", value)
    elif kind == _LONG:
        payload = struct.pack("<I", value)
    elif kind == _RATIONAL:
        payload = b"".join(struct.pack("<II", num, den) for num, den in value)
    else:  # BYTE, UNDEFINED
        payload = bytes(value)
    count = len(value) if kind == _RATIONAL else (1 if kind in (_SHORT, _LONG) else len(payload))
    return tag, kind, count, payload


def _ifd(entries, start: int, next_ifd: int = 0) -> bytes:
    """One little-endian TIFF IFD at offset `start`, followed by its out-of-line values."""
    data_at = start + 2 + 12 * len(entries) + 4
    head, data = struct.pack("<H", len(entries)), b""
    for tag, kind, count, payload in sorted(entries):
        if len(payload) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + payload.ljust(4, b"\0")
        else:
            head += struct.pack("<HHII", tag, kind, count, data_at + len(data))
            data += payload + b"\0" * (len(payload) % 2)
    return head + struct.pack("<I", next_ifd) + data


def exif_block(*, orientation: int = 1, thumbnail: bytes = b"") -> bytes:
    """An EXIF block like a phone writes: IFD0, Exif IFD, GPS IFD and IFD1 with a thumbnail."""
    gps = [
        _tag(0x0000, _BYTE, [2, 3, 0, 0]),
        _tag(0x0001, _ASCII, "S"),
        _tag(0x0002, _RATIONAL, [(8, 1), (27, 1), (3600, 100)]),
        _tag(0x0003, _ASCII, "E"),
        _tag(0x0004, _RATIONAL, [(118, 1), (43, 1), (1200, 100)]),
        _tag(0x001B, _UNDEFINED, b"ASCII\0\0\0GPS"),  # GPSProcessingMethod
    ]
    exif = [
        _tag(0x9003, _ASCII, "2024:05:01 10:00:00"),
        _tag(0xA431, _ASCII, SERIAL),  # BodySerialNumber
    ]

    def ifd0(exif_at: int, gps_at: int):
        return [
            _tag(0x010F, _ASCII, CAMERA),
            _tag(0x0112, _SHORT, orientation),
            _tag(0x013B, _ASCII, ARTIST),
            _tag(0x8769, _LONG, exif_at),
            _tag(0x8825, _LONG, gps_at),
        ]

    def ifd1(thumb_at: int):
        return [
            _tag(0x0103, _SHORT, 6),  # JPEG-compressed thumbnail
            _tag(0x0201, _LONG, thumb_at),
            _tag(0x0202, _LONG, len(thumbnail)),
        ]

    # Sizes do not depend on pointer values, so lay out once with zeros, then for real.
    at_ifd0 = 8
    at_exif = at_ifd0 + len(_ifd(ifd0(0, 0), at_ifd0))
    at_gps = at_exif + len(_ifd(exif, at_exif))
    at_ifd1 = at_gps + len(_ifd(gps, at_gps))
    at_thumb = at_ifd1 + len(_ifd(ifd1(0), at_ifd1))
    tiff = (
        b"II*\0"
        + struct.pack("<I", at_ifd0)
        + _ifd(ifd0(at_exif, at_gps), at_ifd0, next_ifd=at_ifd1 if thumbnail else 0)
        + _ifd(exif, at_exif)
        + _ifd(gps, at_gps)
    )
    if thumbnail:
        tiff += _ifd(ifd1(at_thumb), at_ifd1) + thumbnail
    return b"Exif\0\0" + tiff


def iptc_segment() -> bytes:
    """An APP13 "Photoshop 3.0" segment holding an IPTC-IIM block (8BIM resource 0x0404)."""
    record = b"".join(
        b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(value)) + value
        for dataset, value in [(80, ARTIST.encode()), (120, b"Anak di Kelurahan Sarae")]
    )
    resource = b"8BIM\x04\x04\0\0" + struct.pack(">I", len(record)) + record
    resource += b"\0" * (len(record) % 2)
    payload = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _landscape_picture() -> Image.Image:
    picture = Image.new("RGB", STORED_SIZE, GREEN)
    picture.paste(RED, (0, 0, STORED_SIZE[0] // 3, STORED_SIZE[1] // 3))
    return picture


@functools.cache
def srgb_profile() -> bytes:
    # Cached: the profile's header holds its creation time.
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_jpeg() -> bytes:
    """A JPEG with every metadata block a phone or editor may add, stored with Orientation 6."""
    thumbnail = BytesIO()
    Image.new("RGB", (16, 12), RED).save(thumbnail, "JPEG")
    out = BytesIO()
    _landscape_picture().save(
        out,
        "JPEG",
        exif=exif_block(orientation=6, thumbnail=thumbnail.getvalue()),
        xmp=XMP,
        comment=COMMENT,
        icc_profile=srgb_profile(),
    )
    raw = out.getvalue()
    return raw[:2] + iptc_segment() + raw[2:]  # APP13 right after SOI


def phone_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", ARTIST)
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("Description", f"Foto {CAMERA}", lang="id", tkey="Deskripsi")
    info.add_text("XML:com.adobe.xmp", XMP.decode(), zip=True)
    out = BytesIO()
    _landscape_picture().save(out, "PNG", pnginfo=info, exif=exif_block(orientation=6))
    return out.getvalue()


def phone_webp() -> bytes:
    out = BytesIO()
    _landscape_picture().save(out, "WEBP", exif=exif_block(orientation=6), xmp=XMP, quality=90)
    return out.getvalue()


def burst_mpo() -> bytes:
    """A two-frame MPO (the format some phones write as .jpg), first frame with EXIF."""
    out = BytesIO()
    _landscape_picture().save(
        out,
        "MPO",
        save_all=True,
        append_images=[Image.new("RGB", STORED_SIZE, RED)],
        exif=exif_block(orientation=6),
    )
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height`: a decompression bomb if decoded."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _png_chunk(b"IEND", b"")
    )


PHOTOS = {
    "foto-ponsel.jpg": phone_jpeg,
    "foto-ponsel.png": phone_png,
    "foto-ponsel.webp": phone_webp,
    "foto-burst.jpg": burst_mpo,
}


def test_fixture_photos_really_carry_the_metadata():
    """Guards the other tests: each fixture holds what the sanitiser has to remove."""
    jpeg = phone_jpeg()
    for marker in (b"Exif", b"GPS", b"xmpmeta", b"8BIM", COMMENT, SERIAL.encode()):
        assert marker in jpeg, marker
    with Image.open(BytesIO(jpeg)) as opened:
        exif = opened.getexif()
        assert opened.size == STORED_SIZE
        assert exif[0x0112] == 6
        assert exif.get_ifd(0x8825)[0x0001] == "S"  # GPS latitude ref
        assert exif.get_ifd(0x8769)[0xA431] == SERIAL
        assert exif.get_ifd(ExifTags.IFD.IFD1)[0x0202]  # the thumbnail's length
        assert {"photoshop", "xmp", "comment", "icc_profile"} <= set(opened.info)

    png = phone_png()
    for marker in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
        assert marker in png, marker
    webp = phone_webp()
    for marker in (b"EXIF", b"XMP "):
        assert marker in webp, marker
    with Image.open(BytesIO(burst_mpo())) as opened:
        assert opened.format == "MPO"
        assert opened.n_frames == 2


# --- Assertions --------------------------------------------------------------------------------


def assert_no_metadata(data: bytes, what: str) -> None:
    leaked = [marker for marker in FORBIDDEN if marker in data]
    assert not leaked, f"{what} still carries {leaked}"
    with Image.open(BytesIO(data)) as opened:
        assert not opened.getexif(), f"{what} has EXIF"
        for key in ("exif", "xmp", "comment", "photoshop", "XML:com.adobe.xmp"):
            assert key not in opened.info, f"{what} has {key}"
        assert not getattr(opened, "text", {}), f"{what} has PNG text"


def assert_upright_portrait(data: bytes, what: str) -> None:
    """Portrait, and turned the right way: the stored top-left block is now top-right."""
    with Image.open(BytesIO(data)) as opened:
        width, height = opened.size
        assert width < height, f"{what} is {width} x {height}, not portrait"
        red, green, _blue = opened.convert("RGB").getpixel((width - 3, 3))
        assert red > 150 and green < 100, f"{what} was turned the wrong way"


def rendition_bytes(image: CustomImage, spec: str) -> tuple[bytes, str]:
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    with Image.open(BytesIO(data)) as opened:
        return data, opened.format


def original_bytes(image: CustomImage) -> bytes:
    with image.file.open("rb") as handle:
        return handle.read()


def assert_clean_everywhere(image: CustomImage) -> None:
    """The stored original and every rendition the templates use: no metadata, upright
    portrait (fill renditions crop to landscape by design), and in the format asked for."""
    image.refresh_from_db()
    stored = Path(image.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "original_images")
    original = original_bytes(image)
    assert_no_metadata(original, "original")
    assert_upright_portrait(original, "original")
    assert (image.width, image.height) == (STORED_SIZE[1], STORED_SIZE[0])
    for spec in TEMPLATE_RENDITIONS:
        operations = dict(part.split("-", 1) for part in spec.split("|"))
        data, fmt = rendition_bytes(image, spec)
        assert fmt == operations["format"].upper(), spec
        assert_no_metadata(data, spec)
        if "width" in operations:
            assert_upright_portrait(data, spec)


# --- Write paths -------------------------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = with_totp(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(user)
    return user


def _root_collection_id() -> int:
    return Collection.get_first_root_node().pk


def upload_admin(client, name: str, raw: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto kegiatan",
            "file": SimpleUploadedFile(name, raw),
            "collection": _root_collection_id(),
        },
    )


def upload_multiple(client, name: str, raw: bytes, **extra):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, raw), **extra},
    )


def via_admin(client, name: str, raw: bytes) -> CustomImage:
    response = upload_admin(client, name, raw)
    assert response.status_code == 302, response.content.decode()[:2000]
    return CustomImage.objects.get()


def via_multiple(client, name: str, raw: bytes) -> CustomImage:
    response = upload_multiple(client, name, raw)
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"], payload
    return CustomImage.objects.get(pk=payload["image_id"])


def via_multiple_with_details(client, name: str, raw: bytes) -> CustomImage:
    """The multiple uploader's second route: the upload fails a non-file field (an empty
    title), is parked as an UploadedFile, and becomes an image when the editor completes it."""
    response = upload_multiple(client, name, raw, title="")
    payload = response.json()
    assert payload["success"] and "uploaded_file_id" in payload, payload
    upload_id = payload["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {f"{prefix}-title": "Foto kegiatan", f"{prefix}-collection": _root_collection_id()},
    )
    payload = response.json()
    assert payload["success"], payload
    return CustomImage.objects.get(pk=payload["image_id"])


def via_code(client, name: str, raw: bytes) -> CustomImage:
    return CustomImage.objects.create(title="Foto", file=ImageFile(BytesIO(raw), name=name))


def via_factory(client, name: str, raw: bytes) -> CustomImage:
    return ImageFactory(file=ImageFile(BytesIO(raw), name=name))


WRITE_PATHS = {
    "admin": via_admin,
    "multiple": via_multiple,
    "multiple-with-details": via_multiple_with_details,
    "code": via_code,
    "factory": via_factory,
}


def _media_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.mark.parametrize("name", list(PHOTOS))
@pytest.mark.parametrize("path", list(WRITE_PATHS))
def test_every_write_path_stores_and_renders_without_metadata(
    client, editor, path, name, django_capture_on_commit_callbacks
):
    before = _media_files()
    # A replaced raw upload is removed once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        image = WRITE_PATHS[path](client, name, PHOTOS[name]())
    assert_clean_everywhere(image)
    assert image.file_size == len(original_bytes(image))
    # Nothing else was left behind in storage either (a parked upload, a replaced original).
    for leftover in _media_files() - before:
        assert_no_metadata(leftover.read_bytes(), str(leftover))


def test_burst_photo_keeps_only_its_first_frame(db):
    image = via_code(None, "foto-burst.jpg", burst_mpo())
    with Image.open(BytesIO(original_bytes(image))) as opened:
        assert opened.format == "JPEG"
        assert getattr(opened, "n_frames", 1) == 1
        assert b"MPF" not in original_bytes(image)


def test_colour_profile_is_kept(db):
    image = via_code(None, "foto-ponsel.jpg", phone_jpeg())
    with Image.open(BytesIO(original_bytes(image))) as opened:
        assert opened.info.get("icc_profile") == srgb_profile()


def test_replacing_the_file_in_the_admin_sanitises_the_new_file(client, editor):
    image = ImageFactory()
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "file": SimpleUploadedFile("pengganti.jpg", phone_jpeg()),
            "collection": _root_collection_id(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_clean_everywhere(image)


def test_saving_an_image_again_does_not_re_encode_it(db):
    image = via_code(None, "foto-ponsel.jpg", phone_jpeg())
    name, digest = image.file.name, image.file_hash
    image.title = "Judul baru"
    image.save()
    image = CustomImage.objects.get(pk=image.pk)
    image.credit = "Forum Anak"
    image.save()
    image.refresh_from_db()
    assert (image.file.name, image.file_hash) == (name, digest)


def test_sanitize_is_idempotent_on_pixels():
    first = image_sanitize(BytesIO(phone_png()))
    second = image_sanitize(BytesIO(first.content))
    assert (second.width, second.height) == (first.width, first.height) == (80, 120)
    with Image.open(BytesIO(first.content)) as a, Image.open(BytesIO(second.content)) as b:
        assert a.tobytes() == b.tobytes()  # PNG: lossless, no rotation applied twice


# --- Refused uploads ---------------------------------------------------------------------------

TOO_BIG = {
    # 8000 x 6000 = 48 million pixels: over the site's 40 million, under Pillow's default guard.
    "besar.png": png_claiming(8000, 6000),
    # 100,000 x 100,000: Pillow refuses to open it whatever the settings.
    "bom.png": png_claiming(100_000, 100_000),
}


@pytest.fixture
def pillow_guard():
    """The process-wide Pillow limit portal.images sets when it is imported.

    pytest restores the warning filters around every test (and around Django's set-up), so
    the filter that turns Pillow's DecompressionBombWarning into an error is set again here.
    """
    from portal.images import refuse_oversized_images_on_open

    assert Image.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        refuse_oversized_images_on_open()
        yield


def test_pillow_refuses_an_oversized_header_before_decoding(pillow_guard):
    with pytest.raises(Image.DecompressionBombWarning):
        Image.open(BytesIO(TOO_BIG["besar.png"]))


@pytest.mark.usefixtures("pillow_guard")
@pytest.mark.parametrize("name", list(TOO_BIG))
def test_admin_upload_refuses_too_many_pixels_with_a_form_error(client, editor, name):
    response = upload_admin(client, name, TOO_BIG[name])
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [error.code for error in errors] == ["file_too_many_pixels"]  # Wagtail's own check
    assert not CustomImage.objects.exists()


@pytest.mark.usefixtures("pillow_guard")
@pytest.mark.parametrize("name", list(TOO_BIG))
def test_multiple_upload_refuses_too_many_pixels_with_a_json_error(client, editor, name):
    response = upload_multiple(client, name, TOO_BIG[name])
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert payload["error_message"]
    assert not CustomImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_pixel_limit_setting_applies_to_admin_and_code(client, editor):
    raw = phone_jpeg()  # 9600 pixels
    response = upload_admin(client, "foto.jpg", raw)
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["file"][0].code == "file_too_many_pixels"
    payload = upload_multiple(client, "foto.jpg", raw).json()
    assert payload["success"] is False
    with pytest.raises(ValidationError) as caught:
        via_code(None, "foto.jpg", raw)
    assert caught.value.code == "too_many_pixels"
    assert not CustomImage.objects.exists()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("guarded", [False, True])
@pytest.mark.parametrize("name", list(TOO_BIG))
def test_code_path_refuses_too_many_pixels_before_decoding(request, db, name, guarded):
    if guarded:
        request.getfixturevalue("pillow_guard")
    with pytest.raises(ValidationError) as caught:
        via_code(None, name, TOO_BIG[name])
    assert caught.value.code == "too_many_pixels"
    assert not CustomImage.objects.exists()


NOT_IMAGES = {
    # A document renamed to .jpg.
    "surat.jpg": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    # A photo cut off half-way through the upload: the header reads fine, the pixels do not.
    "terpotong.jpg": phone_jpeg()[:700],
}


@pytest.mark.parametrize("name", list(NOT_IMAGES))
def test_admin_upload_refuses_a_broken_or_fake_image_with_a_form_error(client, editor, name):
    response = upload_admin(client, name, NOT_IMAGES[name])
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize("name", list(NOT_IMAGES))
def test_multiple_upload_refuses_a_broken_or_fake_image_with_a_json_error(client, editor, name):
    response = upload_multiple(client, name, NOT_IMAGES[name])
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False and payload["error_message"]
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize("name", list(NOT_IMAGES))
def test_code_path_refuses_a_broken_or_fake_image(db, name):
    with pytest.raises(ValidationError):
        via_code(None, name, NOT_IMAGES[name])
    assert not CustomImage.objects.exists()


def test_a_sanitiser_refusal_is_a_form_error_not_a_server_error(client, editor, monkeypatch):
    """Whatever image_sanitize() refuses after Wagtail's own checks passed reaches the editor
    as a message on the file field (admin) or in the uploader's JSON."""

    def refuse(fileobj, **kwargs):
        raise ValidationError("Gambar ini tidak bisa dipakai.", code="invalid_image")

    monkeypatch.setattr("content.models.image_sanitize", refuse)
    response = upload_admin(client, "foto.jpg", phone_jpeg())
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    payload = upload_multiple(client, "foto.jpg", phone_jpeg()).json()
    assert payload["success"] is False and payload["error_message"]
    assert not CustomImage.objects.exists()


# --- Serving -----------------------------------------------------------------------------------


def _served_bytes(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_originals_are_never_served_only_renditions(client, db):
    image = via_code(None, "foto-ponsel.jpg", phone_jpeg())
    assert Path(image.file.path).is_file()
    assert Path(image.file.path).is_relative_to(settings.MEDIA_ROOT)

    assert client.get(f"{settings.MEDIA_URL}{image.file.name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}original_images/").status_code == 404

    for spec, content_type in [
        ("width-640|format-webp", "image/webp"),
        ("width-640|format-jpeg", "image/jpeg"),
    ]:
        rendition = image.get_rendition(spec)
        assert rendition.url.startswith(f"{settings.MEDIA_URL}images/")
        response = client.get(rendition.url)
        assert response.status_code == 200, spec
        assert response["Content-Type"] == content_type
        assert_no_metadata(_served_bytes(response), spec)


def test_figure_template_only_points_at_clean_renditions(client, db):
    """Everything the article figure links to is a rendition that serves clean, and both the
    modern format and its JPEG fallback are offered."""
    image = via_code(None, "foto-ponsel.jpg", phone_jpeg())
    html = render_to_string("components/figure.html", {"image": image, "caption": "Kegiatan"})
    urls = set(re.findall(r"/media/[^\s\"',]+", html))
    assert urls
    assert not [url for url in urls if not url.startswith("/media/images/")]
    assert 'type="image/webp"' in html
    types = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        types.add(response["Content-Type"])
        data = _served_bytes(response)
        assert_no_metadata(data, url)
        assert_upright_portrait(data, url)
    assert types == {"image/webp", "image/jpeg"}


def test_multiple_upload_error_payload_is_json(client, editor):
    """The uploader's script reads JSON; a refusal must never be an HTML error page."""
    response = upload_multiple(client, "surat.jpg", NOT_IMAGES["surat.jpg"])
    assert response["Content-Type"].startswith("application/json")
    json.loads(response.content)
