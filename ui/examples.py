"""Sample articles bundled with the app, one file each: `<language>-<topic>.txt`, title on line one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from summarizer.languages import language_name

EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    key: str
    language: str
    title: str
    text: str

    @property
    def label(self) -> str:
        return f"{language_name(self.language)}: {self.title}"


def load_examples() -> list[Example]:
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        examples.append(Example(path.stem, path.stem.split("-")[0], text.splitlines()[0], text))
    return examples
