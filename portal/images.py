"""image_sanitize(): the one place uploaded images lose their metadata.

Every write path (admin upload, multiple upload, chooser upload, code, seed_demo, and later
proposal photos) goes through it, because the image models call it when a new file is
assigned. A child's photo can carry GPS coordinates, a phone's serial number or a name in
XMP/IPTC; none of it may be stored.
"""

import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format -> (file extension, save options). Everything else is refused.
_JPEG = ("jpg", {"quality": 90, "optimize": True, "progressive": True})
_OUTPUT = {
    "JPEG": _JPEG,
    # Many phones write .jpg files that Pillow reads as MPO (a JPEG followed by more frames,
    # e.g. a depth map): keep the first frame as a plain JPEG.
    "MPO": _JPEG,
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 90, "method": 4}),
    # Animated GIFs keep only their first frame; renditions are PNG anyway.
    "GIF": ("png", {"optimize": True}),
}
_OUTPUT_FORMAT = {"GIF": "PNG", "MPO": "JPEG"}


def refuse_oversized_images_on_open() -> None:
    """Make Pillow itself refuse images above WAGTAILIMAGES_MAX_IMAGE_PIXELS when it opens them.

    Wagtail's upload field (through Willow) and Django's dimension fields decode every pixel
    before they compare width x height with the limit. With Pillow's decompression-bomb limit
    set to ours and its warning turned into an error (Pillow's documented switch), an
    oversized image is refused from its header instead, anywhere in the process; Wagtail's
    field reports that as its own "too many pixels" form error. Called from
    PortalConfig.ready(), so it holds in every process (web, worker, management commands).
    """
    if settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)


@dataclass(frozen=True)
class SanitizedImage:
    """The re-encoded image, with nothing but pixels (and a colour profile)."""

    content: bytes
    width: int
    height: int
    format: str
    extension: str

    def filename(self, original_name: str) -> str:
        stem = PurePath(original_name or "gambar").stem or "gambar"
        return f"{stem}.{self.extension}"


def image_sanitize(fileobj, *, max_pixels: int | None = None) -> SanitizedImage:
    """Re-encode an uploaded image without any metadata block.

    Applies the EXIF orientation first (a portrait photo stays portrait), then writes only the
    pixels: no EXIF, GPS, XMP, IPTC, comments or PNG text chunks. The ICC colour profile is
    kept: it describes colours, not people. Width x height is checked from the header before
    any pixel is decoded; above `max_pixels` (default WAGTAILIMAGES_MAX_IMAGE_PIXELS) the
    image is refused with a ValidationError, as is anything that is not a supported image.
    """
    limit = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    try:
        with Image.open(fileobj) as source:
            width, height = source.size  # header only, nothing decoded yet
            if limit and width * height > limit:
                raise _too_many_pixels(limit, width, height)
            if source.format not in _OUTPUT:
                raise ValidationError(
                    _("Jenis gambar ini tidak didukung. Gunakan JPG, PNG, atau WebP."),
                    code="unsupported_format",
                )
            in_format = source.format
            icc_profile = source.info.get("icc_profile")
            source.load()
            upright = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow refused the header before we could read it: far above any limit.
        raise _too_many_pixels(limit or Image.MAX_IMAGE_PIXELS) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Berkas ini bukan gambar yang bisa dibuka. Coba foto atau gambar lain."),
            code="invalid_image",
        ) from error

    out_format = _OUTPUT_FORMAT.get(in_format, in_format)
    extension, options = _OUTPUT[in_format]
    if upright.mode in ("P", "PA", "LA", "I;16"):
        upright = upright.convert("RGBA" if upright.mode != "I;16" else "I")
    if out_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    # A fresh image carries pixels only: nothing from source.info survives.
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)
    save_options = dict(options)
    if icc_profile:
        save_options["icc_profile"] = icc_profile
    buffer = BytesIO()
    clean.save(buffer, format=out_format, **save_options)
    return SanitizedImage(
        content=buffer.getvalue(),
        width=clean.width,
        height=clean.height,
        format=out_format,
        extension=extension,
    )


def _too_many_pixels(limit: int, width: int | None = None, height: int | None = None):
    megapixels = f"{limit / 1_000_000:g}"
    if width is None:
        message = _("Gambar terlalu besar. Batasnya %(max)s juta piksel.") % {"max": megapixels}
    else:
        message = _(
            "Gambar terlalu besar (%(w)s × %(h)s piksel). Batasnya %(max)s juta piksel."
        ) % {"w": width, "h": height, "max": megapixels}
    return ValidationError(message, code="too_many_pixels")
