"""The public proposal board, included at /usulan/ (namespace "usulan")."""

app_name = "usulan"

urlpatterns: list = []
