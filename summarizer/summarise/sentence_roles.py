"""Which sentences of an article can stand alone in an extractive summary, and which lean on the one
before. Headings and list items come from the line structure (`segmentation`); datelines, bylines,
captions, tables and score lines from their shape, in any language.
"""

from __future__ import annotations

import regex

from summarizer.languages import UNSPACED
from summarizer.text.segmentation import BULLET, HEADING, Segment, words

MIN_WORDS = 4             # "LONDON, 3 March", "Updated 14:05": too short to say anything
MIN_UNSPACED_CHARACTERS = 8
NUMERIC_SHARE = 0.4       # a line that is mostly numbers is a table row or a list of results
MAX_SCORE_LINE_WORDS = 14

_BYLINE = regex.compile(
    r"^\s*(?:by|von|par|por|di|door|av|af|reporting by|written by|editing by|additional reporting by|"
    r"от|автор|автори|بقلم|作者|记者|記者|기자|द्वारा)\s", regex.IGNORECASE)
_CAPTION = regex.compile(
    r"^\s*(?:photo|image|picture|caption|image caption|media caption|credit|source|foto|bild|bildquelle|"
    r"légende|fuente|fonte|фото|صورة|图片|写真|사진)\b\s*[:：|/-]?", regex.IGNORECASE)
_PHOTO_CREDIT = regex.compile(r"(?:getty images|reuters|afp|ap photo|epa|shutterstock)\)?\s*$",
                              regex.IGNORECASE)
_SCORE = regex.compile(r"\b\d{1,3}\s?[-–:]\s?\d{1,3}\b")
_TABLE_SEPARATORS = regex.compile(r"\t|\|.*\|")
# A dateline before the first words: "HARBORVILLE —", "LONDON, March 3 (Reuters) -", "PARIS (AFP) –".
_DATELINE = regex.compile(
    r"^\s*\p{Lu}[\p{Lu}\p{M} .'’-]{1,40}(?:,[^—–\n]{1,30}?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s+(?=\S)")

# First words that point back at a sentence the reader has not seen: pronouns and connectives.
_DANGLING_WORDS = {
    "en": "he she it they this these those that his her its their him them but however also meanwhile "
          "moreover furthermore and so yet still instead then there such both others another",
    "fr": "il elle ils elles ce cela ceci cette ces son sa ses leur leurs lui mais cependant pourtant "
          "toutefois aussi et donc ensuite alors",
    "de": "er sie es dies diese dieser dieses sein seine ihr ihre aber jedoch auch und dann doch dennoch "
          "deshalb daher zudem seitdem seither gleichzeitig außerdem infolgedessen",
    "es": "él ella ellos ellas esto este esta estos estas eso su sus pero también además y "
          "entonces luego",
    "it": "lui lei loro questo questa questi ciò suo sua ma però tuttavia anche inoltre e quindi poi",
    "pt": "ele ela eles elas isso isto este esta seu sua mas porém contudo também além e então",
    "nl": "hij zij ze het dit deze dat zijn haar hun maar echter ook en dan toch sindsdien tegelijkertijd "
          "daarnaast",
    "ru": "он она оно они это этот эта эти его её их но однако также и тогда",
    "uk": "він вона воно вони це цей ця ці його її їх але однак також і тоді",
    "pl": "on ona ono oni one to ten ta ci jego jej ich ale jednak także również i wtedy",
    "tr": "o bu bunu bunlar onun onların ancak ama fakat ayrıca ve",
    "ar": "هو هي هم هذا هذه ذلك لكن ولكن أيضا كما",
    "hi": "वह वे यह ये उसने उन्होंने लेकिन परंतु हालांकि",
    "ko": "그 그녀 그들 이 이것 그러나 하지만 또한",
}
_DANGLING = {language: frozenset(listed.split()) for language, listed in _DANGLING_WORDS.items()}
# Openings of several words that point back just the same ("Since then, ...", "At the same time, ...").
_DANGLING_PHRASES = {
    "en": ("since then", "at the same time", "after that", "before that", "by then", "until then",
           "in addition", "as a result", "on the other hand", "in response", "even so", "for his part",
           "for her part", "for their part", "the same day", "the next day", "a day later", "days later",
           "in turn", "in that case", "on top of that"),
    "fr": ("depuis lors", "en même temps", "par ailleurs", "de plus", "en outre", "par conséquent",
           "de son côté", "le lendemain", "à ce moment"),
    "de": ("darüber hinaus", "am selben tag", "am nächsten tag"),
    "es": ("desde entonces", "al mismo tiempo", "por otro lado", "sin embargo", "por su parte",
           "al día siguiente", "como resultado", "además de eso"),
    "it": ("da allora", "allo stesso tempo", "nel frattempo", "d'altra parte", "il giorno dopo"),
    "pt": ("desde então", "ao mesmo tempo", "por outro lado", "no dia seguinte", "além disso"),
    "nl": ("de volgende dag",),
    "ru": ("с тех пор", "в то же время", "кроме того", "при этом", "на следующий день"),
}
# Scripts without spaces: the sentence's opening characters.
_DANGLING_PREFIXES = {
    "zh": ("他", "她", "它", "这", "那", "但", "不过", "可是", "然而", "此外", "而且", "另外", "同时",
           "因此"),
    "ja": ("彼", "これ", "この", "それ", "その", "しかし", "ただし", "だが", "また", "さらに"),
}


def can_stand_alone(segment: Segment, language: str | None) -> bool:
    """False for headings, list items, bylines, captions, tables, score lines and fragments."""
    text = segment.text
    if segment.kind in (HEADING, BULLET) or _BYLINE.match(text) or _CAPTION.match(text):
        return False
    if _PHOTO_CREDIT.search(text) or _TABLE_SEPARATORS.search(text):
        return False
    tokens = words(text)
    if language in UNSPACED:
        if len(tokens) < MIN_UNSPACED_CHARACTERS:
            return False
    elif len(tokens) < MIN_WORDS:
        return False
    numeric = sum(token.isdigit() for token in tokens)
    if numeric >= NUMERIC_SHARE * len(tokens):
        return False
    return not (len(_SCORE.findall(text)) >= 2 and len(tokens) <= MAX_SCORE_LINE_WORDS)


def opens_dangling(sentence: str, language: str | None) -> bool:
    """True when the sentence starts with a pronoun or connective that needs the sentence before it."""
    text = without_dateline(sentence).lstrip(" \"'“‘«„(")
    if language in _DANGLING_PREFIXES:
        return text.startswith(_DANGLING_PREFIXES[language])
    first = [word.lower() for word in words(text[:60])]
    if not first:
        return False
    if first[0] in _DANGLING.get(language or "en", frozenset()):
        return True
    opening = " ".join(first)
    return any(opening == phrase or opening.startswith(phrase + " ")
               for phrase in _DANGLING_PHRASES.get(language or "en", ()))


def without_dateline(sentence: str) -> str:
    """The sentence without a leading "PLACE —" dateline: the place is not news, and the rest is intact."""
    match = _DATELINE.match(sentence)
    return sentence[match.end():] if match else sentence
