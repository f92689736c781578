"""Safeguarding concerns in the back office: /admin/perlindungan/ (namespace "concerns").

Moderators and facilitators raise a concern (the source is hidden at once). Only the
petugas perlindungan lists and reads concerns, and records a referral or closes one; every
list view and every read goes through a service that logs it (ConcernAccess). A superuser
without the role gets a 403 like anyone else. Views stay thin: one service call per change.
"""

from functools import cached_property

from django.core import signing
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from forum_anak.core.access import is_officer
from forum_anak.core.errors import ActionError
from forum_anak.core.views import (
    ActionView,
    OfficerMixin,
    RoleMenuItem,
    forbidden,
    object_id,
)
from forum_anak.membership.selectors import kecamatan_facilitators, member_profile_of
from forum_anak.models import (
    MemberProfile,
    Proposal,
    ProposalPhoto,
    SafeguardingConcern,
    member_label,
)
from forum_anak.safeguarding.forms import CloseForm, RaiseForm, ReferForm, StatusFilterForm
from forum_anak.safeguarding.selectors import concern_accesses, concerns_waiting
from forum_anak.safeguarding.services import (
    concern_close,
    concern_may_raise,
    concern_raise,
    concern_read,
    concern_refer,
    concern_version,
    concerns_list_read,
)

URL_NAMESPACE = "concerns"
Source = SafeguardingConcern.Source
# The detail page hands the photo view a signed ticket: the photo opens only from a read
# that was logged, for the officer who read it, for a short while.
_PHOTO_SALT = "forum_anak.concern_photo"
_PHOTO_TICKET_SECONDS = 15 * 60


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class ConcernsPageMixin(OfficerMixin):
    """The officer's pages: breadcrumbs from the list of concerns."""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": url("index"), "label": _("Laporan perlindungan")}]
        return [*items, {"url": "", "label": self.get_page_title()}]


# --- Raising (moderators and facilitators) ------------------------------------------------------


@method_decorator(sensitive_post_parameters(), name="dispatch")
class RaiseView(WagtailAdminTemplateMixin, FormView):
    """?source=proposal&proposal=<pk> | ?source=profile&member=<user id> |
    ?source=photo&photo=<pk>. Refused (403) to anyone who may not raise about that source."""

    template_name = "forum_anak/admin/concerns/raise.html"
    form_class = RaiseForm
    header_icon = "warning"
    page_title = gettext_lazy("Laporkan ke petugas perlindungan")

    def dispatch(self, request, *args, **kwargs):
        self.source = request.GET.get("source", "")
        if self.source not in (Source.PROPOSAL, Source.PROFILE, Source.PHOTO):
            raise Http404
        self.target  # noqa: B018 - a 404 for ids that do not exist
        if not concern_may_raise(actor=request.user, source=self.source, **self.target):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def target(self) -> dict:
        params = self.request.GET
        if self.source == Source.PROPOSAL:
            return {"proposal": get_object_or_404(Proposal, pk=object_id(params.get("proposal")))}
        if self.source == Source.PHOTO:
            photo = get_object_or_404(
                ProposalPhoto.objects.select_related("proposal"), pk=object_id(params.get("photo"))
            )
            return {"photo": photo}
        profile = get_object_or_404(MemberProfile, user_id=object_id(params.get("member")))
        return {"member": profile.user}

    @property
    def source_label(self) -> str:
        if "proposal" in self.target:
            return _("Usulan %s") % self.target["proposal"]
        if "photo" in self.target:
            return _("Foto usulan %s") % self.target["photo"].proposal
        return _("Profil %s") % member_label(self.target["member"].pk)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def default_next(self) -> str:
        """Back where the raiser came from: the member's page, or the proposal's page in
        the moderation back office (the admin home if that screen is not installed)."""
        if self.source == Source.PROFILE:
            return reverse("anggota:detail", args=[self.target["member"].pk])
        proposal = self.target.get("proposal") or self.target["photo"].proposal
        try:
            return reverse("usulan_admin:detail", args=[proposal.pk])
        except NoReverseMatch:
            return reverse("wagtailadmin_home")

    def next_url(self, candidate: str | None) -> str:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={self.request.get_host()}, require_https=False
        ):
            return candidate
        return self.default_next()

    def get_initial(self):
        return {"next": self.next_url(self.request.GET.get("next"))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            source_label=self.source_label,
            cancel_url=self.next_url(self.request.GET.get("next")),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            concern_raise(
                actor=self.request.user,
                source=self.source,
                description=form.cleaned_data["description"],
                **self.target,
            )
        except ActionError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Laporan dikirim ke petugas perlindungan. Sumbernya langsung disembunyikan."),
        )
        return redirect(self.next_url(form.cleaned_data.get("next")))

    def form_invalid(self, form):
        messages.error(self.request, _("Laporan belum terkirim. Periksa isian di bawah."))
        return super().form_invalid(form)


# --- The officer's screens ----------------------------------------------------------------------


class ConcernListView(ConcernsPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every concern, open first; the listing is logged (one row per page view)."""

    template_name = "forum_anak/admin/concerns/index.html"
    header_icon = "warning"
    page_title = gettext_lazy("Laporan perlindungan")
    paginate_by = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        status_form = StatusFilterForm(self.request.GET or None)
        status = status_form.cleaned_data["status"] if status_form.is_valid() else ""
        concerns = concerns_list_read(actor=self.request.user, status=status or None)
        page = Paginator(concerns, self.paginate_by).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            status_form=status_form,
            status=status,
            page=page,
            Status=SafeguardingConcern.Status,
            **kwargs,
        )


class ConcernMixin(ConcernsPageMixin):
    """The concern named in the URL, read (and the read logged) once per request."""

    def read(self) -> SafeguardingConcern:
        try:
            return concern_read(actor=self.request.user, concern_id=object_id(self.kwargs["pk"]))
        except ActionError:
            raise Http404 from None

    def concern_context(self, concern: SafeguardingConcern) -> dict:
        return {"concern": concern, "Status": SafeguardingConcern.Status, "Source": Source}


class ConcernDetailView(ConcernMixin, WagtailAdminTemplateMixin, TemplateView):
    """What the officer needs: the source, what was seen, the child's own text if it is a
    proposal, the photo, how to reach the child (profile and help requests only), the
    referral or closing note, and who read the concern when."""

    template_name = "forum_anak/admin/concerns/detail.html"
    header_icon = "warning"

    def get(self, request, *args, **kwargs):
        self.concern = self.read()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.concern)

    def get_context_data(self, **kwargs):
        concern = self.concern
        profile = facilitators = None
        if concern.source in (Source.PROFILE, Source.HELP) and concern.member_id:
            profile = member_profile_of(user_id=concern.member_id)
        if profile is not None and profile.kelurahan.parent_id:
            facilitators = [
                user.get_full_name() or user.get_username()
                for user in kecamatan_facilitators(kecamatan_id=profile.kelurahan.parent_id)
            ]
        photo = concern.photo or getattr(concern.proposal, "photo", None)
        photo_url = None
        if photo is not None and photo.file:
            ticket = signing.dumps(
                {"c": concern.pk, "u": self.request.user.pk, "p": photo.pk}, salt=_PHOTO_SALT
            )
            photo_url = f"{url('photo', concern.pk)}?t={ticket}"
        return super().get_context_data(
            **self.concern_context(concern),
            proposal=concern.proposal,
            profile=profile,
            facilitators=facilitators,
            photo_url=photo_url,
            accesses=concern_accesses(concern=concern),
            **kwargs,
        )


class ConcernPhotoView(ConcernsPageMixin, View):
    """Streams the photo from private storage, only with a ticket from a logged read."""

    def get(self, request, pk):
        try:
            ticket = signing.loads(
                request.GET.get("t", ""), salt=_PHOTO_SALT, max_age=_PHOTO_TICKET_SECONDS
            )
        except signing.BadSignature:
            raise Http404 from None
        if ticket.get("c") != object_id(pk) or ticket.get("u") != request.user.pk:
            raise Http404
        photo = get_object_or_404(ProposalPhoto, pk=ticket.get("p"))
        try:
            handle = photo.file.open("rb")
        except OSError:
            raise Http404 from None
        return FileResponse(handle, content_type=_content_type(photo.file.name))


def _content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp"}.get(extension, "image/jpeg")


class ConcernActionView(ConcernMixin, ActionView):
    """One officer action: GET shows the form with the concern (a logged read); POST calls
    the service once; a refusal is shown on the form and changes nothing."""

    template_name = "forum_anak/admin/concerns/action.html"
    header_icon = "warning"
    submit_label = ""

    def get(self, request, *args, **kwargs):
        self.concern = self.read()
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        # On POST the form is bound: what counts is the version the page was loaded with.
        concern = getattr(self, "concern", None)
        return {"seen": concern_version(concern)} if concern else {}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": _("Laporan perlindungan")},
            {"url": url("detail", self.concern.pk), "label": str(self.concern)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self) -> str:
        return url("detail", object_id(self.kwargs["pk"]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.concern_context(self.concern), **kwargs)

    def form_invalid(self, form):
        self.concern = self.read()
        return super().form_invalid(form)


class ReferView(ConcernActionView):
    page_title = gettext_lazy("Catat rujukan")
    form_class = ReferForm
    submit_label = gettext_lazy("Simpan rujukan")
    intro = gettext_lazy(
        "Catat ke mana laporan ini dirujuk (misalnya UPTD PPA atau SAPA 129), siapa yang "
        "menerima, kapan, dan apa yang sudah dilakukan. Sumbernya tetap tersembunyi."
    )
    success_message = gettext_lazy("Rujukan dicatat. Sumbernya tetap tersembunyi.")

    def perform(self, form):
        data = form.cleaned_data
        concern_refer(
            actor=self.request.user,
            concern_id=object_id(self.kwargs["pk"]),
            referred_to=data["referred_to"],
            contact=data["contact"],
            action_taken=data["action_taken"],
            referred_at=data["referred_at"],
            seen=data["seen"] or None,
        )


class CloseView(ConcernActionView):
    page_title = gettext_lazy("Tutup: tidak ada masalah")
    form_class = CloseForm
    submit_label = gettext_lazy("Tutup laporan")
    submit_classname = "serious"
    intro = gettext_lazy(
        "Tutup hanya jika tidak ada masalah perlindungan. Sumbernya tampil lagi seperti "
        "sebelum dilaporkan."
    )
    success_message = gettext_lazy("Laporan ditutup. Sumbernya tampil lagi seperti sebelumnya.")

    def perform(self, form):
        concern_close(
            actor=self.request.user,
            concern_id=object_id(self.kwargs["pk"]),
            note=form.cleaned_data["note"],
            seen=form.cleaned_data["seen"] or None,
        )


# --- Admin home panel and registration -----------------------------------------------------------


class ConcernsWaitingPanel(Component):
    """On the officer's admin home: open concerns and how long the oldest has waited."""

    name = "concerns_waiting"
    template_name = "forum_anak/admin/concerns/home_panel.html"
    order = 50

    def __init__(self, summary: dict):
        self.summary = summary

    def get_context_data(self, parent_context=None):
        return {**self.summary, "index_url": url("index") + "?status=open"}


def concerns_home_panel(request, panels) -> None:
    summary = concerns_waiting(actor=request.user)
    if summary is not None:
        panels.append(ConcernsWaitingPanel(summary))


class ConcernViewSet(ViewSet):
    """/admin/perlindungan/: the list (first pattern: the menu item's URL) and the rest."""

    name = URL_NAMESPACE
    url_prefix = "perlindungan"
    icon = "warning"
    menu_label = gettext_lazy("Laporan perlindungan")
    menu_name = "laporan-perlindungan"
    menu_order = 260
    add_to_admin_menu = True
    menu_item_class = RoleMenuItem.for_role(is_officer)

    def get_urlpatterns(self):
        return [
            path("", ConcernListView.as_view(), name="index"),
            path("lapor/", RaiseView.as_view(), name="raise"),
            path("<int:pk>/", ConcernDetailView.as_view(), name="detail"),
            path("<int:pk>/foto/", ConcernPhotoView.as_view(), name="photo"),
            path("<int:pk>/rujuk/", ReferView.as_view(), name="refer"),
            path("<int:pk>/tutup/", CloseView.as_view(), name="close"),
        ]
