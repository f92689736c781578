"""An editor's day in the Wagtail admin, in a real browser, with the admin's own CSP on."""

import re
from datetime import date

import pytest

from content.models import NewsArticlePage
from tests import factories
from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e

PASSWORD = "kata-sandi-uji-123"  # the UserFactory default
WATCH_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => { window.__editsWatched = true; });
"""


def test_publish_a_news_article_with_a_chosen_image_and_a_date(e2e_site, open_browser):
    user = factories.with_totp(
        factories.UserFactory(username="redaksi", is_superuser=True, is_staff=True)
    )
    article = factories.NewsArticlePageFactory(
        parent=e2e_site["news_index"], title="Pelantikan pengurus Forum Anak", hero_image=None
    )
    photo = factories.ImageFactory(
        title="Foto pelantikan pengurus",
        file=factories.make_image_file("pelantikan.jpg", size=(1200, 800)),
    )
    edit_path = f"/admin/pages/{article.pk}/edit/"
    session = open_browser(DESKTOP)
    session.context.add_init_script(WATCH_EDITS)
    page = session.page

    # /admin/ sends a signed-out editor to the site's own sign-in page, then (an admin signs
    # in with a second factor) to the authenticator-code step, then back.
    session.goto(edit_path)
    page.wait_for_url(re.compile(r"/akun/login/\?next="))
    page.fill("#id_login", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/akun/2fa/authenticate/"))
    page.fill("#id_code", factories.totp_code(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Masuk").click()
    assert page.url == session.base_url + edit_path
    policies = [
        response.headers.get("content-security-policy")
        for response in session.responses
        if response.url == session.base_url + edit_path
    ]
    assert policies and all(policies), "the admin answers with its own CSP"

    # Wagtail's unsaved-changes watcher takes its snapshot of the form two seconds after
    # load, and autosaves a draft half a second after each change it sees from then on.
    # Edit after the snapshot, as a person would, so that the autosave can be waited for:
    # publishing before it lands would leave a stray draft revision behind the live one.
    page.wait_for_function("() => window.__editsWatched === true")

    # Hero image through the chooser modal.
    page.locator("#id_hero_image-chooser .unchosen [data-chooser-action-choose]").click()
    choice = page.locator(".modal [data-chooser-modal-choice]", has_text=photo.title)
    choice.click()
    page.wait_for_function(
        "(pk) => document.getElementById('id_hero_image').value === pk", arg=str(photo.pk)
    )
    assert page.locator("#id_hero_image-title").inner_text().strip() == photo.title

    # The date through the date widget's text input; then the autosave of both changes.
    with page.expect_response(
        lambda r: r.request.method == "POST" and "2026-10-05" in (r.request.post_data or "")
    ):
        page.fill("#id_date", "2026-10-05")
        page.keyboard.press("Tab")

    # Publish: it sits in the footer's action menu, under "Save draft".
    page.locator("footer .w-dropdown--dropdown-button .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').click()
    assert page.url == f"{session.base_url}/admin/pages/{e2e_site['news_index'].pk}/"

    article = NewsArticlePage.objects.get(pk=article.pk)
    assert article.live and not article.has_unpublished_changes
    assert article.hero_image_id == photo.pk
    assert article.date == date(2026, 10, 5)

    public = session.goto(article.url)
    assert public.status == 200
    assert page.locator("time").first.get_attribute("datetime") == "2026-10-05"
    hero = page.locator(".article-header + .figure img")
    assert "pelantikan" in hero.get_attribute("src")
    assert hero.get_attribute("alt") == photo.title

    assert session.csp_violations == []
    assert session.foreign_requests == []
