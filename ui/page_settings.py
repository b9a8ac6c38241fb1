"""The settings a page shows, and their round trip through the address bar's query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from urllib.parse import urlencode

from summarizer.models.catalogue import TARGET_LANGUAGES
from summarizer.settings import ENGINES, LENGTH_PRESETS, RUNTIMES, SummarySettings

AUTO_MODEL = "auto"


@dataclass(frozen=True)
class PageSettings:
    model: str = AUTO_MODEL  # "auto", a catalogue id, any Hub id or a local folder
    length: str = "medium"
    engine: str = "auto"
    targets: tuple[str, ...] = field(default_factory=tuple)
    runtime: str = field(default_factory=lambda: SummarySettings().runtime)
    deep_check: bool = False

    def to_dict(self) -> dict:
        return {**asdict(self), "targets": list(self.targets)}

    @classmethod
    def from_dict(cls, data: dict) -> PageSettings:
        """Entries stored before a field existed get that field's default."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: (tuple(v) if k == "targets" else v) for k, v in data.items() if k in known})

    def to_summary_settings(self, max_chars: int, length: str | None = None) -> SummarySettings:
        return SummarySettings(model=None if self.model == AUTO_MODEL else self.model,
                               length=length or self.length, engine=self.engine,
                               translate_to=self.targets, max_chars=max_chars, runtime=self.runtime,
                               deep_check=self.deep_check)


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
    return PageSettings(model=model,
                        length=length if length in LENGTH_PRESETS else "medium",
                        engine=engine if engine in ENGINES else "auto",
                        targets=tuple(dict.fromkeys(targets)), deep_check=_first(params.get("deep")) == "1",
                        **({"runtime": runtime} if runtime in RUNTIMES else {}))


def to_query(settings: PageSettings) -> dict[str, str]:
    query = {"model": settings.model, "length": settings.length, "engine": settings.engine}
    if settings.targets:
        query["to"] = ",".join(settings.targets)
    if settings.runtime != PageSettings().runtime:
        query["runtime"] = settings.runtime
    if settings.deep_check:
        query["deep"] = "1"
    return query


def result_url(page_url: str, entry_id: str) -> str:
    return page_url.split("?")[0] + "?" + urlencode({"r": entry_id})
