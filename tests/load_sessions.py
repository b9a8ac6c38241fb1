"""Many real browser sessions at once against a real server: latency, queue rejections, memory, leaks.

    .venv/bin/python tests/load_sessions.py [--sessions 1 4 8 16 32] [--engine extractive]
    .venv/bin/python tests/load_sessions.py --attack [--sessions 32] [--kinds clear-cache forged markup]

`--attack`: of the sessions, a quarter attack while the rest read (`attack` below); the server trusts a
proxy on 127.0.0.1, which names each reader by the last X-Forwarded-For hop, as a real proxy would.

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
import re
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


def start_server(hf_home: Path, port: int, log: Path, attack: bool = False) -> subprocess.Popen:
    env = dict(os.environ, HF_HOME=str(hf_home), HF_HUB_OFFLINE="1",
               SUMMARIZER_DATABASE=str(hf_home / "results.sqlite3"))
    if attack:  # the product's limits as shipped; visitors told apart by the simulated proxy's header
        env["SUMMARIZER_TRUSTED_PROXIES"] = "127.0.0.1"
    else:
        env["SUMMARIZER_RUNS_PER_MINUTE"] = "1000"  # every session comes from 127.0.0.1: one "visitor"
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


async def one_session(browser, url: str, n: int, address: str | None = None) -> tuple[str, float, bool]:
    """("summary" | "busy" | "error: ...", seconds from click to outcome, saw another session's text);
    `address`: the X-Forwarded-For hop a proxy in front would add for this reader."""
    context = await browser.new_context(
        extra_http_headers={"X-Forwarded-For": address} if address else None)
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


ATTACKER = "203.0.113.66"  # every attack comes from this one address, whatever else its requests say
ATTACK_ROUNDS = 5
RUNS_PER_MINUTE = 6  # the shipped SUMMARIZER_RUNS_PER_MINUTE
ATTACKS = ("clear-cache", "forged", "markup")


def reader_address(n: int) -> str:
    return f"198.51.100.{n % 250 + 1}"


def markup_page(path: Path) -> Path:
    """9 MB of empty tags around one sentence: a minute of extraction, once, without the element cap."""
    path.write_text("<html><body>" + "<div><span></span></div>" * 370_000 + "<p>The council met.</p>"
                    "</body></html>", encoding="utf-8")
    return path


async def summarise_in(browser, url: str, text: str, forwarded: str) -> tuple[str, float]:
    """One new session: paste, Summarise; the outcome ("summary", "refused" or "error: ...") and when
    Summarise was pressed (the rate limit counts a run when it starts, not when it ends)."""
    pressed = time.monotonic()
    context = await browser.new_context(extra_http_headers={"X-Forwarded-For": forwarded})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        await page.wait_for_selector("textarea", timeout=120_000)
        await page.fill("textarea", text)
        await page.keyboard.press("Control+Enter")
        await page.wait_for_timeout(300)
        pressed = time.monotonic()
        await page.get_by_role("button", name="Summarise").click()
        outcome = page.locator(".literal-summary, .notice-error")
        await outcome.first.wait_for(timeout=300_000)
        served = "notice-error" not in (await outcome.first.get_attribute("class") or "")
        return ("summary" if served else "refused"), pressed
    except Exception as error:
        return f"error: {type(error).__name__}", pressed
    finally:
        await context.close()


async def clear_cache(url: str) -> None:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.asyncio.client import connect

    async with connect(url.replace("http://", "ws://").split("/?")[0] + "/_stcore/stream",
                       subprotocols=["streamlit"], additional_headers={"X-Forwarded-For": ATTACKER}) as socket:
        await socket.send(BackMsg(clear_cache=True).SerializeToString())
        try:
            await asyncio.wait_for(socket.recv(), 5)
        except TimeoutError:
            pass


async def upload_markup(browser, url: str, page_file: Path) -> str:
    context = await browser.new_context(extra_http_headers={"X-Forwarded-For": ATTACKER})
    page = await context.new_page()
    try:
        await page.goto(url, timeout=120_000)
        await page.get_by_text("Import from a web page or a file").click()
        await page.locator('[data-testid="stExpander"]', has_text="Import from a web page").locator(
            'input[type="file"]').set_input_files(str(page_file))
        # the page's refusal, or the uploader's error when the middleware answered 413
        message = page.locator(".notice-error").or_(page.get_by_text(re.compile("413|allowance")))
        await message.first.wait_for(timeout=120_000)
        return "refused"
    except Exception as error:
        return f"error: {type(error).__name__}"
    finally:
        await context.close()


async def attacker(kind: str, browser, url: str, page_file: Path) -> list[tuple[str, float]]:
    """ATTACK_ROUNDS tries of one kind, each (outcome, when it started): a summary then clear_cache; a
    new session with a forged hop before the real one; a markup-heavy upload."""
    outcomes = []
    for round_ in range(ATTACK_ROUNDS):
        if kind == "clear-cache":
            outcome, started = await summarise_in(browser, url, ARTICLE.format(n=9000 + round_), ATTACKER)
            await clear_cache(url)
        elif kind == "forged":
            forged = f"10.{round_}.0.1, {ATTACKER}"
            outcome, started = await summarise_in(browser, url, ARTICLE.format(n=9100 + round_), forged)
        else:
            started = time.monotonic()
            outcome = await upload_markup(browser, url, page_file)
        outcomes.append((outcome, started))
    return outcomes


def most_in_a_minute(times: list[float]) -> int:
    times = sorted(times)
    return max((sum(1 for t in times[i:] if t - start < 60) for i, start in enumerate(times)), default=0)


async def run_attack(url: str, sessions: int, pid: int, page_file: Path, kinds_used: list[str]) -> None:
    from playwright.async_api import async_playwright

    peak = [resident_mb(pid)]

    async def watch() -> None:
        while True:
            peak[0] = max(peak[0], resident_mb(pid))
            await asyncio.sleep(0.5)

    attackers = max(3, sessions // 4) if kinds_used else 0
    kinds = [kinds_used[i % len(kinds_used)] for i in range(attackers)]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=shutil.which("chromium") or shutil.which("chromium-browser"),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        watcher = asyncio.create_task(watch())
        readers = [one_session(browser, url, n, reader_address(n)) for n in range(1, sessions - attackers + 1)]
        attacks = [attacker(kind, browser, url, page_file) for kind in kinds]
        results = await asyncio.gather(*readers, *attacks)
        watcher.cancel()
        await browser.close()
    read, attacked = results[:len(readers)], results[len(readers):]
    times = sorted(s for outcome, s, _ in read if outcome == "summary")
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    others = sorted({o for o, _, _ in read if o not in ("summary", "busy")})
    print(f"readers {len(read)}: served {sum(o == 'summary' for o, _, _ in read)}, busy (queue full) "
          f"{sum(o == 'busy' for o, _, _ in read)}, other {others or 0}, p50 "
          f"{statistics.median(times) if times else float('nan'):.2f} s, p95 {p95:.2f} s, saw another's text "
          f"{sum(leak for _, _, leak in read)}")
    served_at = []
    for kind in kinds_used:
        tries = [(o, t) for k, outcomes in zip(kinds, attacked) if k == kind for o, t in outcomes]
        served_at += [t for o, t in tries if o == "summary"]
        print(f"attack {kind}: {len(tries)} tries, served {sum(o == 'summary' for o, _ in tries)}, refused "
              f"{sum(o == 'refused' for o, _ in tries)}, errors {sum(o.startswith('error') for o, _ in tries)}"
              f"{' ' + str(sorted({o for o, _ in tries if o.startswith('error')})) if tries else ''}")
    print(f"the attacker's address: at most {most_in_a_minute(served_at)} summaries served that started in "
          f"any one minute (its allowance: {RUNS_PER_MINUTE} a minute)")
    print(f"server memory: peak {peak[0]:.0f} MB, {resident_mb(pid):.0f} MB once every session had closed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 4, 8, 16, 32])
    parser.add_argument("--engine", default="extractive", choices=["extractive", "abstractive", "auto"])
    parser.add_argument("--attack", action="store_true", help="a quarter of the sessions attack")
    parser.add_argument("--kinds", nargs="*", default=list(ATTACKS), choices=ATTACKS,
                        help="with --attack: the kinds of attack, shared out among the attackers (none: the "
                             "readers alone, with the shipped limits)")
    args = parser.parse_args()
    import tiny_models

    with tempfile.TemporaryDirectory(prefix="load-") as work:
        hf_home = Path(work)
        tiny_models.build_all(hf_home)
        port = free_port()
        server = start_server(hf_home, port, hf_home / "server.log", args.attack)
        try:
            print(f"server pid {server.pid}, idle {resident_mb(server.pid):.0f} MB; engine {args.engine}; "
                  f"cores {os.cpu_count()}", flush=True)
            url = f"http://127.0.0.1:{port}/?engine={args.engine}"
            if args.attack:
                asyncio.run(run_attack(url, max(args.sessions), server.pid, markup_page(hf_home / "tags.html"),
                                       args.kinds))
            else:
                asyncio.run(run(url, args.sessions, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
