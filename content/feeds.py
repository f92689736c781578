"""RSS feed of the newest live news articles (/berita/feed/)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from content import selectors

FEED_SIZE = 20


class NewsFeed(Feed):
    """RSS 2.0 with absolute links, publication dates and stable guids."""

    feed_type = Rss201rev2Feed

    def __init__(self, *, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index.title} — {self.index.get_site().site_name or ''}".strip(" —")

    def link(self):
        return self.index.get_full_url(self.request)

    def description(self):
        return self.index.intro or self.index.title

    def items(self):
        return selectors.news_articles(index=self.index)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        """The article's own date, which orders the feed and shows on the page.

        The first publication time gives the hour when it falls on that date; otherwise (a
        back-dated article, or a page never published through a revision) midnight WITA.
        """
        published = item.first_published_at
        if published is not None and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_byline or None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
