from django.urls import path

from content import views
from content.api import api_router

urlpatterns = [
    path("cari/", views.search, name="search"),
    path("api/v2/", api_router.urls),
]
