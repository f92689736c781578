"""Reads for the public content pages, each with a constant number of queries.

Listings come back with their hero images, topics and image renditions already fetched, in
one query each whatever the number of items, so that a page costs the same number of queries
with 12 articles as with 1,200 (tests/content/test_queries.py holds us to it).
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BigIntegerField,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Length, Substr
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from portal.models import Hotline

# The image specs exactly as the templates write them. Renditions are prefetched by filter
# spec string, so a spec that differs by one character (or by order) is not found in the
# prefetch and costs a query per image: tests/content/test_queries.py checks that these
# strings still appear in the templates.
CARD_IMAGE_SPECS = "format-{webp,jpeg} fill-{400x225,800x450}"  # components/card.html
FIGURE_IMAGE_SPECS = "format-{webp,jpeg} width-{640,1200}"  # components/figure.html
SHARE_IMAGE_SPEC = "fill-1200x630 format-jpeg"  # components/meta.html ({% image %}, one spec)

CARD_RENDITIONS = tuple(Filter.expand_spec(CARD_IMAGE_SPECS))
HERO_RENDITIONS = (*Filter.expand_spec(FIGURE_IMAGE_SPECS), SHARE_IMAGE_SPEC.replace(" ", "|"))

HOME_NEWS_COUNT = 6
HOME_RESOURCE_COUNT = 4
RELATED_COUNT = 3


def _model(name: str):
    return apps.get_model("content", name)


def _public(queryset: QuerySet) -> QuerySet:
    """Wagtail's `.public()` as a subquery of the same SQL statement.

    `.public()` first reads every view restriction in a query of its own, on every call; this
    keeps out the same pages (a restricted page and everything under it) at no extra query.
    """
    restricted_ancestor = PageViewRestriction.objects.annotate(
        outer_prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("outer_prefix"))
    return queryset.exclude(Exists(restricted_ancestor))


def _renditions_prefetch(lookup: str, specs) -> Prefetch:
    """A prefetch of the named renditions, where Wagtail's `{% picture %}` looks for them."""
    return Prefetch(
        lookup,
        queryset=get_image_model().get_rendition_model().objects.filter(filter_spec__in=specs),
        to_attr="prefetched_renditions",
    )


def _prefetch_renditions(images, specs) -> None:
    """Fetch the renditions of all these images in one query."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, _renditions_prefetch("renditions", specs))


def _with_cards(queryset: QuerySet, *, renditions: bool = True) -> QuerySet:
    """What components/card.html reads: hero image and its renditions, topics."""
    queryset = queryset.select_related("hero_image").prefetch_related("topics")
    if renditions:
        queryset = queryset.prefetch_related(
            _renditions_prefetch("hero_image__renditions", CARD_RENDITIONS)
        )
    return queryset


def topics() -> list:
    return list(_model("Topic").objects.all())


_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def topic_from_slug(slug: str | None):
    """The topic with this slug, or None (also for anything that is not a slug)."""
    if not slug or not _SLUG.match(slug):
        return None
    return _model("Topic").objects.filter(slug=slug).first()


def _news_queryset(*, index=None, topic=None) -> QuerySet:
    queryset = _public(_model("NewsArticlePage").objects.live())
    if index is not None:
        queryset = queryset.child_of(index)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return queryset.order_by("-date", "-pk")


def _resource_queryset(*, index=None, audience: str | None = None, topic=None) -> QuerySet:
    queryset = _public(_model("EducationResourcePage").objects.live())
    if index is not None:
        queryset = queryset.child_of(index)
    if audience:
        queryset = queryset.filter(audience=audience)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return queryset.order_by("-date", "-pk")


def news_articles(*, index=None, topic=None) -> QuerySet:
    """Live, public news articles, newest first, ready for cards."""
    return _with_cards(_news_queryset(index=index, topic=topic))


def education_resources(*, index=None, audience: str | None = None, topic=None) -> QuerySet:
    """Live, public education resources, newest first, ready for cards."""
    return _with_cards(_resource_queryset(index=index, audience=audience, topic=topic))


def home_listings() -> dict:
    """What the home page lists; the renditions of both lists come in one query."""
    news = list(_with_cards(_news_queryset(), renditions=False)[:HOME_NEWS_COUNT])
    resources = list(_with_cards(_resource_queryset(), renditions=False)[:HOME_RESOURCE_COUNT])
    _prefetch_renditions([item.hero_image for item in (*news, *resources)], CARD_RENDITIONS)
    return {
        "latest_news": news,
        "latest_resources": resources,
        "hotlines": active_hotlines()[:2],
    }


def related_pages(*, page) -> list:
    """Up to three other live pages of the same type sharing a topic, newest first.

    Also readies `page` itself for its template (its topics, tags and hero image renditions,
    fetched together with those of the related cards), so that an article or a resource
    renders in the same number of queries whatever its topics and whatever the site holds.
    """
    model = type(page)
    queryset = (
        _public(model.objects.live())
        .filter(topics__in=page.topics.all())
        .exclude(pk=page.pk)
        .distinct()
        .order_by("-date", "-pk")
    )
    related = list(queryset.select_related("hero_image")[:RELATED_COUNT])
    # A page shown in preview carries its topics and tags in memory, not in the database.
    prefetch_related_objects([page, *related] if page.pk else related, "topics")
    if page.pk:
        prefetch_related_objects([page], "tags")
    _prefetch_renditions(
        [page.hero_image, *(item.hero_image for item in related)],
        (*CARD_RENDITIONS, *HERO_RENDITIONS),
    )
    return related


def active_hotlines() -> list:
    return list(Hotline.objects.filter(is_active=True))


# What a search term may hold: letters and digits of any script. Quotes, brackets and
# operators mean something to SQLite FTS5 and PostgreSQL tsquery, so they become spaces;
# lower-casing keeps AND/OR/NOT/NEAR plain words.
_SEARCH_WORD = re.compile(r"[^\W_]+")
MAX_SEARCH_WORDS = 20


def search_terms(text: str) -> str:
    """`text` reduced to plain search words, safe for every search backend ("" if none)."""
    return " ".join(_SEARCH_WORD.findall(text.lower())[:MAX_SEARCH_WORDS])


def search_pages(*, query: str):
    """Live public articles and resources matching every word of `query`, best first.

    Not recorded through Wagtail's search-promotion query log, on purpose. A query with no
    letters or digits (only symbols) matches nothing.
    """
    terms = search_terms(query)
    pages = (
        Page.objects.live()
        .public()
        .type(_model("NewsArticlePage"), _model("EducationResourcePage"))
    )
    if not terms:
        return pages.none()
    return pages.specific().search(terms, operator="and")


# --- Serving a page in few queries ------------------------------------------------------------
# Wagtail's own walk reads two rows per URL segment (the child page, then its specific row)
# and its privacy check two more, which leaves little of a 10-query page budget for content.
# Page models wire these in: HomePage.route() asks page_for_path() first, and
# get_view_restrictions() returns view_restrictions().

# Foreign keys the page templates read on every render, fetched with the page.
ROUTE_SELECT_RELATED = ("hero_image",)


def _ancestor_paths(path: str) -> list[str]:
    """Tree paths of a page and all its ancestors, the tree root included."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _walks_to_child(model, remaining: list[str]) -> bool:
    """Whether Wagtail's walk through a page of this type goes on to its child."""
    if model.route is Page.route:
        return True
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Resolver404:
            return True
    return False


def page_for_path(*, root, path_components: list[str]):
    """The specific page under `root` at this path, in two queries; None where Wagtail must walk.

    One query reads every page on the path, one the specific page with its hero image and
    whether a view restriction applies to it or above it (`view_restricted`, which
    view_restrictions() then answers without a query). None when the answer could differ
    from Wagtail's walk: a missing segment, an alias, a page type with its own route(), or a
    routable page whose own routes claim the rest of the path. Whether the page is live is
    left to its route(), as in Wagtail.
    """
    if not path_components or root.alias_of_id:
        return None
    prefixes = [
        root.url_path + "/".join(path_components[: n + 1]) + "/"
        for n in range(len(path_components))
    ]
    rows = Page.objects.filter(path__startswith=root.path, url_path__in=prefixes).values(
        "pk", "path", "url_path", "content_type_id", "alias_of_id"
    )
    by_url = {row["url_path"]: row for row in rows}
    if len(by_url) != len(prefixes) or any(row["alias_of_id"] for row in by_url.values()):
        return None
    models = [
        ContentType.objects.get_for_id(by_url[prefix]["content_type_id"]).model_class()
        for prefix in prefixes
    ]
    if None in models or not all(
        _walks_to_child(model, path_components[n + 1 :]) for n, model in enumerate(models[:-1])
    ):
        return None
    target, model = by_url[prefixes[-1]], models[-1]
    field_names = {field.name for field in model._meta.get_fields()}
    related = [name for name in ROUTE_SELECT_RELATED if name in field_names]
    queryset = model.objects.select_related(*related) if related else model.objects.all()
    restrictions = PageViewRestriction.objects.filter(
        page__path__in=_ancestor_paths(target["path"])
    )
    return queryset.annotate(view_restricted=Exists(restrictions)).get(pk=target["pk"])


def view_restrictions(*, page) -> QuerySet:
    """Wagtail's `Page.get_view_restrictions()` in one query, or in none when already known.

    The restrictions on this page and its ancestors; an alias answers with its source's.
    """
    if getattr(page, "view_restricted", None) is False:
        return PageViewRestriction.objects.none()
    paths = _ancestor_paths(page.path)
    alias_sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values(
        "alias_of_id"
    )
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page_id__in=alias_sources)
    )


# --- Media the public may list --------------------------------------------------------------


def used_on_public_pages(queryset: QuerySet) -> QuerySet:
    """Only the images or documents that a live, public page uses (Wagtail's reference index).

    The media library also holds uploads for drafts, replaced photos and files never meant for
    the public; the API must not list them.
    """
    public_page_ids = (
        Page.objects.live()
        .public()
        .annotate(pk_text=Cast("pk", output_field=CharField()))
        .values("pk_text")
    )
    used_ids = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_page_ids,
            to_content_type=ContentType.objects.get_for_model(queryset.model),
        )
        .annotate(to_pk=Cast("to_object_id", output_field=BigIntegerField()))
        .values("to_pk")
    )
    return queryset.filter(pk__in=used_ids)
