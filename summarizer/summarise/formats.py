"""What a reader asks for besides a paragraph: key points, the article's key quotes, a headline.

Each format is made from the summary's sentences (the model's where a model ran, the extractive
engine's otherwise) and the article, so the fact check, translations and evidence work on every one:
points and the headline are summary sentences; quotes are spans of the article, character for
character, with the speaker as the article names them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import regex

from summarizer.checks.facts import SourceFacts
from summarizer.checks.quotes import QUOTATION, Quotation, QuotationMarks, attributing_clauses, quotations
from summarizer.checks.words import can_be_a_name, word_keys
from summarizer.languages import UNSPACED
from summarizer.summarise.extractive import summarise_extractive
from summarizer.text.article import Article
from summarizer.text.segmentation import content_terms, count_words, join_sentences
from summarizer.text.similarity import cosine, tfidf_vectors

FORMAT_LABELS = {"paragraph": "Paragraph", "points": "Key points", "quotes": "Key quotes", "headline": "Headline"}
FORMAT_TITLES = {**FORMAT_LABELS, "paragraph": "Summary"}  # a result's heading
ITEM_NOUNS = {"paragraph": "sentence", "points": "point", "quotes": "quote", "headline": "line"}
MIN_POINTS, MAX_POINTS = 3, 7
SAME_POINT = 0.5        # cosine of content terms above which two points say the same
MAX_QUOTES = 5
MIN_QUOTE_WORDS = 4     # fewer are scare quotes or titles ("the 'deal'"), not statements
HEADLINE_WORDS = 20     # characters in scripts written without spaces
# Between two parts of one quotation: only the attribution ("“We lost,” he said. “It hurts.”"), at most
# four words, and the whole no longer than a paragraph; not a new sentence that attributes anew
# ("…today". He said “…”).
_JOINING = regex.compile(r"^[\s,;:—–-]*(?:[^\s“”„«»\"「」『』.!?。]+\s*){0,4}[.,:;]?\s*$")
MAX_QUOTE_CHARS = 1_000


@dataclass(frozen=True)
class Quote:
    """A direct quotation of the article, verbatim: `text` is `article.text[start:end]`, its marks
    included; a quotation split by its attribution is one quote, the attribution between kept."""

    text: str
    speaker: str   # as the article names them; "" where it names nobody
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def key_points(summary_sentences: list[str], article: Article) -> list[str]:
    """3-7 points, one sentence each, never two that say the same; the summary's own sentences first,
    then the article's most central sentences where the summary has fewer than three."""
    points = _distinct([s for s in summary_sentences if s.strip()])
    if len(points) < MIN_POINTS:  # counted after the repeats are gone; topped up to three, no more
        points = _distinct(points + list(summarise_extractive(article, "long").sentences))[:MIN_POINTS]
    return points[:MAX_POINTS]


def _distinct(sentences: list[str]) -> list[str]:
    """The sentences in order, each left out that says the same as one kept before it."""
    candidates = list(dict.fromkeys(sentences))
    vectors = tfidf_vectors([content_terms(s) for s in candidates], [])
    kept: list[int] = []
    for index in range(len(candidates)):
        if all(cosine(vectors[index], vectors[other]) <= SAME_POINT for other in kept):
            kept.append(index)
    return [candidates[i] for i in kept]


def key_quotes(article: Article) -> list[Quote]:
    """The article's most telling direct quotations (the longest, a named speaker counting double), at
    most five, in article order. Reported speech has no quotation marks and is left out."""
    names = SourceFacts(article.text, article.language).names
    marks = QuotationMarks(article.text)
    quotes: list[Quote] = []
    for quote, (start, end) in zip(quotations(article.text, article.language, marks), marks.spans):
        if _words(article.text[quote.start:quote.end], article.language) < MIN_QUOTE_WORDS:
            continue  # a name in quotation marks («Ледокол»), a scare quote: nothing said
        speaker = speaker_name(article, quote, names, marks)
        if speaker and quotes and quotes[-1].speaker == speaker and end - quotes[-1].start <= MAX_QUOTE_CHARS \
                and _JOINING.match(article.text[quotes[-1].end:start]):
            start = quotes.pop().start  # one quotation, split by its attribution
        quotes.append(Quote(article.text[start:end], speaker, start, end))
    ranked = sorted(quotes, key=lambda q: (-_words(q.text, article.language) * (2 if q.speaker else 1),
                                           q.start))[:MAX_QUOTES]
    return sorted(ranked, key=lambda q: q.start)


def speaker_name(article: Article, quote: Quotation, names: frozenset[str], marks: QuotationMarks) -> str:
    """Who the article says spoke, as it writes them: in the quotation's own sentence, else (for "she
    said") in the nearest of the three sentences before it that names someone."""
    clauses = attributing_clauses(article.text, quote, marks, article.language)
    own = next(clauses)
    name = _name_in(own, names, article)
    if name or not _points_back(own, article.language):
        return name  # "one resident said": somebody the article does not name
    return next((found for clause in clauses if (found := _name_in(clause, names, article))), "")


_PRONOUNS = frozenset("""he she they him her il elle ils elles lui er sie ihr él ella ellos ellas ele ela eles elas
lei loro он она они він вона вони""".split())


def _points_back(attribution: str, language: str | None) -> bool:
    """Whether an attribution that names nobody refers to someone named before: a pronoun ("he
    said"), or a bare verb ("ha spiegato", "と話した")."""
    if language in UNSPACED:
        return len(attribution.strip(" ，。、,")) <= 6
    words = regex.findall(r"[\p{L}\p{M}]+", attribution.lower())
    return len(words) <= 2 or bool(_PRONOUNS & set(words))


# Scripts without capitals: the words a saying verb takes as its speaker.
_ARABIC_SAYING = regex.compile(r"(?:^|\s)و?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت|تابع|تابعت|انتقد|انتقدت|"
                               r"أعلن|أعلنت|اعتبر|اعتبرت|شدد|شددت|حذر|حذرت)"
                               r"\s+((?:(?!(?:بعد|قبل|في|خلال|أن|إن|إنه|إنها|أمس|اليوم)\s)[^\s:«»]+\s*){1,6})")
_HINDI_SPEAKER = regex.compile(r"((?:[^\s,।]+\s+){1,3})ने\s")
_HINDI_NOT_NAME = frozenset({"के", "की", "का", "बाद", "में", "से", "पर", "को", "और", "मैच"})
_CJK_SAID = regex.compile(r"在|说|說|表示|则|則|称|稱|指出|认为|認為|は|が|と述|と語|[：:，,。]")


def _name_in(clause: str, names: frozenset[str], article: Article) -> str:
    language = article.language
    if language in ("zh", "ja"):
        head = _CJK_SAID.split(clause.strip(" ，。,、"), maxsplit=1)[0]
        head = regex.split(r"[、，,]", head)[-1].strip()
        return head if 1 < len(head) <= 20 else ""
    if language == "ar":
        match = _ARABIC_SAYING.search(clause)
        return match[1].strip(" ،,:") if match else ""
    if language == "hi":
        match = _HINDI_SPEAKER.search(clause + " ")
        words = match[1].split() if match else []
        while any(w in _HINDI_NOT_NAME for w in words):
            words = words[1:]
        return " ".join(words)
    runs: list[tuple[bool, list[str]]] = []  # (after an article or preposition, the name's words)
    tokens = list(regex.finditer(r"[\p{L}\p{M}'’\-]+|[^\s\p{L}]+", clause))
    words = [t.group() for t in tokens]
    for index, word in enumerate(words):
        if not (word_keys(word) & names and word[0].isupper()):
            continue
        previous = words[index - 1] if index else ""
        next_to = index > 0 and clause[tokens[index - 1].end():tokens[index].start()] == " "
        if runs and next_to and previous == runs[-1][1][-1]:
            runs[-1][1].append(word)
        elif next_to and previous[:1].isupper() and can_be_a_name(previous, article.language):
            # a first name that opens the sentence, so the article's names leave it out: "Anna Holt said"
            before = words[index - 2] if index > 1 else ""
            runs.append((before.lower() in _BEFORE_PLACES, [previous, word]))
        else:
            runs.append((previous.lower() in _BEFORE_PLACES, [word]))
    if not runs:
        return ""
    # A place or a club comes after "at", "da", "la" ("na praça da Matriz", "contro la Virtus Lagomare");
    # of the rest the longest, then the last ("said Harbour City manager Paula Verhoef").
    best = max(range(len(runs)), key=lambda i: (not runs[i][0], len(runs[i][1]), i))
    return " ".join(runs[best][1])


_BEFORE_PLACES = frozenset("""the a an at in of on from to for against da do das dos de du des la le les l' au aux
en der die das dem den des im am vom zum zur nach gegen el los las del al con contra il lo gli dei della delle
nella nello alla allo al col sul dalla contro в во на против из у к о""".split())


def headline(summary_sentences: list[str], article: Article) -> str:
    """One line of at most 20 words, the article's own and never a quotation: the summary's first
    sentence if that short, else the longest start of it that ends at a clause mark and has 6 to 20
    words (the lead's "Harbour City beat Millbrook Rovers 3-1 at Kestrel Park on Sunday"), else the first
    summary, central or other article sentence that short, else the first of them without a quotation
    cut at the limit; "" where every sentence quotes. Not the article's title: the reader has that."""
    def fits(sentence: str) -> bool:
        return 0 < count_words(sentence) <= HEADLINE_WORDS and not QUOTATION.search(sentence)

    first = summary_sentences[0] if summary_sentences else ""
    if fits(first):
        return first
    if clause := _first_clause(first):
        return clause
    central = [s for s in summarise_extractive(article, "long").sentences if s != article.title]
    others = [s for s in article.sentences if s != article.title]  # a short article's "long" is one sentence
    unquoted = [s for s in summary_sentences + central + others if s.strip() and not QUOTATION.search(s)]
    return next((s for s in unquoted if fits(s)), _cut(unquoted[0], article.language) if unquoted else "")


def shaped(format_name: str, sentences: list[str], article: Article
           ) -> tuple[list[str], list[Quote], list[str]]:
    """The summary's sentences in `format_name`, the quotes where it is "quotes", and notes for the
    reader where the article does not give what the format asks for."""
    if format_name == "points":
        points = key_points(sentences, article)
        short = [] if len(points) >= MIN_POINTS else [
            f"The article gives {len(points)} distinct point{'s' if len(points) != 1 else ''} only, fewer "
            f"than {MIN_POINTS}."]
        return points, [], short
    if format_name == "quotes":
        quotes = key_quotes(article)
        none = [] if quotes else ["The article quotes nobody directly: it has no quotations to show."]
        return [q.text for q in quotes], quotes, none
    if format_name == "headline":
        line = headline(sentences, article)
        none = [] if line else ["Every sentence of the article holds a quotation: it gives no line of its own "
                                "words to make a headline of."]
        return ([line] if line else []), [], none
    return sentences, [], []


def render(format_name: str, sentences: list[str], language: str | None,
           quotes: list[Quote] | None = None) -> str:
    """The summary, or a translation of it sentence for sentence, as text in its format: points and
    quotes as a Markdown list, each quote with its speaker."""
    if format_name == "points":
        return "\n".join(f"- {s}" for s in sentences)
    if format_name == "quotes":
        speakers = [q.speaker for q in quotes or []] + [""] * len(sentences)
        return "\n".join(f"- {s}" + (f" — {speaker}" if speaker else "") for s, speaker in zip(sentences, speakers))
    return join_sentences(sentences, language)


_CLAUSE_END = regex.compile(r"[,;:，、；：]")
MIN_CLAUSE_WORDS = 6  # a shorter first clause is an opener ("On Sunday,"), no statement


def _first_clause(sentence: str) -> str:
    """The longest start of the sentence that ends at a clause mark, has 6 to 20 words and cuts no
    quotation, if the sentence has one."""
    quoted = [m.span() for m in QUOTATION.finditer(sentence)]
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence)
            if MIN_CLAUSE_WORDS <= count_words(sentence[:m.start()]) <= HEADLINE_WORDS
            and not any(start < m.start() for start, _ in quoted)]
    return sentence[:ends[-1]].strip() if ends else ""


def _cut(sentence: str, language: str | None) -> str:
    """The first 20 words (characters) and "…", or the sentence itself where it is no longer."""
    if language in UNSPACED:
        return sentence if len(sentence) <= HEADLINE_WORDS else sentence[:HEADLINE_WORDS].rstrip("，、；,;") + "…"
    words = list(regex.finditer(r"\S+", sentence))
    if len(words) <= HEADLINE_WORDS:
        return sentence
    return sentence[:words[HEADLINE_WORDS - 1].end()].rstrip(",;:") + "…"


def _words(text: str, language: str | None) -> int:
    words = count_words(text)
    return words // 2 if language in UNSPACED else words  # counted in characters there: two a word
