"""A `Seq2SeqModel` whose answers the test chooses, for tests of flow rather than numerics.

It sits in the same registry `summarizer.models.registry.load_model` serves from, so the pipeline, the page,
translation and the CLI run their real code and only the model's arithmetic is replaced. Tokens are
whitespace-separated words plus one end token, which keeps chunk and budget arithmetic easy to follow.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from summarizer.settings import GenerationSettings

_TARGET_PREFIX = re.compile(r"^>>\w+<<\s*")


@dataclass(frozen=True)
class FakeCall:
    texts: list[str]
    settings: GenerationSettings
    source_language: str | None
    target_token: str | None


Respond = Callable[[str, str | None], str]  # (input text, forced target token) -> answer


def first_sentence(text: str, target_token: str | None = None) -> str:
    """The default answer: the input's first sentence, without a multi-target language prefix."""
    text = _TARGET_PREFIX.sub("", text).strip()
    match = re.match(r".+?[.!?。！？](?=\s|$)", text, re.S)
    return (match.group(0) if match else text).strip()


class FakeModel:
    """Answers with `respond(text)`, or with the queued `answers` (`drafts` when streaming) first;
    records every call."""

    def __init__(self, model_id: str, input_limit: int = 1024, runtime: str = "fast",
                 respond: Respond = first_sentence) -> None:
        self.model_id = model_id
        self.input_limit = input_limit
        self.runtime = runtime
        self.respond = respond
        self.answers: list[str] = []
        self.drafts: list[str] = []
        self.word_seconds = 0.0  # a pause before each streamed word, so a browser can see the draft grow
        self.calls: list[FakeCall] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def split_by_tokens(self, text: str, limit: int) -> list[str]:
        words, window = text.split(), max(1, limit - 1)
        return [" ".join(words[i:i + window]) for i in range(0, len(words), window)]

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]:
        self.calls.append(FakeCall(list(texts), settings, source_language, target_token))
        return [self.answers.pop(0) if self.answers else self.respond(text, target_token)
                for text in texts]


    def stream(self, text: str, settings: GenerationSettings) -> Iterator[str]:
        """The queued `drafts` (else `respond(text)`) word by word, as a greedy pass would grow it;
        recorded as a one-beam call. Queued `answers` are left for `generate`."""
        self.calls.append(FakeCall([text], replace(settings, num_beams=1), None, None))
        words = (self.drafts.pop(0) if self.drafts else self.respond(text, None)).split()
        for count in range(1, len(words) + 1):
            time.sleep(self.word_seconds)
            yield " ".join(words[:count])


def tagged_translation(target: str | None) -> Respond:
    """A translator's answer: the sentence marked with its target language, e.g. "[fr] The council met.";
    a many-to-many model (no fixed `target`) takes the language from the forced `__xx__` token."""
    def respond(text: str, target_token: str | None) -> str:
        language = target or (target_token or "").strip("_")
        return f"[{language}] {_TARGET_PREFIX.sub('', text).strip()}"
    return respond


def word_share(premise: str, hypothesis: str) -> tuple[float, float]:
    """The default entailment answer: the share of the hypothesis's words found in the premise entails,
    the rest contradicts. Enough to tell a copied sentence from an invented one."""
    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text.lower()))

    wanted = words(hypothesis)
    share = len(wanted & words(premise)) / len(wanted) if wanted else 0.0
    return share, 1.0 - share


class FakeEntailment:
    """An `EntailmentModel` answering `respond(premise, hypothesis)`; records every pair it is given."""

    def __init__(self, model_id: str,
                 respond: Callable[[str, str], tuple[float, float]] = word_share,
                 chunk_tokens: int | None = None) -> None:
        self.model_id = model_id
        self.respond = respond
        self.chunk_tokens = chunk_tokens  # None: two-sentence windows, as the NLI model
        self.pairs: list[tuple[str, str]] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        self.pairs += zip(premises, hypotheses)
        return [self.respond(p, h) for p, h in zip(premises, hypotheses)]


def fake_catalogue(draft_word_seconds: float = 0.0, slow_model: str | None = None
                   ) -> dict[tuple[str, str], FakeModel | FakeEntailment]:
    """A FakeModel for every catalogue id on both runtimes, and a FakeEntailment for each deep check model,
    keyed as `summarizer.models.registry.loaded_models` is; summarisers (only `slow_model` when it is
    given) stream drafts at `draft_word_seconds` a word."""
    from summarizer.checks.entailment import CHUNK_TOKENS
    from summarizer.models.catalogue import CHECK_MODELS, SUMMARY_MODELS, TRANSLATION_MODELS
    from summarizer.models.registry import ENTAILMENT
    from summarizer.settings import RUNTIMES

    fakes: dict[tuple[str, str], FakeModel | FakeEntailment] = {
        (m.model_id, ENTAILMENT): FakeEntailment(m.model_id, chunk_tokens=CHUNK_TOKENS if m.scoring == "support"
                                                 else None) for m in CHECK_MODELS}
    for runtime in RUNTIMES:
        for entry in SUMMARY_MODELS.values():
            fakes[entry.model_id, runtime] = FakeModel(entry.model_id, entry.input_limit, runtime)
            if slow_model in (None, entry.model_id):
                fakes[entry.model_id, runtime].word_seconds = draft_word_seconds
        for translator in TRANSLATION_MODELS:
            target = next(iter(translator.targets)) if len(translator.targets) == 1 else None
            fakes[translator.model_id, runtime] = FakeModel(
                translator.model_id, translator.input_limit, runtime, tagged_translation(target))
    return fakes
