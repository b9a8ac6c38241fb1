"""Who said it: a quotation of the summary against the same quotation in the article, by the names of
the clause that attributes it. Quotation marks of the languages the page offers; a pronoun ("she
said") takes the nearest earlier sentence of the article that names someone. Scripts without capitals
(Chinese, Japanese) compare the attributing clauses character pair by character pair."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from summarizer.checks.tokens import Token, tokens
from summarizer.checks.words import word_keys
from summarizer.languages import UNSPACED

MIN_SHARED = 0.6  # of a summary quotation's words, found in the article's quotation
QUOTATION = regex.compile(r"“(?P<q>[^”“]+)”|„(?P<q>[^“”„]+)[“”]|«\s?(?P<q>[^»«]+?)\s?»|\"(?P<q>[^\"]+)\"|"
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


@dataclass(frozen=True)
class WrongSpeaker:
    start: int
    end: int
    reason: str


def quotations(text: str) -> list[Quotation]:
    """Each quotation of `text` with the clause around it, or the nearest earlier clause naming
    someone when its own has only a pronoun (left to `speaker_names`)."""
    spans = [(m.start("q"), m.end("q")) for m in QUOTATION.finditer(text)]
    found = []
    for start, end in spans:
        clause_start = _clause_start(text, start - 1)
        clause_end = _clause_end(text, end + 1)
        outside, position = [], clause_start
        for s, e in spans:
            if e <= clause_start or s >= clause_end:
                continue
            outside.append(text[position:max(position, s - 1)])
            position = min(clause_end, e + 1)
        outside.append(text[position:clause_end])
        found.append(Quotation(start, end, " ".join(outside)))
    return found


def _clause_start(text: str, position: int) -> int:
    while position > 0:
        if _SENTENCE_END.match(text[position - 1]) and not _inside_quotation(text, position - 1):
            return position
        position -= 1
    return 0


def _clause_end(text: str, position: int) -> int:
    while position < len(text):
        if _SENTENCE_END.match(text[position]) and not _inside_quotation(text, position):
            return position
        position += 1
    return len(text)


def _inside_quotation(text: str, position: int) -> bool:
    return any(m.start() < position < m.end() - 1 for m in QUOTATION.finditer(text, max(0, position - 2000),
                                                                            min(len(text), position + 2000)))


def _names(clause: str, names: frozenset[str], language: str | None) -> set[str]:
    if language in UNSPACED:
        pairs = {clause[i:i + 2] for i in range(len(clause) - 1)}
        return {p for p in pairs if p not in _SAYING and all(ch.isalpha() for ch in p)}
    return {key for word in regex.findall(r"[\p{L}\p{M}'’\-]+", clause)
            for key in word_keys(regex.sub(r"['’]s?$", "", word)) if key in names}


def _shared_share(summary_words: Sequence[Token], article_words: Sequence[Token]) -> float:
    keys = {t.key for t in article_words}
    content = [t for t in summary_words if t.content] or list(summary_words)
    return sum(t.key in keys for t in content) / len(content) if content else 0.0


@dataclass(frozen=True)
class ArticleQuotes:
    """An article's quotations and who says each, found once for all the sentences of its summary."""
    text: str
    quotes: list[Quotation]
    speakers: list[tuple[set[str], str]]  # the names attributing each quotation, and how they are written
    names: frozenset[str]

    @classmethod
    def of(cls, article: str, names: frozenset[str], language: str | None) -> ArticleQuotes:
        found = quotations(article)
        return cls(article, found, [_speaker(article, i, found, names, language) for i in range(len(found))],
                   names)


def wrong_speaker(summary_sentence: str, article: ArticleQuotes, language: str | None) -> WrongSpeaker | None:
    """A quotation the summary gives to someone the article names, where the article gives it to
    somebody else."""
    article_quotes, speakers, names = article.quotes, article.speakers, article.names
    if not article_quotes:
        return None
    everyone = set().union(*(s for s, _ in speakers))
    for quote in quotations(summary_sentence):
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
            return WrongSpeaker(quote.start, quote.end, f"the article gives these words to {shown}")
    return None


def _speaker(article: str, index: int, quotes: list[Quotation], names: frozenset[str],
             language: str | None) -> tuple[set[str], str]:
    """The names attributing quotation `index`, and how the article writes them; earlier clauses
    when its own names nobody."""
    quote = quotes[index]
    clause, position = quote.attribution, quote.start
    for _ in range(4):
        found = _names(clause, names, language)
        if found:
            return found, _written(clause, found, language)
        position = _clause_start(article, position - 1) - 1
        if position <= 0:
            break
        start = _clause_start(article, position)
        clause = regex.sub(QUOTATION, " ", article[start:position])
    return set(), ""


def _written(clause: str, found: set[str], language: str | None) -> str:
    if language in UNSPACED:
        return clause.strip(" ，、,。")
    words = [m for m in regex.finditer(r"[\p{L}\p{M}'’\-]+", clause)
             if word_keys(regex.sub(r"['’]s?$", "", m.group())) & found]
    return clause[words[0].start():words[-1].end()] if words else ""
