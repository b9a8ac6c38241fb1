"""One article summarised by a command-line call (a new process: imports, model load, summary) beside one
call of the HTTP API on a running server (the page's own, models already loaded), for the same article,
model and settings.

    python -m benchmarks.api_latency            # the default summariser's architecture, random weights
    python -m benchmarks.api_latency --runs 5
    python -m benchmarks.api_latency --tiny     # smoke test: seconds, figures meaningless

The model is the default summariser's full-size architecture with random weights (latency does not depend
on the weights), converted to the fast runtime once before timing; both sides run it the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.common import COLUMNS, Row, build_random_model, table_line
from summarizer.models.catalogue import DEFAULT_SUMMARY_MODEL

ROOT = Path(__file__).resolve().parent.parent


def _article() -> str:
    first = (ROOT / "summarizer" / "data" / "news_en.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first)["article"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _timed(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 2)


def latency_row(runs: int, tiny: bool, work: Path) -> Row:
    model = build_random_model(DEFAULT_SUMMARY_MODEL, work / "model", tiny)
    article = work / "article.txt"
    article.write_text(_article(), encoding="utf-8")
    env = dict(os.environ, HF_HOME=str(work / "hf-home"), HF_HUB_OFFLINE="1", SUMMARIZER_ANY_MODEL="1",
               SUMMARIZER_CONVERTED_DIR=str(work / "converted"), SUMMARIZER_DATABASE=str(work / "results.sqlite3"),
               SUMMARIZER_RUNS_PER_MINUTE="1000")
    settings = ["--model", str(model), "--length", "short"]

    def cli_call() -> None:
        subprocess.run([sys.executable, "-m", "summarizer", str(article), *settings, "--quiet"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)

    cli_call()  # converts the model to the fast runtime once, as a first use does
    cli = _timed(cli_call, runs)

    port = _free_port()
    log = open(work / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "ui/server.py", "--server.port", str(port),
                               "--server.address", "127.0.0.1", "--server.headless", "true",
                               "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/health", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start: " + (work / "server.log").read_text()[-2000:])
                time.sleep(0.5)
        body = json.dumps({"text": article.read_text(encoding="utf-8"), "model": str(model),
                           "length": "short"}).encode()

        def api_call() -> None:
            request = urllib.request.Request(url + "/summaries", body, {"Content-Type": "application/json"})
            json.loads(urllib.request.urlopen(request, timeout=600).read())

        api_call()  # the server's first call loads the model, as the page's first summary does
        api = _timed(api_call, runs)
    finally:
        server.kill()
        server.wait(timeout=20)
        log.close()
    return Row("one article: CLI call (reference) vs API call (project)", "s", cli, api, round(cli / api, 2),
               "CLI: a new process each call (imports, model load, summary); API: the running server, model "
               "loaded; same article, model and settings")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.api_latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="calls timed on each side; the median is shown")
    parser.add_argument("--tiny", action="store_true", help="a toy model: checks the benchmark runs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="api-latency-") as folder:
        row = latency_row(args.runs, args.tiny, Path(folder))
    print(f"cores: {os.cpu_count()}; median of {args.runs} call(s); ratio = CLI / API (higher: the API saves "
          f"more){'; TINY model, figures meaningless' if args.tiny else ''}")
    print("\t".join(COLUMNS))
    print(table_line(row))


if __name__ == "__main__":
    main()
