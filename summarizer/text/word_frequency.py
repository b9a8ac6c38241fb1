"""How common a word is in its language in general (wordfreq), for rarity checks and term weights."""

from __future__ import annotations

from functools import lru_cache


def zipf(word: str, language: str | None) -> float | None:
    """wordfreq's Zipf scale (3 = once per million words, 0 = never seen); None where the language or its
    tokenizer is not available, so callers fall back to what the article itself says."""
    import wordfreq

    code = language or "en"
    if code not in _languages():
        return None
    try:
        return wordfreq.zipf_frequency(word, code)
    except ImportError:  # Chinese, Japanese and Korean need tokenizers (jieba, MeCab) that are not installed
        return None


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


@lru_cache(maxsize=64)
def covers(language: str | None) -> bool:
    """Whether `zipf` answers for this language on this machine."""
    return zipf("a", language) is not None
