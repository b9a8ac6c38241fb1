"""Which output tokens a summary may use, so each decoding step scores thousands of tokens, not 50,000.

A news summary copies the article's words and joins them with common ones. The candidates are
therefore the article's own tokens (with and without the word-start mark, capitalised or not) plus the
tokens of the language's most frequent words and of every number and punctuation mark. CTranslate2 reads
this as `vmap.txt` in the converted model's folder and applies it when a call asks for `use_vmap`.
How much of real summaries the candidates cover: `python -m benchmarks.vocabulary_map`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import regex
import simplemma

MAP_FILE = "vmap.txt"
FREQUENT_WORDS = 10_000  # per language; chosen with bench_vocabulary_map (README, "Faster decoding")
WORD_START_MARKS = ("Ġ", "▁")  # byte-level BPE (BART), SentencePiece (T5, Marian)
_LETTER = regex.compile(r"\p{L}")

Tokenize = Callable[[str], list[str]]


def word_start_mark(vocabulary: Iterable[str]) -> str:
    tokens = list(vocabulary)
    return max(WORD_START_MARKS, key=lambda mark: sum(token.startswith(mark) for token in tokens))


class Variants:
    """The forms a copied token may take in a summary: the same word starting a sentence or following a
    space, in lower or upper case, and the other inflections of a whole word ("warned" for "warning")."""

    def __init__(self, vocabulary: list[str], languages: Iterable[str]) -> None:
        self.known = set(vocabulary)
        self.mark = word_start_mark(vocabulary)
        self.languages = tuple(languages)
        self.families: dict[str, set[str]] = {}
        for token in self.known:
            lemma = self._lemma(token)
            if lemma:
                self.families.setdefault(lemma, set()).add(token)

    def _lemma(self, token: str) -> str | None:
        bare = token.removeprefix(self.mark)
        if len(bare) < 3 or not bare.isalpha() or not self.languages:
            return None
        return simplemma.lemmatize(bare.lower(), lang=self.languages).lower()

    def of(self, token: str) -> set[str]:
        bare = token.removeprefix(self.mark)
        forms = {bare, bare.lower(), bare.upper(), bare[:1].upper() + bare[1:].lower()}
        family = self.families.get(self._lemma(token) or "", set())
        forms |= {member.removeprefix(self.mark) for member in family}
        return {token} | {f for form in forms for f in (form, self.mark + form) if f in self.known}


def always_allowed(vocabulary: list[str], tokenize: Tokenize, languages: Iterable[str],
                   frequent_words: int = FREQUENT_WORDS) -> set[str]:
    """Tokens of the languages' most frequent words (as they start a sentence and inside one) and
    every token without a letter (numbers, punctuation)."""
    from wordfreq import top_n_list

    allowed = {token for token in vocabulary if not _LETTER.search(token.lstrip("".join(WORD_START_MARKS)))}
    for language in languages:
        for word in top_n_list(language, frequent_words):
            for form in {word, word[:1].upper() + word[1:]}:
                allowed.update(tokenize(form))
                allowed.update(tokenize(" " + form))
    return allowed & set(vocabulary)


def candidates(source_tokens: Iterable[str], always: set[str], variants: Variants) -> set[str]:
    """What CTranslate2 will let the model write for this source (what `map_text` encodes)."""
    return always | {v for token in set(source_tokens) for v in variants.of(token)}


def map_text(vocabulary: list[str], always: set[str], languages: Iterable[str]) -> str:
    """The vmap file: a line with an empty key lists the tokens always allowed; every other line maps a
    source token to the tokens it allows."""
    variants = Variants(vocabulary, languages)
    lines = ["\t" + " ".join(sorted(t for t in always if _usable(t)))]
    lines += [f"{token}\t{' '.join(sorted(t for t in variants.of(token) if _usable(t)))}"
              for token in sorted(variants.known) if _usable(token)]
    return "\n".join(lines) + "\n"


def _usable(token: str) -> bool:
    """CTranslate2 splits the file's lines on spaces, so a token holding one cannot be written."""
    return bool(token) and not any(c.isspace() for c in token)


def write_map(folder: Path, vocabulary: list[str], tokenize: Tokenize, languages: Iterable[str]) -> Path:
    """Written beside a converted model, once, like the conversion itself."""
    target = folder / MAP_FILE
    if not target.is_file():
        languages = tuple(languages)
        staging = folder / f".{MAP_FILE}.partial"
        staging.write_text(map_text(vocabulary, always_allowed(vocabulary, tokenize, languages), languages),
                           encoding="utf-8")
        staging.replace(target)
    return target
