"""Inference settings: explicit, inspectable and savable, so a result can be reproduced."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summarizer import config
from summarizer.config import DEFAULT_MAX_CHARS, RUNTIMES

LENGTH_PRESETS = ("short", "medium", "long")
ENGINES = ("auto", "abstractive", "extractive")
FORMATS = ("paragraph", "points", "quotes", "headline")  # see summarise/formats.py
WORD_TARGETS = (15, 300)  # a target length in words (characters in scripts written without spaces)
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}")  # not str.isdigit: "²" is a digit to it, and no number to int()


def word_target(value: str | None) -> int | None:
    """A word target as a visitor or a command line writes it: a whole number in WORD_TARGETS, else
    None."""
    if value is None or not _WHOLE_NUMBER.fullmatch(value):
        return None
    return int(value) if WORD_TARGETS[0] <= int(value) <= WORD_TARGETS[1] else None


@dataclass(frozen=True)
class GenerationSettings:
    """Arguments for one `generate()` call."""

    num_beams: int = 4
    max_new_tokens: int = 142
    min_new_tokens: int = 56
    length_penalty: float = 2.0
    no_repeat_ngram_size: int = 3


@dataclass(frozen=True)
class SummarySettings:
    """Everything that decides a summary besides the text itself.

    `model=None` routes by the article's language; `language=None` detects it.
    """

    model: str | None = None
    length: str = "medium"
    min_tokens: int | None = None
    max_tokens: int | None = None
    num_beams: int | None = None
    engine: str = "auto"
    language: str | None = None
    translate_to: tuple[str, ...] = field(default_factory=tuple)
    max_chars: int = DEFAULT_MAX_CHARS
    deep_check: bool = False  # also score each summary sentence with an NLI model (`entailment.py`)
    runtime: str = field(default_factory=lambda: config.current().runtime)
    format: str = "paragraph"
    words: int | None = None  # a target length in place of the preset's (WORD_TARGETS)

    def __post_init__(self) -> None:
        if self.length not in LENGTH_PRESETS:
            raise ValueError(f"length must be one of {', '.join(LENGTH_PRESETS)}, not {self.length!r}")
        if self.runtime not in RUNTIMES:
            raise ValueError(f"runtime must be one of {', '.join(RUNTIMES)}, not {self.runtime!r}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.words is not None and not WORD_TARGETS[0] <= self.words <= WORD_TARGETS[1]:
            raise ValueError(f"words must be from {WORD_TARGETS[0]} to {WORD_TARGETS[1]}, not {self.words}")
        for name in ("min_tokens", "max_tokens", "num_beams"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.min_tokens and self.max_tokens and self.min_tokens > self.max_tokens:
            raise ValueError("min_tokens must not exceed max_tokens")

    def with_changes(self, **changes: Any) -> SummarySettings:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["translate_to"] = list(self.translate_to)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummarySettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in with_current_names(data).items() if k in known}
        if "translate_to" in values:
            values["translate_to"] = tuple(values["translate_to"])
        return cls(**values)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SummarySettings:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def with_current_names(data: dict[str, Any]) -> dict[str, Any]:
    """Settings saved before the fast/reference choice was called `runtime` everywhere still load."""
    if "backend" in data and "runtime" not in data:
        data = {**data, "runtime": data["backend"]}
    return data
