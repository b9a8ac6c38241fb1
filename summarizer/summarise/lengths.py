"""Length presets -> token budgets, derived from the model's tuned maximum and the input's length."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.languages import units_per_word

# preset: (share of the input, ceiling as a multiple of the model's tuned maximum, floor in tokens)
_PRESETS = {"short": (0.10, 0.5, 16), "medium": (0.20, 1.0, 32), "long": (0.35, 2.0, 48)}
_MIN_SHARE = 0.39  # the CNN models ship min_length 56 / max_length 142: 55 of 141 generated tokens


@dataclass(frozen=True)
class LengthBudget:
    min_tokens: int
    max_tokens: int


def length_budget(preset: str, input_tokens: int, model_max_tokens: int,
                  min_override: int | None = None, max_override: int | None = None) -> LengthBudget:
    """Strictly increasing from short to long for any input: both the floors and the shares grow."""
    share, ceiling_factor, floor = _PRESETS[preset]
    ceiling = max(floor, round(ceiling_factor * model_max_tokens))
    max_tokens = min(max(round(share * input_tokens), floor), ceiling)
    if max_override is not None:
        max_tokens = max_override
    elif min_override is not None:
        max_tokens = max(max_tokens, min_override)
    min_tokens = min_override if min_override is not None else round(_MIN_SHARE * max_tokens)
    return LengthBudget(min(min_tokens, max_tokens), max_tokens)


# A one-sentence model (`SummaryModel.one_sentence`) keeps its own budget at every preset; a longer
# preset is one sentence for each of this many parts of the article.
ONE_SENTENCE_PARTS = {"short": 1, "medium": 2, "long": 3}


def one_sentence_budget(model_min_tokens: int, model_max_tokens: int, min_override: int | None = None,
                        max_override: int | None = None) -> LengthBudget:
    """The model's published lengths, whatever the preset; a reader's explicit token counts still win."""
    max_tokens = max_override if max_override is not None else max(model_max_tokens, min_override or 0)
    min_tokens = min_override if min_override is not None else model_min_tokens
    return LengthBudget(min(min_tokens, max_tokens), max_tokens)


# Extractive presets: (words, ceiling as a share of the article's words). Short is about one news
# sentence or two, medium a little under the first three (Lead-3), long about a third of a feature.
_WORD_PRESETS = {"short": (40, 0.25), "medium": (60, 0.40), "long": (150, 0.60)}
SHORT_ARTICLE_WORDS = 100  # below this an article is a brief: a sentence or two of it is all a summary is


def word_budget(preset: str, article_words: int, language: str | None) -> int:
    """How many words (characters in unspaced scripts) an extractive summary may use."""
    words, share = _WORD_PRESETS[preset]
    return max(1, min(round(words * units_per_word(language)),
                      round(share * article_words)))


def is_already_short(article_words: int, language: str | None) -> bool:
    return article_words < SHORT_ARTICLE_WORDS * units_per_word(language)
