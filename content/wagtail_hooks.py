"""Back-office registration for content snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topik")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


register_snippet(TopicViewSet)
