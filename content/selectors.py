"""Reads for the public content pages, each with a constant number of queries."""

from django.apps import apps
from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Page

from portal.models import Hotline

# Renditions the listing and article templates use; prefetched so that the number of
# queries does not grow with the number of articles.
CARD_RENDITIONS = ("fill-400x225|format-webp", "fill-400x225|format-jpeg",
                   "fill-800x450|format-webp", "fill-800x450|format-jpeg")
HERO_RENDITIONS = ("width-640|format-webp", "width-640|format-jpeg",
                   "width-1200|format-webp", "width-1200|format-jpeg")
HOME_NEWS_COUNT = 6
HOME_RESOURCE_COUNT = 4
RELATED_COUNT = 3


def _model(name: str):
    return apps.get_model("content", name)


def _with_cards(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("hero_image").prefetch_related(
        Prefetch("hero_image", queryset=get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)),
        "topics",
    )


def topics() -> list:
    return list(_model("Topic").objects.all())


def topic_from_slug(slug: str | None):
    if not slug:
        return None
    return _model("Topic").objects.filter(slug=slug[:80]).first()


def news_articles(*, index=None, topic=None) -> QuerySet:
    """Live, public news articles, newest first, ready for cards."""
    queryset = _model("NewsArticlePage").objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return _with_cards(queryset.order_by("-date", "-pk"))


def education_resources(*, index=None, audience: str | None = None, topic=None) -> QuerySet:
    """Live, public education resources, newest first, ready for cards."""
    queryset = _model("EducationResourcePage").objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    if audience:
        queryset = queryset.filter(audience=audience)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return _with_cards(queryset.order_by("-date", "-pk"))


def home_listings() -> dict:
    """What the home page lists."""
    return {
        "latest_news": list(news_articles()[:HOME_NEWS_COUNT]),
        "latest_resources": list(education_resources()[:HOME_RESOURCE_COUNT]),
        "hotlines": active_hotlines()[:2],
    }


def related_pages(*, page) -> list:
    """Up to three other live pages of the same type sharing a topic, newest first."""
    topic_ids = list(page.topics.values_list("pk", flat=True))
    if not topic_ids:
        return []
    queryset = type(page).objects.live().public().filter(topics__in=topic_ids).exclude(pk=page.pk).distinct()
    return list(_with_cards(queryset.order_by("-date", "-pk"))[:RELATED_COUNT])


def active_hotlines() -> list:
    return list(Hotline.objects.filter(is_active=True))


def search_pages(*, query: str):
    """Live public articles and resources matching `query`, best first.

    Not recorded through Wagtail's search-promotion query log, on purpose.
    """
    pages = Page.objects.live().public().type(_model("NewsArticlePage"), _model("EducationResourcePage"))
    return pages.specific().search(query, operator="and")
