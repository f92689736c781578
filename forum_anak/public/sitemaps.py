"""/sitemap.xml: Wagtail's live public pages plus the public proposals.

Mounted by dotted path from portal/urls.py (`include("forum_anak.public.sitemaps")`), so the root
URLconf imports no app.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import path, reverse
from wagtail.contrib.sitemaps import Sitemap as PagesSitemap
from wagtail.contrib.sitemaps.views import sitemap

from forum_anak.models import Proposal


class ProposalSitemap(Sitemap):
    """Every proposal on the public board (`Proposal.objects.public()`), by code."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Proposal.objects.public().only("code", "approved_at").order_by("code")

    def location(self, proposal: Proposal) -> str:
        return reverse("usulan:detail", args=[proposal.code])

    def lastmod(self, proposal: Proposal):
        return proposal.approved_at


SITEMAPS = {"pages": PagesSitemap, "usulan": ProposalSitemap}

urlpatterns = [path("", sitemap, {"sitemaps": SITEMAPS}, name="sitemap")]
