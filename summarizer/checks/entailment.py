"""The deep check: does the article entail each summary sentence, by a multilingual NLI cross-encoder?

Scored the SummaC zero-shot way (Laban et al., 2022): each summary sentence is the hypothesis, windows of
consecutive article sentences are premises, and the sentence's score is the best window's
P(entailment) - P(contradiction), from -1 (contradicted) to 1 (entailed). A reversed result ("Chelsea beat
Liverpool") or a faithful paraphrase, which word overlap cannot tell apart, are what this is for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from summarizer.text.article import Article
from summarizer.text.segmentation import content_terms, join_sentences
from summarizer.text.similarity import cosine, tfidf_vectors

WINDOW_SENTENCES = 2       # premises of two sentences: a fact and its attribution often sit apart
MAX_WINDOWS = 8            # per summary sentence, the windows sharing most words with it: bounds the cost
BATCH_SIZE = 16
MAX_PAIR_TOKENS = 320      # premise is cut (never the hypothesis) past this...
PREMISE_FLOOR = 64         # ...but always keeps this many tokens: a longer hypothesis widens the pair,
MODEL_LIMIT = 512          # up to the model's input, where both are cut (mDeBERTa was trained on <= 512)


class EntailmentModel(Protocol):
    model_id: str

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        """(P(entailment), P(contradiction)) for each premise/hypothesis pair."""
        ...


@dataclass(frozen=True)
class Entailment:
    score: float            # best window's P(entailment) - P(contradiction), -1..1
    window: tuple[int, ...]  # article sentence indices of that window


class TransformersEntailment:
    """An NLI sequence classifier through transformers (CTranslate2 has no DeBERTa-v2 classifier)."""

    def __init__(self, model_id: str, folder: str) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        from summarizer.models.runtime import quiet_transformers

        quiet_transformers()
        self.model_id = model_id
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForSequenceClassification.from_pretrained(folder).to(self.device).eval()
        labels = {name.lower(): int(index) for index, name in self.model.config.id2label.items()}
        if "entailment" not in labels or "contradiction" not in labels:
            raise ValueError(f"{model_id} is not an NLI model: its labels are {sorted(labels)}")
        self._entailment, self._contradiction = labels["entailment"], labels["contradiction"]

    def entail_contradict(self, premises: list[str], hypotheses: list[str]) -> list[tuple[float, float]]:
        import torch

        from summarizer.models.runtime import CPU

        results: list[tuple[float, float]] = []
        for start in range(0, len(premises), BATCH_SIZE):
            claims = hypotheses[start:start + BATCH_SIZE]
            batch = self.tokenizer(premises[start:start + BATCH_SIZE], claims, padding=True,
                                   return_tensors="pt", **self._truncation(claims)).to(self.device)
            with CPU.turn(), torch.inference_mode():
                probabilities = self.model(**batch).logits.float().softmax(-1)
            results += [(float(p[self._entailment]), float(p[self._contradiction])) for p in probabilities]
        return results


    def _truncation(self, hypotheses: list[str]) -> dict:
        """Cutting only the premise fails outright when a hypothesis alone fills the pair's length."""
        longest = max(len(self.tokenizer(h, add_special_tokens=False).input_ids) for h in hypotheses)
        needed = longest + self.tokenizer.num_special_tokens_to_add(pair=True) + PREMISE_FLOOR
        limit = min(self.tokenizer.model_max_length or MODEL_LIMIT, MODEL_LIMIT)
        if needed <= limit:
            return {"truncation": "only_first", "max_length": max(MAX_PAIR_TOKENS, needed)}
        return {"truncation": "longest_first", "max_length": limit}


def windows(article: Article) -> list[tuple[int, ...]]:
    """Consecutive sentence pairs (one window for a one-sentence article)."""
    count = len(article.sentences)
    size = min(WINDOW_SENTENCES, count)
    return [tuple(range(start, start + size)) for start in range(count - size + 1)]


def entailment_scores(summary_sentences: list[str], article: Article,
                      model: EntailmentModel) -> list[Entailment]:
    """One `Entailment` per summary sentence, against the windows most likely to hold its evidence."""
    spans = windows(article)
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
