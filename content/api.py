"""Read-only content API (Wagtail API v2), JSON only. The walkthrough is docs/api.md.

What differs from Wagtail's stock endpoints, and why:
- JSON is the only renderer (no browsable HTML API), and the router answers `/api/v2/` and
  unknown paths below it with JSON too, so nothing under the API ever answers HTML.
- Anonymous only (no authentication classes): the API is public, and HTTP Basic auth here
  would be a password-guessing door that bypasses allauth's rate limits.
- Images are offered only as renditions: `download_url` (the original file) is gone.
- Pages gain `?topic=<slug>`; a filter value the database cannot read (`?date=kemarin`) is
  a 400, not a 500, and `?search=` is reduced to plain words before the search engine sees it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http.response import HttpResponseRedirectBase
from django.urls import Resolver404, re_path, resolve, reverse
from rest_framework import status
from rest_framework.exceptions import NotAcceptable, NotFound
from rest_framework.filters import BaseFilterBackend
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api import APIField
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, get_full_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from content import selectors
from content.models import ArticleFieldsMixin, EducationResourcePage, NewsArticlePage
from content.serializers import ImageAltField, ImageRenditionsField
from portal.models import SiteSettings

# Page types that carry topics, and so answer `?topic=`.
TOPIC_PAGE_MODELS = (NewsArticlePage, EducationResourcePage)

# Fields listed for each article or resource without `?fields=`, enough to draw a card.
ARTICLE_LISTING_FIELDS = ["date", "author", "summary", "hero_image", "topics"]


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's `?<field>=<value>` filter, with unreadable values answered as a 400.

    Wagtail converts booleans, integers and foreign keys itself; a date, a datetime or a
    many-to-many id that does not parse otherwise escapes as a 500.
    """

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except ValidationError as exc:
            raise BadRequestError("field filter error: " + " ".join(exc.messages)) from exc
        except (ValueError, TypeError) as exc:
            raise BadRequestError(f"field filter error: {exc}") from exc


class SearchFilter(BaseFilterBackend):
    """Wagtail's `?search=`, given only words.

    SQLite's full-text engine reads quotes, commas, brackets and upper-case AND/OR/NOT/NEAR in
    a query as its own syntax, and a query it cannot parse escapes as a 500. Words (letters
    and digits, in any script), lower-cased, are always plain terms; a query with no word
    finds nothing.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        operator = request.GET.get("search_operator") or None
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = selectors.search_terms(request.GET["search"])
        if not terms:
            return queryset.none()
        try:
            return get_search_backend().search(
                terms,
                queryset,
                operator=operator,
                order_by_relevance="order" not in request.GET,
            )
        except FilterFieldError as exc:
            raise BadRequestError(
                f"cannot filter by '{exc.field_name}' while searching (field is not indexed)"
            ) from exc
        except OrderByFieldError as exc:
            raise BadRequestError(
                f"cannot order by '{exc.field_name}' while searching (field is not indexed)"
            ) from exc


def with_our_filters(backends) -> list:
    """An endpoint's filter backends, with Wagtail's field and search filters swapped for ours."""
    ours = {wagtail_filters.FieldsFilter: FieldsFilter, wagtail_filters.SearchFilter: SearchFilter}
    return [ours.get(backend, backend) for backend in backends]


class TopicFilter(BaseFilterBackend):
    """`?topic=<slug>`: pages tagged with that topic.

    Works on the whole page tree (articles and resources) and with `type=` set to a page
    type that has topics; any other `type=` is a 400. Filters through a primary-key subquery
    so that it combines with `?search=`.
    """

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("topic")
        if slug is None:
            return queryset
        if "\x00" in slug:
            raise BadRequestError("topic filter error: null characters are not allowed")
        model = queryset.model
        if issubclass(model, ArticleFieldsMixin):
            models = [model]
        elif not any(issubclass(m, model) for m in TOPIC_PAGE_MODELS):
            names = ", ".join(f"{m._meta.app_label}.{m.__name__}" for m in TOPIC_PAGE_MODELS)
            raise BadRequestError(f"topic filter only applies to these types: {names}")
        else:
            models = TOPIC_PAGE_MODELS
        condition = Q()
        for topic_model in models:
            condition |= Q(pk__in=topic_model.objects.filter(topics__slug=slug).values("pk"))
        return queryset.filter(condition)


class JSONOnlyNegotiation(DefaultContentNegotiation):
    """`?format=api` (or any format but json) is a JSON 406 rather than an empty 404."""

    def filter_renderers(self, renderers, format):
        renderers = [renderer for renderer in renderers if renderer.format == format]
        if not renderers:
            raise NotAcceptable(f"format '{format}' is not available: this API answers JSON only")
        return renderers


class JSONOnlyMixin:
    """JSON only, anonymous only (see the module docstring)."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation
    authentication_classes: list = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL in text, which would otherwise surface as a 500 mid-query.
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise BadRequestError("query parameters may not contain NUL characters")

    def find_view(self, request):
        # Wagtail answers `find/` with Django's redirect, whose (empty) body is text/html.
        try:
            response = super().find_view(request)
        except (ValueError, TypeError) as exc:  # e.g. ?id=abc
            raise BadRequestError(f"find: {exc}") from exc
        if isinstance(response, HttpResponseRedirectBase):
            location = response["Location"]
            return Response(
                {"location": location}, status=response.status_code, headers={"Location": location}
            )
        return response


class PagesEndpoint(JSONOnlyMixin, PagesAPIViewSet):
    """Live public pages (Wagtail's default: drafts and private pages never appear)."""

    # Topic right after the field filters; search must stay last (its results cannot be
    # filtered further).
    filter_backends = with_our_filters(PagesAPIViewSet.filter_backends)
    filter_backends.insert(1, TopicFilter)
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["topic"])

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if issubclass(model, ArticleFieldsMixin):
            fields += ARTICLE_LISTING_FIELDS
            if issubclass(model, EducationResourcePage):
                fields.append("audience")
        return fields

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ArticleFieldsMixin):
            queryset = queryset.select_related("hero_image").prefetch_related(
                "topics", "hero_image__renditions"
            )
            if "order" not in self.request.GET:
                # Newest first, as on /berita/; the id keeps pages stable under limit/offset.
                queryset = queryset.order_by("-date", "-id")
        return queryset


class ImagesEndpoint(JSONOnlyMixin, ImagesAPIViewSet):
    """Images used by live public pages, as renditions (WebP and JPEG at three sizes), never
    the original file."""

    filter_backends = with_our_filters(ImagesAPIViewSet.filter_backends)

    body_fields = [
        *BaseAPIViewSet.body_fields,
        "title",
        "width",
        "height",
        APIField("alt", serializer=ImageAltField()),
        APIField("renditions", serializer=ImageRenditionsField()),
    ]
    meta_fields = [*BaseAPIViewSet.meta_fields, "tags"]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "tags",
        "alt",
        "width",
        "height",
        "renditions",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "title"]

    @classmethod
    def get_body_fields(cls, model):
        # The model's own api_fields may never put the original file back into the API.
        return [field for field in super().get_body_fields(model) if field.name != "file"]

    def get_queryset(self):
        queryset = selectors.used_on_public_pages(super().get_queryset())
        return queryset.prefetch_related("renditions")


class DocumentsEndpoint(JSONOnlyMixin, DocumentsAPIViewSet):
    """Documents used by live public pages, with `download_url` to the document view
    (documents are served as such)."""

    filter_backends = with_our_filters(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return selectors.used_on_public_pages(super().get_queryset())


class APIRootView(JSONOnlyMixin, APIView):
    """`/api/v2/`: the endpoints of this API, and the licence of its content."""

    def get(self, request):
        endpoints = {
            name: get_full_url(request, reverse(f"{api_router.url_namespace}:{name}:listing"))
            for name in api_router.endpoint_names
        }
        licence = SiteSettings.for_request(request).content_licence
        return Response({"endpoints": endpoints, "licence": licence})


class APINotFoundView(JSONOnlyMixin, APIView):
    """Any other path under `/api/v2/`: a JSON 404 instead of the site's HTML 404 page.

    A GET for a known path without its trailing slash is redirected, as APPEND_SLASH would,
    but with a JSON body.
    """

    def get(self, request, path):
        if not request.path.endswith("/"):
            target = request.path + "/"
            try:
                match = resolve(target)
            except Resolver404:
                match = None
            if match is not None and match.url_name != "not_found":
                query = request.META.get("QUERY_STRING", "")
                location = f"{target}?{query}" if query else target
                return Response(
                    {"detail": "moved permanently", "location": location},
                    status=status.HTTP_301_MOVED_PERMANENTLY,
                    headers={"Location": location},
                )
        raise NotFound("not found")

    def post(self, request, path):
        raise NotFound("not found")

    put = patch = delete = post


# Every other path below /api/v2/, except the proposals API's.
OTHER_PATHS = r"^(?!usulan(?:/|$))(?P<path>.*)$"


class ContentAPIRouter(WagtailAPIRouter):
    """Wagtail's router plus a JSON root and a JSON 404 for unknown paths.

    The catch-all leaves `usulan` alone: the proposals API lives under /api/v2/ too, and may
    be mounted after this router.
    """

    @property
    def endpoint_names(self) -> list[str]:
        return list(self._endpoints)

    def get_urlpatterns(self):
        return [
            re_path(r"^$", APIRootView.as_view(), name="root"),
            *super().get_urlpatterns(),
            re_path(OTHER_PATHS, APINotFoundView.as_view(), name="not_found"),
        ]


api_router = ContentAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
