"""A negation on one side only: the summary says "not" where the article does not, or drops the article's
"not". Word lists per language (folded, so accents do not matter); in scripts written without spaces,
the cue characters minus the common words that merely contain them ("不少" is "many", "少ない" "few")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from summarizer.checks.relations import WrongRelation
from summarizer.checks.tokens import Token, tokens
from summarizer.checks.words import fold, same_word
from summarizer.languages import UNSPACED

SCOPE = 4  # a cue bears on the words this many tokens either side of it

_WORDS = {
    "en": "not no never none nobody nothing neither nor without cannot",
    "fr": "ne pas jamais aucun aucune rien sans ni non guere",
    "de": "nicht kein keine keinen keinem keiner keines nie niemals nichts niemand ohne weder",
    "es": "no nunca jamas ningun ninguna ninguno nadie nada sin ni tampoco",
    "pt": "nao nunca jamais nenhum nenhuma ninguem nada sem nem",
    "it": "non mai nessun nessuno nessuna niente nulla senza",
    "nl": "niet geen nooit niets niemand zonder",
    "ca": "no mai cap res ningu sense",
    "ro": "nu niciodata nimic nimeni fara",
    "sv": "inte ej aldrig ingen inget inga utan", "da": "ikke aldrig ingen intet uden",
    "no": "ikke aldri ingen intet uten", "fi": "ei en et emme ette eivat koskaan ilman",
    "pl": "nie nigdy zaden zadna zadne nic nikt bez", "cs": "ne nikdy zadny nic nikdo bez",
    "sk": "nie nikdy ziadny nic nikto bez", "hr": "ne nikad nikada nema bez", "sr": "не ne никад nikad без bez",
    "sl": "ne nikoli brez", "bg": "не никога няма без", "mk": "не никогаш нема без",
    "ru": "не нет ни никогда никто ничего нигде без нельзя", "uk": "не ні немає ніколи ніхто нічого без",
    "be": "не няма ніколі без", "el": "δεν μη μην ποτε κανεις τιποτα χωρις",
    "tr": "degil yok hic asla", "az": "deyil yox hec", "hu": "nem nincs sosem soha senki semmi nelkul",
    "ar": "لا لم لن ليس ليست ليسوا غير بدون دون", "fa": "نه نیست نمی هرگز بدون", "ur": "نہیں نہ بغیر",
    "he": "לא אין אף מעולם בלי", "hi": "नहीं न मत बिना", "mr": "नाही न कधीही", "ne": "छैन होइन न",
    "bn": "না নয় নেই কখনো", "id": "tidak tak bukan belum tanpa", "ms": "tidak tak bukan belum tanpa",
    "vi": "khong chua chang", "tl": "hindi wala", "sw": "si hakuna bila", "ko": "안 못 않 없",
}
_UNSPACED_CUES = {
    "zh": ("不", "没", "沒", "未", "无", "無", "非", "别", "別"),
    "ja": ("ない", "なかっ", "ません", "ず", "無", "不", "未", "非"),
}
# Words that contain a cue but say no "not"
_NOT_CUES = ("不少", "不过", "不過", "不断", "不斷", "不仅", "不僅", "不久", "不同", "无论", "無論", "非常", "未来",
             "未來", "少ない", "危ない", "無料")
_CONTRACTED = ("n't", "n’t")


HEAD_FINAL = frozenset({"ja", "ko", "mr", "ne", "bn", "tr", "az"})  # "not" after the verb it negates
_CLAUSE_MARK = regex.compile(r"[,:;()\[\]—–«»“”„\"，、：；]")
# "not for themselves, but for the town": what follows the contrast is said, not negated
_CONTRAST = regex.compile(r"[,;—–，]\s*(?:but|rather|sondern|mais|sino|ma|mas|а|але|بل|बल्कि|而是|而)(?!\w)",
                          regex.IGNORECASE)
_ARABIC_CONJUNCTIONS = ("و", "ف")  # written onto the next word: "ولن" is "and will not"


@lru_cache(maxsize=128)
def _cue_words(language: str | None) -> frozenset[str]:
    listed = _WORDS.get(language or "en", "").split()
    return frozenset(w.casefold() for w in listed) | frozenset(fold(w) for w in listed)


def _is_cue(word: str, language: str | None) -> bool:
    cues = _cue_words(language)
    plain = word.casefold()
    if plain in cues or (regex.match(r"\p{Latin}", plain) and fold(plain) in cues):
        return True
    if language == "ar" and plain.startswith(_ARABIC_CONJUNCTIONS):
        return plain[1:] in cues
    return plain.endswith(_CONTRACTED)


def cue_positions(sentence: str, words: Sequence[Token], language: str | None) -> list[int]:
    """Indices of the tokens that say "not"."""
    if language in _UNSPACED_CUES:
        return _unspaced_cues(sentence, words, _UNSPACED_CUES[language])
    return [i for i, t in enumerate(words) if _is_cue(t.text, language)]


def _unspaced_cues(sentence: str, words: Sequence[Token], cues: tuple[str, ...]) -> list[int]:
    found = []
    for index, token in enumerate(words):
        for cue in cues:
            if not sentence.startswith(cue, token.start):
                continue
            if any(sentence.startswith(word, token.start - word.index(cue)) for word in _NOT_CUES
                   if cue in word and token.start >= word.index(cue)):
                continue
            found.append(index)
            break
    return found


def _scope(sentence: str, words: Sequence[Token], cue: int, sides: str = "both") -> list[Token]:
    """Content words within SCOPE tokens of the cue and within its clause; `sides`: both, or only the
    side a negation governs ("after", or "before" in head-final languages)."""
    scope = []
    for step in ((-1,) if sides == "before" else (1,) if sides == "after" else (-1, 1)):
        position = cue
        for _ in range(SCOPE):
            nearer, position = position, position + step
            if not 0 <= position < len(words):
                break
            first, second = sorted((words[nearer], words[position]), key=lambda t: t.start)
            if _CLAUSE_MARK.search(sentence[first.end:second.start]):
                break
            if words[position].content:
                scope.append(words[position])
    return scope


def _negated_near(word: Token, sentence: str, words: Sequence[Token], cues: list[int]) -> bool:
    """Whether an occurrence of `word` stands within a cue's scope."""
    return any(same_word(word.key, near.key) for cue in cues for near in _scope(sentence, words, cue))


def _says_the_contrast(words: Sequence[Token], cue: int, contrast_start: int, contrast_end: int,
                       other: Sequence[Token]) -> bool:
    """Whether `other` has words of the affirmed part ("ради всего города") that the negated part
    ("не ради себя") lacks."""
    negated = [t for t in words[cue + 1:] if t.end <= contrast_start]
    affirmed = [t for t in words if t.start >= contrast_end and t.content and
                not any(same_word(t.key, n.key) for n in negated)]
    return bool(_shared(affirmed, other))


def _shared(scope: list[Token], other: Sequence[Token]) -> list[Token]:
    return [t for t in scope if any(same_word(t.key, o.key) for o in other)]


def negation_mismatch(summary_sentence: str, source_sentences: Sequence[str],
                      language: str | None) -> WrongRelation | None:
    """The first "not" of the summary sentence whose words the aligned article sentences say without
    one, or else the first "not" of those article sentences whose words the summary says without one.
    Two shared words at least (three characters in scripts without spaces), so a cue in a clause the
    summary left out does not count."""
    summary = tokens(summary_sentence, language)
    summary_cues = cue_positions(summary_sentence, summary, language)
    sources = [(s, tokens(s, language)) for s in source_sentences]
    source_cues = [cue_positions(text, words, language) for text, words in sources]
    source_words = [t for _, words in sources for t in words]
    governed = "before" if language in HEAD_FINAL else "after"
    needed = 3 if language in UNSPACED else 2
    for cue in summary_cues:
        shared = _shared(_scope(summary_sentence, summary, cue), source_words)
        if len(shared) >= needed and not any(_negated_near(word, text, words, cues) for word in shared
                                             for (text, words), cues in zip(sources, source_cues)):
            token = summary[cue]
            return WrongRelation("negation", token.start, token.end,
                                 f'the article says this without "{token.text}"')
    for (text, words), cues in zip(sources, source_cues):
        for cue in cues:
            contrast = _CONTRAST.search(text, words[cue].end)
            if contrast and _says_the_contrast(words, cue, contrast.start(), contrast.end(), summary):
                continue
            shared = _shared(_scope(text, words, cue), summary)
            governs_shared = _shared(_scope(text, words, cue, governed), summary)
            if len(shared) >= needed and governs_shared and not any(
                    _negated_near(word, summary_sentence, summary, summary_cues) for word in shared):
                first, last = min(t.start for t in shared), max(t.end for t in shared)
                start = min(first, words[cue].start)
                end = max(last, words[cue].end)
                span = [t for t in summary if any(same_word(t.key, s.key) for s in shared)]
                return WrongRelation("negation", span[0].start, span[-1].end,
                                     f'the article says "{words[cue].text}" here: "{text[start:end]}"')
    return None
