"""The public site in a real browser: quick exit, the strict CSP, phone layout, WCAG 2.1 AA."""

import re
from itertools import pairwise
from pathlib import Path

import axe_playwright_python
import pytest

from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")  # axe-core, vendored
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
LOOSE_CSP_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'")


def public_pages(site) -> dict[str, str]:
    """name -> path of every kind of public page, as a visitor would crawl them."""
    return {
        "home": "/",
        "news-index": "/berita/",
        "article": site["article"].url,
        "education-index": "/edukasi/",
        "resource": site["resource"].url,
        "help": "/bantuan/",
        "standard-page": site["standard_page"].url,
        "search": "/cari/?q=perdagangan",
        "login": "/akun/login/",
        "not-found": "/tidak-ada-halaman-ini/",
    }


def stub_netloc(stub) -> str:
    return f"127.0.0.1:{stub.server_address[1]}"


def arrivals(stub) -> list[dict]:
    """Visits to the exit page itself (the browser also asks the stub for a favicon)."""
    return [visit for visit in stub.visits if visit["path"] != "/favicon.ico"]


NO_INLINE_CODE = {"scripts": 0, "styled": 0, "handlers": []}


def inline_code(page) -> dict:
    """Inline scripts, style attributes and on* handlers in the live DOM."""
    return page.evaluate(
        """() => ({
          scripts: [...document.scripts].filter((s) => s.textContent.trim()).length,
          styled: document.querySelectorAll('[style]').length,
          handlers: [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        })"""
    )


def load_every_image(page) -> None:
    """Load lazy images now (for request checks and faithful full-page screenshots)."""
    page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]')"
        ".forEach((img) => { img.loading = 'eager'; })"
    )
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")


def covered_by_quick_exit(page) -> list[str]:
    """Header texts the fixed quick-exit button sits on top of."""
    return page.evaluate(
        """() => {
          const exit = document.querySelector('[data-quick-exit]').getBoundingClientRect();
          return [...document.querySelectorAll('.site-header a:not([data-quick-exit])')]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.left < exit.right && r.right > exit.left
                && r.top < exit.bottom && r.bottom > exit.top;
            })
            .map((el) => el.textContent.trim());
        }"""
    )


def tab_focus(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(
        "() => ({quickExit: document.activeElement.hasAttribute('data-quick-exit'),"
        " text: document.activeElement.textContent.trim()})"
    )


# --- Quick exit -------------------------------------------------------------------------------


def test_quick_exit_is_first_tab_stop_and_visible_on_a_phone(e2e_site, open_browser):
    """On a 360 x 640 screen the quick exit is in view without scrolling, covers none of
    the header, and one Tab from a fresh load lands on it."""
    session = open_browser(PHONE)
    for path in ["/", e2e_site["article"].url, "/bantuan/", "/akun/login/"]:
        session.goto(path)
        link = session.page.locator("[data-quick-exit]")
        box = link.bounding_box()
        assert box is not None, path
        assert box["x"] >= 0 and box["y"] >= 0, (path, box)
        assert box["x"] + box["width"] <= PHONE["width"], (path, box)
        assert box["y"] + box["height"] <= PHONE["height"], (path, box)
        assert box["height"] >= 24 and box["width"] >= 24, (path, box)  # big enough to hit
        assert covered_by_quick_exit(session.page) == [], path
        focused = tab_focus(session.page)
        assert focused == {"quickExit": True, "text": "Keluar cepat"}, path


def test_quick_exit_with_javascript_leaves_no_way_back(e2e_site, open_browser, exit_stub):
    """The exit replaces the current history entry: Back goes to the page before, never to
    the one that was left (not even under another address)."""
    session = open_browser(PHONE, allow_hosts=[stub_netloc(exit_stub)])
    page = session.page
    stub = re.compile(r"^http://127\.0\.0\.1:\d+/cuaca")
    home, article = e2e_site["home"], e2e_site["article"]

    session.goto("/")
    page.get_by_role("link", name=article.title).first.click()
    page.wait_for_url(session.base_url + article.url)
    entries = page.evaluate("() => history.length")
    exit_stub.visits.clear()
    page.locator("[data-quick-exit]").click()
    page.wait_for_url(stub)
    assert arrivals(exit_stub) == [{"path": "/cuaca", "referer": None}]
    assert page.evaluate("() => history.length") == entries, "the exit added a history entry"

    page.go_back()
    page.wait_for_load_state()
    assert page.url == session.base_url + "/"
    assert page.locator("h1").inner_text() == home.title
    assert page.locator("body").is_visible()

    # Esc twice leaves too, from any page, the same way.
    session.goto(e2e_site["resource"].url)
    entries = page.evaluate("() => history.length")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(stub)
    assert page.evaluate("() => history.length") == entries
    page.go_back()
    page.wait_for_load_state()
    assert page.url == session.base_url + "/"
    assert page.locator("h1").inner_text() == home.title


def test_quick_exit_without_javascript_is_a_plain_link(e2e_site, open_browser, exit_stub):
    session = open_browser(PHONE, javascript=False, allow_hosts=[stub_netloc(exit_stub)])
    session.goto(e2e_site["article"].url)
    link = session.page.locator("[data-quick-exit]")
    assert "noreferrer" in link.get_attribute("rel").split()
    assert link.get_attribute("href") == exit_stub.url
    assert tab_focus(session.page)["quickExit"]
    exit_stub.visits.clear()
    session.page.keyboard.press("Enter")
    session.page.wait_for_url(exit_stub.url)
    assert arrivals(exit_stub) == [{"path": "/cuaca", "referer": None}]


# --- Strict CSP, nothing inline, nothing from another host ------------------------------------


def test_public_pages_obey_the_strict_csp_and_load_nothing_from_other_hosts(e2e_site, open_browser):
    session = open_browser(DESKTOP)
    for name, path in public_pages(e2e_site).items():
        response = session.goto(path)
        session.page.wait_for_load_state("load")
        assert response.status == (404 if name == "not-found" else 200), path
        html = response.text()
        assert not [s for s in INLINE_SCRIPT.findall(html) if s.strip()], f"inline script: {path}"
        assert not STYLE_ATTRIBUTE.search(html), f'style="" in {path}'
        assert "<style" not in html.lower(), f"<style> element in {path}"
        assert inline_code(session.page) == NO_INLINE_CODE, path
        load_every_image(session.page)  # so that each image request is seen and checked

    checked = 0
    for response in session.responses:
        path = response.url.removeprefix(session.base_url)
        if not response.url.startswith(session.base_url) or path.startswith("/admin/"):
            continue
        if path.startswith(("/static/", "/media/")):
            # Django's live server answers these itself, before any middleware (whitenoise
            # and the rendition view do in production); a policy on a CSS, JS or image file
            # would change nothing anyway.
            continue
        policy = response.headers.get("content-security-policy")
        assert policy, f"no CSP on {path}"
        assert not any(word in policy for word in LOOSE_CSP_SOURCES), (path, policy)
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, (path, policy)
        checked += 1
    assert checked >= len(public_pages(e2e_site))
    assert session.foreign_requests == []
    assert session.csp_violations == []


# --- Phone layout, accessibility, screenshots -------------------------------------------------


def run_axe(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    assert results["passes"], "axe checked nothing"
    return [
        {
            "rule": violation["id"],
            "help": violation["help"],
            "nodes": [
                {"target": node["target"], "summary": node.get("failureSummary", "")}
                for node in violation["nodes"]
            ],
        }
        for violation in results["violations"]
    ]


def heading_problems(page) -> list[str]:
    """One h1, and no level skipped on the way down (axe files heading order under
    best practice, not WCAG; children navigate by headings all the same)."""
    levels = page.evaluate(
        "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]"
        ".map((h) => Number(h.tagName[1]))"
    )
    problems = [] if levels.count(1) == 1 else [f"{levels.count(1)} h1 elements"]
    if levels and levels[0] != 1:
        problems.append(f"starts with h{levels[0]}")
    problems += [f"h{a} then h{b}" for a, b in pairwise(levels) if b > a + 1]
    return problems


def test_every_page_fits_a_phone_and_passes_axe(demo_site, open_browser):
    """On the demo site (every block, real illustrations), at 360 px: nothing scrolls
    sideways, and axe-core (WCAG 2.0/2.1 A and AA, no rule disabled, after load, the CSP
    on) finds nothing; no inline code, no CSP violation, nothing from another host either.
    Screenshots of every page at 360 and 1280 px land in test-artifacts/ to be looked at."""
    phone, desktop = open_browser(PHONE), open_browser(DESKTOP)
    found = {}
    for name, path in public_pages(demo_site).items():
        phone.goto(path)
        phone.page.wait_for_load_state("load")
        # Before axe and the screenshot, which leave style attributes of their own.
        inline = inline_code(phone.page)
        load_every_image(phone.page)
        phone.screenshot(f"{name}-360")
        problems = run_axe(phone.page)
        if inline != NO_INLINE_CODE:
            problems.append({"rule": "inline code", **inline})
        if headings := heading_problems(phone.page):
            problems.append({"rule": "heading structure", "problems": headings})
        widths = phone.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth]"
        )
        if max(widths) > PHONE["width"]:
            problems.append({"rule": "scrolls sideways", "widths": widths})
        if problems:
            found[name] = problems
        desktop.goto(path)
        load_every_image(desktop.page)
        desktop.screenshot(f"{name}-1280")
    assert found == {}
    assert phone.csp_violations == desktop.csp_violations == []
    assert phone.foreign_requests == desktop.foreign_requests == []
