"""The one result object every front end shows: summary, provenance, sizes and timings."""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any


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
    backend: str | None = None
    translations: dict[str, str] = field(default_factory=dict)
    translated_sentences: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    support: list[dict[str, Any]] = field(default_factory=list)
    unsupported: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain words for the reader, e.g. "already short"
    settings: dict[str, Any] = field(default_factory=dict)

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
        known = {f.name: f for f in fields(cls)}
        required = [name for name, f in known.items()
                    if f.default is MISSING and f.default_factory is MISSING]
        missing = [name for name in required if name not in data]
        if missing:
            raise ValueError(f"a stored result lacks {', '.join(missing)}")
        return cls(**{k: v for k, v in data.items() if k in known})
