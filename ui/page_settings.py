"""The settings a page shows, and their round trip through the address bar's query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from urllib.parse import urlencode

from summarizer.models.catalogue import TARGET_LANGUAGES
from summarizer.settings import ENGINES, FORMATS, LENGTH_PRESETS, RUNTIMES, SummarySettings, word_target
from summarizer.text.segmentation import length_label

AUTO_MODEL = "auto"


@dataclass(frozen=True)
class PageSettings:
    model: str = AUTO_MODEL  # "auto", a catalogue id, any Hub id or a local folder
    length: str = "medium"
    engine: str = "auto"
    targets: tuple[str, ...] = field(default_factory=tuple)
    runtime: str = field(default_factory=lambda: SummarySettings().runtime)
    deep_check: bool = False
    format: str = "paragraph"
    words: int | None = None  # a length in words in place of the preset

    def to_dict(self) -> dict:
        return {**asdict(self), "targets": list(self.targets)}

    @classmethod
    def from_dict(cls, data: dict) -> PageSettings:
        """Entries stored before a field existed get that field's default."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: (tuple(v) if k == "targets" else v) for k, v in data.items() if k in known})

    def to_summary_settings(self, max_chars: int, length: str | None = None) -> SummarySettings:
        """`length`: one of Compare lengths' (a preset or "words:N") in place of the page's own."""
        preset, words = (self.length, self.words) if length is None else \
            ((length, None) if length in LENGTH_PRESETS else (self.length, word_count_of(length)))
        return SummarySettings(model=None if self.model == AUTO_MODEL else self.model,
                               length=preset, engine=self.engine,
                               translate_to=self.targets, max_chars=max_chars, runtime=self.runtime,
                               deep_check=self.deep_check, format=self.format, words=words)


WORDS_KEY = "words:"  # Compare lengths' key for a word count ("words:120"), beside the presets' names


def compared_lengths(value: str) -> tuple[str, ...]:
    """What Compare lengths compares: two or three word counts a reader gave ("50, 120, 250"), each in
    range, else the three presets."""
    counts = list(dict.fromkeys(word_target(part.strip()) for part in value.replace(";", ",").split(",")
                                if part.strip()))
    if 2 <= len(counts) <= 3 and None not in counts:
        return tuple(f"{WORDS_KEY}{n}" for n in counts)
    return LENGTH_PRESETS


def word_count_of(key: str) -> int | None:
    """The word count of a Compare lengths key, None for a preset (or anything else)."""
    return word_target(key.removeprefix(WORDS_KEY)) if key.startswith(WORDS_KEY) else None


def length_name(key: str, language: str | None) -> str:
    """A Compare lengths key as the page names it: "Short", or "Target 120 words" (characters where those
    are counted)."""
    count = word_count_of(key)
    return f"Target {length_label(count, language)}" if count is not None else key.capitalize()


def page_length(settings: PageSettings) -> str:
    """The Compare lengths key of the page's own length: its preset, or its word count."""
    return f"{WORDS_KEY}{settings.words}" if settings.words is not None else settings.length


def is_comparison_key(key: object) -> bool:
    return isinstance(key, str) and (key in LENGTH_PRESETS or word_count_of(key) is not None)


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def from_query(params: Mapping[str, str | list[str]]) -> PageSettings:
    """Unknown or malformed values fall back to defaults rather than failing the page."""
    model = (_first(params.get("model")) or AUTO_MODEL).strip()[:200] or AUTO_MODEL
    length = _first(params.get("length"))
    engine = _first(params.get("engine"))
    runtime = _first(params.get("runtime"))
    targets = [t for t in (_first(params.get("to")) or "").split(",") if t in TARGET_LANGUAGES]
    format_name = _first(params.get("format"))
    return PageSettings(model=model,
                        length=length if length in LENGTH_PRESETS else "medium",
                        engine=engine if engine in ENGINES else "auto",
                        targets=tuple(dict.fromkeys(targets)), deep_check=_first(params.get("deep")) == "1",
                        format=format_name if format_name in FORMATS else "paragraph",
                        words=word_target(_first(params.get("words"))),
                        **({"runtime": runtime} if runtime in RUNTIMES else {}))


def to_query(settings: PageSettings) -> dict[str, str]:
    query = {"model": settings.model, "length": settings.length, "engine": settings.engine}
    if settings.targets:
        query["to"] = ",".join(settings.targets)
    if settings.runtime != PageSettings().runtime:
        query["runtime"] = settings.runtime
    if settings.deep_check:
        query["deep"] = "1"
    if settings.format != "paragraph":
        query["format"] = settings.format
    if settings.words is not None:
        query["words"] = str(settings.words)
    return query


def result_url(page_url: str, entry_id: str) -> str:
    return page_url.split("?")[0] + "?" + urlencode({"r": entry_id})
