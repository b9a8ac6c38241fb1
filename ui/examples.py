"""Sample articles bundled with the app, one file each: `<language>-<topic>.txt`, title on line one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    key: str
    language: str
    title: str
    text: str


def load_examples() -> list[Example]:
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        examples.append(Example(path.stem, path.stem.split("-")[0], text.splitlines()[0], text))
    return examples


def for_reader(examples: list[Example], locale: str | None) -> list[Example]:
    """The reader's language first (from the browser's locale, e.g. "de-DE"), then English, then the rest."""
    reader = (locale or "").split("-")[0].lower()
    return sorted(examples, key=lambda e: (e.language != reader, e.language != "en", e.key))
