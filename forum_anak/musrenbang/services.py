"""The musrenbang part of the lifecycle (DESIGN.md, from `approved` on): sessions, bundles,
forwarding, outcomes, plan references, funding and implementation.

A bundle is what moves: one or more approved proposals with one public version. Every step
is one function and one transaction: it checks that the actor is a koordinator musrenbang,
moves the bundle's state with a compare-and-set UPDATE (two staff acting at once cannot both
win, on SQLite and PostgreSQL), copies the state onto each proposal of the bundle, and writes,
for each proposal, a timeline event with its three texts and the proposer's notification.
A refused step raises ActionError with a message for the person who tried it and
changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Unpack

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forum_anak.core.access import is_coordinator
from forum_anak.core.errors import ActionError
from forum_anak.core.labels import actor_label
from forum_anak.core.transitions import Transition, row_locked, state_check, state_compare_and_set
from forum_anak.models import (
    Bundle,
    ExportLog,
    Forwarding,
    MusrenbangSession,
    Proposal,
)
from forum_anak.proposals.services import (
    PlanningFields,
    bundle_create_for,
    planning_layer_checked,
    public_version_checked,
    timeline_record,
)
from portal.images import SanitizedImage

State = Proposal.State
Level = MusrenbangSession.Level
Outcome = Forwarding.Outcome


_AFTER_ADOPTION = (State.ADOPTED, State.PARTLY_ADOPTED, State.FUNDED, State.IMPLEMENTED)

BUNDLE_TRANSITIONS = {
    t.name: t
    for t in (
        Transition("merge", (State.APPROVED,), State.APPROVED),
        Transition("split", (State.APPROVED,), State.APPROVED),
        Transition("edit", tuple(Proposal.BUNDLE_STATES), None),
        Transition("forward", (State.APPROVED, State.PRIORITISED), State.FORWARDED),
        Transition("outcome_prioritised", (State.FORWARDED,), State.PRIORITISED),
        Transition("outcome_adopted", (State.FORWARDED,), State.ADOPTED),
        Transition("outcome_partly_adopted", (State.FORWARDED,), State.PARTLY_ADOPTED),
        Transition("outcome_not_adopted", (State.FORWARDED,), State.NOT_ADOPTED),
        Transition("references", _AFTER_ADOPTION, None),
        Transition("fund", (State.ADOPTED, State.PARTLY_ADOPTED), State.FUNDED),
        Transition("implement", (State.FUNDED,), State.IMPLEMENTED),
    )
}


def _refuse_unless_coordinator(actor) -> None:
    if not is_coordinator(actor):
        raise ActionError(_("Hanya koordinator musrenbang yang boleh melakukan ini."))


def _state_label(state: str) -> str:
    return State(state).label


def _check(*, bundle: Bundle, name: str) -> Transition:
    return state_check(
        state=bundle.state,
        transition=BUNDLE_TRANSITIONS[name],
        refusal=_(
            'Gabungan usulan "%(title)s" sedang berstatus "%(state)s": tindakan ini tidak bisa.'
        )
        % {"title": bundle.public_title, "state": _state_label(bundle.state)},
    )


def _begin(*, actor, bundle: Bundle, name: str) -> tuple[Bundle, Transition]:
    """Check the role, lock the row, check the state."""
    _refuse_unless_coordinator(actor)
    bundle = row_locked(bundle, gone=_("Gabungan usulan ini sudah tidak ada. Muat ulang halaman."))
    return bundle, _check(bundle=bundle, name=name)


def _move(*, bundle: Bundle, transition: Transition, **fields) -> Bundle:
    """Compare-and-set on the bundle's state, then copy the state onto its proposals."""
    state_compare_and_set(
        obj=bundle,
        transition=transition,
        stale=_("Gabungan usulan ini baru saja diproses orang lain. Muat ulang halaman."),
        **fields,
    )
    if transition.target is not None and transition.target != bundle.state:
        Proposal.objects.filter(bundle=bundle).update(
            state=transition.target, updated_at=timezone.now()
        )
    bundle.refresh_from_db()
    return bundle


def _record(*, bundle: Bundle, proposals=None, message: str = "", **event) -> list:
    """The bundle's step on the timeline of each of its proposals; each proposer is told
    the message, when there is one."""
    return timeline_record(
        proposals=proposals if proposals is not None else bundle.proposals.all(),
        message=message,
        notice=message,
        **event,
    )


def _session_name(session: MusrenbangSession) -> str:
    return _("%(title)s tanggal %(date)s") % {
        "title": session.title,
        "date": date_format(session.date, "j F Y"),
    }


def _check_no_concern(bundle: Bundle) -> None:
    """A bundle with a proposal held by a safeguarding concern goes nowhere (the reason is
    the officer's to know)."""
    if Proposal.objects.filter(bundle=bundle).under_concern().exists():
        raise ActionError(
            _("Salah satu usulan di gabungan ini sedang ditahan petugas. Tunggu dulu.")
        )


# --- Bundles ----------------------------------------------------------------------------------


def _bundles_to_merge(ids: list[int]) -> list[Bundle]:
    """The bundles, locked: at least two, all still approved, of one cycle, none held by
    a safeguarding concern."""
    if len(ids) < 2:
        raise ActionError(_("Pilih sedikitnya dua usulan untuk digabung."))
    locked = list(Bundle.objects.select_for_update(of=("self",)).filter(pk__in=ids))
    if len(locked) != len(ids):
        raise ActionError(_("Ada usulan yang baru saja diproses orang lain. Muat ulang."))
    for bundle in locked:
        _check(bundle=bundle, name="merge")
        _check_no_concern(bundle)
    if len({b.cycle_id for b in locked}) != 1:
        raise ActionError(_("Usulan dari siklus musrenbang yang berbeda tidak bisa digabung."))
    return locked


@transaction.atomic
def bundles_merge(
    *,
    actor,
    bundles: list[Bundle],
    public_title: str,
    public_problem: str,
    public_activity: str,
    cluster: str,
    internal_note: str = "",
    **layer: Unpack[PlanningFields],
) -> Bundle:
    """Merge near-identical approved proposals (their bundles) into one bundle with its own
    public version. Each child is told their idea now goes with others'."""
    _refuse_unless_coordinator(actor)
    ids = sorted({b.pk for b in bundles})
    locked = _bundles_to_merge(ids)
    merged = Bundle.objects.create(
        cycle_id=locked[0].cycle_id,
        state=State.APPROVED,
        created_by=actor,
        **public_version_checked(
            public_title=public_title,
            public_problem=public_problem,
            public_activity=public_activity,
            cluster=cluster,
        ),
        **planning_layer_checked(**layer),
    )
    proposals = list(Proposal.objects.filter(bundle_id__in=ids).order_by("pk"))
    # Compare-and-set: the emptied bundles go only if still approved.
    deleted, _by_model = Bundle.objects.filter(pk__in=ids, state=State.APPROVED).delete()
    Proposal.objects.filter(pk__in=[p.pk for p in proposals]).update(bundle=merged)
    codes = ", ".join(p.code or str(p) for p in proposals)
    _record(
        bundle=merged,
        actor=actor,
        action="merge",
        from_state=State.APPROVED,
        to_state=State.APPROVED,
        internal_note=(_("Digabung: %s.") % codes)
        + (f"\n{internal_note.strip()}" if internal_note.strip() else ""),
        message=_(
            "Usulanmu digabung dengan %(others)s usulan lain yang mirip. Sekarang usulan "
            "kalian dibawa bersama-sama, dengan judul \u201c%(title)s\u201d."
        )
        % {"others": len(proposals) - 1, "title": merged.public_title},
        public_note=_("Digabung dengan usulan serupa."),
        proposals=proposals,
    )
    return merged


@transaction.atomic
def bundle_split(*, actor, bundle: Bundle, proposal: Proposal) -> Bundle:
    """Take one proposal out of an approved bundle of several: it becomes a bundle of one
    again, with its own public version."""
    bundle, _t = _begin(actor=actor, bundle=bundle, name="split")
    members = list(Proposal.objects.filter(bundle=bundle).order_by("pk"))
    if proposal.pk not in {p.pk for p in members}:
        raise ActionError(_("Usulan ini tidak ada di gabungan ini."))
    if len(members) < 2:
        raise ActionError(_("Usulan ini sudah sendirian di gabungannya."))
    proposal = next(p for p in members if p.pk == proposal.pk)
    single = bundle_create_for(proposal=proposal, actor=actor)
    told = _("Usulanmu sekarang dibawa sendiri, tidak digabung lagi.")
    timeline_record(
        proposals=[proposal],
        actor=actor,
        action="split",
        from_state=State.APPROVED,
        to_state=State.APPROVED,
        internal_note=_("Dipisahkan dari gabungan #%s.") % bundle.pk,
        message=told,
        notice=told,
    )
    return single


@transaction.atomic
def bundle_update(
    *,
    actor,
    bundle: Bundle,
    public_title: str,
    public_problem: str,
    public_activity: str,
    cluster: str,
    internal_note: str = "",
    **layer: Unpack[PlanningFields],
) -> Bundle:
    """Change a bundle's public version and planning layer (staff only: no one is told)."""
    bundle, transition = _begin(actor=actor, bundle=bundle, name="edit")
    bundle = _move(
        bundle=bundle,
        transition=transition,
        **public_version_checked(
            public_title=public_title,
            public_problem=public_problem,
            public_activity=public_activity,
            cluster=cluster,
        ),
        **planning_layer_checked(**layer),
    )
    _record(
        bundle=bundle,
        actor=actor,
        action="bundle_edit",
        from_state=bundle.state,
        internal_note=_("Versi publik/data perencanaan gabungan diubah.")
        + (f"\n{internal_note.strip()}" if internal_note.strip() else ""),
    )
    return bundle


# --- Sessions ---------------------------------------------------------------------------------


def _locked_session(session: MusrenbangSession) -> MusrenbangSession:
    return (
        MusrenbangSession.objects.select_for_update(of=("self",))
        .select_related("area", "cycle")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_mark_held(*, actor, session: MusrenbangSession) -> MusrenbangSession:
    """The session took place: its outcomes can be recorded now."""
    _refuse_unless_coordinator(actor)
    session = _locked_session(session)
    if session.status != MusrenbangSession.Status.PLANNED:
        raise ActionError(_("Sesi ini sudah ditandai berlangsung."))
    if session.date > timezone.localdate():
        raise ActionError(_("Sesi ini belum berlangsung (tanggalnya belum lewat)."))
    MusrenbangSession.objects.filter(pk=session.pk).update(status=MusrenbangSession.Status.HELD)
    session.refresh_from_db()
    return session


@transaction.atomic
def session_close(*, actor, session: MusrenbangSession) -> MusrenbangSession:
    """Close a held session once every outcome is recorded: nothing changes in it after."""
    _refuse_unless_coordinator(actor)
    session = _locked_session(session)
    if session.status != MusrenbangSession.Status.HELD:
        raise ActionError(_("Hanya sesi yang sudah berlangsung yang bisa ditutup."))
    waiting = session.forwardings.filter(outcome=Outcome.PENDING).count()
    if waiting:
        raise ActionError(_("Masih ada %s usulan yang hasilnya belum dicatat.") % waiting)
    MusrenbangSession.objects.filter(pk=session.pk).update(status=MusrenbangSession.Status.CLOSED)
    session.refresh_from_db()
    return session


# --- Forwarding and outcomes ------------------------------------------------------------------


def _last_level(bundle: Bundle) -> int | None:
    return bundle.forwardings.aggregate(level=Max("session__level"))["level"]


@transaction.atomic
def bundle_forward(
    *,
    actor,
    bundle: Bundle,
    session: MusrenbangSession,
    internal_note: str = "",
) -> Forwarding:
    """Take an approved bundle (or one prioritised at a lower level) to a session of the
    same cycle at a higher level than any it went to before."""
    bundle, transition = _begin(actor=actor, bundle=bundle, name="forward")
    session = MusrenbangSession.objects.select_related("area").get(pk=session.pk)
    if session.cycle_id != bundle.cycle_id:
        raise ActionError(_("Sesi ini milik siklus musrenbang yang lain."))
    if session.status == MusrenbangSession.Status.CLOSED:
        raise ActionError(_("Sesi ini sudah ditutup."))
    last = _last_level(bundle)
    if last is not None and session.level <= last:
        raise ActionError(
            _(
                "Usulan ini sudah dibahas di tingkat %(level)s: "
                "teruskan ke tingkat yang lebih tinggi."
            )
            % {"level": Level(last).label}
        )
    _check_no_concern(bundle)
    before = bundle.state
    bundle = _move(bundle=bundle, transition=transition)
    forwarding = Forwarding.objects.create(
        bundle=bundle, session=session, forwarded_by=actor, internal_note=internal_note.strip()
    )
    _record(
        bundle=bundle,
        actor=actor,
        action="forward",
        from_state=before,
        to_state=bundle.state,
        internal_note=internal_note.strip(),
        message=_(
            "Usulanmu dibawa ke %(session)s. Di rapat itu warga dan pemerintah memilih "
            "usulan yang paling penting."
        )
        % {"session": _session_name(session)},
        public_note=_("Diteruskan ke %(session)s.") % {"session": _session_name(session)},
    )
    return forwarding


@dataclass
class BulkForwardResult:
    """What a bulk forward did, bundle by bundle (each in its own transaction)."""

    done: list[Forwarding] = field(default_factory=list)
    refused: list[tuple[Bundle, str]] = field(default_factory=list)


def bundles_forward(
    *, actor, bundles: list[Bundle], session: MusrenbangSession, internal_note: str = ""
) -> BulkForwardResult:
    """Forward each bundle to the session, one transaction each; a refused one is listed
    with its reason, not fatal."""
    _refuse_unless_coordinator(actor)
    result = BulkForwardResult()
    for bundle in bundles:
        try:
            result.done.append(
                bundle_forward(
                    actor=actor, bundle=bundle, session=session, internal_note=internal_note
                )
            )
        except ActionError as error:
            result.refused.append((bundle, str(error)))
    return result


_OUTCOME_MESSAGES = {
    Outcome.PRIORITISED: (
        "Kabar baik! Usulanmu terpilih sebagai prioritas nomor %(rank)s di %(session)s. "
        "Usulanmu akan dibawa ke rapat berikutnya yang lebih tinggi."
    ),
    Outcome.ADOPTED: (
        "Kabar baik! Usulanmu diterima di %(session)s dan masuk rencana kerja pemerintah "
        "kota untuk tahun %(year)s."
    ),
    Outcome.PARTLY_ADOPTED: (
        "Sebagian usulanmu diterima di %(session)s dan masuk rencana kerja pemerintah kota "
        "untuk tahun %(year)s."
    ),
    Outcome.NOT_ADOPTED: "Usulanmu belum bisa diterima di %(session)s. Alasannya: %(reason)s",
}
_OUTCOME_PUBLIC = {
    Outcome.PRIORITISED: "Diprioritaskan (nomor %(rank)s) di %(session)s.",
    Outcome.ADOPTED: "Diakomodasi di %(session)s.",
    Outcome.PARTLY_ADOPTED: "Diakomodasi sebagian di %(session)s.",
    Outcome.NOT_ADOPTED: "Tidak diakomodasi di %(session)s: %(reason)s",
}


_OUTCOMES = (Outcome.PRIORITISED, Outcome.ADOPTED, Outcome.PARTLY_ADOPTED, Outcome.NOT_ADOPTED)


def _forwarding_locked(forwarding: Forwarding) -> Forwarding:
    """The forwarding, locked, still without an outcome."""
    forwarding = (
        Forwarding.objects.select_for_update(of=("self",))
        .select_related("session__area", "session__cycle")
        .filter(pk=forwarding.pk)
        .first()
    )
    if forwarding is None:
        raise ActionError(_("Penerusan ini sudah tidak ada. Muat ulang halaman."))
    if forwarding.outcome:
        raise ActionError(_('Hasilnya sudah dicatat: "%s".') % forwarding.get_outcome_display())
    return forwarding


def _session_for_outcome(forwarding: Forwarding) -> MusrenbangSession:
    """The session, locked: its outcomes are recorded one at a time, so that of two bundles
    given the same rank at once the second sees the first's and is told so (not a
    unique-constraint error on PostgreSQL). It must have taken place and still be open."""
    session = (
        MusrenbangSession.objects.select_for_update(no_key=True, of=("self",))
        .select_related("area", "cycle")
        .get(pk=forwarding.session_id)
    )
    if session.status == MusrenbangSession.Status.CLOSED:
        raise ActionError(_("Sesi ini sudah ditutup."))
    if session.date > timezone.localdate():
        raise ActionError(_("Sesi ini belum berlangsung: hasilnya belum bisa dicatat."))
    return session


def _check_rank(*, outcome: str, rank: int | None, session, forwarding) -> int | None:
    """Prioritised needs a rank (not at the city level, the highest); any rank given must
    be free in the session."""
    if outcome == Outcome.PRIORITISED:
        if not rank or rank < 1:
            raise ActionError(_("Tulis peringkat usulan di sesi ini (1, 2, 3, ...)."))
        if session.level == Level.KOTA:
            raise ActionError(
                _("Musrenbang kota adalah tingkat tertinggi: pilih diakomodasi atau tidak.")
            )
    rank = rank or None
    if rank and session.forwardings.filter(rank=rank).exclude(pk=forwarding.pk).exists():
        raise ActionError(_("Peringkat %s sudah dipakai usulan lain di sesi ini.") % rank)
    return rank


def _check_adopted_part(*, outcome: str, volume, cost) -> tuple:
    """Partly adopted needs the adopted volume and cost; other outcomes keep none."""
    if outcome != Outcome.PARTLY_ADOPTED:
        return None, None
    if volume is None or cost is None:
        raise ActionError(_("Tulis volume dan biaya yang diakomodasi."))
    if volume < 0:
        raise ActionError(_("Volume tidak boleh negatif."))
    return volume, cost


@transaction.atomic
def forwarding_record_outcome(
    *,
    actor,
    forwarding: Forwarding,
    outcome: str,
    rank: int | None = None,
    adopted_volume: Decimal | None = None,
    adopted_cost: int | None = None,
    reason: str = "",
    internal_note: str = "",
) -> Forwarding:
    """Record what the session decided: prioritised (with its rank; the bundle then waits
    to go to a higher level), adopted, partly adopted (volume and cost), or not adopted
    (a reason written for the child). Once only: two staff at once, one wins."""
    _refuse_unless_coordinator(actor)
    if outcome not in _OUTCOMES:
        raise ActionError(_("Pilih hasil musrenbang."))
    forwarding = _forwarding_locked(forwarding)
    session = _session_for_outcome(forwarding)
    bundle, transition = _begin(actor=actor, bundle=forwarding.bundle, name=f"outcome_{outcome}")
    if bundle.forwardings.order_by("-forwarded_at", "-pk").first().pk != forwarding.pk:
        raise ActionError(_("Usulan ini sudah diteruskan ke sesi lain."))
    rank = _check_rank(outcome=outcome, rank=rank, session=session, forwarding=forwarding)
    adopted_volume, adopted_cost = _check_adopted_part(
        outcome=outcome, volume=adopted_volume, cost=adopted_cost
    )
    reason = reason.strip()
    if outcome == Outcome.NOT_ADOPTED and not reason:
        raise ActionError(_("Tulis alasannya untuk anak, dengan kata-kata sederhana."))
    # Compare-and-set on the forwarding: only a still-empty outcome is written.
    updated = Forwarding.objects.filter(pk=forwarding.pk, outcome=Outcome.PENDING).update(
        outcome=outcome,
        rank=rank,
        adopted_volume=adopted_volume,
        adopted_cost=adopted_cost,
        reason=reason,
        internal_note="\n".join(filter(None, [forwarding.internal_note, internal_note.strip()])),
        outcome_by=actor,
        outcome_at=timezone.now(),
    )
    if not updated:
        raise ActionError(_("Hasilnya baru saja dicatat orang lain. Muat ulang halaman."))
    if session.status == MusrenbangSession.Status.PLANNED:
        MusrenbangSession.objects.filter(pk=session.pk).update(status=MusrenbangSession.Status.HELD)
    before = bundle.state
    bundle = _move(bundle=bundle, transition=transition)
    texts = {"session": _session_name(session), "rank": rank, "year": session.cycle.rkpd_year}
    texts["reason"] = reason
    _record(
        bundle=bundle,
        actor=actor,
        action=f"outcome_{outcome}",
        from_state=before,
        to_state=bundle.state,
        internal_note=internal_note.strip(),
        message=_(_OUTCOME_MESSAGES[outcome]) % texts,
        public_note=_(_OUTCOME_PUBLIC[outcome]) % texts,
    )
    forwarding.refresh_from_db()
    return forwarding


# --- After adoption ---------------------------------------------------------------------------


@transaction.atomic
def bundle_set_references(
    *, actor, bundle: Bundle, rkpd_reference: str, sipd_reference: str, internal_note: str = ""
) -> Bundle:
    """Where the adopted bundle sits in the plan: Renja/RKPD and SIPD references."""
    bundle, transition = _begin(actor=actor, bundle=bundle, name="references")
    rkpd_reference, sipd_reference = rkpd_reference.strip(), sipd_reference.strip()
    if not (rkpd_reference or sipd_reference):
        raise ActionError(_("Tulis rujukan RKPD atau SIPD."))
    bundle = _move(
        bundle=bundle,
        transition=transition,
        rkpd_reference=rkpd_reference,
        sipd_reference=sipd_reference,
    )
    _record(
        bundle=bundle,
        actor=actor,
        action="references",
        from_state=bundle.state,
        internal_note=internal_note.strip(),
        message=_(
            "Usulanmu sudah tertulis di buku rencana kerja pemerintah kota. Berikutnya: "
            "menunggu dananya."
        ),
        public_note=_("Tercatat di dokumen rencana pemerintah kota."),
    )
    return bundle


@transaction.atomic
def bundle_fund(
    *, actor, bundle: Bundle, apbd_year: int, amount: int, internal_note: str = ""
) -> Bundle:
    """The adopted bundle got money in the city budget (APBD year and amount)."""
    bundle, transition = _begin(actor=actor, bundle=bundle, name="fund")
    if not apbd_year or not (2000 <= apbd_year <= 2100):
        raise ActionError(_("Tulis tahun APBD (misalnya 2028)."))
    if amount is None or amount <= 0:
        raise ActionError(_("Tulis besar dana APBD (lebih dari 0)."))
    before = bundle.state
    bundle = _move(bundle=bundle, transition=transition, apbd_year=apbd_year, funded_amount=amount)
    _record(
        bundle=bundle,
        actor=actor,
        action="fund",
        from_state=before,
        to_state=bundle.state,
        internal_note=internal_note.strip(),
        message=_("Usulanmu sudah mendapat dana dari anggaran kota (APBD) tahun %s.") % apbd_year,
        public_note=_("Didanai APBD %s.") % apbd_year,
    )
    return bundle


def _store_implementation_photo(bundle: Bundle, photo: SanitizedImage) -> None:
    """Store the photo and its size on the bundle. Called last in bundle_implement, so that
    nothing before can fail and leave the file behind; if the row update fails, the file
    goes."""
    bundle.implementation_photo.save(
        f"foto.{photo.extension}", ContentFile(photo.content), save=False
    )
    name = bundle.implementation_photo.name
    try:
        Bundle.objects.filter(pk=bundle.pk).update(
            implementation_photo=name,
            implementation_photo_width=photo.width,
            implementation_photo_height=photo.height,
        )
    except Exception:
        bundle.implementation_photo.storage.delete(name)
        raise
    bundle.implementation_photo_width, bundle.implementation_photo_height = (
        photo.width,
        photo.height,
    )


@transaction.atomic
def bundle_implement(
    *,
    actor,
    bundle: Bundle,
    implemented_on: date,
    note: str,
    photo: SanitizedImage | None = None,
    internal_note: str = "",
) -> Bundle:
    """The funded bundle was carried out: the date, a note for everyone and an optional
    photo (already sanitised; staff confirmed it shows no child)."""

    bundle, transition = _begin(actor=actor, bundle=bundle, name="implement")
    note = note.strip()
    if implemented_on is None:
        raise ActionError(_("Tulis tanggal pelaksanaan."))
    if implemented_on > timezone.localdate():
        raise ActionError(_("Tanggal pelaksanaan tidak boleh di masa depan."))
    if not note:
        raise ActionError(_("Tulis catatan singkat tentang apa yang dikerjakan."))
    if photo is not None and not isinstance(photo, SanitizedImage):
        raise TypeError("implementation photos must come from portal.images.image_sanitize()")
    before = bundle.state
    bundle = _move(
        bundle=bundle,
        transition=transition,
        implemented_on=implemented_on,
        implementation_note=note,
    )
    _record(
        bundle=bundle,
        actor=actor,
        action="implement",
        from_state=before,
        to_state=bundle.state,
        internal_note=internal_note.strip(),
        message=_("Usulanmu sudah dikerjakan! Terima kasih sudah ikut membangun kotamu."),
        public_note=_("Sudah dikerjakan pada %s.") % date_format(implemented_on, "j F Y"),
    )
    if photo is not None:
        _store_implementation_photo(bundle, photo)
    return bundle


# --- Export log -------------------------------------------------------------------------------


def export_log_record(
    *,
    actor,
    format: str,
    rows: int,
    session: MusrenbangSession | None = None,
    filters: str = "",
) -> ExportLog:
    """Write who read which export or recap, in which format, of which session or filter
    and how many rows, before the file goes out (the superuser's check on the koordinator's
    reads)."""
    return ExportLog.objects.create(
        user=actor,
        user_label=actor_label(actor),
        format=format,
        session=session,
        filters=filters,
        rows=rows,
    )
