"""The admin's image upload form (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeImageField(WagtailImageField):
    """Wagtail's image field, but a file Pillow cannot decode is a form error, not a 500.

    Wagtail measures the upload by decoding it and lets the OSError of a truncated file
    ("image file is truncated") escape.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except OSError as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Base of every admin image form: single upload, multiple upload, chooser upload, edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field in its own formfield callback, which a base form cannot
        # replace; declaring `file` here would also defeat the multiple uploader's `exclude`.
        # So the field Wagtail built is given our subclass's behaviour.
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, SafeImageField):
            field.__class__ = SafeImageField
