"""Speed and memory benchmark: each workload's reference figure beside the project's, and the ratio.

    python -m benchmarks.speed                 # table
    python -m benchmarks.speed --json          # rows as JSON objects
    python -m benchmarks.speed --runs 1        # quicker, noisier
    python -m benchmarks.speed --use-cached    # real catalogue models where the HF cache has them
    python -m benchmarks.speed --tiny --runs 1 # smoke test: runs in seconds, figures meaningless
    python -m benchmarks.speed --runtime-settings  # also CTranslate2's switches and the map turned off

Models are full-size architectures with random weights built from the published configurations (speed
does not depend on the weights); output lengths are forced so both paths do the same number of steps.
Reference path: transformers fp32 with the published 4 beams; project path: what the app and CLI run by
default (CTranslate2 int8 on the CPU, the catalogue's beams, the vocabulary map). Not a test: the
figures depend on the machine, whose cores are printed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from importlib import resources
from pathlib import Path

from summarizer.text.article import Article
from summarizer.evaluate.rouge import read_pairs
from summarizer.summarise.extractive import summarise_extractive
from summarizer.summarise.lengths import length_budget
from summarizer.settings import GenerationSettings
from summarizer.summarise.translation import side_by_side

# Published configurations (Hugging Face Hub config.json of each model).
DISTILBART = dict(vocab_size=50264, d_model=1024, encoder_attention_heads=16, decoder_attention_heads=16,
                  encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
                  activation_function="gelu", pad_token_id=1, bos_token_id=0, eos_token_id=2,
                  decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
                  normalize_before=False, normalize_embedding=True, static_position_embeddings=False,
                  add_bias_logits=False, add_final_layer_norm=False, scale_embedding=False)
ARCHITECTURES = {
    "sshleifer/distilbart-cnn-12-6": ("bart", dict(DISTILBART, encoder_layers=12, decoder_layers=6)),
    "sshleifer/distilbart-cnn-6-6": ("bart", dict(DISTILBART, encoder_layers=6, decoder_layers=6)),
    "Helsinki-NLP/opus-mt-en-de": ("marian", dict(
        vocab_size=58101, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
        decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512,
        activation_function="swish", scale_embedding=True, static_position_embeddings=True,
        pad_token_id=58100, eos_token_id=0, decoder_start_token_id=58100, forced_eos_token_id=0)),
}
TRANSLATORS = ["Helsinki-NLP/opus-mt-en-de", "Helsinki-NLP/opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-es"]
BEAMS = 4


@dataclass(frozen=True)
class Sizes:
    """How big each workload is. FULL is what the README quotes; TINY checks the benchmark itself runs."""

    article_tokens: int = 900
    summary_tokens: int = 60
    sentence_tokens: int = 25  # a 60-word, 3-sentence summary; output forced
    translation_tokens: int = 25
    extractive_words: tuple[int, ...] = (5_000, 50_000)
    tiny_models: bool = False  # width 32, one layer, a 1,000-word vocabulary
    fresh_processes: bool = True

    def summary_settings(self, beams: int = BEAMS, tokens: int | None = None) -> GenerationSettings:
        """Forced lengths with the summariser's shipped settings (length penalty, no repeated trigrams)."""
        tokens = tokens or self.summary_tokens
        return GenerationSettings(num_beams=beams, min_new_tokens=tokens, max_new_tokens=tokens,
                                  length_penalty=2.0, no_repeat_ngram_size=3)

    def compare_tokens(self) -> dict[str, int]:
        """Each preset's forced length: the middle of its budget for this article (`lengths.py`)."""
        budgets = {p: length_budget(p, self.article_tokens, 142) for p in ("short", "medium", "long")}
        return {p: (b.min_tokens + b.max_tokens) // 2 for p, b in budgets.items()}

    def translation_settings(self) -> GenerationSettings:
        """Forced lengths with translation.py's settings."""
        return GenerationSettings(num_beams=BEAMS, min_new_tokens=self.translation_tokens,
                                  max_new_tokens=self.translation_tokens, length_penalty=1.0,
                                  no_repeat_ngram_size=0)


FULL = Sizes()
TINY = Sizes(article_tokens=40, summary_tokens=4, sentence_tokens=6, translation_tokens=4,
             extractive_words=(200, 2_000), tiny_models=True, fresh_processes=False)


def shrunk(config: dict) -> dict:
    """The architecture at toy width (for --tiny); pad ids at the vocabulary's end move with it."""
    size = 1_000
    small = dict(config, vocab_size=size, d_model=32, encoder_layers=1, decoder_layers=1,
                 encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64)
    for name in ("pad_token_id", "decoder_start_token_id"):
        if config.get(name) == config["vocab_size"] - 1:
            small[name] = size - 1
    return small


@dataclass
class Row:
    workload: str
    unit: str
    reference: float | None
    project: float
    ratio: float | None
    note: str = ""


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- building the models -------------------------------------------------------------------------

def build_random_model(model_id: str, folder: Path, tiny: bool = False) -> Path:
    """Save a random-weight model of `model_id`'s architecture, with a tokenizer of its vocabulary size."""
    import torch
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        BartTokenizer,
        MarianConfig,
        MarianMTModel,
        MarianTokenizer,
    )

    kind, config = ARCHITECTURES.get(model_id, ARCHITECTURES["Helsinki-NLP/opus-mt-en-de"])
    config = shrunk(config) if tiny else config
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    size = config["vocab_size"]
    if kind == "bart":
        # Every byte is a token (byte-level BPE with no merges), so text becomes as many ids as it has bytes.
        vocab = {t: i for i, t in enumerate(["<s>", "<pad>", "</s>", "<unk>", *sorted(ByteLevel.alphabet())])}
        vocab.update({f"w{i}": i for i in range(len(vocab), size)})
        (folder / "vocab.json").write_text(json.dumps(vocab))
        (folder / "merges.txt").write_text("#version: 0.2\n")
        BartTokenizer(vocab=str(folder / "vocab.json"), merges=str(folder / "merges.txt"),
                      model_max_length=1024).save_pretrained(folder)
        BartForConditionalGeneration(BartConfig(**config)).save_pretrained(folder)
    else:
        spm_file = _tiny_sentencepiece(folder)
        vocab = {"</s>": 0, "<unk>": 1, **{f"w{i}": i for i in range(2, size - 1)}, "<pad>": size - 1}
        (folder / "vocab.json").write_text(json.dumps(vocab))
        MarianTokenizer(source_spm=str(spm_file), target_spm=str(spm_file),
                        vocab=str(folder / "vocab.json")).save_pretrained(folder)
        MarianMTModel(MarianConfig(**config)).save_pretrained(folder)
    return folder


def _tiny_sentencepiece(folder: Path) -> Path:
    import sentencepiece as spm

    corpus = folder / "spm-corpus.txt"
    words = [f"word{i}" for i in range(300)]
    corpus.write_text("\n".join(" ".join(random.Random(n).sample(words, 20)) for n in range(200)))
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(folder / "spm"), vocab_size=200,
                                   minloglevel=2, hard_vocab_limit=False)
    return folder / "spm.model"


def model_folder(model_id: str, work: Path, use_cached: bool, sizes: Sizes) -> tuple[Path, str]:
    if use_cached and not sizes.tiny_models:
        from summarizer.models.hub import cached_folder

        folder = cached_folder(model_id)
        if folder:
            return Path(folder), "real weights"
    folder = build_random_model(model_id, work / model_id.replace("/", "--"), sizes.tiny_models)
    return folder, "tiny random weights" if sizes.tiny_models else "random weights"


# --- the workloads ----------------------------------------------------------------------------------

def random_ids(vocab_size: int, length: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randrange(4, vocab_size - 2) for _ in range(length)]


def load(backend: str, model_id: str, folder: str):
    """The model as the product loads it (a translator's fast path computes on one core)."""
    from summarizer.models.registry import build_model

    return build_model(model_id, folder, backend=backend)


def project_beams(model_id: str) -> int:
    from summarizer.models.catalogue import describe_summary_model

    return describe_summary_model(model_id).generation.num_beams


# --- each path in its own process, runs alternating between paths --------------------------------------

_LOADED: dict[str, list] = {}  # path name -> its models, in the process that times them


def _load_path(name: str, backend: str, models: list[tuple[str, str]], environ: dict[str, str],
               compute_type: str | None) -> None:
    os.environ.update(environ)  # before CTranslate2 starts in this process
    if compute_type:
        from summarizer.models.fast_runtime import FastModel
        from summarizer.models.registry import vocabulary_map_languages

        _LOADED[name] = [FastModel(m, f, quantization=compute_type, map_languages=vocabulary_map_languages(m))
                         for m, f in models]
    else:
        _LOADED[name] = [load(backend, m, f) for m, f in models]


class PathProcess:
    """One path's models, loaded once in a process of their own, as when deployed: torch's and
    CTranslate2's thread pools never compete and memory is the path's own. Paths take turns run by run,
    so a machine that slows down for a while (shared virtual machines do) slows every path alike.
    Tiny sizes run in this process: a new one costs seconds of imports."""

    def __init__(self, sizes: Sizes, name: str, backend: str, models: list[tuple[str, Path]],
                 environ: dict[str, str] | None = None, compute_type: str | None = None) -> None:
        self.name = name
        args = (name, backend, [(m, str(f)) for m, f in models], environ or {}, compute_type)
        self.pool = multiprocessing.get_context("spawn").Pool(1) if sizes.fresh_processes else None
        self.run(_load_path, *args)
        self.run(_warm_up, name)  # first calls allocate and pick kernels; never timed

    def run(self, function: Callable, *args):
        return self.pool.apply(function, args) if self.pool else function(*args)

    def close(self) -> None:
        if self.pool:
            self.pool.terminate()


def _warm_up(name: str) -> None:
    settings = GenerationSettings(num_beams=1, min_new_tokens=2, max_new_tokens=2)
    for model in _LOADED[name]:
        model.generate_ids([random_ids(len(model.tokenizer), 16, 0)], model.decoding(settings))


def alternating(paths: list[PathProcess], function: Callable, runs: int, *args) -> list[float]:
    """The median of `runs` calls of `function(path name, run, *args)` on each path, calls taking turns."""
    times: list[list[float]] = [[] for _ in paths]
    for run in range(runs):
        for path, out in zip(paths, times):
            out.append(path.run(function, path.name, run, *args))
    return [statistics.median(t) for t in times]


def _article(model, sizes: Sizes, run: int) -> list[list[int]]:
    """A new article each run: the reference path keeps its latest article's encoding (for a second
    length of the same text), which must not flatter repeated runs."""
    return [random_ids(len(model.tokenizer), sizes.article_tokens, 1 + run)]


def path_beams(model) -> int:
    """The reference path decodes with the models' published 4 beams, the project with the product's."""
    return BEAMS if model.backend == "reference" else project_beams(model.model_id)


def _summary_seconds(name: str, run: int, sizes: Sizes, tokens: int) -> float:
    [model] = _LOADED[name]
    article = _article(model, sizes, run)
    start = time.perf_counter()
    model.generate_ids(article, model.decoding(sizes.summary_settings(path_beams(model), tokens)))
    return time.perf_counter() - start


def _first_word_seconds(name: str, run: int, sizes: Sizes) -> float:
    """From the request to the first token of the streamed draft (what the page shows first)."""
    [model] = _LOADED[name]
    article = _article(model, sizes, run)
    start = time.perf_counter()
    stream = model.stream_ids(article[0], model.decoding(sizes.summary_settings(1)))
    next(stream)
    seconds = time.perf_counter() - start
    stream.close()
    return seconds


def _compare_seconds(name: str, run: int, sizes: Sizes) -> float:
    """Short, medium and long of one article, as Compare lengths asks for them."""
    [model] = _LOADED[name]
    article = _article(model, sizes, run)
    start = time.perf_counter()
    for tokens in sizes.compare_tokens().values():
        model.generate_ids(article, model.decoding(sizes.summary_settings(path_beams(model), tokens)))
    return time.perf_counter() - start


def _two_requests_seconds(name: str, run: int, sizes: Sizes, at_once: bool) -> float:
    """Two requests one after the other, or from two threads at once as two app sessions send them
    (they queue for the cores)."""
    [model] = _LOADED[name]
    decoding = model.decoding(sizes.summary_settings(path_beams(model)))
    articles = [_article(model, sizes, 100 + 2 * run + i) for i in range(2)]
    threads = [threading.Thread(target=model.generate_ids, args=(a, decoding)) for a in articles]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
        if not at_once:
            thread.join()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _translation_seconds(name: str, run: int, sizes: Sizes) -> float:
    models = _LOADED[name]
    batch = [random_ids(len(models[0].tokenizer), sizes.sentence_tokens, 10 * run + i) for i in range(3)]
    settings = sizes.translation_settings()
    start = time.perf_counter()
    if models[0].backend == "fast":
        for _, future in side_by_side([partial(m.generate_ids, batch, m.decoding(settings)) for m in models]):
            future.result()
    else:  # one language after another, as before
        for model in models:
            model.generate_ids(batch, model.decoding(settings))
    return time.perf_counter() - start


# CTranslate2's own switches worth trying on an AVX-512 VNNI machine, and the vocabulary map turned off;
# each is timed against the default in the same run and kept only where it wins (the product sets none:
# on the machines measured so far none did; see the README).
RUNTIME_SETTINGS: dict[str, dict[str, str]] = {
    "CT2_USE_EXPERIMENTAL_PACKED_GEMM=1": {"CT2_USE_EXPERIMENTAL_PACKED_GEMM": "1"},
    "CT2_USE_MKL=1 (Intel MKL on any CPU)": {"CT2_USE_MKL": "1"},
    "CT2_USE_MKL=0 (oneDNN on any CPU)": {"CT2_USE_MKL": "0"},
    "SUMMARIZER_VOCABULARY_MAP=0 (the whole vocabulary; below 1: the map wins)":
        {"SUMMARIZER_VOCABULARY_MAP": "0"},
}


def runtime_setting_rows(folder: Path, runs: int, sizes: Sizes) -> Iterator[Row]:
    import ctranslate2

    from summarizer.models.fast_runtime import device_and_compute_type

    model_id = "sshleifer/distilbart-cnn-12-6"
    default_type = device_and_compute_type("bart")[1]
    candidates = [(name, environ, default_type) for name, environ in RUNTIME_SETTINGS.items()]
    if "int8_bfloat16" in ctranslate2.get_supported_compute_types("cpu"):
        candidates.append(("compute type int8_bfloat16", {}, "int8_bfloat16"))
    for name, environ, compute_type in candidates:
        paths = [PathProcess(sizes, "default", "fast", [(model_id, folder)], {}, default_type),
                 PathProcess(sizes, name, "fast", [(model_id, folder)], environ, compute_type)]
        try:
            default, seconds = alternating(paths, _summary_seconds, runs, sizes, sizes.summary_tokens)
        finally:
            for path in paths:
                path.close()
        yield Row(f"runtime setting: {name}", "s", round(default, 2), round(seconds, 2),
                  round(default / seconds, 2), "reference = the default settings, same run, runs "
                  "alternating; keep only a ratio clearly above 1")


def summary_rows(model_id: str, label: str, folder: Path, runs: int, weights: str,
                 extras: bool, sizes: Sizes) -> list[Row]:
    if weights != "real weights":
        write_sized_vocabulary_map(model_id, folder)
    beams = project_beams(model_id)
    reference = PathProcess(sizes, "reference", "reference", [(model_id, folder)])
    fast = PathProcess(sizes, "fast", "fast", [(model_id, folder)])
    try:
        reference_s, fast_s = alternating([reference, fast], _summary_seconds, runs, sizes,
                                          sizes.summary_tokens)
        rows = [Row(f"{label}: {sizes.article_tokens}-token article, {sizes.summary_tokens} tokens", "s",
                    round(reference_s, 2), round(fast_s, 2), round(reference_s / fast_s, 2),
                    f"{model_id}, {weights}; reference transformers fp32 beams {BEAMS}, project CTranslate2 "
                    f"int8 beams {beams} with the vocabulary map; runs alternating")]
        if extras:
            reference.close()
            rows += extra_rows(fast, runs, sizes)
    finally:
        reference.close()
        fast.close()
    return rows


def extra_rows(fast: PathProcess, runs: int, sizes: Sizes) -> list[Row]:
    """The project path's own rows, each against its own reference measured in turn with it."""
    tokens = sizes.compare_tokens()
    measures = {"one": (_summary_seconds, sizes.summary_tokens), "first word": (_first_word_seconds,),
                "medium": (_summary_seconds, tokens["medium"]), "compare": (_compare_seconds,),
                "in a row": (_two_requests_seconds, False), "at once": (_two_requests_seconds, True)}
    times: dict[str, list[float]] = {key: [] for key in measures}
    for run in range(runs):
        for key, (function, *args) in measures.items():
            times[key].append(fast.run(function, fast.name, run, sizes, *args))
    one, first_word, medium, compare, in_a_row, at_once = (statistics.median(times[k]) for k in measures)
    return [
        Row("first summary words visible (default model)", "s", round(one, 2), round(first_word, 2),
            round(one / first_word, 2), "reference = the whole beam-search summary, when words used to "
            "appear; project = the streamed draft's first token (target 1.5 s)"),
        Row(f"compare lengths: {' + '.join(map(str, tokens.values()))} tokens vs medium alone "
            "(default model, project path)", "s", round(2 * medium, 2), round(compare, 2),
            round(2 * medium / compare, 2), "reference = the target, twice the medium alone "
            f"({medium:.2f} s); CTranslate2 encodes the article again for each length"),
        Row("two requests at once (default model, project path)", "s", round(in_a_row, 2), round(at_once, 2),
            round(in_a_row / at_once, 2),
            "reference = two in a row; requests queue for the cores, so no oversubscription"),
    ]


# Candidates per article of the real DistilBART tokenizer's map (`python -m benchmarks.vocabulary_map`,
# 10,000 frequent words): the random models' byte vocabulary would give far fewer, and flatter figures.
REAL_MAP_CANDIDATES = 27_000


def write_sized_vocabulary_map(model_id: str, folder: Path) -> None:
    """Give the random model a map as wide as the real tokenizer's, so the fast path's figures are not
    flattered by a tiny vocabulary; written before the fast path loads the model (it keeps a map it finds)."""
    from summarizer.models.fast_runtime import convert, device_and_compute_type, target_vocabulary
    from summarizer.models.registry import vocabulary_map_languages
    from summarizer.models.vocabulary_map import MAP_FILE, map_text

    languages = vocabulary_map_languages(model_id)
    if not languages:
        return
    converted = convert(model_id, str(folder), device_and_compute_type("bart")[1])
    vocabulary = list(target_vocabulary(converted))
    always = set(vocabulary[:min(REAL_MAP_CANDIDATES, len(vocabulary) // 2)])
    (converted / MAP_FILE).write_text(map_text(vocabulary, always, languages), encoding="utf-8")


def translation_row(folders: list[tuple[str, Path]], runs: int, sizes: Sizes) -> Row:
    paths = [PathProcess(sizes, backend, backend, folders) for backend in ("reference", "fast")]
    try:
        reference, fast = alternating(paths, _translation_seconds, runs, sizes)
    finally:
        for path in paths:
            path.close()
    return Row("translate a 3-sentence, 60-word summary into 3 languages (opus-mt)", "s", round(reference, 2),
               round(fast, 2), round(reference / fast, 2), "3 Marian models, 3 sentences each, beams 4; "
               "reference one language after another, project side by side on one core each; runs "
               "alternating")


def _resident_mb(name: str) -> float:
    """This process's resident memory, its path's models loaded and each run once (the warm-up)."""
    with open("/proc/self/status") as status:
        rss_kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
    return rss_kb / 1024


def memory_row(folders: list[tuple[str, Path]], sizes: Sizes) -> Row:
    figures = []
    for backend in ("reference", "fast"):
        path = PathProcess(sizes, backend, backend, folders)
        try:
            figures.append(path.run(_resident_mb, backend))
        finally:
            path.close()
    reference, fast = figures
    return Row("resident memory: default summariser + 3 translators loaded", "MB", round(reference),
               round(fast), round(reference / fast, 2), "one fresh process per path (VmRSS)")


def article_of(words: int) -> str:
    """A deterministic article of about `words` words, built from the bundled evaluation articles."""
    articles = [p.article for p in read_pairs(resources.files("summarizer") / "data" / "news_en.jsonl")]
    paragraphs = [p for a in articles for p in a.split("\n\n")]
    out, count, i = [], 0, 0
    while count < words:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(f"Update {i // len(paragraphs)}: {paragraph}" if i >= len(paragraphs) else paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n\n".join(out)


EXTRACTIVE_TARGET_SECONDS = {5_000: 1.0, 50_000: 5.0}


def extractive_rows(runs: int, sizes: Sizes) -> Iterator[Row]:
    for words in sizes.extractive_words:
        target = EXTRACTIVE_TARGET_SECONDS.get(words)
        text = article_of(words)
        seconds = median_seconds(lambda text=text: summarise_extractive(Article.read(text, "en"), "medium"),
                                 runs)
        yield Row(f"extractive engine, {words:,}-word article", "s", target, round(seconds, 3),
                  round(target / seconds, 1) if target else None,
                  "reference = the target time" if target else "")


CHECK_TARGET_SECONDS = 0.05


def check_row(runs: int) -> Row:
    """The fact check (no deep check) of a 4-sentence summary of a 500-word article; the language data it
    loads on first use is loaded before timing."""
    from summarizer.checks.faithfulness import check_summary
    from summarizer.text.segmentation import split_sentences

    text = article_of(500)
    summary = split_sentences(text, "en")[:4]
    check_summary(summary, Article.read(text, "en"))
    seconds = median_seconds(lambda: check_summary(summary, Article.read(text, "en")), max(runs, 5))
    return Row("fact check, 4 sentences against a 500-word article", "s", CHECK_TARGET_SECONDS,
               round(seconds, 4), round(CHECK_TARGET_SECONDS / seconds, 1), "reference = the target time")


def no_model_rows(runs: int, sizes: Sizes) -> Iterator[Row]:
    yield from extractive_rows(runs, sizes)
    yield check_row(runs)


def all_rows(runs: int, use_cached: bool, sizes: Sizes, runtime_settings: bool = False) -> Iterator[Row]:
    """Rows one by one as each workload finishes, so a long run shows progress."""
    from summarizer.models.runtime import quiet_transformers

    quiet_transformers()
    with tempfile.TemporaryDirectory(prefix="summarizer-bench-") as work_dir:
        work = Path(work_dir)
        os.environ["SUMMARIZER_CONVERTED_DIR"] = str(work / "converted")  # not the user's cache
        default_folder, weights = model_folder("sshleifer/distilbart-cnn-12-6", work, use_cached, sizes)
        yield from summary_rows("sshleifer/distilbart-cnn-12-6", "default summariser", default_folder, runs,
                                weights, True, sizes)
        if runtime_settings:
            yield from runtime_setting_rows(default_folder, runs, sizes)
        fast_folder, weights = model_folder("sshleifer/distilbart-cnn-6-6", work, use_cached, sizes)
        yield from summary_rows("sshleifer/distilbart-cnn-6-6", "fast summariser", fast_folder, runs, weights,
                                False, sizes)
        translators = [(m, model_folder(m, work, use_cached, sizes)[0]) for m in TRANSLATORS]
        yield translation_row(translators, runs, sizes)
        yield memory_row([("sshleifer/distilbart-cnn-12-6", default_folder), *translators], sizes)
    yield from no_model_rows(runs, sizes)


COLUMNS = ("workload", "unit", "reference", "project", "ratio", "note")


def table_line(row: Row) -> str:
    """One row, tab-separated, printed as soon as its workload is done."""
    cells = (row.workload, row.unit, "-" if row.reference is None else f"{row.reference}", f"{row.project}",
             "-" if row.ratio is None else f"{row.ratio}x", row.note)
    return "\t".join(cells).rstrip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="runs per workload; the median is shown")
    parser.add_argument("--use-cached", action="store_true",
                        help="use real catalogue models where the Hugging Face cache has them")
    parser.add_argument("--extractive-only", action="store_true",
                        help="only the rows that need no model: extractive engine and fact check")
    parser.add_argument("--runtime-settings", action="store_true",
                        help="also time the default summariser under each CTranslate2 switch worth trying "
                             "on AVX-512 VNNI machines, against the default in the same run")
    parser.add_argument("--tiny", action="store_true",
                        help="toy sizes: checks the benchmark runs end to end in seconds; "
                             "figures meaningless")
    args = parser.parse_args(argv)
    sizes = TINY if args.tiny else FULL
    rows = no_model_rows(args.runs, sizes) if args.extractive_only \
        else all_rows(args.runs, args.use_cached, sizes, args.runtime_settings)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return
    print(f"cores: {os.cpu_count()}; median of {args.runs} run(s); ratio = reference / project "
          f"(higher is better){'; TINY sizes, figures meaningless' if args.tiny else ''}", flush=True)
    print("\t".join(COLUMNS), flush=True)
    for row in rows:
        print(table_line(row), flush=True)


if __name__ == "__main__":
    main()
