"""Public prevention-education content: pages, topics and the image model."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import CharField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail.search import index

from content import selectors
from content.blocks import ArticleBodyBlock, ResourceBodyBlock
from content.feeds import NewsFeed
from content.serializers import ChoiceLabelField, HeroImageField, TopicListField
from forum_anak.public.selectors import current_cycle_counts
from portal.images import SanitizedImage, image_sanitize

LISTING_PAGE_SIZE = 12


# --- Images -----------------------------------------------------------------------------------


class CustomImage(AbstractImage):
    """The site's image model. Every new file is sanitised before it is stored.

    Sanitising sits here, in the model layer, because it must hold on every write path: the
    admin upload, the multiple uploader, the chooser's upload, code and seed_demo.
    """

    credit = models.CharField(_("kredit foto"), max_length=120, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")

    # The file image_sanitize() produced for this instance, so it is not sanitised twice.
    _clean_file = None

    def __init__(self, *args, **kwargs):
        # A new file given to the constructor (code, factories, seed_demo) is sanitised before
        # Django measures it: measuring decodes every pixel, while image_sanitize() checks
        # the header first and answers anything unusable with a ValidationError.
        upload = kwargs.get("file")
        if not isinstance(upload, File) or isinstance(upload, FieldFile):
            super().__init__(*args, **kwargs)
            return
        clean = image_sanitize(upload)
        kwargs["file"] = ContentFile(clean.content, name=clean.filename(upload.name))
        kwargs["width"], kwargs["height"] = clean.width, clean.height
        super().__init__(*args, **kwargs)
        self._adopt_clean_file(clean)

    def clean(self):
        super().clean()
        # Admin and chooser uploads are sanitised while the form validates, so a file the
        # sanitiser refuses becomes a form error on the file field, not a server error.
        if self._file_needs_sanitizing() and not self.file._committed:
            try:
                self._sanitize_file()
            except ValidationError as error:
                raise ValidationError({"file": error.error_list}) from error

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if (update_fields is None or "file" in update_fields) and self._file_needs_sanitizing():
            self._sanitize_file()
        super().save(*args, **kwargs)

    def _file_needs_sanitizing(self) -> bool:
        if "file" not in self.__dict__:  # deferred and never touched
            return False
        file = self.file
        if not file or file is self._clean_file:
            return False
        if not file._committed or self._state.adding:
            return True
        # A file put in storage directly (FieldFile.save(..., save=False), as Wagtail's
        # multiple uploader does with uploads it parked, or a path assigned in code) is new
        # to this row if the row was stored with another name.
        stored = (
            type(self)._default_manager.filter(pk=self.pk).values_list("file", flat=True).first()
        )
        return file.name != stored

    def _sanitize_file(self) -> None:
        file = self.file
        if not file._committed:
            clean = image_sanitize(file)
        else:
            with file.open("rb"):
                clean = image_sanitize(file)
            others = type(self)._default_manager.filter(file=file.name).exclude(pk=self.pk)
            if not others.exists():
                # The copy with its metadata must not stay in storage; removed once the new
                # row is committed, so a rollback never leaves the row without its file.
                storage, name = file.storage, file.name
                transaction.on_commit(lambda: storage.delete(name))
        self.file = ContentFile(clean.content, name=clean.filename(file.name))
        self.width, self.height = clean.width, clean.height
        # Width/height changed (EXIF rotation): any focal point refers to the old frame.
        self.focal_point_x = self.focal_point_y = None
        self.focal_point_width = self.focal_point_height = None
        self._adopt_clean_file(clean)

    def _adopt_clean_file(self, clean: SanitizedImage) -> None:
        self._clean_file = self.file
        self.file_size = len(clean.content)
        self._set_file_hash()


class CustomRendition(AbstractRendition):
    """Resized copies of CustomImage: the only image files the site serves."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


# --- Topics and tags --------------------------------------------------------------------------


class Topic(index.Indexed, models.Model):
    """An editable theme (TPPO, kekerasan terhadap perempuan, perlindungan anak, ...)."""

    name = models.CharField(_("nama topik"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(_("deskripsi"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("slug")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self) -> str:
        return self.name


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EducationResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.EducationResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


# --- Shared page fields -----------------------------------------------------------------------


class ArticleFieldsMixin(models.Model):
    """Fields an editor of a local news site expects, shared by articles and resources."""

    date = models.DateField(_("tanggal"), default=timezone.localdate)
    author_byline = models.CharField(
        _("penulis"), max_length=150, blank=True, help_text=_("Contoh: Tim Humas DP3A Kota Bima")
    )
    summary = models.TextField(
        _("ringkasan"),
        max_length=300,
        help_text=_(
            "Satu atau dua kalimat. Tampil di daftar, hasil pencarian, dan saat dibagikan."
        ),
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("gambar utama"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("keterangan gambar"), max_length=250, blank=True)
    hero_credit = models.CharField(_("kredit foto"), max_length=120, blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topik"), blank=True)

    article_panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author_byline")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Gambar utama"),
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    article_search_fields = [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    # Content API shape: docs/api.md. `author` is the byline; images only as renditions.
    article_api_fields = [
        APIField("date"),
        APIField("author", serializer=CharField(source="author_byline", read_only=True)),
        APIField("summary"),
        APIField("hero_image", serializer=HeroImageField()),
        APIField("hero_caption"),
        APIField("hero_credit"),
        APIField("topics", serializer=TopicListField()),
        APIField("tags"),
        APIField("body"),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.summary

    @property
    def share_image(self):
        return self.hero_image


# --- Pages ------------------------------------------------------------------------------------


class ServingMixin:
    """Serve a page in a constant, small number of queries (see content/selectors.py)."""

    def get_view_restrictions(self):
        return selectors.view_restrictions(page=self)


class HomePage(ServingMixin, Page):
    """The home page: latest news, education resources and the way to help."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.NewsIndexPage",
        "content.EducationIndexPage",
        "content.HelpPage",
        "content.StandardPage",
    ]
    max_count = 1
    template = "pages/home_page.html"
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_listings())
        context["proposal_counts"] = current_cycle_counts()
        return context

    def route(self, request, path_components):
        """Find the page in two queries where Wagtail's walk takes two per URL segment."""
        if any("\x00" in component for component in path_components):
            raise Http404  # PostgreSQL refuses NUL in a query: no page has it in its slug
        page = selectors.page_for_path(root=self, path_components=path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, [])


class NewsIndexPage(ServingMixin, RoutablePageMixin, Page):
    """/berita/: the list of news articles, filterable by topic, and its RSS feed."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.NewsArticlePage"]
    max_count = 1
    template = "pages/news_index_page.html"
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("indeks berita")

    @path("")
    def index_route(self, request):
        topic = selectors.topic_from_slug(request.GET.get("topik"))
        articles = selectors.news_articles(index=self, topic=topic)
        page = Paginator(articles, LISTING_PAGE_SIZE).get_page(request.GET.get("halaman"))
        return self.render(
            request,
            context_overrides={
                "articles": page,
                "active_topic": topic,
                "topics": selectors.topics(),
            },
        )

    @path("feed/")
    def feed(self, request):

        return NewsFeed(index=self)(request)


class NewsArticlePage(ServingMixin, ArticleFieldsMixin, Page):  # noqa: DJ008 - Page.__str__
    """A news article."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("isi"))
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tag"))

    content_panels = [
        *Page.content_panels,
        *ArticleFieldsMixin.article_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [*Page.search_fields, *ArticleFieldsMixin.article_search_fields]
    api_fields = ArticleFieldsMixin.article_api_fields
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "pages/news_article_page.html"

    class Meta:
        verbose_name = _("artikel berita")
        verbose_name_plural = _("artikel berita")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = selectors.related_pages(page=self)
        return context


class EducationIndexPage(ServingMixin, Page):
    """/edukasi/: education resources, filterable by audience and topic."""

    intro = models.TextField(_("pengantar"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.EducationResourcePage"]
    max_count = 1
    template = "pages/education_index_page.html"
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("indeks edukasi")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("untuk")
        if audience not in EducationResourcePage.Audience.values:
            audience = None
        topic = selectors.topic_from_slug(request.GET.get("topik"))
        resources = selectors.education_resources(index=self, audience=audience, topic=topic)
        context["resources"] = Paginator(resources, LISTING_PAGE_SIZE).get_page(
            request.GET.get("halaman")
        )
        context["audiences"] = EducationResourcePage.Audience.choices
        context["active_audience"] = audience
        context["active_topic"] = topic
        context["topics"] = selectors.topics()
        return context


class EducationResourcePage(ServingMixin, ArticleFieldsMixin, Page):  # noqa: DJ008 - Page.__str__
    """An awareness resource for a given audience, with warning signs and FAQ blocks."""

    class Audience(models.TextChoices):
        CHILDREN = "anak-remaja", _("Anak & remaja")
        PARENTS = "orang-tua", _("Orang tua")
        TEACHERS = "guru", _("Guru")
        PUBLIC = "umum", _("Umum")

    audience = models.CharField(
        _("untuk siapa"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    body = StreamField(ResourceBodyBlock(), verbose_name=_("isi"))
    tags = ClusterTaggableManager(through=EducationResourceTag, blank=True, verbose_name=_("tag"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        *ArticleFieldsMixin.article_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        *ArticleFieldsMixin.article_search_fields,
        index.FilterField("audience"),
    ]
    api_fields = [
        APIField("audience", serializer=ChoiceLabelField()),
        *ArticleFieldsMixin.article_api_fields,
    ]
    parent_page_types = ["content.EducationIndexPage"]
    subpage_types: list[str] = []
    template = "pages/education_resource_page.html"

    class Meta:
        verbose_name = _("materi edukasi")
        verbose_name_plural = _("materi edukasi")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = selectors.related_pages(page=self)
        return context


class HelpPage(ServingMixin, Page):
    """/bantuan/: where to get help, SAPA 129 first. No login, no form, no tracking."""

    intro = models.TextField(_("pengantar"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "pages/help_page.html"
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("halaman bantuan")

    @cached_property
    def hotlines(self):
        return selectors.active_hotlines()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hotlines"] = self.hotlines
        return context


class StandardPage(ServingMixin, Page):
    """About, privacy policy, code of conduct: a title, an intro and a body."""

    intro = models.TextField(_("pengantar"), blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]
    template = "pages/standard_page.html"
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("halaman biasa")
