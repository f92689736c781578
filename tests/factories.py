"""factory_boy factories shared by the test suite."""

import time
from io import BytesIO

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image

from content import models as content_models
from portal.models import Hotline


def make_image_file(
    name="gambar.jpg", size=(320, 240), color=(20, 120, 80), fmt="JPEG"
) -> ImageFile:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return ImageFile(BytesIO(buffer.getvalue()), name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    password = factory.PostGenerationMethodCall("set_password", "kata-sandi-uji-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            from django.contrib.auth.models import Group

            self.groups.set([Group.objects.get(name=name) for name in names])
        if create:
            self.save()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = content_models.CustomImage

    title = factory.Sequence(lambda n: f"Gambar {n}")
    file = factory.LazyFunction(make_image_file)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = content_models.Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


class HotlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotline

    name = "SAPA 129"
    phone = "129"
    whatsapp = "628111129129"
    is_24_hours = True
    coverage = Hotline.Coverage.NATIONAL
    sort_order = 0


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.HomePage

    title = "Beranda"
    slug = "beranda"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.NewsIndexPage

    title = "Berita"
    slug = "berita"


class EducationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.EducationIndexPage

    title = "Edukasi"
    slug = "edukasi"


class HelpPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.HelpPage

    title = "Bantuan"
    slug = "bantuan"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.StandardPage

    title = "Tentang"
    slug = factory.Sequence(lambda n: f"halaman-{n}")


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.NewsArticlePage

    title = factory.Sequence(lambda n: f"Berita ke-{n}")
    slug = factory.Sequence(lambda n: f"berita-{n}")
    summary = "Ringkasan berita untuk pengujian."
    author_byline = "Tim Humas"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Isi berita tentang pencegahan.</p>")])


class EducationResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = content_models.EducationResourcePage

    title = factory.Sequence(lambda n: f"Materi ke-{n}")
    slug = factory.Sequence(lambda n: f"materi-{n}")
    summary = "Ringkasan materi untuk pengujian."
    audience = content_models.EducationResourcePage.Audience.CHILDREN
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Isi materi edukasi.</p>")])


def with_totp(user):
    """Give `user` an active authenticator app (allauth's own activation), as staff who see
    children's data need for /admin/. Returns the user; `totp_code(user)` gives a valid code."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def totp_code(user) -> str:
    """The current code of the authenticator app `with_totp()` gave `user` (allauth's helpers),
    valid for at least two more seconds (so a test does not cross into the next period)."""
    from allauth.mfa import app_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 2:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
