"""Which models turn an article in language X into a summary in language X."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import UnsupportedLanguage
from summarizer.languages import LANGUAGE_NAMES, language_name
from summarizer.models.catalogue import (
    DEFAULT_SUMMARY_MODEL,
    MULTILINGUAL_SUMMARY_MODEL,
    SUMMARY_MODELS,
    describe_summary_model,
    translation_model_for,
)

ENGLISH_MODEL, MULTILINGUAL_MODEL, VIA_ENGLISH, CHOSEN_MODEL = (
    "english-model", "multilingual-model", "via-english", "chosen-model")


@dataclass(frozen=True)
class Route:
    name: str
    summary_model: str
    to_english: str | None = None  # translation model ids, for the via-english route
    from_english: str | None = None

    def model_ids(self) -> list[str]:
        return [m for m in (self.to_english, self.summary_model, self.from_english) if m]


def choose_route(language: str | None, requested_model: str | None = None) -> Route:
    """English -> the English model; XL-Sum languages -> mT5; others with opus-mt/M2M100 both ways ->
    translate to English, summarise, translate back. A language no route covers is refused."""
    if requested_model:
        entry = describe_summary_model(requested_model)
        if not entry.covers(language):
            raise UnsupportedLanguage(
                f"{requested_model} summarises {', '.join(language_name(c) for c in entry.languages[:5])} "
                f"only, and the article is in {language_name(language)}; leave the model unset to route "
                "by language")
        return Route(CHOSEN_MODEL, requested_model)
    if language in (None, "en"):
        return Route(ENGLISH_MODEL, DEFAULT_SUMMARY_MODEL)
    if SUMMARY_MODELS[MULTILINGUAL_SUMMARY_MODEL].covers(language):
        return Route(MULTILINGUAL_MODEL, MULTILINGUAL_SUMMARY_MODEL)
    to_english, from_english = translation_model_for(language, "en"), translation_model_for("en", language)
    if to_english and from_english:
        return Route(VIA_ENGLISH, DEFAULT_SUMMARY_MODEL, to_english.model_id, from_english.model_id)
    raise UnsupportedLanguage(
        f"no model summarises {language_name(language)} ({language}) or translates it both ways; "
        "`python -m summarizer --list-languages` shows what is covered, or use --engine extractive",
        f"No AI model here summarises {language_name(language)}. The key-sentence summary (engine: "
        "extractive) works for any language.")


def summary_routes() -> dict[str, Route]:
    """Every language of the language table that some route summarises, by code, in the table's order
    of names (what `--list-languages` and the API's GET /languages show)."""
    routes = {}
    for code in sorted(LANGUAGE_NAMES, key=language_name):
        try:
            routes[code] = choose_route(code)
        except UnsupportedLanguage:
            continue
    return routes
