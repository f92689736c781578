"""Back-office building blocks every feature folder uses: the access rule of a staff screen,
the "one action on one object" form page, the role-aware menu item, and the "Forum Anak"
menu group's submenu hook.

Each folder's screens say which role predicate (core/access.py) lets a person in; the rule
itself (a real 403, never a redirect loop; what staff type about a child kept out of error
reports) is written here once.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.defaults import permission_denied
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import SnippetViewSet

from forum_anak.core.access import (
    is_admin,
    is_coordinator,
    is_facilitator,
    is_moderator,
    is_officer,
)
from forum_anak.core.errors import ActionError

# Menu items and snippets of every folder join the "Forum Anak" group through this hook.
SUBMENU_HOOK = "register_forum_anak_menu_item"

# Larger ids cannot exist (64-bit keys) and would overflow SQLite: a plain 404.
MAX_ID = 2**63 - 1


def object_id(value) -> int:
    """An id from the URL or the query string; anything no row could ever have is a 404,
    never a 500."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number <= MAX_ID:
        raise Http404
    return number


def forbidden(request, exception: Exception | None = None):
    """A real 403 response: the admin's own handling would redirect to the dashboard."""
    return permission_denied(request, exception or PermissionDenied())


def no_store(response):
    """Keep a page out of shared and back-button caches (a concern, a child's photo)."""
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator(sensitive_post_parameters(), name="dispatch")
class StaffMixin:
    """Only people `allowed` lets in; anyone else signed in gets a 403. What staff type
    about a child (reasons, notes, evidence) stays out of error reports."""

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            return forbidden(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return forbidden(request, exc)


class FacilitatorMixin(StaffMixin):
    def allowed(self, user) -> bool:
        return is_facilitator(user)


class ModeratorMixin(StaffMixin):
    def allowed(self, user) -> bool:
        return is_moderator(user)


class CoordinatorMixin(StaffMixin):
    def allowed(self, user) -> bool:
        return is_coordinator(user)


class AdminMixin(StaffMixin):
    def allowed(self, user) -> bool:
        return is_admin(user)


class OfficerMixin(StaffMixin):
    """Only the petugas perlindungan, whatever other rights the account has; nothing they
    open stays in a cache."""

    def allowed(self, user) -> bool:
        return is_officer(user)

    def dispatch(self, request, *args, **kwargs):
        return no_store(super().dispatch(request, *args, **kwargs))


class ActionView(WagtailAdminTemplateMixin, FormView):
    """One action on one object: GET shows its form on a page of its own (the object's page
    may have the same form inline, and a form with errors lands here); POST calls the
    service once. A refusal (ActionError) changes nothing and is shown to the person."""

    template_name = "forum_anak/admin/action.html"
    submit_label = gettext_lazy("Simpan")
    submit_classname = ""
    intro = ""
    success_message = gettext_lazy("Tersimpan.")

    def perform(self, form) -> None:
        raise NotImplementedError

    def get_success_message(self) -> str:
        return str(self.success_message)

    def get_success_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=self.intro,
            submit_label=self.submit_label,
            submit_classname=self.submit_classname,
            action_url=self.request.path,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def form_valid(self, form):
        try:
            self.perform(form)
        except ActionError as exc:
            return self.refused(form, exc)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def refused(self, form, error: ActionError):
        """By default the refusal is the form's error, on this page."""
        form.add_error(None, str(error))
        return self.form_invalid(form)

    def form_invalid(self, form):
        problems = form.non_field_errors()
        messages.error(
            self.request,
            " ".join(problems) if problems else _("Belum tersimpan. Periksa isian di bawah."),
        )
        return super().form_invalid(form)


class RoleMenuItem(MenuItem):
    """A menu item shown only to people a role predicate allows. A viewset names the class
    for its role: `menu_item_class = RoleMenuItem.for_role(is_moderator)`."""

    def __init__(self, *args, allowed: Callable, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    @classmethod
    def for_role(cls, allowed: Callable) -> Callable[..., "RoleMenuItem"]:
        """A menu-item factory with the predicate filled in (what Wagtail's viewsets call)."""

        def make(*args, **kwargs) -> RoleMenuItem:
            return cls(*args, allowed=allowed, **kwargs)

        return staticmethod(make)

    def is_shown(self, request) -> bool:
        return self.allowed(request.user)


class ForumAnakSnippetViewSet(SnippetViewSet):
    """A snippet listed in the "Forum Anak" menu group instead of its own top-level item."""

    menu_hook = SUBMENU_HOOK
