"""What a stranger can send: bombs, malformed files, odd charsets, bad addresses and trickling servers.

Each must end in a clear message within its limit. The bombs run in a fresh process that reports its own
peak memory, so the figure is that import's and nothing else's.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
import zlib

import pytest
from conftest import ROOT

from summarizer import config
from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.sources.documents import article_from_file, article_from_url, sniff
from summarizer.sources.text_input import decode_bytes
from summarizer.sources.url_fetch import FetchPolicy, FetchRefused, fetch, refusal_reason

ALLOW_LOCAL = FetchPolicy(allow=("127.0.0.1",))
MEMORY_BUDGET_MB = 500
WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- building hostile files ----------------------------------------------------------------------

def docx_with(document_xml_chunks, declared_only: bool = False) -> bytes:
    """A minimal .docx whose word/document.xml is written chunk by chunk (so a bomb never sits in memory
    here)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in document_xml_chunks:
                member.write(chunk)
    return out.getvalue()


def bomb_docx(megabytes: int) -> bytes:
    def chunks():
        yield f"<w:document {WORD}><w:body><w:p><w:r><w:t>".encode()
        for _ in range(megabytes):
            yield b"a " * 500_000
        yield b"</w:t></w:r></w:p></w:body></w:document>"
    return docx_with(chunks())


def pdf_with_objects(objects: list[bytes]) -> bytes:
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def bomb_pdf(megabytes: int) -> bytes:
    """One page whose content stream inflates to `megabytes` MB."""
    packer = zlib.compressobj(9)
    stream = b"".join(packer.compress(b"0 0 m " * 174_763) for _ in range(megabytes)) + packer.flush()
    return pdf_with_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def many_pages_pdf(pages: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    return pdf_with_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                             b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                             *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages])


MEASURE = """
import json, resource, sys, time
from summarizer.sources.documents import article_from_file
from summarizer.errors import InputError
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    article_from_file(sys.argv[2], data)
    outcome = "accepted"
except InputError as error:
    outcome = str(error)
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started,
                  "peak_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))
"""


def measured_import(tmp_path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-c", MEASURE, str(path), name], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


# --- finding 1: bounded before expanded -----------------------------------------------------------

@pytest.mark.subprocess
@pytest.mark.parametrize("name, build, expected", [
    ("bomb.docx", lambda: bomb_docx(500), "over the 20,000,000-byte limit"),
    ("bomb.pdf", lambda: bomb_pdf(400), "not a readable PDF|no text layer"),
    ("pages.pdf", lambda: many_pages_pdf(60_000), "over the 1,000-page limit"),
    ("wide.html", lambda: b"<html><body>" + b"<p>Paragraph of words about the council budget.</p>" * 180_000
     + b"</body></html>", "more than 30,000 HTML elements"),
    ("long.html", lambda: b"<html><body><p>" + b"Words about the council budget. " * 30_000
     + b"</p></body></html>", "far more text than one article"),
])
def test_bombs_are_refused_within_their_limits(tmp_path, name, build, expected):
    data = build()
    assert len(data) < 10_000_000  # small enough to be uploaded
    report = measured_import(tmp_path, name, data)
    assert re.search(expected, report["outcome"]), report
    assert report["peak_mb"] < MEMORY_BUDGET_MB, report
    assert report["seconds"] < 30, report


def test_a_docx_whose_text_is_over_the_article_limit_stops_there():
    paragraphs = "".join(f"<w:p><w:r><w:t>Paragraph {i} of a long report.</w:t></w:r></w:p>"
                         for i in range(5_000))
    data = docx_with([f"<w:document {WORD}><w:body>{paragraphs}</w:body></w:document>".encode()])
    with pytest.raises(InputError, match="more than 1,000 characters"):
        article_from_file("long.docx", data, max_chars=1_000)


@pytest.mark.parametrize("xml, why", [
    (b"<w:document><w:body><w:p>", "malformed"),
    (f"<w:document {WORD}><w:body><w:p><w:r><w:t>".encode() + b"x" * 12_000_000 + b"</w:t></w:r></w:p>"
     b"</w:body></w:document>", "huge text node"),
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     b"<w:document " + WORD.encode() + b"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body>"
     b"</w:document>", "entities"),
])
def test_malformed_or_oversized_word_xml_is_a_clear_message(xml, why):
    try:
        article = article_from_file("odd.docx", docx_with([xml]))
    except InputError as error:
        assert "Word document" in str(error) or "damaged" in str(error) or "no text" in str(error)
    else:
        assert "aaaaaaaaaa" not in article.text  # entities are never expanded


# --- finding 2: parser errors become messages -----------------------------------------------------

@pytest.mark.parametrize("url", ["http://example.com:99999/", "http://[::1/", "http://[nothing]/"])
def test_bad_addresses_are_refused_in_words(url, capsys):
    with pytest.raises(FetchRefused, match="not a valid web address|has no host"):
        fetch(url, ALLOW_LOCAL)
    assert main(["--url", url]) == 2
    assert capsys.readouterr().err.count("\n") == 1  # one line, no traceback


def test_charsets_python_does_not_know_and_parameters_after_the_charset(site):
    assert article_from_url(site + "/flowed", ALLOW_LOCAL).text.startswith("Le conseil a voté")
    assert article_from_url(site + "/odd-charset", ALLOW_LOCAL).text == "Le conseil a voté mardi."


def test_an_unexpected_failure_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    from summarizer.summarise.pipeline import Summarizer

    def broken(self, text, on_progress=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Summarizer, "summarise", broken)
    path = tmp_path / "a.txt"
    path.write_text("The council approved the budget after a long debate about buses.", encoding="utf-8")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: something went wrong") and "disk on fire" in err and "Traceback" not in err


# --- finding 3: the deadline covers the headers --------------------------------------------------

def test_a_server_trickling_its_headers_is_cut_at_the_deadline(site):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="longer than 1 s"):
        fetch(site + "/trickle-headers", FetchPolicy(allow=("127.0.0.1",), deadline=1.0, read_timeout=5.0))
    assert time.monotonic() - started < 3


# --- finding 7: the smaller ones -----------------------------------------------------------------

def test_binary_sent_as_text_is_refused(site):
    with pytest.raises(InputError, match="binary"):
        article_from_url(site + "/nul-text", ALLOW_LOCAL)


def test_a_pdf_is_read_as_a_pdf_whatever_its_name_or_on_standard_input(tmp_path, capsys, monkeypatch):
    from test_import import PDF_LINES, make_pdf

    data = make_pdf(PDF_LINES + ["Residents welcomed the plan warmly on the day."])
    assert sniff(data) == ".pdf"
    assert "approved the budget" in article_from_file("report.txt", data).text
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BytesIO(data)})())
    assert main(["-", "--engine", "extractive", "--quiet"]) == 0
    assert "%PDF" not in capsys.readouterr().out


def test_utf16_without_a_byte_order_mark_is_text():
    text = "Le conseil a voté. Совет проголосовал. 市议会投票了。"
    assert decode_bytes(text.encode("utf-16-le")) == text
    assert decode_bytes(text.encode("utf-16-be")) == text


@pytest.mark.parametrize("address", ["2002:7f00:1::1", "2002:a00:1::1", "fec0::1",
                                     "2001:0:4136:e378:8000:63bf:f5ff:fffe"])
def test_ipv6_forms_that_carry_a_private_address_are_refused(address):
    assert refusal_reason(address)


def test_public_ipv6_forms_pass():
    assert refusal_reason("2002:808:808::1") is None  # 6to4 for 8.8.8.8
    assert refusal_reason("2606:4700:4700::1111") is None


@pytest.mark.parametrize("name, value, message", [
    ("SUMMARIZER_URL_ALLOW", "127.0.0.1:8080", "no ports"),
    ("SUMMARIZER_URL_ALLOW", "http://news.internal", "no ports, schemes or paths"),
    ("SUMMARIZER_SHARE_MAX_BYTES", "0", "at least 1000"),
    ("SUMMARIZER_SHARE_MAX_BYTES", "-5", "at least 1000"),
    ("SUMMARIZER_SHARE_MAX_BYTES", "1e6", "not a whole number"),
    ("SUMMARIZER_RUNTIME", "turbo", "fast or reference"),
    ("SUMMARIZER_BACKEND", "turbo", "fast or reference"),
    ("SUMMARIZER_ANY_MODEL", "maybe", "1 or 0"),
])
def test_settings_are_checked_once_with_the_variable_named(name, value, message):
    with pytest.raises(config.ConfigError, match=message) as caught:
        config.load({name: value})
    assert name in str(caught.value)


def test_the_runtime_setting_is_read_under_its_old_name_too_and_the_new_name_wins():
    assert config.load({"SUMMARIZER_BACKEND": "reference"}).runtime == "reference"
    assert config.load({"SUMMARIZER_BACKEND": "reference", "SUMMARIZER_RUNTIME": "fast"}).runtime == "fast"


def test_the_environment_is_read_once_and_a_worker_is_handed_its_own_configuration(monkeypatch):
    from dataclasses import replace

    first = config.current()
    os.environ["SUMMARIZER_THREADS"] = "7"  # behind the library's back: not read again
    try:
        assert config.current() is first
        config.use(replace(first, threads=1))
        assert config.current().threads == 1
    finally:
        del os.environ["SUMMARIZER_THREADS"]


def test_settings_and_results_saved_under_the_old_runtime_name_still_load():
    from summarizer.result import SummaryResult
    from summarizer.settings import SummarySettings

    assert SummarySettings.from_dict({"backend": "reference"}).runtime == "reference"
    stored = {"summary": "A.", "engine": "extractive", "model": None, "language": "en", "source_words": 9,
              "summary_words": 1, "chunks": 1, "compression": 0.1, "backend": "reference"}
    assert SummaryResult.from_dict(stored).runtime == "reference"


def test_a_bad_setting_stops_the_cli_with_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1:8080")
    assert main(["--url", "http://127.0.0.1:8080/"]) == 2
    err = capsys.readouterr().err
    assert "SUMMARIZER_URL_ALLOW" in err and err.count("\n") == 1


def test_a_text_file_too_big_to_be_one_article_is_refused_before_it_is_decoded(monkeypatch):
    import summarizer.sources.documents as documents

    def no_decoding(data):
        raise AssertionError("decoded a file that could not fit")

    monkeypatch.setattr(documents, "decode_bytes", no_decoding)
    with pytest.raises(InputError, match="more than 1,000 characters"):
        article_from_file("huge.txt", "é".encode("cp1252") * 5_000, max_chars=1_000)
