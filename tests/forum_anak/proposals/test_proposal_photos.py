"""The optional proposal photo: sanitised before it is stored (no EXIF, no GPS), refused
with a form error when too big in bytes or pixels or not an image, kept in private
storage and shown only to its owner, removable and replaceable while editable."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forum_anak.models import Proposal, ProposalPhoto
from forum_anak.proposals.services import proposal_submit
from tests.forum_anak.factories import MemberProfileFactory, verify

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
SECRET_MAKE = "PonselRahasiaBudi"


def url(name: str, *args) -> str:
    return reverse(f"forum_anak:{name}", args=args)


def jpeg_with_gps(name: str = "rumah_budi.jpg") -> SimpleUploadedFile:
    """A real JPEG carrying a camera make and GPS coordinates in its EXIF block."""
    exif = Image.Exif()
    exif[0x010F] = SECRET_MAKE  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "S"  # GPSLatitudeRef
    gps[2] = (8.0, 27.0, 36.0)  # GPSLatitude: Kota Bima
    gps[3] = "E"
    gps[4] = (118.0, 43.0, 12.0)
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, format="JPEG", exif=exif)
    content = buffer.getvalue()
    # The fixture itself must carry what we expect to be removed.
    assert Image.open(BytesIO(content)).getexif().get_ifd(GPS_IFD)
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def png_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A tiny PNG whose header claims huge dimensions (a decompression-bomb shape): a few
    hundred bytes on disk, `width` x `height` pixels if anyone decoded it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("besar.png", content, content_type="image/png")


def form_data(profile, **extra) -> dict:
    data = {
        "title": "Lampu jalan mati",
        "problem": "Gelap sekali di gang.",
        "proposed_action": "Perbaiki lampunya.",
        "kelurahan": profile.kelurahan_id,
        "cluster_suggested": "",
        "action": "save",
    }
    data.update(extra)
    return data


def stored_image(proposal: Proposal) -> Image.Image:
    photo = ProposalPhoto.objects.get(proposal=proposal)
    with photo.file.open("rb") as handle:
        raw = handle.read()
    return raw, Image.open(BytesIO(raw))


def test_an_uploaded_photo_is_stored_privately_without_exif_or_gps(client, member, settings):
    client.force_login(member.user)
    response = client.post(url("proposal_create"), form_data(member, photo=jpeg_with_gps()))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    raw, image = stored_image(proposal)
    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert b"Exif" not in raw and SECRET_MAKE.encode() not in raw
    photo = proposal.photo
    assert (photo.width, photo.height) == (64, 48)
    assert str(settings.PRIVATE_MEDIA_ROOT) in photo.file.path
    assert str(settings.MEDIA_ROOT / "usulan") not in photo.file.path
    assert "rumah_budi" not in photo.file.name  # the child's file name is not kept
    assert not photo.safe_for_public


def test_the_owner_sees_the_photo_privately_and_uncached(client, member):
    client.force_login(member.user)
    client.post(url("proposal_create"), form_data(member, photo=jpeg_with_gps()))
    proposal = Proposal.objects.get()
    response = client.get(url("proposal_photo", proposal.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    body = b"".join(response.streaming_content)
    assert SECRET_MAKE.encode() not in body
    assert (
        url("proposal_photo", proposal.pk)
        in client.get(url("proposal_detail", proposal.pk)).content.decode()
    )

    other = verify(MemberProfileFactory())
    client.force_login(other.user)
    assert client.get(url("proposal_photo", proposal.pk)).status_code == 404


def test_a_huge_dimension_image_is_a_form_error_and_nothing_is_saved(client, member):
    client.force_login(member.user)
    response = client.post(
        url("proposal_create"), form_data(member, photo=png_claiming(20000, 20000))
    )
    assert response.status_code == 200
    assert "Gambar terlalu besar" in response.content.decode()
    assert not Proposal.objects.exists() and not ProposalPhoto.objects.exists()


def test_too_many_bytes_is_a_form_error(client, member, settings):
    settings.PROPOSAL_PHOTO_MAX_BYTES = 500
    upload = jpeg_with_gps()
    assert upload.size > 500
    client.force_login(member.user)
    response = client.post(url("proposal_create"), form_data(member, photo=upload))
    assert response.status_code == 200
    assert "Fotonya terlalu besar" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_file_that_is_not_an_image_is_a_form_error(client, member):
    client.force_login(member.user)
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan gambar", content_type="image/jpeg")
    response = client.post(url("proposal_create"), form_data(member, photo=fake))
    assert response.status_code == 200
    assert "bukan gambar" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_photo_is_replaced_and_removed_while_editable(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member.user)
    client.post(url("proposal_create"), form_data(member, photo=jpeg_with_gps()))
    proposal = Proposal.objects.get()
    first = proposal.photo
    first_path = first.file.path

    buffer = BytesIO()
    Image.new("RGB", (30, 20), (0, 0, 255)).save(buffer, format="PNG")
    new = SimpleUploadedFile("baru.png", buffer.getvalue(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_edit", proposal.pk), form_data(member, photo=new))
    photo = ProposalPhoto.objects.get(proposal=proposal)
    assert (photo.width, photo.height) == (30, 20) and photo.pk != first.pk
    assert not first.file.storage.exists(first.file.name), first_path

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_edit", proposal.pk), form_data(member, remove_photo="on"))
    assert not ProposalPhoto.objects.filter(proposal=proposal).exists()
    assert not photo.file.storage.exists(photo.file.name)


def test_a_sent_proposal_keeps_its_photo(client, member):
    client.force_login(member.user)
    client.post(url("proposal_create"), form_data(member, photo=jpeg_with_gps()))
    proposal = proposal_submit(actor=member.user, proposal=Proposal.objects.get())
    client.post(url("proposal_edit", proposal.pk), form_data(member, remove_photo="on"))
    assert ProposalPhoto.objects.filter(proposal=proposal).exists()


def test_a_far_too_large_post_is_refused_before_its_body_is_read(client, member, settings):
    settings.PROPOSAL_PHOTO_MAX_BYTES = 1000
    huge = SimpleUploadedFile("besar.jpg", b"\xff" * (300 * 1024), content_type="image/jpeg")
    client.force_login(member.user)
    response = client.post(url("proposal_create"), form_data(member, photo=huge))
    assert response.status_code == 302 and response["Location"] == url("proposal_create")
    page = client.get(response["Location"]).content.decode()
    assert "Fotonya terlalu besar" in page
    assert not Proposal.objects.exists()


def test_the_form_still_checks_the_csrf_token(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member.user)
    response = strict.post(url("proposal_create"), form_data(member))
    assert response.status_code == 403
    assert not Proposal.objects.exists()
