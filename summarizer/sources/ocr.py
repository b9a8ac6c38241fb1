"""Scanned PDFs (a press release printed and scanned: pages that are only pictures) read by OCR, where the
server has Tesseract (Debian's tesseract-ocr and its language packs, through pytesseract).

Bounded like every other import, before the work: the scanned pages counted (SUMMARIZER_OCR_PAGES), each
page image's size read from the PDF before it is decoded and held under SUMMARIZER_OCR_MEGAPIXELS (a JPEG
that claims more when decoded is refused by Pillow's own guard, set to the same limit), and all the
reading under SUMMARIZER_OCR_SECONDS. The script is found on the first page (Tesseract's OSD), then the
language: Latin-script text is read once in English and read again with its own language's pack.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

from summarizer import config
from summarizer.errors import InputError, TooLarge
from summarizer.languages import UNSPACED_CHARACTERS

# Tesseract's packs for the page's languages (Debian: tesseract-ocr-eng, -deu, ...).
PACKS = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por", "tr": "tur", "ru": "rus",
         "uk": "ukr", "ar": "ara", "zh": "chi_sim", "ja": "jpn", "ko": "kor", "hi": "hin"}
SCRIPT_PACKS = {"Cyrillic": ("rus", "ukr"), "Arabic": ("ara",), "Han": ("chi_sim",), "Japanese": ("jpn",),
                "Katakana": ("jpn",), "Hiragana": ("jpn",), "Hangul": ("kor",), "Korean": ("kor",),
                "Devanagari": ("hin",)}
NO_OCR = ("This PDF is a scan with no text in it, and this site cannot read scans. Paste the article's text "
          "instead.")
_UNSPACED = re.compile(f"[{UNSPACED_CHARACTERS}]")
_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?![ \t]*\n)[ \t]*(?=\S)")  # one break inside a paragraph
_HYPHENATED = re.compile(r"(?<=\w)-[ \t]*\n(?![ \t]*\n)[ \t]*(?=\w)")
_log = logging.getLogger(__name__)
_pillow_limit = threading.Lock()  # Pillow's bomb guard is one global: set for one decoding at a time


@functools.cache
def installed_packs() -> frozenset[str]:
    """Tesseract's installed language packs; empty where Tesseract is not installed."""
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config="")) - {"osd"}
    except Exception as error:  # no binary (TesseractNotFoundError), or no pytesseract
        _log.info("no OCR: %s", error)
        return frozenset()


def read_scanned_pdf(name: str, pages: list[Any]) -> str:
    """The text of `pages` (pypdf pages with no text layer), read by OCR; InputError where the server has
    no OCR, TooLarge past a limit."""
    if not installed_packs():
        raise InputError(f"{name} has no text layer (a scanned or image-only PDF) and this server has no "
                         "OCR (install tesseract-ocr and its language packs, see the README); paste the text",
                         NO_OCR)
    settings = config.current()
    if len(pages) > settings.ocr_pages:
        raise TooLarge(f"{name} is a scan of {len(pages):,} pages; at most {settings.ocr_pages} scanned pages are "
                       "read (SUMMARIZER_OCR_PAGES); import the pages you need",
                       f"{name} is a scan of {len(pages):,} pages; this site reads at most {settings.ocr_pages} "
                       "scanned pages. Import the pages you need, or paste the text.")
    limit = int(settings.ocr_megapixels * 1_000_000)
    images = [image for page in pages for image in _page_images(page, name, limit)]  # every size, before decoding
    if not images:
        raise InputError(f"{name} has no text layer and no scanned page images; paste the text instead")
    deadline = time.monotonic() + settings.ocr_seconds
    packs: str | None = None
    texts = []
    for image in images:
        picture = _decoded(image, name, limit)
        reading = None
        if packs is None:
            packs, reading = _packs_for(picture, name, deadline)
        texts.append((reading if reading is not None else _read(picture, packs, name, deadline)).strip())
    return "\n\n".join(_unwrapped(t) for t in texts if t)


def _unwrapped(text: str) -> str:
    """Tesseract keeps the scan's line breaks; a sentence must not be cut by them. Lines of a paragraph are
    joined (with no space between characters of scripts written without spaces), a word hyphenated at a
    line's end made whole again; blank lines stay paragraph breaks."""
    text = _HYPHENATED.sub(lambda m: "" if text[m.end()].islower() else "-", text)  # "Anti-\nSemitism" keeps it
    return _LINE_BREAK.sub(lambda m: "" if _UNSPACED.match(text[m.start() - 1]) and _UNSPACED.match(text[m.end()])
                           else " ", text)


def _page_images(page: Any, name: str, limit: int) -> list[tuple[Any, str]]:
    """The page's own images (page, key), each refused when the PDF says it is larger than `limit` pixels;
    images nested in forms are not read (a scanner puts each page's picture on the page itself)."""
    resources = page.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    objects = objects.get_object() if objects is not None else {}
    found = []
    for key in page.images.keys():
        image = objects.get(key).get_object() if isinstance(key, str) and key in objects else None
        if image is None:
            continue
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        if width * height > limit:
            raise TooLarge(f"{name} holds a page image of {width:,} x {height:,} pixels, over the "
                           f"{limit / 1e6:g}-megapixel limit for OCR (SUMMARIZER_OCR_MEGAPIXELS)",
                           f"{name} holds a page image too large to read ({width:,} x {height:,} pixels). "
                           "Scan it at a lower resolution, or paste the text.")
        found.append((page, key))
    return found


def _decoded(image: tuple[Any, str], name: str, limit: int) -> Any:
    """The image as Pillow decodes it, Pillow's bomb guard at the same limit (a JPEG inside may claim
    other dimensions than the PDF says)."""
    from PIL import Image

    page, key = image
    with _pillow_limit:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = limit
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                picture = page.images[key].image
                picture.load()
                return picture
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise TooLarge(f"{name} holds a page image that decodes to more than {limit / 1e6:g} megapixels "
                           "(SUMMARIZER_OCR_MEGAPIXELS)", f"{name} holds a page image too large to read. Scan it "
                           "at a lower resolution, or paste the text.") from None
        except Exception as error:  # a damaged image stream: pypdf and Pillow raise many kinds
            _log.warning("page image of %s not decoded: %r", name, error)
            raise InputError(f"{name} holds a page image that cannot be decoded; paste the text instead") from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def _packs_for(picture: Any, name: str, deadline: float) -> tuple[str, str | None]:
    """The packs to read with: the script's, found by Tesseract's OSD; for Latin script, the language
    of a first reading in English, where its pack is installed. With them, that first reading where it
    is already the one to keep."""
    import pytesseract

    from summarizer.text.language_detection import detect_language

    installed = installed_packs()
    english = "eng" if "eng" in installed else sorted(installed)[0]
    try:
        osd = _in_time(lambda left: pytesseract.image_to_osd(picture, timeout=left,
                                                            output_type=pytesseract.Output.DICT), name, deadline)
        script = osd.get("script", "Latin")
    except pytesseract.TesseractError:  # too little text to tell: read it as Latin script
        script = "Latin"
    if script in SCRIPT_PACKS:
        chosen = [p for p in SCRIPT_PACKS[script] if p in installed]
        return "+".join(chosen) if chosen else english, None
    first_reading = _read(picture, english, name, deadline)
    pack = PACKS.get(detect_language(first_reading).language or "")
    return (pack, None) if pack in installed and pack != english else (english, first_reading)


def _read(picture: Any, packs: str, name: str, deadline: float) -> str:
    import pytesseract

    return _in_time(lambda left: pytesseract.image_to_string(picture, lang=packs, timeout=left), name, deadline)


def _in_time(call: Callable[[float], Any], name: str, deadline: float) -> Any:
    """`call(seconds left)`, TooLarge when the reading's time is up before or while it runs."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow(name)
    try:
        return call(left)
    except RuntimeError as error:  # pytesseract's "Tesseract process timeout"
        if "timeout" not in str(error).lower():
            raise
        raise _too_slow(name) from None


def _too_slow(name: str) -> TooLarge:
    seconds = config.current().ocr_seconds
    return TooLarge(f"reading {name} by OCR took longer than {seconds:g} s (SUMMARIZER_OCR_SECONDS); import fewer "
                    "pages or paste the text",
                    f"Reading {name} took longer than this site allows ({seconds:g} s). Import fewer pages, or "
                    "paste the text.")
