"""Many real browser sessions at once against a real server: latency, queue rejections, memory, leaks.

    .venv/bin/python tests/load_sessions.py [--sessions 1 4 8 16 32] [--engine extractive]

Starts `streamlit run ui/server.py` (the page behind its middleware) on a free loopback port with the tiny models (tests/tiny_models.py, built
into a temporary HF_HOME, offline), then for each N opens N Chromium pages at once; each pastes its own
article (marked with its session number), presses Summarise and waits for its summary or a message.
Prints, per N: summaries, "busy" refusals, other errors, p50/p95 seconds from click to result, the
server's resident memory, and sessions that saw another session's text (must be 0). Not a test: figures
depend on the machine; the README quotes a run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

ARTICLE = ("Session {n} reports that the council of Riverton {n} approved a new budget on Tuesday after a "
           "long debate about buses. The plan for district {n} adds twelve bus routes and repairs three old "
           "bridges. Officials in district {n} said the work would begin in March and finish within two "
           "years. Residents of district {n} welcomed the plan at a crowded meeting.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(hf_home: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, HF_HOME=str(hf_home), HF_HUB_OFFLINE="1",
               SUMMARIZER_RUNS_PER_MINUTE="1000",  # every session comes from 127.0.0.1: one "visitor"
               SUMMARIZER_DATABASE=str(hf_home / "results.sqlite3"))
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "server.py"),
                                "--server.port", str(port), "--server.address", "127.0.0.1",
                                "--server.headless", "true"], cwd=ROOT, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not start; see " + str(log))


async def one_session(browser, url: str, n: int) -> tuple[str, float, bool]:
    """("summary" | "busy" | "error: ...", seconds from click to outcome, saw another session's text)."""
    context = await browser.new_context()
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        await page.wait_for_selector("textarea", timeout=120_000)
        await page.fill("textarea", ARTICLE.format(n=n))
        await page.keyboard.press("Control+Enter")
        await page.wait_for_timeout(500)
        started = time.monotonic()
        await page.get_by_role("button", name="Summarise").click()
        outcome = page.locator(".literal-summary, .notice-error")
        await outcome.first.wait_for(timeout=300_000)
        seconds = time.monotonic() - started
        text = await outcome.first.inner_text()
        others = [m for m in range(1, 1000) if m != n and f"Session {m} " in text]
        if "notice-error" in (await outcome.first.get_attribute("class") or ""):
            return ("busy" if "busy" in text else f"error: {text[:80]}"), seconds, bool(others)
        return "summary", seconds, bool(others)
    except Exception as error:  # a timeout is a result to report, not a crash of the script
        return f"error: {type(error).__name__}", 0.0, False
    finally:
        await context.close()


async def run(url: str, sizes: list[int], pid: int) -> None:
    from playwright.async_api import async_playwright

    print("sessions\tsummaries\tbusy\terrors\tp50 s\tp95 s\tserver MB\tleaks", flush=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        start = 0
        for size in sizes:
            results = await asyncio.gather(*(one_session(browser, url, start + i + 1) for i in range(size)))
            start += size
            times = sorted(s for outcome, s, _ in results if outcome == "summary")
            p50 = statistics.median(times) if times else float("nan")
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
            print(f"{size}\t{sum(o == 'summary' for o, _, _ in results)}\t"
                  f"{sum(o == 'busy' for o, _, _ in results)}\t"
                  f"{sum(o.startswith('error') for o, _, _ in results)}\t{p50:.2f}\t{p95:.2f}\t"
                  f"{resident_mb(pid):.0f}\t{sum(leak for _, _, leak in results)}", flush=True)
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 4, 8, 16, 32])
    parser.add_argument("--engine", default="extractive", choices=["extractive", "abstractive", "auto"])
    args = parser.parse_args()
    import tiny_models

    with tempfile.TemporaryDirectory(prefix="load-") as work:
        hf_home = Path(work)
        tiny_models.build_all(hf_home)
        port = free_port()
        server = start_server(hf_home, port, hf_home / "server.log")
        try:
            print(f"server pid {server.pid}, idle {resident_mb(server.pid):.0f} MB; engine {args.engine}; "
                  f"cores {os.cpu_count()}", flush=True)
            asyncio.run(run(f"http://127.0.0.1:{port}/?engine={args.engine}", args.sessions, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
