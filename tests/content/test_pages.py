"""Every page type renders; every public page carries quick exit and the help link."""

import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from content.models import EducationResourcePage
from portal.models import Hotline
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def full_site(site_tree):
    topic = factories.TopicFactory(name="TPPO", slug="tppo")
    image = factories.ImageFactory()
    article = factories.NewsArticlePageFactory(parent=site_tree["news_index"], hero_image=image)
    article.topics.set([topic])
    article.save_revision().publish()
    resource = factories.EducationResourcePageFactory(
        parent=site_tree["education_index"],
        audience=EducationResourcePage.Audience.PARENTS,
        body=[
            ("warning_signs", {"title": "Tanda bahaya", "intro": "", "signs": ["Dokumen ditahan"]}),
            (
                "faq",
                {
                    "title": "Tanya jawab",
                    "items": [{"question": "Gratis?", "answer": "<p>Ya.</p>"}],
                },
            ),
        ],
    )
    about = factories.StandardPageFactory(parent=site_tree["home"], title="Tentang", slug="tentang")
    return {**site_tree, "article": article, "resource": resource, "about": about}


def _assert_page_basics(html: str, url: str) -> None:
    first_link = re.search(r"<body[^>]*>\s*<a ([^>]*)>", html)
    assert first_link, f"{url}: no link right after <body>"
    assert "data-quick-exit" in first_link.group(1), f"{url}: quick exit is not the first link"
    assert 'rel="noreferrer"' in first_link.group(1), url
    assert re.search(r'<a class="help-link" href="/bantuan/">[^<]*Butuh bantuan\?', html), url
    assert ">129<" in html, url


def test_every_page_in_the_sitemap_renders_with_quick_exit_and_help_link(client, full_site):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    urls = [
        loc.text
        for loc in ElementTree.fromstring(sitemap.content).findall("sm:url/sm:loc", SITEMAP_NS)
    ]
    # home, news index, article, education index, resource, help, about
    assert len(urls) == 7
    for url in urls:
        path = url.removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_page_basics(response.content.decode(), path)


@pytest.mark.parametrize("path", ["/cari/?q=berita", "/akun/login/", "/halaman-yang-tidak-ada/"])
def test_non_page_views_also_carry_quick_exit(client, full_site, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    _assert_page_basics(response.content.decode(), path)


def test_quick_exit_target_comes_from_site_settings(client, full_site):
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(full_site["site"])
    settings_row.quick_exit_url = "https://cuaca.example.org/bima"
    settings_row.save()
    html = client.get("/").content.decode()
    assert 'href="https://cuaca.example.org/bima" rel="noreferrer" data-quick-exit' in html


def test_help_page_lists_sapa_129_first_with_working_links(client, full_site):
    factories.HotlineFactory(
        name="Contoh layanan kota",
        phone="0374-000000",
        whatsapp="",
        sort_order=10,
        is_example=True,
        coverage=Hotline.Coverage.CITY,
    )
    html = client.get("/bantuan/").content.decode()
    names = re.findall(r'<h2 class="hotline__name">([^<]+)</h2>', html)
    assert names[0] == "SAPA 129"
    assert 'href="tel:129"' in html
    assert 'href="https://wa.me/628111129129"' in html
    assert "belum nyata" in html  # the example number is labelled as such
    assert "<form" not in html.split('id="isi"')[1].split("</main>")[0]  # nothing collects data


def test_stale_hotlines_are_those_unchecked_for_six_months(db):
    today = timezone.localdate()
    fresh = factories.HotlineFactory(name="Baru dicek", last_verified_on=today - timedelta(days=30))
    old = factories.HotlineFactory(name="Lama", last_verified_on=today - timedelta(days=200))
    never = factories.HotlineFactory(name="Belum pernah", last_verified_on=None)
    assert set(Hotline.objects.stale()) == {old, never}
    assert not fresh.is_stale and old.is_stale and never.is_stale


def test_hotline_admin_list_shows_staleness(client, full_site):
    admin = factories.with_totp(factories.UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    factories.HotlineFactory(
        name="Lama sekali", last_verified_on=timezone.localdate() - timedelta(days=400)
    )
    response = client.get("/admin/snippets/portal/hotline/")
    assert response.status_code == 200
    assert "Perlu dicek ulang" in response.content.decode()


def test_education_resource_faq_works_without_javascript(client, full_site):
    html = client.get(full_site["resource"].url).content.decode()
    assert "<details><summary>Gratis?</summary>" in html
    assert "Dokumen ditahan" in html
    assert "Orang tua" in html


def test_footer_links_come_from_site_settings(client, full_site):
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(full_site["site"])
    settings_row.footer_links = [
        ("link", {"label": "Kebijakan privasi", "url": "/kebijakan-privasi/"})
    ]
    settings_row.save()
    html = client.get("/").content.decode()
    assert '<a href="/kebijakan-privasi/">Kebijakan privasi</a>' in html


def test_whatsapp_number_is_shown_as_dialled_in_indonesia(client, full_site):
    html = client.get("/bantuan/").content.decode()
    assert "WhatsApp 08111129129" in html
    assert "WhatsApp 628111129129" not in html


def test_article_hero_image_loads_eagerly_and_body_images_lazily(client, full_site):
    html = client.get(full_site["article"].url).content.decode()
    assert html.count('loading="eager"') == 1


def test_help_callout_numbers_come_from_site_settings(client, full_site):
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(full_site["site"])
    settings_row.help_phone = "112"
    settings_row.help_whatsapp = "6281200000000"
    settings_row.save()
    article = factories.NewsArticlePageFactory(
        parent=full_site["news_index"],
        body=[("help_callout", {"title": "Butuh bantuan?", "text": "Hubungi kami."})],
    )
    html = client.get(article.url).content.decode()
    callout = html.split('class="help-callout"')[1].split("</aside>")[0]
    assert 'href="tel:112"' in callout
    assert 'href="https://wa.me/6281200000000"' in callout


def test_logo_from_site_settings_is_shown_as_a_rendition(client, full_site):
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(full_site["site"])
    settings_row.logo = factories.ImageFactory(title="Logo DP3A")
    settings_row.save()
    html = client.get("/").content.decode()
    logo = re.search(r'<img[^>]*class="brand__logo"[^>]*>', html).group(0)
    assert "/media/images/" in logo and ".webp" in logo and 'alt=""' in logo
    assert "original_images" not in html
