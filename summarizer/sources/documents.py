"""Article text out of web pages and files (.txt, .md, .html, .pdf, .docx), or a clear reason why not.

Every file is hostile until measured: its bytes are capped, a DOCX's XML is unpacked in a stream and
stopped at a size limit whatever the archive declares, XML is parsed without entities or huge text nodes,
and PDF pages and extracted characters are counted as they come, so an oversized document is refused
before it costs memory or minutes. The kind of file is read from its first bytes, not trusted from its
name.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath
from typing import IO

from summarizer import config
from summarizer.errors import InputError, TooLarge
from summarizer.sources.text_input import decode_bytes, looks_binary
from summarizer.sources.url_fetch import FetchPolicy, Resolver, fetch, system_resolver

DOCUMENT_TYPES = (".html", ".htm", ".pdf", ".docx")  # need extraction; the rest is plain text
FILE_TYPES = (".txt", ".md", *DOCUMENT_TYPES)
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_log = logging.getLogger(__name__)
HTML_TEXT_ALLOWANCE = 5  # a page's text may be this many times the article limit (menus, comments)
_TAG = re.compile(r"<[^>]*>|\s+")
_ELEMENT = re.compile(r"<[A-Za-z!/?]")


@dataclass(frozen=True)
class ImportedArticle:
    text: str
    title: str | None
    source: str  # the page's address or the file's name
    read_by_ocr: bool = False  # a scanned PDF's pages, read as pictures (`ocr`): a reader should know


def article_from_html(html: str | bytes, source: str, max_chars: int | None = None) -> ImportedArticle:
    """The article body (not menus, ads or comments) via trafilatura, with the page's title."""
    import trafilatura

    page = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
    # Measured before extraction, whose time and memory grow with the page's elements (about 2.5 s for
    # 30,000 on a 2-core machine; a 9 MB page of empty tags took a minute and 385 MB).
    most = config.current().max_html_elements
    elements = sum(1 for _ in islice(_ELEMENT.finditer(page), most + 1))  # counted, never listed
    if elements > most:
        raise InputError(f"{source} is built of more than {most:,} HTML elements, the most this site reads "
                         "in one page; import the article's own page or paste its text")
    if max_chars is not None and len(_TAG.sub("", page)) > HTML_TEXT_ALLOWANCE * max_chars:
        raise InputError(f"{source} holds far more text than one article (the limit is {max_chars:,} "
                         "characters); import the article's own page or paste its text")
    try:
        document = trafilatura.bare_extraction(html, url=source if "://" in source else None,
                                               with_metadata=True, include_comments=False,
                                               include_tables=False)
    except Exception as error:  # a parser deep inside trafilatura (lxml, html5 fallbacks)
        _log.warning("HTML extraction failed for %s: %r", source, error)
        raise InputError(f"{source} could not be read as a web page; paste the text instead") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"no article text found in {source}; paste the text instead")
    # trafilatura puts one paragraph per line; blank lines keep titles out of the first sentence.
    text = re.sub(r"\n+", "\n\n", text.strip())
    _check_length(len(text), source, max_chars)  # what the reader gets, its added blank lines counted
    return ImportedArticle(text, getattr(document, "title", None), source)


def article_from_url(url: str, policy: FetchPolicy | None = None, resolver: Resolver = system_resolver,
                     max_chars: int | None = None) -> ImportedArticle:
    max_chars = max_chars or config.current().max_chars
    page = fetch(url.strip(), policy, resolver)
    if page.content_type == "text/plain":
        if looks_binary(page.body):
            raise InputError(f"{page.url} sent binary data, not text")
        text = _decode_declared(page.body, page.charset)
        _check_length(len(text), page.url, max_chars)
        return ImportedArticle(text, None, page.url)
    return article_from_html(page.body, page.url, max_chars)


def _decode_declared(body: bytes, charset: str | None) -> str:
    """The charset the server named, when Python knows it; otherwise the text is detected."""
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            _log.info("unknown charset %r: detecting instead", charset)
    return decode_bytes(body)


def article_from_file(name: str, data: bytes, max_bytes: int | None = None,
                      max_chars: int | None = None) -> ImportedArticle:
    """`max_chars` (default: the configured article limit) refuses a document whose text is longer, as
    soon as that is known, rather than handing on text that would be cut or refused later."""
    settings = config.current()
    max_bytes = max_bytes or settings.max_file_bytes
    max_chars = max_chars or settings.max_chars
    if len(data) > max_bytes:
        raise TooLarge(f"{name} is {len(data):,} bytes, over the {max_bytes:,}-byte limit for files")
    kind = sniff(data) or PurePath(name).suffix.lower()
    if kind in (".txt", ".md"):
        if len(data) > 4 * max_chars:  # no encoding needs more than 4 bytes a character: refuse unread
            _check_length(len(data) // 4 + 1, name, max_chars)
        text = decode_bytes(data)
        _check_length(len(text), name, max_chars)
        return ImportedArticle(text, None, name)
    if kind in (".html", ".htm"):
        return article_from_html(decode_bytes(data), name, max_chars)
    if kind == ".pdf":
        return _from_pdf(name, data, settings.max_pdf_pages, max_chars)
    if kind == ".docx":
        return _from_docx(name, data, settings.max_inflated_bytes, max_chars)
    raise InputError(f"{name}: {kind or 'files without an extension'} cannot be read; "
                     f"use one of {', '.join(FILE_TYPES)}")


def sniff(data: bytes) -> str | None:
    """".pdf" or ".docx" when the first bytes say so, whatever the file is called (or None)."""
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return ".docx" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    return None


def _check_length(characters: int, name: str, max_chars: int | None) -> None:
    if max_chars is not None and characters > max_chars:
        raise TooLarge(f"{name} holds more than {max_chars:,} characters of text, over the limit for "
                         "one article; import a shorter document or paste part of it")


def _from_pdf(name: str, data: bytes, max_pages: int, max_chars: int) -> ImportedArticle:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{name} is encrypted (password-protected); save an unprotected copy first")
        declared = int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))  # read, not counted: cheap
        if declared > max_pages:
            raise TooLarge(f"{name} has {declared:,} pages, over the {max_pages:,}-page limit; "
                             "import the pages you need")
        pages, characters = [], 0
        for number, page in enumerate(reader.pages, 1):  # counted as they come, whatever was declared
            if number > max_pages:
                raise TooLarge(f"{name} has more than {max_pages:,} pages, over the limit; import the "
                                 "pages you need")
            text = (page.extract_text() or "").strip()
            characters += len(text) + (2 if text and characters else 0)  # the blank line between pages
            _check_length(characters, name, max_chars)
            pages.append(text)
        title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except Exception as error:  # pypdf raises many kinds (LimitReachedError for bombs, ValueError, ...)
        _log.warning("PDF extraction failed for %s: %r", name, error)
        raise InputError(f"{name} is not a readable PDF (it may be damaged, or built to be too large "
                         "to unpack); save it again or paste the text") from None
    text = "\n\n".join(p for p in pages if p)
    if text:
        return ImportedArticle(text, title, name)
    from summarizer.sources.ocr import read_scanned_pdf

    try:
        text = read_scanned_pdf(name, list(reader.pages))
    except InputError:
        raise
    except Exception as error:  # pypdf or Tesseract failing on pages they cannot read
        _log.warning("OCR failed for %s: %r", name, error)
        raise InputError(f"{name} is not a readable PDF: its pages could not be read by OCR (they may be damaged, "
                         "or built to be too large to unpack); paste the text instead") from None
    if not text.strip():
        raise InputError(f"{name} is a scan in which OCR found no text; paste the text instead")
    _check_length(len(text), name, max_chars)
    return ImportedArticle(text, title, name, read_by_ocr=True)


def _from_docx(name: str, data: bytes, max_inflated: int, max_chars: int) -> ImportedArticle:
    """Paragraph text straight from word/document.xml, unpacked and parsed within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = _unpacked(archive, "word/document.xml", max_inflated, name)
            core = _unpacked(archive, "docProps/core.xml", 1_000_000, name, required=False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        _log.warning("DOCX unpacking failed for %s: %r", name, error)
        raise InputError(f"{name} is not a readable Word document") from None
    paragraphs, characters = [], 0
    for element in _elements(body, _WORD + "p", name):
        text = "".join(t.text or "" for t in element.iter(_WORD + "t")).strip()
        characters += len(text) + (2 if text and paragraphs else 0)  # the blank line between paragraphs
        _check_length(characters, name, max_chars)
        if text:
            paragraphs.append(text)
    if not paragraphs:
        raise InputError(f"{name} contains no text")
    title = next((e.text for e in _elements(core, _CORE_TITLE, name)), None) if core else None
    return ImportedArticle("\n\n".join(paragraphs), (title or "").strip() or None, name)


def _unpacked(archive: zipfile.ZipFile, member: str, limit: int, name: str,
              required: bool = True) -> bytes | None:
    """A member's bytes, read in a stream and stopped at `limit` whatever its header declares."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        if required:
            raise InputError(f"{name} is not a Word document (no {member} inside)") from None
        return None
    if info.file_size > limit:
        raise InputError(f"{name} unpacks to {info.file_size:,} bytes, over the {limit:,}-byte limit; "
                         "it may be built to exhaust memory")
    with archive.open(info) as stream:
        return _read_at_most(stream, limit, name)


def _read_at_most(stream: IO[bytes], limit: int, name: str) -> bytes:
    chunks, size = [], 0
    while chunk := stream.read(1 << 16):
        size += len(chunk)
        if size > limit:
            raise InputError(f"{name} unpacks to more than {limit:,} bytes, over the limit; it may be built "
                             "to exhaust memory")
        chunks.append(chunk)
    return b"".join(chunks)


def _elements(xml: bytes | None, tag: str, name: str):
    """Elements with `tag`, streamed; no DTD, no entities, no network, no huge text nodes."""
    from lxml import etree

    if not xml:
        return
    try:
        for _, element in etree.iterparse(io.BytesIO(xml), events=("end",), tag=tag, resolve_entities=False,
                                          load_dtd=False, no_network=True, huge_tree=False):
            yield element
            element.clear()
    except etree.XMLSyntaxError as error:
        _log.warning("XML of %s refused: %s", name, error)
        raise InputError(f"{name} is damaged or built to be too large to read (its XML is malformed or "
                         "holds an oversized text block)") from None
