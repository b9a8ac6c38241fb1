"""Peak memory when many threads use shared data for the first time at once, as the page's sessions do
when a server starts: the loader behind `functools.lru_cache` (concurrent first callers each load a
copy) beside `loaded_once` (they wait for one load). Each measurement in a fresh process.

    python -m benchmarks.first_use_memory [--threads 16]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path

LOADERS = ("language identifier", "English word list")


def _loader(name: str):
    if name == "language identifier":
        def load():
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    else:
        def load():
            import wordfreq

            return wordfreq.get_frequency_dict("en", wordlist="best")
    return load


def measure(name: str, cache: str, threads: int) -> dict[str, float]:
    """In this process: `threads` threads released at once into the cached loader."""
    from benchmarks.common import resident_mb
    from summarizer.loaded_once import loaded_once

    load = _loader(name)
    cached = lru_cache(maxsize=1)(load) if cache == "lru_cache" else loaded_once(maxsize=1)(load)
    import py3langid.langid  # noqa: F401  (imports are not what is measured)
    import wordfreq  # noqa: F401

    base = resident_mb()
    barrier = threading.Barrier(threads)

    def first_use() -> None:
        barrier.wait()
        cached()

    workers = [threading.Thread(target=first_use) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"peak_growth_mb": round(peak - base, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--one", nargs=2, metavar=("LOADER", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], args.one[1], args.threads)))
        return
    root = str(Path(__file__).resolve().parent.parent)
    print("loader\tthreads\tlru_cache peak MB\tloaded_once peak MB\tratio")
    for name in LOADERS:
        figures = []
        for cache in ("lru_cache", "loaded_once"):
            out = subprocess.run([sys.executable, "-m", "benchmarks.first_use_memory", "--threads",
                                  str(args.threads), "--one", name, cache], cwd=root, check=True,
                                 capture_output=True, text=True).stdout
            figures.append(json.loads(out)["peak_growth_mb"])
        print(f"{name}\t{args.threads}\t{figures[0]:.0f}\t{figures[1]:.0f}\t{figures[0] / figures[1]:.1f}x",
              flush=True)


if __name__ == "__main__":
    main()
