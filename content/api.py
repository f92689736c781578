"""Read-only content API (Wagtail API v2), JSON only. See README "Content API"."""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PagesEndpoint(PagesAPIViewSet):
    renderer_classes = [JSONRenderer]


class ImagesEndpoint(ImagesAPIViewSet):
    renderer_classes = [JSONRenderer]


class DocumentsEndpoint(DocumentsAPIViewSet):
    renderer_classes = [JSONRenderer]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
