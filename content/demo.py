"""Demo content for `manage.py seed_demo`: written fresh for this project, idempotent.

Every object is looked up by a stable key (slug, name) and updated in place, so running the
command again changes nothing and duplicates nothing.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from content.models import EducationIndexPage, HelpPage, HomePage, NewsIndexPage, StandardPage
from portal import roles
from portal.models import Hotline, SiteSettings

DEMO_PASSWORD = "demo-forum-anak-2026"


def _child(parent: Page, model, slug: str, **fields) -> Page:
    """Get the child page with this slug, or create it; update its fields; publish."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def seed_home() -> HomePage:
    """The site root: a HomePage under Wagtail's root, bound to the default Site."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Bersama mencegah perdagangan orang dan kekerasan",
            slug="beranda",
            intro="Portal Forum Anak Kota Bima: belajar mengenali bahaya, tahu ke mana minta tolong, "
            "dan ikut menyampaikan usulan untuk kota kita.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Portal Forum Anak Kota Bima")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Portal Forum Anak Kota Bima"
        site.save()
        if type(old_root.specific) is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


def seed_hotlines() -> None:
    Hotline.objects.update_or_create(
        name="SAPA 129 (Kementerian PPPA)",
        defaults={
            "phone": "129", "phone_alt": "021-129", "whatsapp": "628111129129",
            "is_24_hours": True, "coverage": Hotline.Coverage.NATIONAL, "sort_order": 0,
            "helps_with": "Kekerasan terhadap perempuan dan anak, perdagangan orang, anak yang butuh perlindungan.",
            "last_verified_on": date(2026, 11, 1),
        },
    )
    Hotline.objects.update_or_create(
        name="Contoh: UPTD PPA Kota Bima",
        defaults={
            "phone": "0374-000000", "is_example": True, "coverage": Hotline.Coverage.CITY,
            "hours": "Senin-Jumat 08.00-15.00 WITA", "sort_order": 10,
            "helps_with": "Pendampingan korban, konseling, dan rujukan. Nomor ini contoh: ganti dengan nomor resmi.",
        },
    )


def seed_site() -> list[str]:
    home = seed_home()
    _child(home, NewsIndexPage, "berita", title="Berita",
           intro="Kabar terbaru tentang pencegahan perdagangan orang dan perlindungan perempuan dan anak di Kota Bima.")
    _child(home, EducationIndexPage, "edukasi", title="Edukasi",
           intro="Materi singkat untuk anak, remaja, orang tua, dan guru.")
    _child(home, HelpPage, "bantuan", title="Bantuan",
           intro="Kamu tidak sendiri. Semua layanan ini gratis dan menjaga rahasiamu.")
    _child(home, StandardPage, "tentang", title="Tentang portal ini",
           intro="Portal ini dikelola Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Bima.")
    seed_hotlines()
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)  # creates the row with its defaults
    return [f"Situs demo siap: {Page.objects.live().count()} halaman terbit."]


def seed_accounts() -> list[tuple[str, str, str]]:
    """One demo account per content role, plus an admin. Development only."""
    user_model = get_user_model()
    created = []
    for username, role in (("editor", roles.EDITOR), ("moderator", roles.CONTENT_MODERATOR), ("admin", None)):
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_superuser = user.is_staff = role is None
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        created.append((username, DEMO_PASSWORD, role or "Admin"))
    return created
