"""The page's "Many articles" uploads: hostile names stay inside the work folder, and limits refuse a
list before any article is summarised."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import paragraph

from summarizer.config import Config
from summarizer.errors import InputError
from ui.many_articles import _reader_error, _records, _safe_name


class Upload:
    """What Streamlit's file uploader hands the page: a name the visitor chose, a size, the bytes."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.size, self._data = name, len(data), data

    def getvalue(self) -> bytes:
        return self._data


def feed(count: int) -> bytes:
    return "\n".join(json.dumps({"text": paragraph("en")}) for _ in range(count)).encode()


@pytest.mark.parametrize("name, expected", [
    ("../../etc/feed.jsonl", "feed.jsonl"), ("..\\..\\boot.csv", "boot.csv"),
    ("a b<script>.TXT", "a_b_script.txt"),
    (".hidden.md", "hidden.md"), ("...", "file"), ("x" * 300 + ".csv", "x" * 60 + ".csv")])
def test_a_visitors_file_name_becomes_a_plain_name(name, expected):
    assert _safe_name(name, taken=set()) == expected


def test_two_files_of_one_name_both_stay(tmp_path):
    records = _records([Upload("a.txt", b"one " * 30), Upload("a.txt", b"two " * 30)], tmp_path, Config())
    assert [r.id for r in records] == ["a-2.txt", "a.txt"]
    assert all(tmp_path in Path(r.path).parents for r in records)


def test_a_list_over_the_cap_is_refused_before_any_work(tmp_path):
    config = replace(Config(), page_batch_articles=5)
    with pytest.raises(InputError, match="holds more than 5 articles, the most this page summarises"):
        _records([Upload("feed.jsonl", feed(6))], tmp_path, config)
    with pytest.raises(InputError, match="6 files were uploaded"):
        _records([Upload(f"{n}.txt", b"text") for n in range(6)], tmp_path, config)
    (tmp_path / "again").mkdir()
    assert len(_records([Upload("feed.jsonl", feed(5))], tmp_path / "again", config)) == 5


def test_a_long_list_is_counted_as_it_is_read_and_stopped_at_the_cap(tmp_path, monkeypatch):
    import summarizer.batch.records as batch_io

    made = []
    original = batch_io._record
    monkeypatch.setattr(batch_io, "_record", lambda row, fallback: made.append(1) or original(row, fallback))
    rows = "text\n" + "a short line of news\n" * 100_000
    with pytest.raises(InputError, match="more than 5 articles"):
        _records([Upload("huge.csv", rows.encode())], tmp_path, replace(Config(), page_batch_articles=5))
    assert len(made) == 6  # one past the cap, not a hundred thousand


def test_a_deeply_nested_line_keeps_the_lists_good_rows(tmp_path):
    data = feed(2) + b"\n" + b"[" * 100_000 + b"\n"
    records = _records([Upload("feed.jsonl", data)], tmp_path, Config())
    assert [bool(r.text) for r in records] == [True, True, False] and "nested" in records[2].error


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    config = replace(Config(), max_file_bytes=1_000)
    with pytest.raises(InputError, match="larger than the 0.001 MB"):
        _records([Upload("feed.jsonl", feed(10))], tmp_path, config)


def test_an_upload_without_articles_says_so(tmp_path):
    with pytest.raises(InputError, match="no articles"):
        _records([Upload("empty.csv", b"id,text\n")], tmp_path, Config())


def test_the_tables_problems_are_in_readers_words(tmp_path):
    """The command line's messages name flags and settings; the page's table must not."""
    from summarizer.batch.records import read_results
    from summarizer.batch.run import run_batch
    from summarizer.settings import SummarySettings

    config = replace(Config(), max_chars=1_000)
    records = _records([Upload("feed.jsonl", feed(1) + b"\n" + json.dumps({"text": "word " * 400}).encode())],
                       tmp_path, config)
    out = tmp_path / "out.jsonl"
    run_batch(records, out, SummarySettings(engine="extractive", max_chars=1_000), explain=_reader_error)
    problem = read_results(out)[1]["error"]
    assert "over this site's limit" in problem
    assert "--" not in problem and "SUMMARIZER_" not in problem
