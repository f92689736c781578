"""A child's way in, in a real browser at 360 px (issue 3, acceptance 8): sign-up with the
keyboard alone, WCAG 2.1 A/AA on every sign-up, sign-in and member page, and the same
journey with JavaScript off."""

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import PHONE
from tests.e2e.test_public_pages import NO_INLINE_CODE, heading_problems, inline_code, run_axe
from tests.forum_anak.factories import MemberProfileFactory, birth_for_age

pytestmark = pytest.mark.e2e

User = get_user_model()
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
PASSWORD = "pelangi-sore-2031"
WAITING = "Akunmu sedang menunggu verifikasi."
MAX_TABS = 80  # the header, the notice and the form hold far fewer tab stops than this


@pytest.fixture
def member_site(e2e_site):
    """The public site plus the kelurahan of Kota Bima; the privacy notice v1 comes from a
    data migration and must survive the serialized rollback."""
    from forum_anak.membership.services import WILAYAH_FILE, wilayah_load
    from forum_anak.models import Area, PrivacyNotice

    wilayah_load(text=WILAYAH_FILE.read_text(encoding="utf-8"))
    notice = PrivacyNotice.current()
    assert notice is not None, "privacy notice v1 (data migration) missing"
    kelurahan = Area.objects.filter(level=Area.Level.KELURAHAN).select_related("parent").first()
    return {**e2e_site, "notice": notice, "kelurahan": kelurahan}


def sign_up_values(site) -> dict:
    """A 14-year-old without e-mail, as what to type (text), to pick (select, by the
    option's text) or to tick (True) per field name."""
    year, month = birth_for_age(14)
    return {
        "username": "bintang_kecil",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "nickname": "Bintang",
        "birth_year": str(year),
        "birth_month": MONTH_NAMES[month - 1],
        "kelurahan": site["kelurahan"].name,
        "guardian_name": "Siti Aminah",
        "guardian_relationship": "Ibu",
        "guardian_phone": "0812 3456 7890",
        "guardian_knows": True,
        "notice_accepted": True,
    }


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          return {
            tag: el.tagName.toLowerCase(), name: el.getAttribute('name') || '',
            type: el.type || '', id: el.id, text: (el.textContent || '').trim().slice(0, 40),
            quickExit: el.hasAttribute('data-quick-exit'),
            ring: el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none'
              && parseFloat(getComputedStyle(el).outlineWidth) >= 2,
            value: el.tagName === 'SELECT' ? el.selectedOptions[0]?.text.trim() ?? ''
              : el.type === 'checkbox' ? el.checked : el.value ?? '',
          };
        }"""
    )


def keyboard_fill_and_submit(page, values: dict, before_submit=None) -> list[str]:
    """Tab through the page, acting on each field in `values` as it gets focus, then press
    Enter on the submit button. Tab, typing, Space and arrow keys only; every tab stop
    must show its focus ring. Returns the tab stops seen."""
    todo = dict(values)
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        el = focused(page)
        seen.append(el["name"] or el["id"] or f"{el['tag']}:{el['text']}")
        assert el["ring"], f"no visible focus on {seen[-1]}"
        name = el["name"]
        if el["tag"] == "button" and el["type"] == "submit" and el["text"] == "Daftar":
            assert not todo, f"submit reached before {sorted(todo)}; tab stops: {seen}"
            if before_submit:
                before_submit()
            page.keyboard.press("Enter")
            return seen
        if name not in todo:
            continue
        wanted = todo.pop(name)
        if el["type"] == "checkbox":
            page.keyboard.press("Space")
        elif el["tag"] == "select":
            page.keyboard.type(wanted)  # type-ahead picks the option starting with it
            for _ in range(100):  # else walk the list with the arrow keys
                if focused(page)["value"] == wanted:
                    break
                page.keyboard.press("ArrowDown")
        else:
            page.keyboard.type(wanted)
        after = focused(page)
        assert after["name"] == name, f"focus left {name} while filling it"
        assert after["value"] == wanted, f"{name}: {after['value']!r}, wanted {wanted!r}"
    pytest.fail(f"never reached {sorted(todo)} or the submit button in {MAX_TABS} Tabs: {seen}")


def page_problems(session) -> list:
    """axe-core (WCAG 2.0/2.1 A and AA), inline code, headings and sideways scrolling."""
    page = session.page
    page.wait_for_load_state("load")
    inline = inline_code(page)  # before axe, which leaves style attributes of its own
    problems = run_axe(page)
    if inline != NO_INLINE_CODE:
        problems.append({"rule": "inline code", **inline})
    if headings := heading_problems(page):
        problems.append({"rule": "heading structure", "problems": headings})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth]"
    )
    if max(widths) > PHONE["width"]:
        problems.append({"rule": "scrolls sideways", "widths": widths})
    return problems


def target_out_of_sight(page) -> list[str]:
    """After following an error-summary link: the focused field and its label, each fully
    in the viewport and clear of the fixed quick-exit button (else named here)."""
    return page.evaluate(
        """() => {
          const field = document.activeElement;
          const exit = document.querySelector('[data-quick-exit]').getBoundingClientRect();
          const label = document.querySelector(`label[for="${field.id}"]`);
          return [[field, 'field'], [label, 'label']].flatMap(([el, what]) => {
            const r = el.getBoundingClientRect();
            const inView = r.top >= 0 && r.bottom <= innerHeight;
            const covered = r.left < exit.right && r.right > exit.left
              && r.top < exit.bottom && r.bottom > exit.top;
            return inView && !covered ? [] : [`${field.id} ${what}: top ${Math.round(r.top)}`
              + (covered ? ', under the quick exit' : ', out of view')];
          });
        }"""
    )


def sign_in(session, username: str, password: str) -> None:
    """From the member area, signed out: the login page, then back to /forum/."""
    session.goto("/forum/")
    assert session.page.url == session.base_url + "/akun/login/?next=/forum/"
    session.page.fill("#id_login", username)
    session.page.fill("#id_password", password)
    session.page.get_by_role("button", name="Masuk", exact=True).click()
    session.page.wait_for_url(session.base_url + "/forum/")


# --- Keyboard only ----------------------------------------------------------------------------


def test_sign_up_with_the_keyboard_alone_on_a_phone(member_site, open_browser):
    from allauth.account.models import EmailAddress

    from forum_anak.models import MemberProfile

    session = open_browser(PHONE)
    page = session.page
    session.goto("/akun/signup/")
    page.wait_for_load_state("load")
    session.screenshot("signup-360")

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["quickExit"] and first["text"] == "Keluar cepat", first

    values = sign_up_values(member_site)
    stops = keyboard_fill_and_submit(
        page, values, before_submit=lambda: session.screenshot("signup-keyboard-360")
    )
    assert stops[0] == "a:Langsung ke isi", stops  # the skip link right after the quick exit
    page.wait_for_url(session.base_url + "/forum/")
    page.wait_for_load_state("load")
    session.screenshot("forum-home-360")

    assert page.locator("h1").inner_text() == "Beranda Forum Anak"
    assert page.locator(".member-status strong").inner_text() == "Menunggu verifikasi"
    status_box = page.locator("#status-title + p").inner_text()
    assert status_box.startswith(WAITING), status_box
    assert f"Kecamatan {member_site['kelurahan'].parent.name}" in status_box
    assert "Nama panggilanmu “Bintang” belum disetujui fasilitator." in page.inner_text("main")

    user = User.objects.get(username="bintang_kecil")
    profile = MemberProfile.objects.get(user=user)
    assert profile.status == MemberProfile.Status.PENDING
    assert (profile.birth_year, profile.birth_month) == birth_for_age(14)
    assert profile.kelurahan == member_site["kelurahan"]
    assert profile.guardian_relationship == MemberProfile.Relationship.MOTHER
    assert profile.guardian_phone == "081234567890"
    assert profile.guardian_knows and profile.notice_version == member_site["notice"].version
    assert not EmailAddress.objects.filter(user=user).exists() and not user.email
    assert session.csp_violations == [] and session.foreign_requests == []


# --- WCAG 2.1 A/AA at 360 px -------------------------------------------------------------------


def test_sign_up_sign_in_and_member_pages_pass_axe_on_a_phone(member_site, open_browser):
    """axe-core finds nothing on the sign-up form (empty and with errors), the login page,
    and every member page, signed in as a member waiting for verification."""
    MemberProfileFactory(user__username="wulan", nickname="Wulan")
    session = open_browser(PHONE)
    page = session.page
    found = {}

    session.goto("/akun/signup/")
    found["signup"] = page_problems(session)

    # Too young, passwords that differ, the rest left empty: every kind of error message,
    # the age refusal with its links included.
    young = str(birth_for_age(9)[0])
    page.fill("#id_username", "anak_kecil")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD + "x")
    page.select_option("#id_birth_year", young)
    page.select_option("#id_birth_month", "1")
    page.get_by_role("button", name="Daftar", exact=True).click()
    page.wait_for_load_state("load")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.locator("li").count() >= 6
    assert page.locator("#id_birth_year_error a[href='/bantuan/']").is_visible()
    found["signup-errors"] = page_problems(session)
    session.screenshot("signup-errors-360")  # after: screenshots leave style="" behind
    # Each summary link, followed with Enter, focuses its field with the label in sight.
    hidden = []
    links = summary.locator("a")
    for n in range(links.count()):
        links.nth(n).focus()
        target = links.nth(n).get_attribute("href").removeprefix("#")
        page.keyboard.press("Enter")
        page.wait_for_function("(id) => document.activeElement.id === id", arg=target)
        hidden += target_out_of_sight(page)
    assert hidden == []

    session.goto("/akun/login/")
    found["login"] = page_problems(session)

    sign_in(session, "wulan", "kata-sandi-uji-123")
    for name, path in {
        "forum-home": "/forum/",
        "forum-profile": "/forum/profil/",
        "forum-my-data": "/forum/data-saya/",
        "forum-delete": "/forum/data-saya/hapus/",
    }.items():
        response = session.goto(path)
        assert response.status == 200, path
        assert response.url == session.base_url + path
        found[name] = page_problems(session)
        session.screenshot(f"{name}-360")

    # The delete page after a wrong password: its error tied to the field.
    page.fill("#id_password", "bukan-sandiku")
    page.get_by_role("button", name="Hapus akunku").click()
    page.wait_for_load_state("load")
    assert page.locator("#id_password").get_attribute("aria-invalid") == "true"
    found["forum-delete-error"] = page_problems(session)
    assert User.objects.filter(username="wulan").exists()

    assert {name: problems for name, problems in found.items() if problems} == {}
    assert session.csp_violations == []
    assert session.foreign_requests == []


# --- JavaScript off ---------------------------------------------------------------------------


def test_sign_up_and_member_pages_work_without_javascript(member_site, open_browser):
    from forum_anak.models import MemberProfile

    session = open_browser(PHONE, javascript=False)
    page = session.page
    values = sign_up_values(member_site)
    session.goto("/akun/signup/")

    def fill_form(password2: str) -> None:
        for name, value in values.items():
            field = page.locator(f"[name={name}]")
            if value is True:
                field.check()
            elif field.evaluate("(el) => el.tagName") == "SELECT":
                field.select_option(label=value)
            else:
                field.fill(password2 if name == "password2" else value)
        page.get_by_role("button", name="Daftar", exact=True).click()
        page.wait_for_load_state("load")

    # A mistake first: the server answers with the summary, the rest kept.
    fill_form(PASSWORD + "x")
    assert page.url == session.base_url + "/akun/signup/"
    assert page.locator(".error-summary a[href='#id_password2']").is_visible()
    assert page.locator("#id_nickname").input_value() == "Bintang"
    assert not User.objects.filter(username="bintang_kecil").exists()

    fill_form(PASSWORD)
    assert page.url == session.base_url + "/forum/"
    assert WAITING in page.inner_text("main")
    assert MemberProfile.objects.get(user__username="bintang_kecil").status == "pending"

    for path, heading in {
        "/forum/profil/": "Profilmu",
        "/forum/data-saya/": "Data saya",
        "/forum/data-saya/hapus/": "Hapus akun",
    }.items():
        response = session.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").inner_text() == heading
        assert page.locator(".member-status strong").inner_text() == "Menunggu verifikasi"

    # Saving the profile is a plain form post too.
    session.goto("/forum/profil/")
    page.fill("#id_school", "SMP Negeri 1 Kota Bima")
    page.get_by_role("button", name="Simpan profil").click()
    page.wait_for_load_state("load")
    assert "Profilmu sudah disimpan." in page.inner_text(".messages")
    assert MemberProfile.objects.get(user__username="bintang_kecil").school.startswith("SMP")

    # And signing out, from the header.
    page.get_by_role("button", name="Keluar", exact=True).click()
    page.wait_for_load_state("load")
    session.goto("/forum/")
    assert page.url.startswith(session.base_url + "/akun/login/?next=")
    assert session.foreign_requests == []
