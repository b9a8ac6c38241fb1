"""Who said it: a quotation of the summary against the same quotation in the article, by the names of
the clause that attributes it. Quotation marks of the languages the page offers; a pronoun ("she
said") takes the nearest earlier sentence of the article that names someone. Scripts without capitals
(Chinese, Japanese) compare the attributing clauses character pair by character pair."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from summarizer.checks.relations import WrongRelation
from summarizer.checks.tokens import Token, tokens
from summarizer.checks.words import word_keys
from summarizer.languages import UNSPACED

MIN_SHARED = 0.6  # of a summary quotation's words, found in the article's quotation
QUOTATION = regex.compile(r"“(?P<q>[^”“]+)”|„(?P<q>[^“”„]+)[“”]|«\s?(?P<q>[^»«]+?)\s?»|(?<!\d)\"(?P<q>[^\"]+)\"|"
                          r"「(?P<q>[^」]+)」|『(?P<q>[^』]+)』|‹(?P<q>[^›]+)›")
_SENTENCE_END = regex.compile(r"[.!?。！？؟।\n]")
# Character pairs of the verbs that attribute, in scripts without spaces: they name nobody.
_SAYING = frozenset({"表示", "指出", "认为", "認為", "强调", "強調", "述べ", "語っ", "話し", "説明", "と述", "と語",
                     "と話", "した", "說：", "说："})


@dataclass(frozen=True)
class Quotation:
    start: int          # the words inside the marks
    end: int
    attribution: str    # the text outside quotations that says who spoke


class QuotationMarks:
    """Where a text's quotations are, marks included, found once: which positions lie inside one and
    where one closes, each answered in constant time (a long article can hold a thousand)."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in QUOTATION.finditer(text)]
        self.starts = [start for start, _ in self.spans]
        self.ends = {end for _, end in self.spans}
        self._inside = bytearray(len(text) + 1)
        for start, end in self.spans:
            self._inside[start + 1:max(start + 1, end - 1)] = b"\x01" * max(0, end - start - 2)

    def inside(self, position: int) -> bool:
        return bool(self._inside[position])

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations wholly between `start` and `end`."""
        first = bisect.bisect_left(self.starts, start)
        return [span for span in self.spans[first:bisect.bisect_right(self.starts, end)] if span[1] <= end]


def quotations(text: str, language: str | None = None, marks: QuotationMarks | None = None) -> list[Quotation]:
    """Each quotation of `text` with the rest of its sentence, the other quotations of it left out."""
    marks = marks or QuotationMarks(text)
    found = []
    for match in QUOTATION.finditer(text):
        clause_start = _clause_start(text, match.start(), marks, language)
        clause_end = _clause_end(text, match.end(), marks, language)
        outside, position = [], clause_start
        for s, e in marks.within(clause_start, clause_end):
            outside.append(text[position:s])
            position = e
        outside.append(text[position:clause_end])
        found.append(Quotation(match.start("q"), match.end("q"), " ".join(outside)))
    return found


def _clause_start(text: str, position: int, marks: QuotationMarks, language: str | None) -> int:
    """Where the sentence holding `position` starts: after the last sentence end before it that no
    quotation holds, or after a quotation that ends its sentence ("…starts.” “Nobody…")."""
    while position > 0:
        if (_SENTENCE_END.match(text[position - 1]) and not marks.inside(position - 1)) or \
                _after_a_closing_quotation(text, position, marks, language):
            return position
        position -= 1
    return 0


def _clause_end(text: str, position: int, marks: QuotationMarks, language: str | None) -> int:
    while position < len(text):
        if (_SENTENCE_END.match(text[position]) and not marks.inside(position)) or \
                _after_a_closing_quotation(text, position, marks, language):
            return position
        position += 1
    return len(text)


def _after_a_closing_quotation(text: str, position: int, marks: QuotationMarks, language: str | None) -> bool:
    """Just after a quotation whose last word ends a sentence: “…starts.” In Chinese and Japanese the
    attribution follows such a quotation in the same sentence (“…赢的。”王海峰说)."""
    return language not in UNSPACED and position >= 2 and position in marks.ends and \
        _SENTENCE_END.match(text[position - 2]) is not None


def _names(clause: str, names: frozenset[str], language: str | None) -> set[str]:
    if language in UNSPACED:
        pairs = {clause[i:i + 2] for i in range(len(clause) - 1)}
        return {p for p in pairs if p not in _SAYING and all(ch.isalpha() for ch in p)}
    return {key for word in regex.findall(r"[\p{L}\p{M}'’\-]+", clause) for key in word_keys(word) if key in names}


def _shared_share(summary_words: Sequence[Token], article_words: Sequence[Token]) -> float:
    """Of the summary quotation's content words (all its words if it has none), those the article's has."""
    keys = {t.key for t in article_words}
    counted = [t for t in summary_words if t.content] or list(summary_words)
    return sum(t.key in keys for t in counted) / len(counted)


@dataclass(frozen=True)
class ArticleQuotes:
    """An article's quotations and who says each, found once for all the sentences of its summary."""
    text: str
    quotes: list[Quotation]
    speakers: list[tuple[set[str], str]]  # the names attributing each quotation, and how they are written
    names: frozenset[str]

    @classmethod
    def of(cls, article: str, names: frozenset[str], language: str | None) -> ArticleQuotes:
        marks = QuotationMarks(article)
        found = quotations(article, language, marks)
        return cls(article, found, [_speaker(article, quote, marks, names, language) for quote in found], names)


def wrong_speaker(summary_sentence: str, article: ArticleQuotes, language: str | None) -> WrongRelation | None:
    """A quotation the summary gives to someone the article names, where the article gives it to
    somebody else."""
    article_quotes, speakers, names = article.quotes, article.speakers, article.names
    if not article_quotes:
        return None
    everyone = set().union(*(s for s, _ in speakers))
    for quote in quotations(summary_sentence, language):
        words = tokens(summary_sentence[quote.start:quote.end], language)
        if len(words) < (4 if language in UNSPACED else 2):
            continue
        shares = [_shared_share(words, tokens(article.text[q.start:q.end], language)) for q in article_quotes]
        best = max(range(len(shares)), key=shares.__getitem__)
        if shares[best] < MIN_SHARED:
            continue
        said_by = _names(quote.attribution, names, language) & everyone
        right, shown = speakers[best]
        if said_by and right and not said_by & right:
            return WrongRelation("speaker", quote.start, quote.end,
                                 f"the article gives these words to {shown}")
    return None


def _speaker(article: str, quote: Quotation, marks: QuotationMarks, names: frozenset[str],
             language: str | None) -> tuple[set[str], str]:
    """The names attributing `quote`, and how the article writes them; for "she said", those of the
    nearest of the three sentences before it that names someone."""
    for clause in attributing_clauses(article, quote, marks, language):
        found = _names(clause, names, language)
        if found:
            return found, _written(clause, found, language)
    return set(), ""


def attributing_clauses(article: str, quote: Quotation, marks: QuotationMarks,
                        language: str | None) -> Iterator[str]:
    """Where the speaker of `quote` is named: the rest of its sentence, then the three sentences before
    it, nearest first, their quotations left out."""
    yield quote.attribution
    position = _clause_start(article, quote.start, marks, language)
    for _ in range(3):
        if position <= 0:
            return
        start = _clause_start(article, position - 1, marks, language)
        yield regex.sub(QUOTATION, " ", article[start:position])
        position = start


def _written(clause: str, found: set[str], language: str | None) -> str:
    if language in UNSPACED:
        return clause.strip(" ，、,。")
    words = [m for m in regex.finditer(r"[\p{L}\p{M}'’\-]+", clause)
             if word_keys(m.group()) & found]
    return clause[words[0].start():words[-1].end()] if words else ""
