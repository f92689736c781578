"""factory_boy factories shared by the test suite."""

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
