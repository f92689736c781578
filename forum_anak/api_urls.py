"""The proposals API, included at /api/v2/usulan/ (namespace "usulan_api")."""

app_name = "usulan_api"

urlpatterns: list = []
