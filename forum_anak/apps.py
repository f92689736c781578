from django.apps import AppConfig


class ForumAnakConfig(AppConfig):
    """Children's participation: areas, membership, proposals and the musrenbang."""

    name = "forum_anak"
    verbose_name = "Forum Anak"
