"""News feeds as inputs: read through the guarded fetch from a feed served on loopback (allowed for the
test, as SUMMARIZER_URL_ALLOW allows a newsroom's own host), each entry imported and summarised."""

from __future__ import annotations

import json

import pytest

from summarizer.batch.records import read_records
from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.sources.feeds import parse_feed, read_feed
from summarizer.sources.url_fetch import FetchPolicy, FetchRefused

ALLOW_LOCAL = FetchPolicy(allow=("127.0.0.1",))


def test_an_rss_feed_lists_its_entries_with_links_read_against_the_feed(site):
    feed = read_feed(site + "/feed.rss", policy=ALLOW_LOCAL)
    assert feed.title == "Council news"
    assert [e.link for e in feed.entries] == [
        site + "/news/council", site + "/no-such-article", "http://10.0.0.1/admin", "file://etc/passwd", None]  # as feedparser writes it
    assert feed.entries[0].title == "Council approves budget"  # the repeat of its link is left out
    assert feed.listed == 5 and feed.left_out == 0


def test_an_atom_feed_and_the_entry_limit(site):
    atom = read_feed(site + "/feed.atom", policy=ALLOW_LOCAL)
    assert [(e.title, e.link) for e in atom.entries] == [("Le conseil a voté", site + "/plain")]
    long = read_feed(site + "/long-feed.rss", max_entries=7, policy=ALLOW_LOCAL)
    assert len(long.entries) == 7 and long.listed == 60 and long.left_out == 53
    assert long.entries[-1].title == "Copy 6"  # the feed's own order: the newest first, as feeds list them


@pytest.mark.parametrize("path, message", [
    ("/page-as-xml", "is not an RSS or Atom feed"),
    ("/news/council", r"is text/html, not a news feed \(RSS or Atom\)"),  # a web page where a feed was asked for
])
def test_what_is_not_a_feed_is_refused_with_a_reason(site, path, message):
    with pytest.raises((InputError, FetchRefused), match=message):
        read_feed(site + path, policy=ALLOW_LOCAL)


def test_a_feed_on_the_servers_own_network_is_refused_like_any_address(site):
    with pytest.raises(FetchRefused, match="127.0.0.1 is a loopback address"):
        read_feed(site + "/feed.rss", policy=FetchPolicy())


def test_garbage_and_a_billion_laughs_are_no_feed():
    with pytest.raises(InputError):
        parse_feed(b"\x00\xff not xml at all", "http://feeds.example/x", 10)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' +
              b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                       for i in range(8)) +
              b']><rss version="2.0"><channel><title>&i;</title></channel></rss>')
    feed = parse_feed(laughs, "http://feeds.example/x", 10)  # expat refuses the expansion: no entries
    assert len((feed.title or "")) < 10_000 and feed.entries == ()


def test_a_feed_as_a_batch_input_summarises_the_good_entries_and_names_each_failure(
        site, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1")
    out = tmp_path / "day.jsonl"
    code = main(["batch", site + "/feed.rss", "--out", str(out), "--engine", "extractive", "--quiet"])
    rows = {row["id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert code == 3 and "done 1, failed 4" in capsys.readouterr().err
    good = rows[site + "/news/council"]
    assert "waterfront" in good["summary"] and good["title"] == "Council approves budget"
    assert "HTTP 404" in rows[site + "/no-such-article"]["error"]
    assert "10.0.0.1 is a private address" in rows["http://10.0.0.1/admin"]["error"]
    assert "only http and https" in rows["file://etc/passwd"]["error"]
    assert rows[site + "/feed.rss#5"]["error"] == "this feed entry links to no article"
    # The same feed again with --resume: nothing already written is done twice.
    main(["batch", site + "/feed.rss", "--out", str(out), "--engine", "extractive", "--quiet", "--resume"])
    assert "done 0, failed 0, skipped 5" in capsys.readouterr().err


def test_a_long_feed_is_cut_at_the_limit_and_says_so(site, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1")
    monkeypatch.setenv("SUMMARIZER_FEED_ENTRIES", "12")
    notes: list[str] = []
    records = list(read_records([site + "/long-feed.rss"], notice=notes.append))
    assert len(records) == 12 and records[0].url == site + "/news/council?copy=0"
    assert notes == [f"the feed {site}/long-feed.rss lists 60 articles; the first 12 are summarised"]
