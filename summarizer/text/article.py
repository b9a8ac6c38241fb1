"""The pasted article split once into sentences, headings and list items, for every later stage."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.text.segmentation import HEADING, Segment, count_words, split_segments


@dataclass(frozen=True)
class Article:
    text: str
    language: str | None
    segments: tuple[Segment, ...]

    @classmethod
    def read(cls, text: str, language: str | None) -> Article:
        return cls(text, language, tuple(split_segments(text, language)))

    @property
    def sentences(self) -> list[str]:
        return [segment.text for segment in self.segments]

    @property
    def title(self) -> str | None:
        """The first line, when it reads as a heading rather than as the first sentence."""
        first = self.segments[0] if self.segments else None
        return first.text if first is not None and first.kind == HEADING else None

    @property
    def word_count(self) -> int:
        return count_words(self.text)
