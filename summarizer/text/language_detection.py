"""Which language an article is in, with a confidence, and "uncertain" rather than a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.languages import IDEOGRAPHS
from summarizer.loaded_once import loaded_once
from summarizer.text.segmentation import split_sentences

MIN_LETTERS = 25  # below this, identification is a coin toss
IDEOGRAPH_WEIGHT = 3  # an ideograph or kana says about as much as three letters of an alphabet
MIN_CONFIDENCE = 0.80
MIN_MAJORITY = 0.70  # share of the text's letters in the winning language; less means mixed text

# py3langid labels -> the codes the catalogue uses. Varieties of one macro-language (Chinese: zh, wuu,
# yue; Arabic: ar, ary, arz) share their probability, so text the model splits between them is certain.
_ALIASES = {"ary": "ar", "arz": "ar", "yue": "zh", "wuu": "zh", "nb": "no", "nn": "no", "uzs": "uz",
            "gug": "gn", "sdh": "ku"}
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # None when uncertain
    confidence: float
    best_guess: str | None
    reason: str = ""


@loaded_once(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _classify(text: str) -> tuple[str | None, float]:
    """The most probable language after adding up the probabilities of its varieties."""
    totals: dict[str | None, float] = {}
    for label, probability in _identifier().rank(text):
        code = None if label == "zxx" else _ALIASES.get(label, label)
        totals[code] = totals.get(code, 0.0) + float(probability)
    best = max(totals, key=lambda code: totals[code])
    return best, totals[best]


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text) + (IDEOGRAPH_WEIGHT - 1) * len(_IDEOGRAPH.findall(text))


def detect_language(text: str) -> LanguageGuess:
    letters = _letters(text)
    label, confidence = _classify(text)
    if letters < MIN_LETTERS:
        return LanguageGuess(None, confidence, label, f"too short to tell ({letters} letters)")
    if label is None or confidence < MIN_CONFIDENCE:
        return LanguageGuess(None, confidence, label, f"low confidence ({confidence:.2f})")
    share = _majority_share(text, label)
    if share < MIN_MAJORITY:
        return LanguageGuess(None, round(min(confidence, share), 3), label,
                             f"mixed languages (only {share:.0%} of the text is {label})")
    return LanguageGuess(label, round(min(confidence, share), 3), label)


def _majority_share(text: str, label: str) -> float:
    """Share of letters in sentences identified as `label`; short sentences count with their neighbours."""
    agreeing = total = 0
    for sentence in split_sentences(text, label):
        letters = _letters(sentence)
        if letters < MIN_LETTERS:
            continue
        total += letters
        if _classify(sentence)[0] == label:
            agreeing += letters
    return agreeing / total if total else 1.0
