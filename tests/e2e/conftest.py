"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's
live server, with the real middleware (and so the real CSP) on every response.

The database is transactional (the live server runs in another thread) and rolled back
from a serialized copy, so Wagtail's root page and root collection, created by migrations,
are back for every test.
"""

import os
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

# Records every CSP violation in the page. Init scripts are injected by the browser
# (DevTools protocol), not by the page, so the strict policy does not block this one.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCsp({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, sample: event.sample,
    page: document.location.href,
  });
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/e2e/" in str(item.path).replace(os.sep, "/") and not item.get_closest_marker(
            "e2e"
        ):
            raise pytest.UsageError(f"{item.nodeid}: every browser test is marked e2e")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
    # ORM calls from the test body. Set here, not at import, so that a run without browser
    # tests keeps Django's guard.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    # Playwright's sync API leaves an event loop running in this thread, and asgiref then
    # keeps Django's connections in a context-local store instead of the thread-local one:
    # the tests would get a second connection, without the serialized snapshot that
    # restores migration data between tests. Put the original connections back in place.
    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in originals.items():
            setattr(connections._connections, alias, connection)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@dataclass
class BrowserSession:
    """One browser context plus what it saw: requests to other hosts, CSP violations."""

    context: object
    page: object
    base_url: str
    foreign_requests: list[str] = field(default_factory=list)
    csp_violations: list = field(default_factory=list)
    responses: list = field(default_factory=list)

    def goto(self, path: str, **kwargs):
        return self.page.goto(self.base_url + path, **kwargs)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target


@pytest.fixture
def open_browser(browser, live_server):
    """Factory: a fresh context (viewport, JavaScript on or off) with its watchers.

    The CSP stays on: no `bypass_csp`.
    """
    sessions = []
    allowed = {urlsplit(live_server.url).netloc}

    def _open(viewport=PHONE, *, javascript=True, allow_hosts=()):
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale="id-ID",
            timezone_id="Asia/Makassar",
        )
        context.set_default_timeout(10_000)
        session = BrowserSession(context=context, page=None, base_url=live_server.url)
        hosts = allowed | set(allow_hosts)

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc not in hosts:
                session.foreign_requests.append(request.url)

        def on_console(message):
            if "Content Security Policy" in message.text:
                session.csp_violations.append(message.text)

        context.on("request", on_request)
        context.on("response", lambda response: session.responses.append(response))
        if javascript:
            context.expose_binding(
                "__reportCsp", lambda source, detail: session.csp_violations.append(detail)
            )
            context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("console", on_console)
        session.page = page
        sessions.append(session)
        return session

    yield _open
    for session in sessions:
        session.context.close()


class _StubHandler(BaseHTTPRequestHandler):
    """A neutral page to leave to, recording who arrived and with which Referer."""

    visits: list

    def do_GET(self):
        self.server.visits.append({"path": self.path, "referer": self.headers.get("Referer")})
        body = b"<!doctype html><title>Cuaca</title><h1>Cuaca hari ini</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def exit_stub():
    """A tiny HTTP server on another origin (127.0.0.1, random port): the quick-exit target."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StubHandler)
    server.visits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/cuaca"
    yield server
    server.shutdown()
    server.server_close()


def _resource_body():
    return [
        {"type": "paragraph", "value": "<p>Kenali cara perekrut menipu anak dan remaja.</p>"},
        {
            "type": "warning_signs",
            "value": {
                "title": "Tanda-tanda bahaya",
                "intro": "Hati-hati bila ada orang yang:",
                "signs": [
                    "Menjanjikan gaji besar tanpa syarat jelas.",
                    "Meminta kamu merahasiakan tawaran kerja dari orang tua.",
                    "Menahan kartu identitas atau ponselmu.",
                ],
            },
        },
        {
            "type": "faq",
            "value": {
                "title": "Pertanyaan yang sering diajukan",
                "items": [
                    {"question": "Apakah melapor itu gratis?", "answer": "<p>Ya, gratis.</p>"},
                    {
                        "question": "Apakah namaku dirahasiakan?",
                        "answer": "<p>Ya. Petugas menjaga rahasiamu.</p>",
                    },
                ],
            },
        },
        {
            "type": "help_callout",
            "value": {"title": "Butuh bantuan?", "text": "Kamu tidak sendiri."},
        },
    ]


def _article_body(image):
    return [
        {
            "type": "paragraph",
            "value": "<p>Forum Anak Kota Bima berdiskusi tentang pencegahan.</p>",
        },
        {"type": "heading", "value": {"text": "Apa yang dibahas", "level": "h2"}},
        {
            "type": "fact_box",
            "value": {
                "title": "Yang perlu diketahui",
                "style": "facts",
                "items": ["Perdagangan orang adalah kejahatan.", "Korban tidak bersalah."],
            },
        },
        {
            "type": "quote",
            "value": {"quote": "Kami ingin sekolah yang aman.", "speaker": "Ketua Forum Anak"},
        },
        {
            "type": "image",
            "value": {"image": image.pk, "caption": "Diskusi di aula", "credit": "DP3A"},
        },
    ]


@pytest.fixture
def e2e_site(transactional_db, django_db_serialized_rollback, live_server, site_tree, exit_stub):
    """The public site with real content: news with hero images, resources with warning
    signs and FAQ, hotlines, and the quick exit pointing at the local stub."""
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(site_tree["site"])
    settings_row.quick_exit_url = exit_stub.url
    settings_row.save()
    factories.HotlineFactory(
        name="Contoh: UPTD PPA Kota Bima",
        phone="0374-000000",
        whatsapp="",
        is_24_hours=False,
        hours="Senin-Jumat 08.00-15.00 WITA",
        is_example=True,
        sort_order=10,
    )
    topic = factories.TopicFactory(name="Perdagangan orang", slug="perdagangan-orang")
    images = [
        factories.ImageFactory(
            title=f"Foto kegiatan {n}",
            file=factories.make_image_file(f"foto-{n}.jpg", size=(960, 540), color=color),
        )
        for n, color in enumerate([(30, 110, 160), (180, 120, 40), (60, 140, 90)])
    ]
    articles = []
    for n, image in enumerate(images):
        article = factories.NewsArticlePageFactory(
            parent=site_tree["news_index"],
            title=f"Forum Anak membahas sekolah aman, pertemuan ke-{n + 1}",
            hero_image=image,
            hero_caption="Peserta forum anak",
            hero_credit="DP3A Kota Bima",
            body=_article_body(image),
        )
        article.topics.add(topic)
        article.save()
        articles.append(article)
    resource = factories.EducationResourcePageFactory(
        parent=site_tree["education_index"],
        title="Kenali tawaran kerja palsu",
        hero_image=images[1],
        body=_resource_body(),
    )
    resource.topics.add(topic)
    resource.save()
    factories.EducationResourcePageFactory(
        parent=site_tree["education_index"],
        title="Cara aman bermain media sosial",
        audience="orang-tua",
    )
    standard_page = factories.StandardPageFactory(
        parent=site_tree["home"], title="Tentang portal ini", intro="Siapa yang mengelola portal."
    )
    return {
        **site_tree,
        "standard_page": standard_page,
        "articles": articles,
        "article": articles[0],
        "resource": resource,
        "image": images[0],
        "topic": topic,
    }


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback, live_server):
    """The demo site of `manage.py seed_demo` (generated illustrations, documents, every
    block), with the richest article and resource picked out for the crawl."""
    from content.demo import seed_site
    from content.models import EducationResourcePage, NewsArticlePage, StandardPage

    seed_site()

    def richest(model):
        return max(
            model.objects.live(),
            key=lambda page: (len({block.block_type for block in page.body}), len(page.body)),
        )

    resource = richest(EducationResourcePage)
    assert {"faq", "warning_signs"} <= {block.block_type for block in resource.body}
    return {
        "article": richest(NewsArticlePage),
        "resource": resource,
        "standard_page": StandardPage.objects.live().first(),
    }
