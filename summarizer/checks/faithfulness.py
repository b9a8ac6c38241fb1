"""Where each summary sentence comes from, which of its facts the source does not state, and a verdict.

Alignment uses TF-IDF overlap with the source sentences rather than a sentence-embedding model: the one
embedding model installable offline (all-MiniLM-L6-v2) is English-only, and overlap works in every
language the splitter handles. Facts are compared in normalised forms (`facts.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from summarizer.checks.entailment import Entailment
from summarizer.checks.facts import SourceFacts, stated_facts, unsupported_facts
from summarizer.checks.negation import negation_mismatch
from summarizer.checks.quotes import ArticleQuotes, wrong_speaker
from summarizer.checks.relations import (
    RELATION_KINDS,
    WrongRelation,
    article_counts,
    article_scores,
    moved_number,
    reversed_score,
    swapped_sides,
)
from summarizer.checks.words import fold
from summarizer.languages import language_name
from summarizer.text.article import Article
from summarizer.text.language_detection import detect_language
from summarizer.text.segmentation import content_terms
from summarizer.text.similarity import cosine, tfidf_vectors

MIN_SUPPORT = 0.12       # below this cosine, a source sentence is not evidence
SECOND_SOURCE = 0.6      # a second source sentence counts if it scores this share of the best one
ENTAILED = 0.5           # deep check: entailment beats contradiction by half the probability mass
CONTRADICTED = 0.0       # deep check: no window of the article entails it more than it contradicts it
SUPPORTED, PARTLY, NOT_FOUND, UNCHECKED = "supported", "partly", "not_found", "unchecked"
SHARED_WORDS = 0.4  # a summary in another language shares fewer of its ordinary words with the article
# The article translated into a language, sentence for sentence; None where no translator is at hand.
ArticleTranslation = Callable[[Article, str], "Article | None"]


@dataclass(frozen=True)
class SentenceSupport:
    sentence: str
    sources: tuple[int, ...]
    scores: tuple[float, ...]
    source_sentences: tuple[str, ...]
    verdict: str  # supported, partly, not_found (see with_verdicts and with_entailment) or unchecked
    entailment: float | None = None  # the deep check's score, -1..1, when it ran
    fact_count: int = 0  # the numbers, dates and times it states, each once
    # A summary in another language than its article: the language of the article's machine translation
    # it was checked against ("" when checked against the article itself).
    compared_with: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Without an empty `compared_with`, so a result reads as it did before translations were used."""
        fields = asdict(self)
        return fields if self.compared_with else {k: v for k, v in fields.items() if k != "compared_with"}


@dataclass(frozen=True)
class UnsupportedFact:
    text: str
    kind: str  # number, date, time, name or term; or one of RELATION_KINDS
    sentence: int
    start: int  # the span of `text` in the summary sentence, for highlighting
    end: int
    reason: str = ""  # for a relation: what the article says instead

    def to_dict(self) -> dict[str, Any]:
        """Without an empty reason: a missing fact's dict reads as it did before relations were checked."""
        fields = asdict(self)
        return fields if self.reason else {k: v for k, v in fields.items() if k != "reason"}


def align_support(summary_sentences: list[str], source_sentences: list[str]) -> list[SentenceSupport]:
    """For each summary sentence, the one or two source sentences it rests on (none if nothing fits)."""
    source_terms = [content_terms(s) for s in source_sentences]
    vectors = tfidf_vectors(source_terms, [content_terms(s) for s in summary_sentences])
    source_vectors, summary_vectors = vectors[:len(source_sentences)], vectors[len(source_sentences):]
    supports = []
    for sentence, vector in zip(summary_sentences, summary_vectors):
        ranked = sorted(((cosine(vector, v), i) for i, v in enumerate(source_vectors)),
                        key=lambda pair: (-pair[0], pair[1]))
        best = ranked[0][0] if ranked else 0.0
        kept = [(s, i) for s, i in ranked[:2]
                if s >= MIN_SUPPORT and (i == ranked[0][1] or s >= SECOND_SOURCE * best)]
        supports.append(SentenceSupport(sentence, tuple(i for _, i in kept),
                                        tuple(round(s, 3) for s, _ in kept),
                                        tuple(source_sentences[i] for _, i in kept),
                                        SUPPORTED if kept else NOT_FOUND))
    return supports


def find_unsupported(summary_sentences: list[str], source: str,
                     language: str | None = None) -> list[UnsupportedFact]:
    """Numbers, dates, times, names and rare terms in the summary that the source never states, each
    once per sentence, with its span."""
    return _unsupported(summary_sentences, SourceFacts(source, language))


def _unsupported(summary_sentences: list[str], source_facts: SourceFacts) -> list[UnsupportedFact]:
    return [UnsupportedFact(fact.text, fact.kind, index, fact.start, fact.end)
            for index, sentence in enumerate(summary_sentences)
            for fact in unsupported_facts(sentence, source_facts)]


def wrong_relations(supports: list[SentenceSupport], article: Article,
                    source_facts: SourceFacts) -> list[UnsupportedFact]:
    """What a sentence says with the article's own words but puts together otherwise: sides of a result,
    a score, a number and what it counts, a negation, a quotation's speaker; the first found in each
    sentence. Compared with the sentence's sources and, for numbers, scores and quotations, the whole
    article."""
    language = article.language
    counts, scores = article_counts(article.sentences, language), article_scores(article.text)
    quoted = ArticleQuotes.of(article.text, source_facts.names, language)

    def relations(support: SentenceSupport) -> Iterator[WrongRelation | None]:
        sentence = support.sentence
        yield from (swapped_sides(sentence, source, language) for source in support.source_sentences)
        yield reversed_score(sentence, scores)
        yield moved_number(sentence, counts, language)
        yield negation_mismatch(sentence, support.source_sentences, language)
        yield wrong_speaker(sentence, quoted, language)

    found = []
    for index, support in enumerate(supports):
        wrong = next((relation for relation in relations(support) if relation), None)
        if wrong:
            found.append(UnsupportedFact(support.sentence[wrong.start:wrong.end], wrong.kind, index,
                                         wrong.start, wrong.end, wrong.reason))
    return found


_CHECKED_KINDS = ("number", "date", "time")


def _every_fact_missing(supports: list[SentenceSupport], unsupported: list[UnsupportedFact]) -> set[int]:
    """Sentences that state numbers, dates or times and none of them is in the article: whatever their
    words share with it, the article does not say what they say."""
    missing: dict[int, int] = {}
    for fact in unsupported:
        if fact.kind in _CHECKED_KINDS:
            missing[fact.sentence] = missing.get(fact.sentence, 0) + 1
    return {i for i, s in enumerate(supports) if s.fact_count and missing.get(i, 0) >= s.fact_count}


def with_verdicts(supports: list[SentenceSupport],
                  unsupported: list[UnsupportedFact]) -> list[SentenceSupport]:
    """not_found: no source sentence is evidence for it, or none of its numbers, dates and times is in
    the article; partly: evidence, but a fact the source does not state; supported: evidence, and every
    fact found in the source."""
    flagged = {fact.sentence for fact in unsupported}
    wrong = _every_fact_missing(supports, unsupported)

    def verdict(index: int, support: SentenceSupport) -> str:
        if index in wrong or support.verdict == NOT_FOUND:
            return NOT_FOUND
        return PARTLY if index in flagged else SUPPORTED

    return [replace(s, verdict=verdict(i, s)) for i, s in enumerate(supports)]


def with_entailment(supports: list[SentenceSupport], unsupported: list[UnsupportedFact],
                    scores: list[Entailment], article_sentences: list[str]) -> list[SentenceSupport]:
    """The deep check decides where it ran: not_found when nothing in the article entails the sentence
    more than it contradicts it, or when none of its numbers, dates and times is in the article;
    supported when it is clearly entailed and states no fact the article lacks; partly in between.
    Unlike word overlap it tells a reversed result from a faithful paraphrase, so a sentence it backs
    that shares few words with the article gets the window it found as its sources."""
    flagged = {fact.sentence for fact in unsupported}
    wrong = _every_fact_missing(supports, unsupported)

    def verdict(index: int, score: float) -> str:
        if supports[index].verdict == UNCHECKED:
            return UNCHECKED
        if score <= CONTRADICTED or index in wrong:
            return NOT_FOUND
        return SUPPORTED if score >= ENTAILED and index not in flagged else PARTLY

    checked = []
    for index, (support, entailment) in enumerate(zip(supports, scores)):
        support = replace(support, verdict=verdict(index, entailment.score), entailment=entailment.score)
        if support.verdict != NOT_FOUND and not support.sources and entailment.window:
            support = replace(support, sources=entailment.window,  # scored by the deep check, not overlap
                              scores=tuple(entailment.score for _ in entailment.window),
                              source_sentences=tuple(article_sentences[i] for i in entailment.window))
        checked.append(support)
    return checked


def verdict_lines(support: dict[str, Any], facts: list[dict[str, Any]]) -> list[str]:
    """The verdict of one summary sentence and why, for a reader: one verdict, every line agreeing with
    it. `support` and `facts` as a result stores them (`facts`: this sentence's unsupported facts)."""
    lines = _verdict_and_why(support, facts)
    if support.get("compared_with"):
        lines.append(f"Checked against a machine translation of the article into "
                     f"{language_name(support['compared_with'])}, not against the article's own words.")
    return lines


def _verdict_and_why(support: dict[str, Any], facts: list[dict[str, Any]]) -> list[str]:
    verdict, score = support.get("verdict"), support.get("entailment")
    missing = _listed([f for f in facts if not is_relation(f)])
    scale = f"{score:+.2f}, on a scale from -1 (the article contradicts it) to +1 (the article says it)" \
        if score is not None else ""
    checked = [f for f in facts if f["kind"] in _CHECKED_KINDS]
    if verdict == UNCHECKED:
        return ["Not checked: this sentence is in another language than the article, the check compares "
                "the two word for word, and no translation of the article was at hand."]
    if verdict == SUPPORTED:
        return ["Supported: the article says this."] + ([f"Deep check: {scale}."] if scale else [])
    relations = [f for f in facts if is_relation(f)]
    if verdict == PARTLY and relations:
        said = relations[0]["reason"]
        lines = [f"Partly supported: the article backs this sentence, but not {missing}; and {said}." if missing
                 else f"Partly supported: the article has these words, but {said}."]
        return lines + ([f"Deep check: {scale}."] if scale else [])
    if verdict == PARTLY:
        if missing:
            lines = [f"Partly supported: the article backs this sentence, but not {missing}."]
            return lines + ([f"Deep check: {scale}; it weighs the sentence as a whole, not each number or "
                             "name, so the missing facts decide."] if scale else [])
        return [f"Partly supported: the article backs some of it, not clearly all of it (deep check: {scale})."
                if scale else "Partly supported: the article backs some of it, not all of it."]
    if checked and len(checked) >= support.get("fact_count", 0) > 0:
        lines = [f"Not found in the article: none of its numbers, dates or times is in it ({_listed(checked)})."]
        return lines + ([f"Deep check: {scale}; it weighs the sentence as a whole, not each number, so "
                         "the missing facts decide."] if scale else [])
    if score is not None and score <= CONTRADICTED:
        return [f"Not found in the article: it does not say this, or says otherwise (deep check: {scale})."]
    return ["Not found in the article: no sentence of the article is close to it."]


def _listed(facts: list[dict[str, Any]]) -> str:
    return ", ".join(fact_words(f) for f in facts)


def is_relation(fact: dict[str, Any]) -> bool:
    """A relation said otherwise, rather than a fact the article lacks."""
    return fact["kind"] in RELATION_KINDS


def fact_words(fact: dict[str, Any]) -> str:
    """A flagged fact for a reader: "Chelsea (name)", or for a relation what the article says instead."""
    if is_relation(fact):
        return f"{fact['text']} ({fact['reason']})"
    return f"{fact['text']} ({fact['kind']})"


def in_another_language(summary_sentences: list[str], article: Article, source_facts: SourceFacts) -> bool:
    """Sharing few ordinary words with the article (names and numbers cross languages), and taken for
    another language by the detector's best guess (a short sentence seldom gets a confident one). The
    words come first: they are cheap, and a Portuguese summary of a Portuguese article that the
    detector calls Spanish shares many."""
    summary_terms = {t for t in content_terms(" ".join(summary_sentences))
                     if not t[0].isdigit() and fold(t) not in source_facts.names}
    if len(summary_terms & set(content_terms(article.text))) >= SHARED_WORDS * len(summary_terms):
        return False
    guess = detect_language(" ".join(summary_sentences)).best_guess
    return bool(guess and article.language and guess != article.language)


def check_summary(summary_sentences: list[str], article: Article,
                  translate: ArticleTranslation | None = None
                  ) -> tuple[list[SentenceSupport], list[UnsupportedFact]]:
    """Support with a verdict for each summary sentence, and the facts the article does not state. A
    summary in another language than the article is checked against the article's translation into it,
    where `translate` gives one, and is otherwise left unchecked rather than flagged word by word."""
    source_facts = SourceFacts(article.text, article.language)
    if in_another_language(summary_sentences, article, source_facts):
        language = detect_language(" ".join(summary_sentences)).best_guess
        translated = translate(article, language) if translate and language else None
        if translated is None:
            return [SentenceSupport(s, (), (), (), UNCHECKED) for s in summary_sentences], []
        supports, unsupported = _checked(summary_sentences, translated, SourceFacts(translated.text, language))
        return [replace(s, compared_with=language) for s in supports], unsupported
    return _checked(summary_sentences, article, source_facts)


def _checked(summary_sentences: list[str], article: Article, source_facts: SourceFacts
             ) -> tuple[list[SentenceSupport], list[UnsupportedFact]]:
    unsupported = _unsupported(summary_sentences, source_facts)
    supports = [replace(s, fact_count=len({(f.kind, f.keys)  # each once, as the unsupported ones are
                                           for f in stated_facts(s.sentence, article.language)}))
                for s in align_support(summary_sentences, article.sentences)]
    unsupported = sorted(unsupported + wrong_relations(supports, article, source_facts),
                         key=lambda f: (f.sentence, f.start))
    return with_verdicts(supports, unsupported), unsupported
