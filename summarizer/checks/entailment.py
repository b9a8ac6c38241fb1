"""The deep check: does the article entail each summary sentence, by a cross-encoder?

Two kinds of model. The multilingual NLI model is scored the SummaC zero-shot way (Laban et al., 2022):
each summary sentence is the hypothesis, windows of two consecutive article sentences are premises, and
the sentence's score is the best window's P(entailment) - P(contradiction), from -1 (contradicted) to 1
(entailed). The English claim checker (MiniCheck, Tang et al., 2024) is run as its authors run it: the
article in chunks of whole sentences up to 400 tokens, each chunk and the claim joined by the end token
into one sequence, the best chunk's P(supported); its score is P(supported) - P(unsupported), on the same
scale. A reversed result ("Chelsea beat Liverpool") or a faithful paraphrase, which word overlap cannot
tell apart, are what this is for.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable
from typing import Any, Protocol

from summarizer.text.article import Article
from summarizer.text.segmentation import content_terms, join_sentences
from summarizer.text.similarity import cosine, tfidf_vectors

WINDOW_SENTENCES = 2       # premises of two sentences: a fact and its attribution often sit apart
MAX_WINDOWS = 8            # per summary sentence, the windows sharing most words with it: bounds the cost
BATCH_SIZE = 16
SIMILAR_LENGTH = 0.8       # a batch holds pairs at least this share of its longest one's length
MAX_PAIR_TOKENS = 320      # premise is cut (never the hypothesis) past this...
PREMISE_FLOOR = 64         # ...but always keeps this many tokens: a longer hypothesis widens the pair,
MODEL_LIMIT = 512          # up to the model's input, where both are cut (mDeBERTa was trained on <= 512)
CHUNK_TOKENS = 400         # the claim checker's article chunks: MiniCheck's own default for RoBERTa


class EntailmentModel(Protocol):
    model_id: str
    chunk_tokens: int | None  # None: two-sentence windows; else chunks of whole sentences up to this many

    def count_tokens(self, text: str) -> int: ...

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        """(P(entailment), P(contradiction)) for each premise/hypothesis pair."""
        ...


@dataclass(frozen=True)
class Entailment:
    score: float            # best window's P(entailment) - P(contradiction), -1..1
    window: tuple[int, ...]  # article sentence indices of that window


class _Classifier:
    """A sequence classifier through transformers (CTranslate2 has no DeBERTa-v2 or RoBERTa classifier)."""

    chunk_tokens: int | None = None

    def __init__(self, model_id: str, folder: str) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        from summarizer.models.runtime import quiet_transformers

        quiet_transformers()
        self.model_id = model_id
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForSequenceClassification.from_pretrained(folder).to(self.device).eval()
        self.labels = {str(name).lower(): int(index) for index, name in self.model.config.id2label.items()}

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False).input_ids)

    def _probabilities(self, batch: Any) -> Any:
        import torch

        from summarizer.models.runtime import CPU

        with CPU.turn(), torch.inference_mode():
            return self.model(**batch.to(self.device)).logits.float().softmax(-1)

    def _each_batch(self, premises: list[str], hypotheses: list[str],
                    score: Callable[[list[str], list[str]], list[tuple[float, float]]]
                    ) -> list[tuple[float, float]]:
        """`score` run on batches of pairs of about the same length, the results in the pairs' order."""
        results: list[tuple[float, float]] = [(0.0, 0.0)] * len(premises)
        for batch in length_batches([len(p) + len(h) for p, h in zip(premises, hypotheses)]):
            scores = score([premises[i] for i in batch], [hypotheses[i] for i in batch])
            for index, result in zip(batch, scores):
                results[index] = result
        return results


class TransformersEntailment(_Classifier):
    """A three-way NLI classifier; premise and hypothesis go in as the tokenizer's pair."""

    def __init__(self, model_id: str, folder: str) -> None:
        super().__init__(model_id, folder)
        if "entailment" not in self.labels or "contradiction" not in self.labels:
            raise ValueError(f"{model_id} is not an NLI model: its labels are {sorted(self.labels)}")
        self._entailment, self._contradiction = self.labels["entailment"], self.labels["contradiction"]

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        def score(batch_premises: list[str], claims: list[str]) -> list[tuple[float, float]]:
            batch = self.tokenizer(batch_premises, claims, padding=True, return_tensors="pt",
                                   **self._truncation(claims))
            return [(float(p[self._entailment]), float(p[self._contradiction])) for p in self._probabilities(batch)]

        return self._each_batch(premises, hypotheses, score)

    def _truncation(self, hypotheses: list[str]) -> dict:
        """Cutting only the premise fails outright when a hypothesis alone fills the pair's length."""
        longest = max(self.count_tokens(h) for h in hypotheses)
        needed = longest + self.tokenizer.num_special_tokens_to_add(pair=True) + PREMISE_FLOOR
        limit = min(self.tokenizer.model_max_length or MODEL_LIMIT, MODEL_LIMIT)
        if needed <= limit:
            return {"truncation": "only_first", "max_length": max(MAX_PAIR_TOKENS, needed)}
        return {"truncation": "longest_first", "max_length": limit}


class ClaimSupport(_Classifier):
    """A binary claim checker (MiniCheck): label 1 is "the document supports the claim"."""

    chunk_tokens = CHUNK_TOKENS

    def __init__(self, model_id: str, folder: str) -> None:
        super().__init__(model_id, folder)
        if set(self.labels) != {"0", "1"}:
            raise ValueError(f"{model_id} is not a claim checker: its labels are {sorted(self.labels)}")

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        """Chunk and claim joined by the end token into one sequence, as MiniCheck was trained. A chunk
        holding one sentence longer than the chunk size is cut to it first, so the claim is never cut."""
        def score(batch_premises: list[str], claims: list[str]) -> list[tuple[float, float]]:
            texts = [self._cut(premise) + self.tokenizer.eos_token + claim
                     for premise, claim in zip(batch_premises, claims)]
            batch = self.tokenizer(texts, padding=True, truncation=True, return_tensors="pt",
                                   max_length=min(self.tokenizer.model_max_length or MODEL_LIMIT, MODEL_LIMIT))
            return [(float(p[1]), float(p[0])) for p in self._probabilities(batch)]

        return self._each_batch(premises, hypotheses, score)

    def _cut(self, premise: str) -> str:
        ids = self.tokenizer(premise, add_special_tokens=False).input_ids
        return premise if len(ids) <= CHUNK_TOKENS else self.tokenizer.decode(ids[:CHUNK_TOKENS])


def length_batches(lengths: list[int]) -> list[list[int]]:
    """Indices in batches of at most BATCH_SIZE, longest first, a batch closed where the next item is
    much shorter than its first: padding a short pair to a long one's length is work for nothing (a
    chunk of 250 tokens padded to one of 400, on a 500-word article)."""
    batches: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if batches and len(batches[-1]) < BATCH_SIZE and lengths[index] >= SIMILAR_LENGTH * lengths[batches[-1][0]]:
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches


def classifier_for(scoring: str, model_id: str, folder: str) -> EntailmentModel:
    """The deep check's model as its catalogue entry scores it ("nli" or "support")."""
    return ClaimSupport(model_id, folder) if scoring == "support" else TransformersEntailment(model_id, folder)


def windows(article: Article) -> list[tuple[int, ...]]:
    """Consecutive sentence pairs (one window for a one-sentence article)."""
    count = len(article.sentences)
    size = min(WINDOW_SENTENCES, count)
    return [tuple(range(start, start + size)) for start in range(count - size + 1)]


def chunks(article: Article, model: EntailmentModel, limit: int) -> list[tuple[int, ...]]:
    """Runs of whole sentences up to `limit` tokens (by the sentences' own counts, as MiniCheck packs
    them); a sentence longer than that is a chunk by itself."""
    spans: list[tuple[int, ...]] = []
    current: list[int] = []
    total = 0
    for index, sentence in enumerate(article.sentences):
        tokens = model.count_tokens(sentence)
        if current and total + tokens > limit:
            spans.append(tuple(current))
            current, total = [], 0
        current.append(index)
        total += tokens
    return spans + [tuple(current)] if current else spans


def premise_spans(article: Article, model: EntailmentModel) -> list[tuple[int, ...]]:
    return chunks(article, model, model.chunk_tokens) if model.chunk_tokens else windows(article)


def entailment_scores(summary_sentences: list[str], article: Article,
                      model: EntailmentModel) -> list[Entailment]:
    """One `Entailment` per summary sentence, against the windows most likely to hold its evidence."""
    spans = premise_spans(article, model)
    if not spans or not summary_sentences:
        return [Entailment(-1.0, ()) for _ in summary_sentences]
    texts = [join_sentences([article.sentences[i] for i in span], article.language) for span in spans]
    vectors = tfidf_vectors([content_terms(t) for t in texts], [content_terms(s) for s in summary_sentences])
    window_vectors, sentence_vectors = vectors[:len(texts)], vectors[len(texts):]
    pairs: list[tuple[int, int]] = []  # (summary sentence, window)
    for index, vector in enumerate(sentence_vectors):
        ranked = sorted(range(len(texts)), key=lambda w: (-cosine(vector, window_vectors[w]), w))
        pairs += [(index, w) for w in sorted(ranked[:MAX_WINDOWS])]
    probabilities = model.entail_contradict([texts[w] for _, w in pairs],
                                            [summary_sentences[i] for i, _ in pairs])
    best: dict[int, Entailment] = {}
    for (index, window), (entail, contradict) in zip(pairs, probabilities):
        score = round(entail - contradict, 3)
        if index not in best or score > best[index].score:
            best[index] = Entailment(score, spans[window])
    return [best[i] for i in range(len(summary_sentences))]
