"""Facts a sentence states (numbers, dates, times, names and rare terms) in forms that compare across
faithful rewordings, and which of a summary sentence's facts its article does not state. Each kind of
fact has its module (`numbers`, `dates`, `words`); this one indexes the article once and maps a fact
found in the digits-only reading of a sentence back onto the sentence as written. No model and no
download: number words come from text2num, month names from dateparser's language data, word
frequencies from wordfreq and lemmas from simplemma.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import regex

from summarizer.checks.dates import date_key, date_keys_matching, dates, times, weekdays
from summarizer.checks.fractions import as_share, fractions
from summarizer.checks.relations import article_scores
from summarizer.checks.numbers import (
    NUMBER,
    PERCENT_WORDS,
    ascii_digits,
    digit_readings,
    number_key,
    numbers_in_digits,
    values,
)
from summarizer.checks.words import (
    can_be_a_name,
    fold,
    is_common_opener,
    is_rare_for_a_name,
    lemma_of,
    next_to_a_known_name,
    same_word,
    word_keys,
    word_kind,
    word_spans,
)
from summarizer.languages import UNSPACED
from summarizer.text.segmentation import split_sentences

_SPELLED = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{Arabic}\d]")  # scripts with spelled numbers


@dataclass(frozen=True)
class Fact:
    """One fact as written in a sentence: `text` is `sentence[start:end]`; `keys` its comparable forms."""

    text: str
    kind: str  # number, date, time, name, term
    start: int
    end: int
    keys: frozenset[str]


class SourceFacts:
    """Everything a summary's facts are compared against, computed once per article. Lemmas are looked up
    only when a summary word is not found as written: loading a language's lemma dictionary takes
    seconds, and most summary words are found directly."""

    def __init__(self, source: str, language: str | None) -> None:
        self.language = language
        keys: set[str] = set()
        words: set[str] = set()
        names: set[str] = set()  # capitalised where no sentence starts: people, places, organisations
        first_parts: set[str] = set()  # of a name of several words ("margarete" of "Margarete Vogt")
        last_parts: set[str] = set()   # ("vogt")
        previous: tuple[int, str] | None = None  # the capitalised word just before, and its end
        for start, end, word in word_spans(source):
            if not word[0].isupper():
                previous = None
                continue
            if not _opens_sentence(source, start):
                names |= word_keys(word)
            if previous and source[previous[0]:start] == " ":
                first_parts.add(fold(previous[1]))
                last_parts.add(fold(word))
            previous = (end, word)
        for text in digit_readings(source, language):
            for fact in _facts(text, language):
                keys |= fact.keys
            keys |= _fraction_products(text, language)
            for _, _, readings in dates(text, language):
                for reading in readings:
                    keys |= date_keys_matching(reading)
                    keys |= {number_key(reading.day)} if reading.day else set()
            for _, _, word in word_spans(text):
                words.add(word)
                keys |= word_keys(word)
        for value in [k for k in keys if k.startswith("d:") and not k.startswith("d:*")]:
            keys.add(number_key(float(value[2:].split("-")[0])))  # a date's year is a number too
        for a, b, _ in article_scores(source):  # a score's margin: "menés de seize points" after 3-19
            keys.add(number_key(abs(float(a) - float(b))))
        self.keys = frozenset(keys)
        self.names = frozenset(names)
        # Words the article writes only inside names: in a lower-cased summary they are names still.
        self.name_only = self.names - {fold(w) for w in words if not w[0].isupper()}
        self._parts = (frozenset(first_parts), frozenset(last_parts))
        self._source = source
        self._words = words
        self._lemmas: frozenset[str] | None = None

    @cached_property
    def shares(self) -> frozenset[float]:
        """Looked for only when a summary states a ratio ("four in five") or a fraction ("half")."""
        return frozenset(_shares(self._source, self.language)) | self.fraction_shares

    @cached_property
    def name_parts(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first and the last words of the article's names of several words that can be names
        (not "Stadt" of "Stadt Wendelbach"): looked for only in a lower-cased summary sentence, as
        telling them needs the language's lemmas, which take seconds to load."""
        first, last = (frozenset(w for w in parts & self.name_only if can_be_a_name(w, self.language))
                       for parts in self._parts)
        return first, last

    @cached_property
    def part_shares(self) -> frozenset[float]:
        """What a ratio may be beside the shares: a vote's "812 for and 203 against" is four in five."""
        return frozenset(_part_shares(self._source, self.language))

    @cached_property
    def fraction_shares(self) -> frozenset[float]:
        """The shares the article writes in words ("a third"): what a summary's percentage may be."""
        return frozenset(as_share(value) for _, _, value in fractions(self._source, self.language))

    def has_inflection_of(self, word: str) -> bool:
        """Whether a name of the article is this word with another ending ("Зуев", "Зуева")."""
        key = fold(word)
        return any(same_word(key, name) for name in self.names)

    def has_lemma_of(self, word: str) -> bool:
        lemma = lemma_of(word, self.language)
        if lemma is None:
            return False
        if self._lemmas is None:
            self._lemmas = frozenset(fold(lemma_of(w, self.language) or w) for w in self._words)
        return fold(lemma) in self._lemmas


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of a sentence, one after a quotation ("…running.” Her")
    included; after "…,” said" it is not."""
    before = text[:start].rstrip()
    if before[-1:] in ("", '"', "“", "—"):
        return True
    return before.rstrip("”’»」』")[-1:] in (".", "!", "?")


def _facts(text: str, language: str | None) -> Iterator[Fact]:
    """Numbers, dates and times in `text` (digits already ASCII), each once, dates before their numbers."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for start, end, readings in dates(text, language):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "date", start, end, frozenset(date_key(r) for r in readings))
    for start, end, key in weekdays(text, language):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "date", start, end, frozenset({key}))
    for start, end, key in times(text):
        if free(start, end):
            taken.append((start, end))
            yield Fact(text[start:end], "time", start, end, frozenset({key}))
    for match in NUMBER.finditer(text):
        if free(*match.span()):
            taken.append(match.span())
            keys = frozenset(number_key(v) for v in values(match["digits"], match["scale"], language))
            yield Fact(match.group(), "number", match.start(), match.end(), keys)


# "four in five", "cuatro de cada cinco", "7 из 10": a share, compared with the article's percentages and
# the shares its numbers make ("812 of 1,015 voters")
_RATIO = regex.compile(r"(?<![\d.,])(\d+)\s+(?:in|out of|of every|de cada|em cada|sur|von|auf|su|из|на|من كل|में से)"
                       r"\s+(\d+)(?![\d.,])", regex.IGNORECASE)
_PERCENT = regex.compile(r"(\d+(?:[.,]\d+)?)\s?(?:%s)" % "|".join(
    regex.escape(w) for w in sorted(PERCENT_WORDS, key=len, reverse=True)), regex.IGNORECASE)
SHARE_TOLERANCE = 0.015


def _shares(source: str, language: str | None) -> Iterator[float]:
    """The shares the article states: its percentages, and each smaller number of a sentence over a
    larger one ("1,200 of 2,400")."""
    for sentence, found in _sentence_numbers(source, language):
        for match in _PERCENT.finditer(sentence):
            yield float(match[1].replace(",", ".")) / 100
        yield from (a / b for i, b in enumerate(found) for a in found[:i] if b)


def _part_shares(source: str, language: str | None) -> Iterator[float]:
    """For two numbers of a sentence, each over both: "812 for and 203 against" is four in five for."""
    for _, found in _sentence_numbers(source, language):
        yield from (x / (a + b) for i, b in enumerate(found) for a in found[:i] if a + b for x in (a, b))


def _sentence_numbers(source: str, language: str | None) -> Iterator[tuple[str, list[float]]]:
    """Each sentence of the article in digits, with its numbers in increasing order."""
    for sentence in split_sentences(numbers_in_digits(ascii_digits(source), language), language):
        yield sentence, sorted({max(values(m["digits"], m["scale"], language)) for m in NUMBER.finditer(sentence)})


def _fraction_products(text: str, language: str | None) -> set[str]:
    """Number keys of "half of the 2,400" (1,200), "le double des 300" (600): a fraction times the
    number right after it."""
    return {key for _, end, value in fractions(text, language) for key in _product(text, end, value, language)}


def _product(text: str, end: int, value: float, language: str | None) -> set[str]:
    match = NUMBER.search(text, end, end + _FRACTION_REACH)
    return {number_key(value * v) for v in values(match["digits"], match["scale"], language)} if match else set()


_FRACTION_REACH = 25  # characters from a fraction to the number it takes: "la moitié des 2,5 millions"


def _share_keys(text: str, sentence: str, source: SourceFacts) -> set[str]:
    """Keys of the shares a summary sentence states that the article states too: ratios ("four in
    five") and fractions ("a third") against the article's shares, percentages against its fractions
    ("33 %" for "a third"). `text` is the sentence in digits."""
    def matches(share: float, shares: frozenset[float]) -> bool:
        return any(abs(share - known) <= SHARE_TOLERANCE for known in shares)

    keys: set[str] = set()
    for match in _RATIO.finditer(text):
        part, whole = float(match[1]), float(match[2])
        if whole and part < whole and matches(part / whole, source.shares | source.part_shares):
            keys |= {number_key(part), number_key(whole)}
    for match in _PERCENT.finditer(text):
        if matches(float(match[1].replace(",", ".")) / 100, source.fraction_shares):
            keys.add(number_key(float(match[1].replace(",", "."))))
    numeric = ascii_digits(sentence)
    for _, end, value in fractions(numeric, source.language):
        # the share itself, or "la moitié des 2,5 millions" where the article has the 1,25 million
        if matches(as_share(value), source.shares) or _product(numeric, end, value, source.language) & source.keys:
            keys.add(share_key(value))
    return keys


def share_key(value: float) -> str:
    return f"share:{value:.4f}"


def stated_facts(sentence: str, language: str | None) -> list[Fact]:
    """The numbers, dates and times a sentence states (number words and fractions included), as spans
    of it."""
    numeric = ascii_digits(sentence)
    converted = numbers_in_digits(numeric, language)
    spans = _SpanMap(numeric, converted)
    shares = [Fact(sentence[start:end], "number", start, end, frozenset({share_key(value)}))
              for start, end, value in fractions(sentence, language)]
    facts = [spans.fact_in(sentence, fact) for fact in _facts(converted, language)]
    return sorted(shares + [f for f in facts if not any(f.start < s.end and s.start < f.end for s in shares)],
                  key=lambda f: f.start)


def unsupported_facts(sentence: str, source: SourceFacts) -> list[Fact]:
    """The facts of a summary sentence that the article does not state, each once, in sentence order."""
    language = source.language
    numeric = ascii_digits(sentence)
    shares = _share_keys(numbers_in_digits(numeric, language), sentence, source)
    flagged = [fact for fact in stated_facts(sentence, language) if not fact.keys & (source.keys | shares)]
    covered = [(f.start, f.end) for f in flagged] + [(s, e) for s, e, _ in dates(numeric, language)] + \
        [(s, e) for s, e, _ in times(numeric)] + [(s, e) for s, e, _ in weekdays(numeric, language)]
    if language not in UNSPACED:
        lower_cased = sentence == sentence.lower() != sentence.upper()  # a tool that writes no capitals
        spans = sorted(word_spans(sentence))
        for index, (start, end, word) in enumerate(spans):
            if any(s <= start < e for s, e in covered) or any(ch.isdigit() for ch in word) or len(word) < 2:
                continue
            keys = word_keys(word)
            if keys & source.keys:
                continue
            kind = word_kind(word, start, sentence, language)
            if kind is None and word[0].isupper() and not is_common_opener(word, start, sentence, language) \
                    and next_to_a_known_name(spans, index, sentence, source.names):
                kind = "name"  # "Margarete Schulz" where the article has "Margarete Vogt"
            elif lower_cased and kind != "name" and (is_rare_for_a_name(word, language) or (
                    can_be_a_name(word, language, capitalised=False) and
                    _in_a_known_name(spans, index, sentence, source))):
                kind = "name"  # "tomas osei", "margarete schulz" where the article has "Margarete Vogt"
            if kind and not source.has_lemma_of(word) and not source.has_inflection_of(word):
                flagged.append(Fact(word, kind, start, end, frozenset(keys)))
    unique: dict[tuple[str, frozenset[str]], Fact] = {}  # a fact repeated in the sentence, once
    for fact in sorted(flagged, key=lambda f: f.start):
        unique.setdefault((fact.kind, fact.keys), fact)
    return list(unique.values())


def _in_a_known_name(spans: list[tuple[int, int, str]], index: int, sentence: str, source: SourceFacts) -> bool:
    """Whether the word stands where a name of the article goes on: after its first part, or before its
    last part, with only a space between."""
    first_parts, last_parts = source.name_parts
    for other, parts in ((index - 1, first_parts), (index + 1, last_parts)):
        if 0 <= other < len(spans):
            first, second = sorted((spans[index], spans[other]))
            if sentence[first[1]:second[0]] == " " and fold(spans[other][2]) in parts:
                return True
    return False


class _SpanMap:
    """Maps a span of the sentence with number words turned into digits back onto the sentence."""

    def __init__(self, original: str, converted: str) -> None:
        self.same = original == converted
        self.blocks = [] if self.same else \
            difflib.SequenceMatcher(None, original, converted, autojunk=False).get_opcodes()

    def position(self, converted_position: int, end: bool) -> int:
        if self.same:
            return converted_position
        for _, a_start, a_end, b_start, b_end in self.blocks:
            if b_start <= converted_position < b_end or (end and converted_position == b_end):
                if a_end - a_start == b_end - b_start:
                    return a_start + converted_position - b_start
                return a_end if end else a_start
        return converted_position

    def fact_in(self, sentence: str, fact: Fact) -> Fact:
        start, end = self.position(fact.start, False), self.position(fact.end, True)
        while start > 0 and _SPELLED.match(sentence[start - 1]):  # number words map back to whole words
            start -= 1
        while end < len(sentence) and _SPELLED.match(sentence[end]):
            end += 1
        return Fact(sentence[start:end], fact.kind, start, end, fact.keys)
