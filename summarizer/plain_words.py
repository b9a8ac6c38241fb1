"""Counts and durations as a reader says them: "1 part", "3 parts", "under a second"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """"1 part", "2 parts", "1,234 words": the noun agrees with the count."""
    return f"{count:,} {noun if count == 1 else noun + 's'}"  # the nouns this project counts are regular


def duration(seconds: float) -> str:
    """"under a second", "about 4 s", "about 2 min": never "0 s" or "0.0 s"."""
    if seconds < 1:
        return "under a second"
    if seconds < 90:
        return f"about {round(seconds)} s"
    return f"about {round(seconds / 60)} min"
