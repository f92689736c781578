"""The proposal moderation back office inside the Wagtail admin: /admin/usulan/
(namespace "usulan_admin").

The queue, one proposal's page with its photo, one view per action, bulk actions from the
queue, the public reports list, and the facilitators' paper entry. Views stay thin: each
change is one service call, which checks the actor's role and the state again. Only
moderators (forum_anak.moderate_proposal, or superusers) get in; everyone else gets a 403
(the paper entry belongs to facilitators). A ActionError becomes an error message
and changes nothing. The proposer appears only as an opaque label and an approved nickname.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from forum_anak.core.access import is_facilitator, is_moderator
from forum_anak.core.errors import ActionError
from forum_anak.core.views import (
    MAX_ID,
    SUBMENU_HOOK,
    ActionView,
    FacilitatorMixin,
    ModeratorMixin,
    RoleMenuItem,
    object_id,
)
from forum_anak.membership.selectors import member_approved_nickname
from forum_anak.models import (
    Proposal,
    ProposalPhoto,
    ProposalReport,
    member_label,
)
from forum_anak.moderation.forms import (
    ApproveForm,
    BulkForm,
    HideForm,
    NoteForm,
    PaperEntryForm,
    PublicVersionForm,
    QueueFilterForm,
    RejectForm,
    ReportHandleForm,
    RevisionForm,
    StaffLayerForm,
)
from forum_anak.moderation.reports import proposal_report_handle
from forum_anak.moderation.selectors import (
    LATE_DAYS,
    WAITING_STATES,
    facilitator_new_submissions,
    moderation_counts,
    moderation_queryset,
    proposal_reports,
    proposals_sent,
    public_version_is_current,
    reports_open,
)
from forum_anak.moderation.services import (
    proposal_paper_enter,
    proposal_photo_mark_safe,
    proposal_public_version_save,
    proposal_staff_layer_set,
    proposals_bulk_approve,
    proposals_bulk_start_review,
)
from forum_anak.proposals.selectors import (
    co_proposers_standing,
    proposal_photo_for,
    proposal_revisions,
    proposal_timeline,
    proposal_under_concern,
)
from forum_anak.proposals.services import (
    proposal_approve,
    proposal_reject,
    proposal_request_revision,
    proposal_set_hidden,
    proposal_start_review,
)

URL_NAMESPACE = "usulan_admin"
State = Proposal.State
_PAGE_SIZE = 50
_TEXT_FIELDS = (
    ("title", gettext_lazy("Judul")),
    ("problem", gettext_lazy("Masalah")),
    ("proposed_action", gettext_lazy("Usulan")),
    ("beneficiaries", gettext_lazy("Yang terbantu")),
    ("landmark", gettext_lazy("Patokan tempat")),
)
ACTION_LABELS = {
    "submit": gettext_lazy("Dikirim"),
    "resubmit": gettext_lazy("Perbaikan dikirim"),
    "withdraw": gettext_lazy("Ditarik pengusul"),
    "start_review": gettext_lazy("Mulai diperiksa"),
    "request_revision": gettext_lazy("Diminta perbaikan"),
    "approve": gettext_lazy("Disetujui"),
    "reject": gettext_lazy("Ditolak"),
    "hide": gettext_lazy("Disembunyikan dari publik"),
    "unhide": gettext_lazy("Ditampilkan lagi"),
    "public_draft": gettext_lazy("Versi publik disimpan"),
    "photo_safe": gettext_lazy("Foto ditandai aman"),
    "staff_layer": gettext_lazy("Data perencanaan diubah"),
}


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class ProposalMixin:
    """The proposal named in the URL, among sent ones (a draft is the child's alone: 404),
    looked up before the HTTP method is."""

    def dispatch(self, request, *args, **kwargs):
        self.proposal  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def proposal(self) -> Proposal:
        return get_object_or_404(
            Proposal.objects.exclude(state=State.DRAFT).select_related(
                "kelurahan__parent", "cycle", "group", "urusan", "opd"
            ),
            pk=object_id(self.kwargs["pk"]),
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Moderasi usulan")},
            {"url": url("detail", self.proposal.pk), "label": str(self.proposal)},
            {"url": "", "label": self.get_page_title()},
        ]


# --- Queue ------------------------------------------------------------------------------------


class QueueView(ModeratorMixin, WagtailAdminTemplateMixin, TemplateView):
    """What waits, oldest first, filtered; tick several to start review or approve."""

    template_name = "forum_anak/admin/proposals/queue.html"
    page_title = gettext_lazy("Moderasi usulan")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        form = QueueFilterForm(self.request.GET or None)
        queryset = form.filter(moderation_queryset())
        page = Paginator(queryset, _PAGE_SIZE).get_page(self.request.GET.get("p"))
        now = timezone.now()
        rows = [
            {
                "proposal": proposal,
                "days": (now - proposal.submitted_at).days
                if proposal.submitted_at and proposal.state in WAITING_STATES
                else None,
            }
            for proposal in page.object_list
        ]
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            filter_form=form,
            page=page,
            rows=rows,
            query=query.urlencode(),
            bulk_form=BulkForm(),
            late_days=LATE_DAYS,
            reports_url=url("reports"),
            **kwargs,
        )


class BulkView(ModeratorMixin, View):
    """Start review or approve every ticked proposal, each in its own transaction, then one
    summary message ("18 disetujui, 2 sudah diproses orang lain ...")."""

    def post(self, request):
        form = BulkForm(request.POST)
        back = url("queue")
        query = request.POST.get("query", "")
        if query and url_has_allowed_host_and_scheme(f"?{query}", allowed_hosts=None):
            back = f"{back}?{query}"
        if not form.is_valid():
            messages.error(request, _("Pilih paling sedikit satu usulan dan satu tindakan."))
            return redirect(back)
        ids = set(form.cleaned_data["ids"])
        if any(value > MAX_ID for value in ids):
            raise Http404
        proposals = proposals_sent(ids=ids)
        if len(proposals) != len(ids):
            raise Http404
        try:
            if form.cleaned_data["action"] == "approve":
                result = proposals_bulk_approve(actor=request.user, proposals=proposals)
                done = _("%d disetujui") % len(result.done)
            else:
                result = proposals_bulk_start_review(actor=request.user, proposals=proposals)
                done = _("%d mulai diperiksa") % len(result.done)
        except ActionError as exc:
            messages.error(request, str(exc))
            return redirect(back)
        parts = [done]
        if result.taken:
            parts.append(_("%d sudah diproses orang lain") % len(result.taken))
        if result.not_in_review:
            parts.append(_("%d belum mulai diperiksa") % len(result.not_in_review))
        if result.no_public_version:
            parts.append(_("%d belum punya versi publik") % len(result.no_public_version))
        summary = ", ".join(parts) + "."
        if result.done and len(parts) == 1:
            messages.success(request, summary)
        else:
            messages.warning(request, summary)
        return redirect(back)


# --- One proposal -----------------------------------------------------------------------------


def _revision_changes(revisions: list) -> list[dict]:
    """Each revision with the fields that changed since the one before (before/after)."""
    out = []
    previous = None
    for revision in revisions:
        changes = []
        if previous is not None:
            for name, label in _TEXT_FIELDS:
                before, after = getattr(previous, name), getattr(revision, name)
                if before != after:
                    changes.append({"label": label, "before": before, "after": after})
        out.append({"revision": revision, "changes": changes, "first": previous is None})
        previous = revision
    return out


def _unsent_changes(proposal: Proposal, last) -> list[dict]:
    """What the child changed after their last send (while asked to revise)."""
    if last is None:
        return []
    return [
        {"label": label, "before": getattr(last, name), "after": getattr(proposal, name)}
        for name, label in _TEXT_FIELDS
        if getattr(last, name) != getattr(proposal, name)
    ]


def proposer_label(proposal: Proposal) -> dict:
    """Who proposes, as staff may see it: the opaque label and an approved nickname only."""
    return {
        "label": member_label(proposal.proposer_id) if proposal.proposer_id else "",
        "nickname": member_approved_nickname(user_id=proposal.proposer_id)
        if proposal.proposer_id
        else "",
        "group": proposal.group.name if proposal.group_id else "",
        "paper": proposal.entered_by_id is not None and proposal.proposer_id is None,
    }


class DetailView(ModeratorMixin, ProposalMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "forum_anak/admin/proposals/detail.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return str(self.proposal)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Moderasi usulan")},
            {"url": "", "label": str(self.proposal)},
        ]

    def get_context_data(self, **kwargs):
        proposal = self.proposal
        revisions = proposal_revisions(proposal=proposal)
        photo = proposal_photo_for(proposal=proposal)
        co_proposers = [
            {
                "label": member_label(co.member_id),
                "nickname": co.member.member_profile.nickname
                if hasattr(co.member, "member_profile")
                and co.member.member_profile.nickname_approved
                else "",
            }
            for co in co_proposers_standing(proposal=proposal)
        ]
        timeline = [
            {"event": event, "label": ACTION_LABELS.get(event.action, event.action)}
            for event in proposal_timeline(proposal=proposal)
        ]
        reports = proposal_reports(proposal=proposal)
        return super().get_context_data(
            proposal=proposal,
            State=State,
            proposer=proposer_label(proposal),
            under_concern=proposal_under_concern(proposal=proposal),
            revisions=_revision_changes(revisions),
            unsent_changes=_unsent_changes(proposal, revisions[-1] if revisions else None)
            if proposal.state == State.REVISION_REQUESTED
            else [],
            photo=photo,
            co_proposers=co_proposers,
            timeline=timeline,
            reports=reports,
            open_reports=sum(1 for r in reports if r.handled_at is None),
            has_public_version=public_version_is_current(proposal),
            note_form=NoteForm(auto_id="start_%s"),
            revision_form=RevisionForm(auto_id="revision_%s"),
            reject_form=RejectForm(auto_id="reject_%s"),
            hide_form=HideForm(
                auto_id="hide_%s",
                initial={"hidden": "0" if proposal.hidden_from_public else "1"},
            ),
            staff_layer_form=StaffLayerForm(
                auto_id="staff_%s", initial=StaffLayerForm.initial_for(proposal)
            ),
            report_form=ReportHandleForm(auto_id=False),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class PhotoView(ModeratorMixin, ProposalMixin, View):
    """The proposal's photo, streamed from private storage to moderators only."""

    def get(self, request, pk):
        photo = get_object_or_404(ProposalPhoto, proposal=self.proposal)
        try:
            handle = photo.file.open("rb")
        except OSError:
            raise Http404 from None
        extension = photo.file.name.rsplit(".", 1)[-1].lower()
        content_type = {"png": "image/png", "webp": "image/webp"}.get(extension, "image/jpeg")
        response = FileResponse(handle, content_type=content_type)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ProposalActionView(ModeratorMixin, ProposalMixin, ActionView):
    """One action on one proposal (the detail page has the same forms inline). A refusal
    goes back to the proposal's page with the reason."""

    header_icon = "doc-full"
    form_class = NoteForm

    def get_success_message(self) -> str:
        return str(self.success_message) % {"proposal": self.proposal}

    def get_success_url(self) -> str:
        return url("detail", self.proposal.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.proposal, **kwargs)

    def refused(self, form, error: ActionError):
        messages.error(self.request, str(error))
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Belum tersimpan. Periksa isian di bawah."))
        return super(ActionView, self).form_invalid(form)


class StartReviewView(ProposalActionView):
    page_title = gettext_lazy("Mulai periksa")
    submit_label = gettext_lazy("Mulai periksa")
    success_message = gettext_lazy("Usulan %(proposal)s sedang diperiksa.")

    def perform(self, form):
        proposal_start_review(
            actor=self.request.user,
            proposal=self.proposal,
            internal_note=form.cleaned_data["internal_note"],
        )


class RevisionView(ProposalActionView):
    page_title = gettext_lazy("Minta perbaikan")
    form_class = RevisionForm
    submit_label = gettext_lazy("Minta perbaikan")
    success_message = gettext_lazy("Anak diminta memperbaiki usulan %(proposal)s.")

    def perform(self, form):
        proposal_request_revision(
            actor=self.request.user,
            proposal=self.proposal,
            message=form.cleaned_data["message"],
            internal_note=form.cleaned_data["internal_note"],
        )


class RejectView(ProposalActionView):
    page_title = gettext_lazy("Tolak usulan")
    form_class = RejectForm
    submit_label = gettext_lazy("Tolak usulan")
    submit_classname = "serious"
    success_message = gettext_lazy("Usulan %(proposal)s ditolak.")

    def perform(self, form):
        proposal_reject(
            actor=self.request.user,
            proposal=self.proposal,
            reason=form.cleaned_data["reason"],
            internal_note=form.cleaned_data["internal_note"],
        )


class HideView(ProposalActionView):
    page_title = gettext_lazy("Sembunyikan atau tampilkan")
    form_class = HideForm

    def get_initial(self):
        return {"hidden": "0" if self.proposal.hidden_from_public else "1"}

    @property
    def submit_label(self):
        return _("Tampilkan lagi") if self.proposal.hidden_from_public else _("Sembunyikan")

    def perform(self, form):
        self.hidden = form.cleaned_data["hidden"]
        proposal_set_hidden(
            actor=self.request.user,
            proposal=self.proposal,
            hidden=self.hidden,
            internal_note=form.cleaned_data["internal_note"],
        )

    def get_success_message(self):
        if self.hidden:
            return _("Usulan %s disembunyikan dari publik.") % self.proposal
        return _("Usulan %s boleh tampil lagi.") % self.proposal


class ApproveView(ProposalActionView):
    """The public version, prefilled from the child's text (or the saved public version),
    with a reminder to clean it; "simpan versi publik" posts the same form elsewhere."""

    template_name = "forum_anak/admin/proposals/approve.html"
    page_title = gettext_lazy("Setujui dan tulis versi publik")
    form_class = ApproveForm
    submit_label = gettext_lazy("Setujui")
    success_message = gettext_lazy("Usulan %(proposal)s disetujui.")

    def get_initial(self):
        return PublicVersionForm.initial_for(self.proposal)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            draft_url=url("public_version", self.proposal.pk),
            can_approve=self.proposal.state == State.IN_REVIEW,
            **kwargs,
        )

    def perform(self, form):
        proposal_approve(actor=self.request.user, proposal=self.proposal, **form.cleaned_data)


class PublicVersionView(ApproveView):
    page_title = gettext_lazy("Simpan versi publik")
    form_class = PublicVersionForm
    success_message = gettext_lazy(
        "Versi publik usulan %(proposal)s disimpan. Usulan belum disetujui."
    )

    def perform(self, form):
        proposal_public_version_save(
            actor=self.request.user, proposal=self.proposal, **form.cleaned_data
        )


class PhotoSafeView(ProposalActionView):
    page_title = gettext_lazy("Foto aman untuk publik")
    submit_label = gettext_lazy("Foto aman untuk publik")
    intro = gettext_lazy(
        "Tandai aman hanya jika foto tidak menunjukkan wajah, nama, sekolah, atau rumah "
        "yang bisa dikenali."
    )
    success_message = gettext_lazy("Foto usulan %(proposal)s ditandai aman untuk publik.")

    def perform(self, form):
        proposal_photo_mark_safe(actor=self.request.user, proposal=self.proposal)


class StaffLayerView(ProposalActionView):
    page_title = gettext_lazy("Data perencanaan")
    form_class = StaffLayerForm
    success_message = gettext_lazy("Data perencanaan usulan %(proposal)s disimpan.")

    def get_initial(self):
        return StaffLayerForm.initial_for(self.proposal)

    def perform(self, form):
        proposal_staff_layer_set(
            actor=self.request.user, proposal=self.proposal, **form.cleaned_data
        )


class ReportHandleView(ProposalActionView):
    page_title = gettext_lazy("Tandai laporan sudah ditangani")
    form_class = ReportHandleForm
    submit_label = gettext_lazy("Tandai sudah ditangani")
    success_message = gettext_lazy("Laporan ditandai sudah ditangani.")

    @cached_property
    def report(self) -> ProposalReport:
        return get_object_or_404(
            ProposalReport, pk=object_id(self.kwargs["report_id"]), proposal=self.proposal
        )

    def dispatch(self, request, *args, **kwargs):
        if is_moderator(request.user):
            self.report  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        proposal_report_handle(
            actor=self.request.user, report_id=self.report.pk, note=form.cleaned_data["note"]
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        back = self.request.POST.get("next")
        if back == "reports":
            return redirect(url("reports"))
        return response


# --- Public reports ---------------------------------------------------------------------------


class ReportsView(ModeratorMixin, WagtailAdminTemplateMixin, TemplateView):
    """Open "Laporkan" reports from the public board, oldest first."""

    template_name = "forum_anak/admin/proposals/reports.html"
    page_title = gettext_lazy("Laporan dari papan usulan")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("queue"), "label": _("Moderasi usulan")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        page = Paginator(reports_open(), _PAGE_SIZE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page=page, report_form=ReportHandleForm(auto_id=False), **kwargs
        )


# --- Paper entry (facilitators) ---------------------------------------------------------------


class PaperEntryView(FacilitatorMixin, WagtailAdminTemplateMixin, FormView):
    """A facilitator types in a proposal a forum group of their kecamatan wrote on paper;
    it is sent at once, with the facilitator as the one who is told about it."""

    template_name = "forum_anak/admin/proposals/paper.html"
    page_title = gettext_lazy("Usulan dari kertas")
    header_icon = "doc-full"
    form_class = PaperEntryForm

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            proposal = proposal_paper_enter(actor=self.request.user, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Usulan %s terkirim atas nama forum. Kabar tentang usulan ini akan masuk ke "
                "akun Anda."
            )
            % proposal,
        )
        return redirect(url("paper"))

    def form_invalid(self, form):
        problems = form.non_field_errors()
        messages.error(
            self.request,
            " ".join(problems) if problems else _("Belum terkirim. Periksa isian di bawah."),
        )
        return super().form_invalid(form)


# --- Admin home panels ------------------------------------------------------------------------


class ModerationPanel(Component):
    """On a moderator's admin home: what waits, what waits too long, open reports."""

    name = "proposals_waiting"
    template_name = "forum_anak/admin/proposals/home_panel.html"
    order = 40

    def __init__(self, counts: dict):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        queue = url("queue")
        return {
            **self.counts,
            "late_days": LATE_DAYS,
            "queue_url": queue,
            "late_url": f"{queue}?waiting={LATE_DAYS}",
            "new_url": f"{queue}?state={State.SUBMITTED}",
            "reports_url": url("reports"),
        }


class FacilitatorPanel(Component):
    """On a facilitator's admin home: how many proposals came in from their kecamatan."""

    name = "proposals_new_in_kecamatan"
    template_name = "forum_anak/admin/proposals/home_panel_facilitator.html"
    order = 45

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"count": self.count, "days": LATE_DAYS, "paper_url": url("paper")}


def moderation_home_panels(request, panels) -> None:
    user = request.user
    if is_moderator(user):
        panels.append(ModerationPanel(moderation_counts()))
    elif is_facilitator(user):
        panels.append(FacilitatorPanel(facilitator_new_submissions(user=user)))


# --- Registration -----------------------------------------------------------------------------


def paper_menu_item():
    return RoleMenuItem(
        _("Usulan dari kertas"),
        url("paper"),
        name="usulan-kertas",
        icon_name="doc-full",
        order=3,
        allowed=is_facilitator,
    )


class ModerationViewSet(ViewSet):
    """/admin/usulan/: the queue first (the menu item's URL), then the rest."""

    name = URL_NAMESPACE
    url_prefix = "usulan"
    icon = "tasks"
    menu_label = gettext_lazy("Moderasi usulan")
    menu_name = "moderasi-usulan"
    menu_order = 2
    menu_hook = SUBMENU_HOOK
    menu_item_class = RoleMenuItem.for_role(is_moderator)

    def get_urlpatterns(self):
        one = "<int:pk>/"
        return [
            path("", QueueView.as_view(), name="queue"),
            path("massal/", BulkView.as_view(), name="bulk"),
            path("laporan/", ReportsView.as_view(), name="reports"),
            path("kertas/", PaperEntryView.as_view(), name="paper"),
            path(one, DetailView.as_view(), name="detail"),
            path(f"{one}foto/", PhotoView.as_view(), name="photo"),
            path(f"{one}foto/aman/", PhotoSafeView.as_view(), name="photo_safe"),
            path(f"{one}periksa/", StartReviewView.as_view(), name="start_review"),
            path(f"{one}perbaikan/", RevisionView.as_view(), name="request_revision"),
            path(f"{one}setujui/", ApproveView.as_view(), name="approve"),
            path(f"{one}versi-publik/", PublicVersionView.as_view(), name="public_version"),
            path(f"{one}tolak/", RejectView.as_view(), name="reject"),
            path(f"{one}sembunyikan/", HideView.as_view(), name="hide"),
            path(f"{one}perencanaan/", StaffLayerView.as_view(), name="staff_layer"),
            path(
                f"{one}laporan/<int:report_id>/tangani/",
                ReportHandleView.as_view(),
                name="report_handle",
            ),
        ]
