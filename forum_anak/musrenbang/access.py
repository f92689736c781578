"""Who gets into the musrenbang back office, its exports and its recap: koordinator
musrenbang and superusers (the moderation screens' access rule, with the koordinator's
permission)."""

from forum_anak.core.access import is_coordinator
from forum_anak.moderation.views import ModeratorMixin


class CoordinatorMixin(ModeratorMixin):
    """Anyone else gets a 403; what staff type stays out of error reports."""

    def allowed(self, user) -> bool:
        return is_coordinator(user)
