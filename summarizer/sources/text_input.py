"""Turn whatever the user gave (bytes or str) into clean text, or say clearly why it cannot be used."""

from __future__ import annotations

import re

from summarizer.config import DEFAULT_MAX_CHARS
from summarizer.errors import InputError, TooLarge

# C0/C1 control characters except tab and newline; also lone surrogates and BOMs.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ud800-\udfff]")
_BINARY_SAMPLE = 4096


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 (with a BOM, or recognised by its zero bytes); other
    encodings are detected, and whatever still cannot be decoded becomes U+FFFD rather than an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if looks_binary(data):
        raise InputError("the input looks like binary data, not text; give a plain-text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _detect_and_decode(data)


def _detect_and_decode(data: bytes) -> str:
    """charset-normalizer, breaking its frequent cp1250/cp1252 ties in favour of the far more common
    Western encoding (otherwise French "après" comes out as "aprčs")."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("utf-8", errors="replace")
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.02]
    chosen = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(chosen)


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when one byte of every pair is often zero (spaces, digits and Latin
    letters) and the other never is, and the sample then reads as text; or None."""
    sample = data[:_BINARY_SAMPLE - _BINARY_SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) >= 0.1 * len(high) and low.count(0) == 0:
            text = sample.decode(encoding, errors="replace")
            readable = sum(ch.isprintable() or ch.isspace() for ch in text)
            if readable >= 0.95 * len(text):
                return encoding
    return None


def looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def clean_text(text: str | bytes, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Normalise line ends, strip control characters, and refuse text that cannot be summarised."""
    if isinstance(text, bytes):
        text = decode_bytes(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.strip()  # no Unicode normalisation: combining marks stay exactly as given
    if not text:
        raise InputError("the text is empty; paste or give an article to summarise")
    if not any(ch.isalpha() for ch in text):
        raise InputError("the text contains no letters; give an article written in words")
    if len(text) > max_chars:
        raise TooLarge(
            f"the text is {len(text):,} characters, over the limit of {max_chars:,}; "
            "shorten it or raise the limit (--max-chars, or SUMMARIZER_MAX_CHARS for the app)",
            f"The text is {len(text):,} characters, over this site's limit of {max_chars:,}. Shorten it "
            "and try again.")
    return text
