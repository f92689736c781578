from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Public prevention-education content and the headless content API."""

    name = "content"
    verbose_name = "Konten"
