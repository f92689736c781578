"""Serializer fields for the content API (Wagtail API v2). See docs/api.md for the shapes.

Images leave the API only as renditions: no field here, nor any endpoint in content/api.py,
emits the URL of an original upload (originals keep whatever the camera wrote, and have no
route at all).
"""

from rest_framework import serializers
from wagtail.api.utils import get_full_url
from wagtail.images.models import SourceImageIOError

# Sizes every image is offered at, each in WebP and in a JPEG fallback. "thumbnail" and
# "large" are the specs the templates use too (card and figure), so the API and the pages
# share rendition files.
RENDITION_SIZES = {
    "thumbnail": "fill-400x225",  # 16:9, for cards
    "medium": "width-800",
    "large": "width-1200",
}
RENDITION_FORMATS = {"webp": "format-webp", "jpeg": "format-jpeg"}


def image_renditions(image, request) -> dict | None:
    """{size: {width, height, webp, jpeg}} with absolute URLs; None if the file is missing.

    `width`/`height` are those of the rendition (never upscaled), the same for both formats.
    """
    specs = {
        (size, fmt): f"{size_spec}|{fmt_spec}"
        for size, size_spec in RENDITION_SIZES.items()
        for fmt, fmt_spec in RENDITION_FORMATS.items()
    }
    try:
        # One query for the renditions that already exist; the rest are generated.
        renditions = image.get_renditions(*specs.values())
    except SourceImageIOError:
        return None
    result: dict[str, dict] = {}
    for (size, fmt), spec in specs.items():
        rendition = renditions[spec]
        entry = result.setdefault(size, {"width": rendition.width, "height": rendition.height})
        entry[fmt] = get_full_url(request, rendition.url)
    return result


class ReadOnlyField(serializers.Field):
    """A read-only API field."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class WholeObjectField(ReadOnlyField):
    """A read-only field computed from the whole object rather than one attribute."""

    def get_attribute(self, instance):
        return instance


class ImageRenditionsField(WholeObjectField):
    """An image's `renditions` (see image_renditions); used by the images endpoint."""

    def to_representation(self, image):
        return image_renditions(image, self.context.get("request"))


class ImageAltField(WholeObjectField):
    """Alternative text: the image's description, or its title when there is none."""

    def to_representation(self, image):
        return image.default_alt_text


class HeroImageField(ReadOnlyField):
    """A page's hero image as {id, title, alt, width, height, renditions}."""

    def to_representation(self, image):
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text,
            "width": image.width,
            "height": image.height,
            "renditions": image_renditions(image, self.context.get("request")),
        }


class TopicListField(ReadOnlyField):
    """Topics as [{name, slug}], in the editors' order (Topic.Meta.ordering)."""

    def to_representation(self, manager):
        return [{"name": topic.name, "slug": topic.slug} for topic in manager.all()]


class ChoiceLabelField(WholeObjectField):
    """A choice field as {value, label}: filter with the value, show the label."""

    def to_representation(self, instance):
        return {
            "value": getattr(instance, self.field_name),
            "label": str(getattr(instance, f"get_{self.field_name}_display")()),
        }
