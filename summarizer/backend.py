"""Model execution behind one small interface, so a faster engine can replace transformers later."""

from __future__ import annotations

import threading
from typing import Protocol

from .settings import GenerationSettings

_UNBOUNDED = 100_000  # tokenizers report ~1e30 when they have no limit


def quiet_transformers() -> None:
    """Library warnings and weight-loading bars would bury a front end's own messages."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


class Seq2SeqModel(Protocol):
    """What chunking, summarising and translating need from a sequence-to-sequence model."""

    model_id: str
    input_limit: int

    def count_tokens(self, text: str) -> int: ...

    def split_by_tokens(self, text: str, limit: int) -> list[str]: ...

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]: ...


class TransformersModel:
    """`AutoModelForSeq2SeqLM.generate()` on the GPU when present (half precision), else the CPU."""

    def __init__(self, model_id: str, folder: str, input_limit: int | None = None) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        self.model_id = model_id
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = torch.float16 if self.device == "cuda" else torch.float32
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=dtype).to(self.device).eval()
        limits = [input_limit or _UNBOUNDED, self.tokenizer.model_max_length or _UNBOUNDED,
                  getattr(self.model.config, "max_position_embeddings", None) or _UNBOUNDED]
        self.input_limit = min(min(limits), 4096)
        self._special_tokens = len(self.tokenizer("").input_ids)
        # One generate at a time per model: the tokenizer is mutated (src_lang) and the CPU is shared.
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text).input_ids)

    def split_by_tokens(self, text: str, limit: int) -> list[str]:
        ids = self.tokenizer(text, add_special_tokens=False).input_ids
        window = max(1, limit - self._special_tokens)
        while True:
            pieces = [self.tokenizer.decode(ids[i:i + window]).strip() for i in range(0, len(ids), window)]
            pieces = [p for p in pieces if p]
            # Re-encoding decoded text can merge differently; shrink until every piece fits.
            if all(self.count_tokens(p) <= limit for p in pieces) or window == 1:
                return pieces
            window = max(1, int(window * 0.9))

    def generate(self, texts: list[str], settings: GenerationSettings, *,
                 source_language: str | None = None, target_token: str | None = None) -> list[str]:
        import torch

        kwargs: dict = {"num_beams": settings.num_beams, "max_new_tokens": settings.max_new_tokens,
                        "min_new_tokens": min(settings.min_new_tokens, settings.max_new_tokens)}
        if settings.num_beams > 1:
            kwargs.update(length_penalty=settings.length_penalty, early_stopping=True)
        if settings.no_repeat_ngram_size:
            kwargs["no_repeat_ngram_size"] = settings.no_repeat_ngram_size
        with self._lock:
            if source_language and hasattr(self.tokenizer, "src_lang"):
                self.tokenizer.src_lang = source_language
            batch = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=True,
                                   max_length=self.input_limit).to(self.device)
            forced_id = None
            if target_token:
                forced_id = self.tokenizer.convert_tokens_to_ids(target_token)
                kwargs["forced_bos_token_id"] = forced_id
            with torch.inference_mode():
                output = self.model.generate(**batch, **kwargs)
        if forced_id is not None:  # the language token is not part of the text
            output = torch.where(output == forced_id, self.tokenizer.pad_token_id, output)
        return [t.strip() for t in self.tokenizer.batch_decode(output, skip_special_tokens=True)]
