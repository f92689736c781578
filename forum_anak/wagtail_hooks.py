"""Wagtail hooks of forum anak: each feature folder registers its own back-office pieces in
its hooks.py; importing them here is what makes Wagtail load them (it reads only this
module of each app)."""

from forum_anak.core import hooks as core_hooks  # noqa: F401
from forum_anak.membership import hooks as membership_hooks  # noqa: F401
from forum_anak.moderation import hooks as moderation_hooks  # noqa: F401
from forum_anak.musrenbang import hooks as musrenbang_hooks  # noqa: F401
from forum_anak.privacy import hooks as privacy_hooks  # noqa: F401
from forum_anak.proposals import hooks as proposals_hooks  # noqa: F401
from forum_anak.safeguarding import hooks as safeguarding_hooks  # noqa: F401
