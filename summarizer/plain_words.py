"""Counts, durations and the fallback as a reader says them: "1 part", "3 parts", "under a second"; the
same words on the page and in the API."""

from __future__ import annotations

# Why a summary is key sentences, while it is made and with the result; the technical reason (which names
# the command line's flags and the server's settings) goes to the server log.
PICKING_KEY_SENTENCES = "The AI model is not available: picking key sentences from the article instead."
KEY_SENTENCES_INSTEAD = ("These are key sentences from the article: the AI model could not be used on this server "
                         "right now.")


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
