"""Relations a summary can get wrong with no new word: the two sides of a result swapped ("Chelsea beat
Liverpool" for "Liverpool beat Chelsea"), a score or vote reversed ("1-3" for "3-1"), and a number of
the article given to another thing it counts (the 31 saves given to the 33 shots). Each is compared
with the aligned article sentences, in every language: by the order of shared stretches of words, and
by the words that follow a number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from summarizer.checks.numbers import NUMBER, PERCENT_WORDS, ascii_digits, values
from summarizer.checks.tokens import Token, tokens
from summarizer.checks.words import fold, same_word
from summarizer.languages import UNSPACED

COUNTED_WORDS = 2  # a number counts the first content words after it, up to the next number
# Words that put the doer after the verb ("beaten by"): the order of the sides then says nothing.
_AGENT_MARKERS = frozenset(fold(w) for w in (
    "by par von vom durch por pelo pela pelos pelas da dal dalla dai dagli door przez tarafından द्वारा "
    "قبل 被 遭 让 讓 に").split())
_COUNTERS = frozenset("名个個位人次年月日万萬亿億元円票点分")  # CJK counters say what is counted only with a noun
# Units that say how, not what, a number counts: "12 percent" of shares and "8 percent" of revenue differ.
_UNITS = frozenset(fold(w) for w in (*" ".join(PERCENT_WORDS).split(),
                                     *"cento fois times mal veces volte vezes раз раза 倍".split()))
MAX_GAP = 3  # tokens between the sides and the word that relates them: more is another clause
_SCORE_JOIN = r"\s?(?:[-–—:]|比|対|对|\s(?:to|a|à|zu|contra|против|mot|til)\s)\s?"
_SCORE_SIDE = r"(\d{1,3}(?:[,.\u00a0\u202f]\d{3})?)"
_SCORE = regex.compile(rf"(?<![\d.,:\-–]){_SCORE_SIDE}{_SCORE_JOIN}{_SCORE_SIDE}(?![\d:\-–])")


RELATION_KINDS = ("sides", "score", "count", "negation", "speaker")  # said with the article's words, wrongly


@dataclass(frozen=True)
class WrongRelation:
    """One relation a summary sentence gets wrong (this module's, `negation`'s and `quotes`')."""
    kind: str     # one of RELATION_KINDS
    start: int    # the span in the summary sentence
    end: int
    reason: str   # for a reader, with the article's own words


@dataclass(frozen=True)
class _Stretch:
    """Consecutive summary tokens found consecutively, once, in the article sentence."""
    first: int
    last: int          # exclusive
    source_first: int
    source_last: int


def _stretches(summary: Sequence[Token], source: Sequence[Token]) -> list[_Stretch]:
    found, i = [], 0
    while i < len(summary):
        runs = []
        for j in range(len(source)):
            k = 0
            while i + k < len(summary) and j + k < len(source) and \
                    same_word(summary[i + k].key, source[j + k].key):
                k += 1
            if k:
                runs.append((k, j))
        if not runs:
            i += 1
            continue
        length, j = max(runs, key=lambda run: (run[0], -run[1]))
        if sum(run[0] >= length for run in runs) == 1:  # a stretch the article has twice places nothing
            found.append(_Stretch(i, i + length, j, j + length))
        i += length
    return found


def _is_side(stretch: _Stretch, summary: Sequence[Token], language: str | None) -> bool:
    words = summary[stretch.first:stretch.last]
    if language in UNSPACED:
        return len(words) >= 2 and not all(t.text.isdigit() for t in words)
    return any(t.content and not t.text[0].isdigit() for t in words)


def _gap(words: Sequence[Token], first: int, last: int) -> int:
    """Tokens between two stretches, a score's digits apart ("beat 98 to 91")."""
    return sum(not t.text[0].isdigit() for t in words[first:last])


def _has_agent(words: Sequence[Token]) -> bool:
    return any(fold(t.text) in _AGENT_MARKERS for t in words)


def swapped_sides(summary_sentence: str, source_sentence: str, language: str | None) -> WrongRelation | None:
    """Two stretches the article has on either side of a third, which the summary has the other way
    round: "A beat B" against "B beat A". A passive on one side only ("B was beaten by A") is no swap."""
    summary, source = tokens(summary_sentence, language), tokens(source_sentence, language)
    stretches = [s for s in _stretches(summary, source) if _is_side(s, summary, language)]
    for a in range(len(stretches)):
        for b in range(a + 1, len(stretches)):
            for c in range(b + 1, len(stretches)):
                left, middle, right = stretches[a], stretches[b], stretches[c]
                if not right.source_last <= middle.source_first < middle.source_last <= left.source_first:
                    continue
                if max(_gap(summary, left.last, middle.first), _gap(summary, middle.last, right.first),
                       _gap(source, right.source_last, middle.source_first),
                       _gap(source, middle.source_last, left.source_first)) > MAX_GAP:
                    continue
                if _has_agent(summary[middle.last:right.first]) != \
                        _has_agent(source[middle.source_last:left.source_first]):
                    continue
                said = source_sentence[source[right.source_first].start:source[left.source_last - 1].end]
                return WrongRelation("sides", summary[left.first].start, summary[right.last - 1].end,
                                     f'the article has it the other way round: "{said}"')
    return None


def _digits_only(side: str) -> str:
    return regex.sub(r"\D", "", side)


ArticleScores = list[tuple[str, str, str]]  # each score of the article: its two sides' digits, as written


def article_scores(article: str) -> ArticleScores:
    """Found once per article, for all the sentences of its summary."""
    return [(_digits_only(m[1]), _digits_only(m[2]), article[m.start():m.end()])
            for m in _SCORE.finditer(ascii_digits(article))]


def reversed_score(summary_sentence: str, written: ArticleScores) -> WrongRelation | None:
    """A score or vote the article gives only the other way round."""
    pairs = {(a, b) for a, b, _ in written}
    digits = ascii_digits(summary_sentence)
    for match in _SCORE.finditer(digits):
        a, b = _digits_only(match[1]), _digits_only(match[2])
        if a != b and (b, a) in pairs and (a, b) not in pairs:
            said = next(text for x, y, text in written if (x, y) == (b, a))
            return WrongRelation("score", match.start(), match.end(),
                                 f'the article gives it the other way round: "{said}"')
    return None


@dataclass(frozen=True)
class _Count:
    value: float
    start: int
    end: int
    counted: tuple[Token, ...]  # the words it counts


def _counts(sentence: str, language: str | None) -> tuple[_Count, ...]:
    words = tokens(sentence, language)
    score_spans = [m.span() for m in _SCORE.finditer(ascii_digits(sentence))]
    found = []
    for match in NUMBER.finditer(ascii_digits(sentence)):
        if any(s <= match.start() < e for s, e in score_spans):
            continue
        after = [t for t in words if t.start >= match.end()]
        counted: list[Token] = []
        position = match.end()
        for token in after[:COUNTED_WORDS + 2]:
            if token.text[0].isdigit() or regex.search(r"[^\s\p{L}\p{M}%]", sentence[position:token.start]):
                break  # a number or a punctuation mark: what follows is not what it counts
            position = token.end
            if token.content and token.text not in _COUNTERS and fold(token.text) not in _UNITS \
                    and not regex.fullmatch(r"\p{Hiragana}+", token.text):  # particles count nothing
                counted.append(token)
            if len(counted) == COUNTED_WORDS or (language in UNSPACED and len(counted) == 3):
                break
        found.append(_Count(max(values(match["digits"], match["scale"], language)), match.start(),
                            match.end(), tuple(counted)))
    return tuple(found)


def _counts_same(a: _Count, b: _Count) -> bool:
    return any(same_word(x.key, y.key) for x in a.counted for y in b.counted)


ArticleCounts = list[tuple[str, _Count]]  # each number of the article, with its sentence


def article_counts(article_sentences: Sequence[str], language: str | None) -> ArticleCounts:
    """Computed once per article, for all the sentences of its summary."""
    return [(text, count) for text in article_sentences for count in _counts(text, language)]


def moved_number(summary_sentence: str, article: ArticleCounts, language: str | None) -> WrongRelation | None:
    """A number of the summary that the article states, but never for what the summary counts with it,
    while another number of the article counts that: "33 saves" where the article has "31 saves of 33
    shots". Where the article's number counts nothing it names ("1,200 of them"), nothing is said."""
    for count in _counts(summary_sentence, language):
        if not count.counted:
            continue
        same_value = [c for _, c in article if c.value == count.value]
        if not same_value or any(not c.counted or _counts_same(c, count) for c in same_value):
            continue
        other = next(((text, c) for text, c in article if c.value != count.value and _counts_same(c, count)),
                     None)
        if other is None:
            continue
        text, c = other
        said = text[c.start:c.counted[-1].end]
        return WrongRelation("count", count.start, count.counted[-1].end,
                             f'the article gives another number for this: "{said}"')
    return None
