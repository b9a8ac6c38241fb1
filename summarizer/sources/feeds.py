"""News feeds (RSS and Atom) as lists of articles to summarise: a day's feed in one call.

The feed is fetched through the guarded fetch, with its address checks, time and size limits, and parsed
from the bytes by feedparser, which fetches nothing itself. Each entry becomes a link to import later,
through the same guarded fetch, so an entry pointing at the server's own network is refused there, as a
pasted address would be.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer import config
from summarizer.errors import InputError
from summarizer.sources.url_fetch import FetchPolicy, Resolver, fetch, system_resolver

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml")


@dataclass(frozen=True)
class FeedEntry:
    link: str | None  # None: the entry names no article to import
    title: str | None


@dataclass(frozen=True)
class Feed:
    url: str
    title: str | None
    entries: tuple[FeedEntry, ...]  # at most the limit asked for, in the feed's order
    listed: int                     # entries in the feed, the limit aside

    @property
    def left_out(self) -> int:
        return self.listed - len(self.entries)


def read_feed(url: str, max_entries: int | None = None, policy: FetchPolicy | None = None,
              resolver: Resolver = system_resolver) -> Feed:
    """The feed at `url`, its first `max_entries` entries kept, never more than SUMMARIZER_FEED_ENTRIES."""
    page = fetch(url.strip(), policy, resolver, types=FEED_TYPES, kind="a news feed (RSS or Atom)")
    most = config.current().feed_entries
    return parse_feed(page.body, page.url, min(max_entries or most, most))


def parse_feed(body: bytes, url: str, max_entries: int) -> Feed:
    import feedparser

    # Relative links are read against the feed's own address, as a feed reader does.
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.version and not parsed.entries:
        raise InputError(f"{url} is not an RSS or Atom feed; give the feed's own address (it often ends "
                         "in /rss, /feed or .xml)")
    seen: set[str] = set()
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip() or None
        if link is not None and link in seen:  # a feed that lists an article twice has it summarised once
            continue
        seen.add(link or "")
        entries.append(FeedEntry(link, (entry.get("title") or "").strip() or None))
    return Feed(url, (parsed.feed.get("title") or "").strip() or None, tuple(entries[:max_entries]),
                len(entries))
