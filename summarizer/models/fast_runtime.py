"""The fast runtime: the same model converted to CTranslate2 (int8 on the CPU; on a GPU `precision.py`'s
half-precision type).

The conversion runs once per model revision, on first use, and is kept beside the Hugging Face cache
(`$HF_HOME/summarizer-ctranslate2/`). Published effect of int8 on quality (CTranslate2 README, OPUS-MT
en-de): BLEU 27.90 -> 27.65.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from huggingface_hub import constants

from summarizer import config
from summarizer.errors import ModelUnavailable
from summarizer.models.decoding import Decoding
from summarizer.models.precision import compute_type
from summarizer.models.runtime import CPU, TokenizedModel, cpu_threads, quiet_transformers
from summarizer.models.vocabulary_map import MAP_FILE, write_map
from summarizer.progress import Progress, ProgressCallback, no_progress

CONVERTED_DIR_NAME = "summarizer-ctranslate2"


def device_and_compute_type(model_type: str) -> tuple[str, str]:
    import ctranslate2

    device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    supported = ctranslate2.get_supported_compute_types(device) if device == "cuda" else set()
    return device, compute_type(model_type, device, "fast", supported)


def converted_folder(folder: str, quantization: str) -> Path:
    """Keyed by the snapshot folder (which names the revision) and the quantisation; kept in
    SUMMARIZER_CONVERTED_DIR, by default beside the Hugging Face cache."""
    root = config.current().converted_dir or Path(constants.HF_HOME) / CONVERTED_DIR_NAME
    key = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    return Path(root) / f"{Path(folder).name[:40]}-{key}-{quantization}"


def convert(model_id: str, folder: str, quantization: str,
            on_progress: ProgressCallback = no_progress) -> Path:
    target = converted_folder(folder, quantization)
    if (target / "model.bin").is_file():
        return target
    from ctranslate2.converters import TransformersConverter

    on_progress(Progress("convert", f"Preparing {model_id} for this computer (first use only)"))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".converting-"))
    _fix_m2m100_vocabulary()
    try:
        try:
            TransformersConverter(folder).convert(str(staging / "model"), quantization=quantization,
                                                  force=True)
        except Exception as error:  # the converter raises anything from KeyError to NotImplementedError
            raise ModelUnavailable(model_id, f"{model_id} could not be converted for the fast runtime "
                                             f"({type(error).__name__}: {error})") from None
        _publish(staging / "model", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _publish(converted: Path, target: Path) -> None:
    """Move a finished conversion into place atomically, so a half-written one is never used. Another
    process converting the same model may have won the race: its copy is as good as this one."""
    if target.exists() and not (target / "model.bin").is_file():
        shutil.rmtree(target, ignore_errors=True)  # a leftover of an interrupted run, never a finished one
    try:
        converted.rename(target)
    except OSError:
        if not (target / "model.bin").is_file():
            raise


def _m2m100_vocabulary(loader, model, tokenizer) -> list[str]:
    tokens = [t for t, _ in sorted(tokenizer.get_vocab().items(), key=lambda item: item[1])]
    languages = getattr(tokenizer, "lang_token_to_id", {})
    tokens += [t for t, _ in sorted(languages.items(), key=lambda item: item[1]) if t not in tokens]
    return tokens + [f"madeupword{i}" for i in range(model.config.vocab_size - len(tokens))]


def _fix_m2m100_vocabulary() -> None:
    """transformers 5 no longer lists M2M100's `__xx__` language tokens among the special tokens, so
    CTranslate2's converter would build a vocabulary without them; this loader appends them in id
    order. Installed once, for every later conversion."""
    from ctranslate2.converters import transformers as loaders

    loaders.M2M100Loader.get_vocabulary = _m2m100_vocabulary


def target_vocabulary(converted: Path) -> dict[str, int]:
    """Output token -> id, from the converted model's own vocabulary.

    The Hugging Face tokenizer cannot stand in for it: the converter pads the vocabulary to the
    model's size (M2M100's `madeupword…` entries), and the tokenizer would call those ids `<unk>`."""
    name = "shared_vocabulary.json" if (converted / "shared_vocabulary.json").is_file() \
        else "target_vocabulary.json"
    ids: dict[str, int] = {}
    for index, token in enumerate(json.loads((converted / name).read_text(encoding="utf-8"))):
        ids.setdefault(token, index)  # CTranslate2 resolves a repeated token to its first id too
    return ids


class FastModel(TokenizedModel):
    """CTranslate2 `Translator.translate_batch` over the model's own tokenizer."""

    runtime = "fast"

    def __init__(self, model_id: str, folder: str, input_limit: int | None = None,
                 on_progress: ProgressCallback = no_progress, quantization: str | None = None,
                 threads: int | None = None, map_languages: tuple[str, ...] = ()) -> None:
        """`quantization` overrides the device's default (`precision.compute_type`).

        `map_languages`: restrict each step's output to the source's words and these languages'
        frequent ones (`vocabulary_map.py`); empty for the whole vocabulary.

        `threads` is how many cores one call computes on (default: all). A translator gets one: its
        inputs are single sentences, where a second thread costs more in hand-overs than it computes,
        and calls for other languages run beside it on the other cores."""
        quiet_transformers()
        import ctranslate2
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(folder)
        super().__init__(model_id, folder, input_limit, getattr(config, "max_position_embeddings", None))
        self.special_ids = set(self.tokenizer.all_special_ids)
        self.device, self.compute_type = device_and_compute_type(config.model_type)
        self.compute_type = quantization or self.compute_type
        self.converted = convert(model_id, folder, self.compute_type, on_progress)
        self.output_ids = target_vocabulary(self.converted)
        self.output_tokens = {index: token for token, index in self.output_ids.items()}
        if map_languages:
            write_map(self.converted, list(self.output_ids), self.tokenizer.tokenize, map_languages)
        self.use_vmap = bool(map_languages) and (self.converted / MAP_FILE).is_file()
        self.threads = min(threads or cpu_threads(), cpu_threads())
        parallel_calls = cpu_threads() // self.threads if self.device == "cpu" else 1
        self.translator = ctranslate2.Translator(str(self.converted), device=self.device,
                                                 compute_type=self.compute_type, inter_threads=parallel_calls,
                                                 intra_threads=self.threads if self.device == "cpu" else 0)

    def options(self, decoding: Decoding) -> dict:
        """`decoding` in CTranslate2's words. A forced first token is a one-token target prefix
        (CTranslate2 has no forced-BOS option), counted in its lengths as transformers counts it; the
        end token is not counted, so a forced end token, which takes the last allowed position in
        transformers, leaves one fewer here."""
        forced = decoding.forced_bos_token_id
        prefix = [] if forced is None else [self.output_tokens[forced]]
        longest = max(1, decoding.max_new_tokens - (1 if decoding.forced_eos_token_id is not None else 0))
        return dict(beam_size=decoding.num_beams, max_decoding_length=longest,
                    min_decoding_length=min(decoding.min_new_tokens, longest),
                    length_penalty=decoding.length_penalty, no_repeat_ngram_size=decoding.no_repeat_ngram_size,
                    suppress_sequences=self._suppressed(decoding.bad_words_ids), target_prefix=prefix or None,
                    use_vmap=self.use_vmap)

    def _suppressed(self, bad_words_ids: tuple[tuple[int, ...], ...]) -> list[list[str]] | None:
        """The checkpoint's banned sequences, as tokens. One with a token the converted vocabulary lacks
        cannot be generated anyway (the converter drops Marian's `<pad>`, the token Marian bans)."""
        sequences = [[self.output_tokens[i] for i in ids] for ids in bad_words_ids
                     if all(i in self.output_tokens for i in ids)]
        return sequences or None

    def stream_ids(self, row: list[int], decoding: Decoding) -> Iterator[int]:
        """CTranslate2 hands over each token as it is chosen (greedy search only)."""
        options = self.options(decoding)
        del options["beam_size"], options["length_penalty"]
        prefix = options.pop("target_prefix")
        with CPU.turn(self.threads):
            for step in self.translator.generate_tokens(self.tokenizer.convert_ids_to_tokens(row),
                                                        target_prefix=prefix, **options):
                token_id = self.output_ids[step.token]
                if token_id not in self.special_ids:
                    yield token_id

    def generate_ids(self, rows: list[list[int]], decoding: Decoding) -> list[list[int]]:
        source = [self.tokenizer.convert_ids_to_tokens(row) for row in rows]
        options = self.options(decoding)
        if options["target_prefix"]:
            options["target_prefix"] = [options["target_prefix"]] * len(source)
        with CPU.turn(self.threads):
            results = self.translator.translate_batch(source, return_scores=False, **options)
        return [[self.output_ids[token] for token in r.hypotheses[0]] for r in results]
