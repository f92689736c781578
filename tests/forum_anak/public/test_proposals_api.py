"""/api/v2/usulan/: the public board as JSON — same data and filters, CORS for GET, the
content licence, no database ids, and JSON errors (400 for bad filters, 404 for codes)."""

import json

import pytest

from portal.models import SiteSettings
from tests.forum_anak.public.board_world import APPROVED_NICKNAME

pytestmark = pytest.mark.django_db


def _keys(value, path="$"):
    """Every key in a JSON document, with where it is."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, f"{path}.{key}"
            yield from _keys(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _keys(inner, f"{path}[{n}]")


def _get(client, path, **headers):
    response = client.get(path, **headers)
    assert response["Content-Type"].startswith("application/json"), path
    return response, json.loads(response.content)


def test_listing_has_the_public_proposals_count_next_and_licence(client, public_world):
    world = public_world
    response, data = _get(client, "/api/v2/usulan/?limit=5")
    assert response.status_code == 200
    assert data["count"] == len(world.public)
    assert len(data["results"]) == 5
    assert data["next"].endswith("/api/v2/usulan/?limit=5&offset=5")
    assert data["previous"] is None
    assert data["licence"] == SiteSettings.for_request(response.wsgi_request).content_licence
    second = json.loads(client.get("/api/v2/usulan/?limit=5&offset=5").content)
    assert second["next"] is None and second["previous"].endswith("offset=0")
    codes = [item["code"] for item in data["results"] + second["results"]]
    assert sorted(codes) == sorted(p.code for p in world.public.values())
    item = next(
        i for i in data["results"] + second["results"] if i["code"] == world.public["kecil"].code
    )
    assert item["title"] == world.public["kecil"].public_title
    assert item["area"] == {"level": "kecamatan", "code": world.k1.code, "name": world.k1.name}
    assert item["kecamatan"]["code"] == world.k1.code
    assert item["proposer"] == f"Anggota Forum Anak Kecamatan {world.k1.name}"
    assert item["cluster"]["code"] == "perlindungan"
    assert item["state"] == {"code": "approved", "label": "Disetujui"}
    assert item["html_url"].endswith(f"/usulan/{item['code']}/")


def test_no_database_id_anywhere(client, public_world):
    documents = [_get(client, "/api/v2/usulan/?limit=100")[1]]
    documents += [
        _get(client, f"/api/v2/usulan/{p.code}/")[1] for p in public_world.public.values()
    ]
    for document in documents:
        for key, where in _keys(document):
            assert key not in ("id", "pk") and not key.endswith("_id"), where


def test_detail_has_public_notes_and_licence(client, public_world):
    proposal = public_world.public["bintang"]
    response, data = _get(client, f"/api/v2/usulan/{proposal.code}/")
    assert response.status_code == 200
    assert data["code"] == proposal.code
    assert data["proposer"] == APPROVED_NICKNAME
    assert data["activity"] == proposal.public_activity
    assert [note["note"] for note in data["public_notes"]] == [
        f"Catatan publik {proposal.public_title}"
    ]
    assert data["licence"] == "CC BY 4.0"
    settings_row = SiteSettings.for_request(response.wsgi_request)
    settings_row.content_licence = "CC BY-SA 4.0"
    settings_row.save()
    assert _get(client, f"/api/v2/usulan/{proposal.code}/")[1]["licence"] == "CC BY-SA 4.0"
    assert _get(client, "/api/v2/usulan/")[1]["licence"] == "CC BY-SA 4.0"


def test_photo_url_only_for_a_safe_photo(client, public_world):
    world = public_world
    safe = _get(client, f"/api/v2/usulan/{world.safe_photo.code}/")[1]
    assert safe["photo_url"].endswith(f"/usulan/{world.safe_photo.code}/foto/")
    for proposal in (world.flagged_photo, world.unsafe_photo, world.public["timur"]):
        assert _get(client, f"/api/v2/usulan/{proposal.code}/")[1]["photo_url"] is None


def test_filters_match_the_board(client, public_world):
    world = public_world
    by_cluster = _get(client, "/api/v2/usulan/?klaster=kesehatan")[1]
    assert [i["code"] for i in by_cluster["results"]] == [world.public["sunyi"].code]
    east = _get(client, f"/api/v2/usulan/?kecamatan={world.k2.code}")[1]
    assert sorted(i["code"] for i in east["results"]) == sorted(
        [world.public["timur"].code, world.public["kecamatan"].code]
    )
    big = _get(client, f"/api/v2/usulan/?kelurahan={world.big.code}")[1]
    assert world.public["sunyi"].code in [i["code"] for i in big["results"]]
    assert world.public["kecil"].code not in [i["code"] for i in big["results"]]
    year = _get(client, f"/api/v2/usulan/?tahun={world.public['timur'].cycle.year}&status=approved")
    assert year[1]["count"] == len(world.public)


@pytest.mark.parametrize(
    "query",
    [
        "klaster=bukan",
        "status=draft",
        "status=rejected",
        "tahun=1999",
        "kecamatan=abc",
        "kelurahan=99.99.99.9999",
        "limit=0",
        "limit=101",
        "limit=abc",
        "offset=-1",
        "halaman=2",
        "kelurahan=%00",
    ],
)
def test_bad_filter_values_are_json_400(client, public_world, query):
    response, data = _get(client, f"/api/v2/usulan/?{query}")
    assert response.status_code == 400, query
    assert data["message"]


def test_unknown_codes_and_paths_are_json_404(client, public_world):
    for path in (
        "/api/v2/usulan/FA-1999-0001/",
        f"/api/v2/usulan/{public_world.hidden_codes[0]}/",
        "/api/v2/usulan/FA-2027-0001/lain/",
        "/api/v2/usulan/%00/",
    ):
        response, data = _get(client, path)
        assert response.status_code == 404, path
        assert data["message"]


def test_cors_for_reading_only(client, public_world):
    origin = {"HTTP_ORIGIN": "https://contoh.example"}
    for path in ("/api/v2/usulan/", f"/api/v2/usulan/{public_world.public['bintang'].code}/"):
        response = client.get(path, **origin)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert client.head(path, **origin)["Access-Control-Allow-Origin"] == "*"
        preflight = client.options(path, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin)
        assert preflight.status_code == 200
        assert preflight["Access-Control-Allow-Origin"] == "*"
        allowed = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
        assert allowed == {"GET", "HEAD", "OPTIONS"}
        for method in ("post", "put", "patch", "delete"):
            refused = getattr(client, method)(path, **origin)
            assert refused.status_code == 405, (method, path)
            assert json.loads(refused.content)["detail"]
