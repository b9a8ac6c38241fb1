"""Article text out of web pages and files (.txt, .md, .html, .pdf, .docx), or a clear reason why not."""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import PurePath

from .errors import InputError
from .text_input import decode_bytes
from .url_fetch import FetchPolicy, Resolver, fetch, system_resolver

MAX_FILE_BYTES = int(os.environ.get("SUMMARIZER_MAX_FILE_BYTES", 10_000_000))
DOCUMENT_TYPES = (".html", ".htm", ".pdf", ".docx")  # need extraction; the rest is plain text
FILE_TYPES = (".txt", ".md", *DOCUMENT_TYPES)


@dataclass(frozen=True)
class ImportedArticle:
    text: str
    title: str | None
    source: str  # the page's address or the file's name


def article_from_html(html: str | bytes, source: str) -> ImportedArticle:
    """The article body (not menus, ads or comments) via trafilatura, with the page's title."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=source if "://" in source else None,
                                           with_metadata=True, include_comments=False,
                                           include_tables=False)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(f"no article text found in {source}; paste the text instead")
    # trafilatura puts one paragraph per line; blank lines keep titles out of the first sentence.
    return ImportedArticle(re.sub(r"\n+", "\n\n", text.strip()), getattr(document, "title", None), source)


def article_from_url(url: str, policy: FetchPolicy | None = None,
                     resolver: Resolver = system_resolver) -> ImportedArticle:
    page = fetch(url.strip(), policy, resolver)
    if page.content_type == "text/plain":
        body = page.body.decode(page.charset, errors="replace") if page.charset else decode_bytes(page.body)
        return ImportedArticle(body, None, page.url)
    return article_from_html(page.body, page.url)


def article_from_file(name: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> ImportedArticle:
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_bytes:
        raise InputError(f"{name} is {len(data):,} bytes, over the {max_bytes:,}-byte limit for files "
                         "(SUMMARIZER_MAX_FILE_BYTES)")
    if suffix in (".txt", ".md"):
        return ImportedArticle(decode_bytes(data), None, name)
    if suffix in (".html", ".htm"):
        return article_from_html(decode_bytes(data), name)
    if suffix == ".pdf":
        return _from_pdf(name, data)
    if suffix == ".docx":
        return _from_docx(name, data)
    raise InputError(f"{name}: {suffix or 'files without an extension'} cannot be read; "
                     f"use one of {', '.join(FILE_TYPES)}")


def _from_pdf(name: str, data: bytes) -> ImportedArticle:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{name} is encrypted (password-protected); save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise InputError(f"{name} is not a readable PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputError(f"{name} has no text layer (a scanned or image-only PDF); run OCR on it or "
                         "paste the text")
    return ImportedArticle(text, title, name)


def _from_docx(name: str, data: bytes) -> ImportedArticle:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"{name} is not a readable Word document ({type(error).__name__})") from None
    text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    if not text:
        raise InputError(f"{name} contains no text")
    return ImportedArticle(text, document.core_properties.title or None, name)
