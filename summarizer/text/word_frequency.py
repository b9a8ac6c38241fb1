"""How common a word is in its language in general (wordfreq), for rarity checks and term weights."""

from __future__ import annotations

from summarizer.loaded_once import loaded_once


def zipf(word: str, language: str | None) -> float | None:
    """wordfreq's Zipf scale (3 = once per million words, 0 = never seen); None where the language or its
    tokenizer is not available, so callers fall back to what the article itself says."""
    import wordfreq

    code = language or "en"
    if not covers(code):
        return None
    return wordfreq.zipf_frequency(word, code)


@loaded_once(maxsize=1)
def _languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


@loaded_once(maxsize=64)
def covers(language: str | None) -> bool:
    """Whether `zipf` answers for this language on this machine; the first call loads the language's
    word list (tens of MB), once for every thread."""
    import wordfreq

    code = language or "en"
    if code not in _languages():
        return False
    try:
        wordfreq.zipf_frequency("a", code)
    except ImportError:  # Chinese, Japanese and Korean need tokenizers (jieba, MeCab) that are not installed
        return False
    return True
