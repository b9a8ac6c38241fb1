"""Article import: the URL guard, real HTML extraction over real HTTP, and each file type."""

from __future__ import annotations

import io
import json
import ssl
import threading
import time

import pytest
from news_site import NEWS_HTML, Handler, NewsServer

from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.sources.documents import article_from_file, article_from_url
from summarizer.sources.url_fetch import FetchPolicy, FetchRefused, fetch
from summarizer.text.segmentation import count_words

ALLOW_LOCAL = FetchPolicy(allow=("127.0.0.1",))


def test_news_page_gives_the_article_not_the_boilerplate(site):
    article = article_from_url(site + "/news/council", ALLOW_LOCAL)
    assert article.title == "Council approves waterfront plan"
    assert article.source == site + "/news/council"
    assert "raised seawall" in article.text and "Construction is scheduled" in article.text
    for boilerplate in ("Cheap flights", "Reader123", "Most read", "All rights reserved", "Subscribe"):
        assert boilerplate not in article.text


def test_redirect_on_an_allowed_host_is_followed(site):
    assert "raised seawall" in article_from_url(site + "/moved", ALLOW_LOCAL).text


def test_plain_text_page(site):
    assert article_from_url(site + "/plain", ALLOW_LOCAL).text.startswith("Le conseil a voté")


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.1:9/", "loopback"),
    ("http://[::1]:9/", "loopback"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://localhost:9/", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "private"),
])
def test_guard_refuses_internal_addresses(url, reason):
    with pytest.raises(FetchRefused, match=reason):
        fetch(url, FetchPolicy())


def test_guard_refuses_a_hostname_that_resolves_to_a_private_address():
    def resolver(host, port):
        return {"intranet.example": ["93.184.215.14", "10.1.2.3"]}[host]

    with pytest.raises(FetchRefused, match="10.1.2.3 is a private"):
        fetch("http://intranet.example/news", FetchPolicy(), resolver)


@pytest.mark.parametrize("path, reason", [("/to-private", "10.0.0.1 is a private"),
                                          ("/to-metadata", "169.254.169.254 is a link-local")])
def test_each_redirect_hop_is_checked(site, path, reason):
    with pytest.raises(FetchRefused, match=reason):
        fetch(site + path, ALLOW_LOCAL)


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url):
    with pytest.raises(FetchRefused, match="only http and https"):
        fetch(url, FetchPolicy())


@pytest.mark.parametrize("path", ["/big", "/big-undeclared"])
def test_oversize_responses_are_cut_off(site, path):
    with pytest.raises(FetchRefused, match="100,000-byte limit"):
        fetch(site + path, FetchPolicy(allow=("127.0.0.1",), max_bytes=100_000))


def test_slow_responses_are_cut_off(site):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="longer than 0.5 s|did not answer in time"):
        fetch(site + "/slow", FetchPolicy(allow=("127.0.0.1",), deadline=0.5, read_timeout=2.0))
    assert time.monotonic() - started < 5


def tls_server(ca, hostname: str) -> tuple[NewsServer, list[str]]:
    """The news site over HTTPS with a certificate for `hostname`; records the names clients ask for."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(hostname).configure_cert(context)
    names: list[str] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = NewsServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, names


def test_https_goes_to_the_checked_address_and_verifies_the_host_name(monkeypatch):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server, names = tls_server(ca, "news.test")
    wrong_name, _ = tls_server(ca, "other.test")
    resolved = []

    def resolver(host, port):  # "news.test" exists nowhere but here: DNS is never asked
        resolved.append(host)
        return ["127.0.0.1"]

    url = f"https://news.test:{server.server_address[1]}/news/council"
    try:
        with pytest.raises(FetchRefused, match="CERTIFICATE_VERIFY_FAILED"):
            fetch(url, ALLOW_LOCAL, resolver)  # the test CA is not trusted yet
        default_context = ssl.create_default_context

        def trusting_test_ca():
            context = default_context()
            ca.configure_trust(context)
            return context

        monkeypatch.setattr(ssl, "create_default_context", trusting_test_ca)
        page = fetch(url, ALLOW_LOCAL, resolver)
        assert page.body == NEWS_HTML and names[-1] == "news.test" and resolved[-1] == "news.test"
        with pytest.raises(FetchRefused, match="news.test|hostname|match"):
            fetch(f"https://news.test:{wrong_name.server_address[1]}/news/council", ALLOW_LOCAL, resolver)
    finally:
        server.shutdown()
        wrong_name.shutdown()


def test_only_pages_and_text(site):
    with pytest.raises(FetchRefused, match="image/png"):
        fetch(site + "/image", ALLOW_LOCAL)


def test_allow_list_accepts_networks():
    assert FetchPolicy(allow=("10.0.0.0/8",)).allows("intranet", "10.2.3.4")
    assert not FetchPolicy(allow=("10.0.0.0/8",)).allows("intranet", "192.168.0.1")


def test_cli_url_import(site, monkeypatch, capsys):
    monkeypatch.setenv("SUMMARIZER_URL_ALLOW", "127.0.0.1")
    assert main(["--url", site + "/news/council", "--engine", "extractive", "--json", "--quiet"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    article = article_from_url(site + "/news/council", ALLOW_LOCAL).text
    assert data["source_words"] == count_words(article)  # the page's article, not its boilerplate
    assert data["support"] and all(item["sentence"] in article for item in data["support"])
    assert not any(junk in data["summary"] for junk in ("Cheap flights", "Most read", "Subscribe"))
    assert captured.err.splitlines()[0] == f"Council approves waterfront plan ({site}/news/council)"
    assert all(line.startswith("note: ") for line in captured.err.splitlines()[1:])
    monkeypatch.delenv("SUMMARIZER_URL_ALLOW")
    assert main(["--url", site + "/news/council", "--quiet"]) == 2
    assert "loopback" in capsys.readouterr().err


# --- files ---------------------------------------------------------------------------------------

def make_pdf(lines: list[str]) -> bytes:
    """A real one-page PDF with a text layer, written by hand (no PDF library needed)."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


PDF_LINES = ["The council approved the budget on Tuesday.", "Work on the bridges starts in March."]


def test_pdf_text_layer():
    article = article_from_file("report.pdf", make_pdf(PDF_LINES))
    assert "approved the budget" in article.text and "bridges starts in March" in article.text


def test_encrypted_pdf_is_refused_clearly():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PDF_LINES))))
    writer.encrypt("secret", algorithm="RC4-128")
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(InputError, match="encrypted"):
        article_from_file("locked.pdf", data.getvalue())


def test_image_only_pdf_is_refused_clearly():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(InputError, match="no text layer"):
        article_from_file("scan.pdf", data.getvalue())


def test_corrupt_pdf_is_refused_clearly():
    with pytest.raises(InputError, match="not a readable PDF"):
        article_from_file("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n garbage \x00\x01")


def test_docx():
    import docx

    document = docx.Document()
    document.core_properties.title = "Budget news"
    document.add_heading("Council approves budget", 1)
    document.add_paragraph("The council approved the budget on Tuesday.")
    document.add_paragraph("مجلس المدينة وافق على الميزانية.")
    data = io.BytesIO()
    document.save(data)
    article = article_from_file("story.docx", data.getvalue())
    assert article.title == "Budget news"
    assert "approved the budget" in article.text and "مجلس المدينة" in article.text


def test_corrupt_docx_is_refused_clearly():
    with pytest.raises(InputError, match="not a readable Word document"):
        article_from_file("broken.docx", b"PK\x03\x04 not really a zip")


def test_html_file_and_text_encodings():
    assert "raised seawall" in article_from_file("page.html", NEWS_HTML).text
    french = "Le conseil a adopté le budget après un long débat sur les transports."
    assert article_from_file("a.txt", french.encode("cp1252")).text == french
    assert article_from_file("a.md", french.encode("utf-16")).text == french


def test_unknown_type_and_size_cap():
    with pytest.raises(InputError, match=r"\.exe cannot be read"):
        article_from_file("setup.exe", b"MZ")
    with pytest.raises(InputError, match="1,000-byte limit"):
        article_from_file("big.txt", b"a" * 2000, max_bytes=1000)


def test_cli_reads_pdf_html_and_docx(tmp_path, capsys):
    (tmp_path / "a.pdf").write_bytes(make_pdf(PDF_LINES + ["Residents welcomed the plan warmly."]))
    (tmp_path / "a.html").write_bytes(NEWS_HTML)
    for name in ("a.pdf", "a.html"):
        assert main([str(tmp_path / name), "--engine", "extractive", "--quiet"]) == 0
        assert capsys.readouterr().out.strip()
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    assert main([str(tmp_path / "bad.pdf"), "--quiet"]) == 2
    assert "bad.pdf" in capsys.readouterr().err


def _docx_of(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_the_article_limit_counts_the_text_the_import_produces():
    """Paragraphs come back separated by blank lines: those count, so an import never hands on more
    than the limit (which Summarise would refuse, or a box would cut)."""
    paragraphs = ["Short line of news."] * 60  # 19 characters each: 1,140 without separators
    limit = len("\n\n".join(paragraphs)) - 1
    assert 19 * 60 <= limit
    with pytest.raises(InputError, match="more than"):
        article_from_file("many.docx", _docx_of(paragraphs), max_chars=limit)
    article = article_from_file("many.docx", _docx_of(paragraphs), max_chars=limit + 1)
    assert len(article.text) == limit + 1
    html = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>").encode()
    produced = article_from_file("many.html", html, max_chars=100_000).text  # blank lines between
    assert "\n\n" in produced
    with pytest.raises(InputError, match="more than"):
        article_from_file("many.html", html, max_chars=len(produced) - 1)


def test_a_page_of_many_empty_elements_is_refused_before_extraction(monkeypatch):
    """Extraction's time and memory grow with the elements (a 9 MB page of empty tags: a minute)."""
    import trafilatura

    def never(*args, **kwargs):
        raise AssertionError("extraction ran")

    monkeypatch.setattr(trafilatura, "bare_extraction", never)
    page = "<html><body>" + "<div><span></span></div>" * 20_000 + "<p>The council met.</p></body></html>"
    with pytest.raises(InputError, match="more than 30,000 HTML elements"):
        article_from_file("tags.html", page.encode())


def test_a_closed_port_an_http_error_and_a_slow_page_read_the_same_to_a_visitor(site):
    """One sentence for every way a page cannot be had, so the importer maps no hosts or ports; the
    message for the log and the CLI still says which."""
    from conftest import free_port

    urls = [f"http://127.0.0.1:{free_port()}/news", site + "/no-such-page", site + "/trickle-headers"]
    refusals = []
    for url in urls:
        with pytest.raises(FetchRefused) as refused:
            fetch(url, FetchPolicy(allow=("127.0.0.1",), deadline=1.0, read_timeout=5.0))
        refusals.append(refused.value)
    assert len({r.reader.replace(url, "URL") for r, url in zip(refusals, urls)}) == 1
    assert "Connection" in str(refusals[0]) or "refused" in str(refusals[0])
    assert "404" in str(refusals[1]) and "404" not in refusals[1].reader
    assert "longer than 1 s" in str(refusals[2])  # a trickled header is slow, not "of unknown type"


def test_a_visitor_is_not_told_what_a_name_resolves_to():
    with pytest.raises(FetchRefused) as refused:
        fetch("http://intranet.example/", resolver=lambda host, port: ["127.0.0.2"])
    assert "127.0.0.2" in str(refused.value) and "127.0.0.2" not in refused.value.reader
