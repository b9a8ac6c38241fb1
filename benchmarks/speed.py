"""Speed and memory benchmark: each workload's reference figure beside the project's, and the ratio.

    python -m benchmarks.speed                 # table
    python -m benchmarks.speed --json          # rows as JSON objects
    python -m benchmarks.speed --runs 1        # quicker, noisier
    python -m benchmarks.speed --use-cached    # real catalogue models where the HF cache has them
    python -m benchmarks.speed --tiny --runs 1 # smoke test: runs in seconds, figures meaningless
    python -m benchmarks.speed --runtime-settings  # also CTranslate2's switches and the map turned off

Models are full-size architectures with random weights built from the published configurations (speed
does not depend on the weights); output lengths are forced so both runtimes do the same number of steps.
Reference runtime: transformers fp32 with the published 4 beams; project runtime: what the app and CLI run by
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
from dataclasses import asdict
from functools import partial
from importlib import resources
from pathlib import Path

from benchmarks.common import (
    BEAMS,
    COLUMNS,
    FULL,
    TINY,
    Row,
    Sizes,
    build_random_claim_checker,
    model_folder,
    resident_mb,
    table_line,
)
from summarizer.checks.entailment import chunks
from summarizer.evaluate.rouge import read_pairs
from summarizer.settings import GenerationSettings
from summarizer.summarise.extractive import summarise_extractive
from summarizer.summarise.translation import side_by_side
from summarizer.text.article import Article

TRANSLATORS = ["Helsinki-NLP/opus-mt-en-de", "Helsinki-NLP/opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-es"]


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# --- the workloads ----------------------------------------------------------------------------------

def random_ids(vocab_size: int, length: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randrange(4, vocab_size - 2) for _ in range(length)]


def load(runtime: str, model_id: str, folder: str):
    """The model as the product loads it (a translator's fast runtime computes on one core)."""
    from summarizer.models.registry import build_model

    return build_model(model_id, folder, runtime=runtime)


def project_beams(model_id: str) -> int:
    from summarizer.models.catalogue import describe_summary_model

    return describe_summary_model(model_id).generation.num_beams


# --- each runtime in its own process, runs alternating between runtimes ------------------------------

_LOADED: dict[str, list] = {}  # runtime name -> its models, in the process that times them
_OUTPUT_TOKENS: dict[str, list[int]] = {}  # runtime name -> tokens each timed summary wrote


def _load_runtime(name: str, runtime: str, models: list[tuple[str, str]], environ: dict[str, str],
               compute_type: str | None) -> None:
    os.environ.update(environ)  # before CTranslate2 starts in this process
    _OUTPUT_TOKENS.pop(name, None)  # a runtime loaded again counts afresh (tiny sizes share this process)
    if compute_type:
        from summarizer.models.fast_runtime import FastModel
        from summarizer.models.registry import vocabulary_map_languages

        _LOADED[name] = [FastModel(m, f, quantization=compute_type, map_languages=vocabulary_map_languages(m))
                         for m, f in models]
    else:
        _LOADED[name] = [load(runtime, m, f) for m, f in models]


class RuntimeProcess:
    """One runtime's models, loaded once in a process of their own, as when deployed: torch's and
    CTranslate2's thread pools never compete and memory is the runtime's own. Runtimes take turns run by run,
    so a machine that slows down for a while (shared virtual machines do) slows every runtime alike.
    Tiny sizes run in this process: a new one costs seconds of imports."""

    def __init__(self, sizes: Sizes, name: str, runtime: str, models: list[tuple[str, Path]],
                 environ: dict[str, str] | None = None, compute_type: str | None = None) -> None:
        self.name = name
        args = (name, runtime, [(m, str(f)) for m, f in models], environ or {}, compute_type)
        self.pool = multiprocessing.get_context("spawn").Pool(1) if sizes.fresh_processes else None
        self.run(_load_runtime, *args)
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


def alternating(runtimes: list[RuntimeProcess], function: Callable, runs: int, *args) -> list[float]:
    """The median of `runs` calls of `function(runtime name, run, *args)` on each runtime, calls taking turns."""
    times: list[list[float]] = [[] for _ in runtimes]
    for run in range(runs):
        for process, out in zip(runtimes, times):
            out.append(process.run(function, process.name, run, *args))
    return [statistics.median(t) for t in times]


def _article(model, sizes: Sizes, run: int) -> list[list[int]]:
    """A new article each run: the reference runtime keeps its latest article's encoding (for a second
    length of the same text), which must not flatter repeated runs."""
    return [random_ids(len(model.tokenizer), sizes.article_tokens, 1 + run)]


def path_beams(model) -> int:
    """The reference runtime decodes with the models' published 4 beams, the project with the product's."""
    return BEAMS if model.runtime == "reference" else project_beams(model.model_id)


def _summary_seconds(name: str, run: int, sizes: Sizes, tokens: int) -> float:
    [model] = _LOADED[name]
    article = _article(model, sizes, run)
    start = time.perf_counter()
    ids = model.generate_ids(article, model.decoding(sizes.summary_settings(path_beams(model), tokens)))
    seconds = time.perf_counter() - start
    special = set(model.tokenizer.all_special_ids)  # each runtime returns its own start and end tokens
    _OUTPUT_TOKENS.setdefault(name, []).append(sum(1 for token in ids[0] if token not in special))
    return seconds


def _output_tokens(name: str) -> list[int]:
    return _OUTPUT_TOKENS.pop(name, [])


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
    if models[0].runtime == "fast":
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
        runtimes = [RuntimeProcess(sizes, "default", "fast", [(model_id, folder)], {}, default_type),
                 RuntimeProcess(sizes, name, "fast", [(model_id, folder)], environ, compute_type)]
        try:
            default, seconds = alternating(runtimes, _summary_seconds, runs, sizes, sizes.summary_tokens)
        finally:
            for process in runtimes:
                process.close()
        yield Row(f"runtime setting: {name}", "s", round(default, 2), round(seconds, 2),
                  round(default / seconds, 2), "reference = the default settings, same run, runs "
                  "alternating; keep only a ratio clearly above 1")


def summary_rows(model_id: str, label: str, folder: Path, runs: int, weights: str,
                 extras: bool, sizes: Sizes) -> list[Row]:
    if weights != "real weights":
        write_sized_vocabulary_map(model_id, folder)
    beams = project_beams(model_id)
    reference = RuntimeProcess(sizes, "reference", "reference", [(model_id, folder)])
    fast = RuntimeProcess(sizes, "fast", "fast", [(model_id, folder)])
    try:
        reference_s, fast_s = alternating([reference, fast], _summary_seconds, runs, sizes,
                                          sizes.summary_tokens)
        written = {"reference": reference.run(_output_tokens, "reference"),
                   "project": fast.run(_output_tokens, "fast")}
        rows = [Row(f"{label}: {sizes.article_tokens}-token article, {sizes.summary_tokens} tokens", "s",
                    round(reference_s, 2), round(fast_s, 2), round(reference_s / fast_s, 2),
                    f"{model_id}, {weights}; reference transformers fp32 beams {BEAMS}, project CTranslate2 "
                    f"int8 beams {beams} with the vocabulary map; runs alternating", written)]
        if extras:
            reference.close()
            rows += extra_rows(fast, runs, sizes)
    finally:
        reference.close()
        fast.close()
    return rows


def extra_rows(fast: RuntimeProcess, runs: int, sizes: Sizes) -> list[Row]:
    """The project runtime's own rows, each against its own reference measured in turn with it."""
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
            "(default model, project runtime)", "s", round(2 * medium, 2), round(compare, 2),
            round(2 * medium / compare, 2), "reference = the target, twice the medium alone "
            f"({medium:.2f} s); CTranslate2 encodes the article again for each length"),
        Row("two requests at once (default model, project runtime)", "s", round(in_a_row, 2), round(at_once, 2),
            round(in_a_row / at_once, 2),
            "reference = two in a row; requests queue for the cores, so no oversubscription"),
    ]


# Candidates per article of the real DistilBART tokenizer's map (`python -m benchmarks.vocabulary_map`,
# 10,000 frequent words): the random models' byte vocabulary would give far fewer, and flatter figures.
REAL_MAP_CANDIDATES = 27_000


def write_sized_vocabulary_map(model_id: str, folder: Path) -> None:
    """Give the random model a map as wide as the real tokenizer's, so the fast runtime's figures are not
    flattered by a tiny vocabulary; written before the fast runtime loads the model (it keeps a map it finds)."""
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
    runtimes = [RuntimeProcess(sizes, runtime, runtime, folders) for runtime in ("reference", "fast")]
    try:
        reference, fast = alternating(runtimes, _translation_seconds, runs, sizes)
    finally:
        for process in runtimes:
            process.close()
    return Row("translate a 3-sentence, 60-word summary into 3 languages (opus-mt)", "s", round(reference, 2),
               round(fast, 2), round(reference / fast, 2), "3 Marian models, 3 sentences each, beams 4; "
               "reference one language after another, project side by side on one core each; runs "
               "alternating")


def memory_row(folders: list[tuple[str, Path]], sizes: Sizes) -> Row:
    figures = []
    for runtime in ("reference", "fast"):
        process = RuntimeProcess(sizes, runtime, runtime, folders)
        try:
            figures.append(process.run(resident_mb))  # its models loaded and each run once (the warm-up)
        finally:
            process.close()
    reference, fast = figures
    return Row("resident memory: default summariser + 3 translators loaded", "MB", round(reference),
               round(fast), round(reference / fast, 2), "one fresh process per runtime (VmRSS)")


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


def deep_check_row(runs: int, work: Path, use_cached: bool, sizes: Sizes) -> Row:
    """The English claim checker on the same 4-sentence summary of a 500-word article: its full-size
    architecture with random weights (the time does not depend on them), its real tokenizer."""
    from summarizer.checks.entailment import ClaimSupport, entailment_scores
    from summarizer.models.catalogue import ENGLISH_CHECK_MODEL
    from summarizer.models.hub import cached_folder
    from summarizer.text.segmentation import split_sentences

    workload = "deep check (English claim checker), 4 sentences against a 500-word article"
    cached = cached_folder(ENGLISH_CHECK_MODEL.model_id) if use_cached and not sizes.tiny_models else None
    folder = cached or build_random_claim_checker(work / "claim-checker", sizes.tiny_models)
    if folder is None:
        return Row(workload, "s", None, 0.0, None, "not run: RoBERTa's tokenizer needs openai-whisper's "
                                                   "GPT-2 table (make install-test)")
    model = ClaimSupport(ENGLISH_CHECK_MODEL.model_id, str(folder))
    text = article_of(500)
    summary = split_sentences(text, "en")[:4]
    article = Article.read(text, "en")
    pairs = len(summary) * len(chunks(article, model, model.chunk_tokens))
    entailment_scores(summary, article, model)  # warm-up: the first call allocates
    seconds = median_seconds(lambda: entailment_scores(summary, article, model), runs)
    weights = "real weights" if cached else "random weights"
    return Row(workload, "s", None, round(seconds, 2), None,
               f"{weights}, {pairs} chunk-claim pairs of up to {model.chunk_tokens} + claim tokens; "
               f"{ENGLISH_CHECK_MODEL.params} parameters, float32 on transformers")


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
        yield deep_check_row(runs, work, use_cached, sizes)
    yield from no_model_rows(runs, sizes)


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
