"""The one result object every front end shows: summary, provenance, sizes and timings."""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any

from summarizer.settings import FORMATS, with_current_names


@dataclass
class SummaryResult:
    summary: str
    engine: str
    model: str | None
    language: str | None
    source_words: int
    summary_words: int
    compression: float
    chunks: int
    timings: dict[str, float] = field(default_factory=dict)
    language_confidence: float | None = None
    route: str | None = None
    fallback_reason: str | None = None
    runtime: str | None = None
    translations: dict[str, str] = field(default_factory=dict)
    translated_sentences: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    support: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain words for the reader, e.g. "already short"
    settings: dict[str, Any] = field(default_factory=dict)
    format: str = "paragraph"  # paragraph, points, quotes or headline (`summarise/formats.py`)
    quotes: list[dict[str, Any]] = field(default_factory=list)  # the quotes format's: text, speaker, span

    @property
    def share_label(self) -> str:
        """The summary's length as a share of the article, readable at any size: "12%", "<1%"."""
        if self.source_words and self.compression < 0.01:
            return "<1%"
        return f"{self.compression:.0%}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummaryResult:
        """A result saved by this or another version: fields it lacks take their defaults, fields this
        version does not know are dropped; ValueError when it lacks what every version has."""
        data = with_current_names(data)
        known = {f.name: f for f in fields(cls)}
        required = [name for name, f in known.items()
                    if f.default is MISSING and f.default_factory is MISSING]
        missing = [name for name in required if name not in data]
        if missing:
            raise ValueError(f"a stored result lacks {', '.join(missing)}")
        result = cls(**{k: v for k, v in data.items() if k in known})
        _check_shape(result)
        return result


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


def _check_shape(result: SummaryResult) -> None:
    """ValueError unless every field has the type and form this program writes: an entry put into the
    database by other means must not reach a front end's code as something else (a traceback there)."""
    def strings(values: Any) -> bool:
        return all(isinstance(v, str) for v in values)

    def code(value: Any) -> bool:
        return isinstance(value, str) and bool(_LANGUAGE_CODE.fullmatch(value))

    checks = {
        "summary": isinstance(result.summary, str) and isinstance(result.engine, str),
        "model": result.model is None or isinstance(result.model, str),
        "language": result.language is None or code(result.language),
        "counts": all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                      for n in (result.source_words, result.summary_words, result.chunks)),
        "compression": isinstance(result.compression, (int, float)),
        "translations": isinstance(result.translations, dict) and all(map(code, result.translations))
        and strings(result.translations.values()),
        "translated_sentences": isinstance(result.translated_sentences, dict)
        and all(map(code, result.translated_sentences))
        and all(isinstance(v, list) and strings(v) for v in result.translated_sentences.values()),
        "errors": isinstance(result.errors, dict) and all(map(code, result.errors))
        and strings(result.errors.values()),
        "notes": isinstance(result.notes, list) and strings(result.notes),
        "support": isinstance(result.support, list) and all(
            isinstance(s, dict) and isinstance(s.get("sources", []), list)
            and all(isinstance(i, int) for i in s.get("sources", []))
            and strings(s.get("source_sentences", [])) for s in result.support),
        "timings": isinstance(result.timings, dict)
        and all(isinstance(v, (int, float)) for v in result.timings.values()),
        "format": result.format in FORMATS,
        "quotes": isinstance(result.quotes, list) and len(result.quotes) <= len(result.support) and all(
            isinstance(q, dict) and set(q) == {"text", "speaker", "start", "end"}
            and strings((q["text"], q["speaker"])) and all(
                isinstance(q[k], int) and not isinstance(q[k], bool) for k in ("start", "end"))
            and 0 <= q["start"] <= q["end"] for q in result.quotes),
    }
    wrong = [name for name, ok in checks.items() if not ok]
    if wrong:
        raise ValueError(f"a stored result has malformed {', '.join(wrong)}")
