"""The proposals API at /api/v2/usulan/: the public board as JSON.

Plain Django views rather than a Wagtail/DRF endpoint: two read-only resources keyed by the
proposal code, with the board's own filter form, need none of the serializer machinery.
Like the content API it answers JSON only (errors included), anonymous, with the content
licence from the site settings; CORS (any origin, GET/HEAD/OPTIONS) comes from
django-cors-headers for everything under /api/. No database id appears: proposals are keyed
by their code and areas by their official code.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from forum_anak.models import Area, Proposal
from forum_anak.public import selectors
from forum_anak.public.forms import BoardFilterForm
from portal.models import SiteSettings

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
KNOWN_PARAMETERS = {"kecamatan", "kelurahan", "klaster", "status", "tahun", "limit", "offset"}


def _json(data: dict, status: int = 200, **headers) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"message": message}, status=status)


def api_view(view):
    """JSON for every method: OPTIONS answers with what is allowed, anything but GET/HEAD
    is a 405, and a NUL in the query string is a 400 (PostgreSQL refuses it)."""

    @csrf_exempt  # nothing here changes state; a POST gets a JSON 405, not an HTML 403
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        allow = ", ".join(ALLOWED_METHODS)
        if request.method == "OPTIONS":
            return _json({}, Allow=allow)
        if request.method not in ALLOWED_METHODS:
            return _json({"detail": _("Metode tidak diizinkan.")}, status=405, Allow=allow)
        if any("\x00" in v for values in request.GET.lists() for v in [values[0], *values[1]]):
            return _error(_("Parameter tidak boleh berisi karakter NUL."), 400)
        return view(request, *args, **kwargs)

    return wrapper


def _area(area: Area | None) -> dict | None:
    if area is None:
        return None
    return {"level": area.level, "code": area.code, "name": area.name}


def _number_or_none(value):
    """Decimals as strings (exact), whole numbers as they are."""
    if value is None:
        return None
    return str(value) if not isinstance(value, int) else value


def _musrenbang(request, proposal: Proposal, *, areas: selectors.PublicAreas, codes: dict) -> dict:
    """The bundle, its path through the sessions and the plan (public parts only)."""
    bundle = proposal.bundle if proposal.bundle_id else None
    if bundle is None:
        return {"bundle": None, "path": [], "plan": None}
    photo = None
    if bundle.implementation_photo:
        photo = request.build_absolute_uri(
            reverse("usulan:implementation_photo", args=[proposal.code])
        )
    return {
        "bundle": {
            "title": bundle.public_title,
            "problem": bundle.public_problem,
            "activity": bundle.public_activity,
            "merged": getattr(proposal, "bundle_size", 1) > 1,
            "codes": codes.get(proposal.bundle_id, [proposal.code]),
        },
        "path": [
            {
                "level": {"code": step.level, "label": step.level_label},
                "session": step.session_title,
                "date": step.date.isoformat(),
                "outcome": {"code": step.outcome or None, "label": step.outcome_text},
                "rank": step.rank,
                "adopted_volume": _number_or_none(step.adopted_volume),
                "reason": step.reason or None,
            }
            for step in selectors.public_path(proposal, areas=areas)
        ],
        "plan": {
            "rkpd_reference": bundle.rkpd_reference or None,
            "sipd_reference": bundle.sipd_reference or None,
            "apbd_year": bundle.apbd_year,
            "funded_amount": bundle.funded_amount,
            "implemented_on": (
                bundle.implemented_on.isoformat() if bundle.implemented_on else None
            ),
            "implementation_note": bundle.implementation_note or None,
            "implementation_photo_url": photo,
        },
    }


def _item(request, proposal: Proposal, *, areas: selectors.PublicAreas, codes: dict) -> dict:
    area = areas.area(proposal.kelurahan)
    kecamatan = area if area.level == Area.Level.KECAMATAN else area.parent
    photo = None
    if proposal.photo_public:
        photo = request.build_absolute_uri(reverse("usulan:photo", args=[proposal.code]))
    return {
        "code": proposal.code,
        "title": proposal.public_title,
        "problem": proposal.public_problem,
        "activity": proposal.public_activity,
        "cluster": {"code": proposal.cluster, "label": proposal.get_cluster_display()},
        "state": {"code": proposal.state, "label": proposal.get_state_display()},
        "stage": str(selectors.STAGE_TEXT[proposal.state]),
        "cycle": {"year": proposal.cycle.year, "rkpd_year": proposal.cycle.rkpd_year},
        "area": _area(area),
        "kecamatan": _area(kecamatan),
        "proposer": areas.proposer_name(proposal),
        "approved_at": proposal.approved_at.isoformat() if proposal.approved_at else None,
        "photo_url": photo,
        "html_url": request.build_absolute_uri(reverse("usulan:detail", args=[proposal.code])),
        "detail_url": request.build_absolute_uri(
            reverse("usulan_api:detail", args=[proposal.code])
        ),
        **_musrenbang(request, proposal, areas=areas, codes=codes),
    }


def _licence(request) -> str:
    return SiteSettings.for_request(request).content_licence


def _number(request, name: str, default: int) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if value >= 0 else None


def _page_url(request, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api_view
def listing(request):
    unknown = sorted(set(request.GET) - KNOWN_PARAMETERS)
    if unknown:
        return _error(
            _("Parameter tidak dikenal: %(names)s. Yang dikenal: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(KNOWN_PARAMETERS))},
            400,
        )
    limit = _number(request, "limit", DEFAULT_LIMIT)
    offset = _number(request, "offset", 0)
    if limit is None or offset is None or not 1 <= limit <= MAX_LIMIT:
        return _error(
            _("limit harus bilangan 1 sampai %(max)s dan offset bilangan 0 atau lebih.")
            % {"max": MAX_LIMIT},
            400,
        )
    areas = selectors.public_areas()
    form = BoardFilterForm(request.GET, options=selectors.board_options(areas=areas))
    filters = form.valid_filters()
    if form.errors:
        return _json(
            {
                "message": _("Nilai saringan tidak dikenal."),
                "errors": {name: [str(e) for e in errs] for name, errs in form.errors.items()},
            },
            status=400,
        )
    total, items = selectors.board_slice(filters=filters, offset=offset, limit=limit)
    codes = selectors.bundle_public_codes(items)
    return _json(
        {
            "count": total,
            "next": _page_url(request, offset + limit, limit) if offset + limit < total else None,
            "previous": _page_url(request, max(offset - limit, 0), limit) if offset else None,
            "licence": _licence(request),
            "results": [_item(request, proposal, areas=areas, codes=codes) for proposal in items],
        }
    )


@api_view
def detail(request, code: str):
    proposal = selectors.board_proposal(code=code)
    if proposal is None:
        return _error(_("Usulan ini tidak ada di papan usulan."), 404)
    item = _item(
        request,
        proposal,
        areas=selectors.public_areas(),
        codes=selectors.bundle_public_codes([proposal]),
    )
    item["public_notes"] = [
        {"date": note.created_at.isoformat(), "note": note.public_note}
        for note in selectors.public_notes(proposal=proposal)
    ]
    return _json({"licence": _licence(request), **item})


@api_view
def not_found(request, path: str = ""):
    return _error(_("Tidak ditemukan."), 404)
