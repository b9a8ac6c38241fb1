"""The batch on a Ray cluster, for work that outgrows one machine.

Ray Data spreads the records over actors; each actor builds its `Summarizer` once from the settings object
the driver sends, and runs the same per-record work as an embedded worker (`work.summarise_record`), so
the two engines give the same records. Results stream back to the driver in input order, where the same
committed writer keeps `--resume` working. `ray` is optional: `pip install -r requirements-ray.txt`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from summarizer import config
from summarizer.batch.records import COMMIT_EVERY, Record
from summarizer.batch.work import summarise_record
from summarizer.errors import SummarizerError
from summarizer.settings import SummarySettings

PACKAGE = Path(__file__).resolve().parents[1]  # the whole `summarizer` package travels to the actors
PASSED_ENVIRONMENT = ("HF_HUB_OFFLINE", "HF_ENDPOINT")  # huggingface_hub's own; ours travel as a Config


class RayUnavailable(SummarizerError):
    """Ray is not installed, or the cluster cannot be reached."""


class SummariseRecords:
    """A Ray Data actor: its settings and models stay loaded for every batch it is given."""

    def __init__(self, settings: SummarySettings, driver: config.Config, threads: int) -> None:
        config.use(replace(driver, threads=threads))  # the driver's configuration, this actor's cores
        self.settings = settings

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        records = [Record(**json.loads(fields)) for fields in batch["record"]]
        return {"result": [json.dumps(summarise_record(record, self.settings), ensure_ascii=False)
                           for record in records]}


def ray_results(records: list[Record], settings: SummarySettings, address: str, actors: int | None
                ) -> Iterator[dict[str, Any]]:
    """Result records in input order, from `actors` actors (default, and at most: one per CPU of the
    cluster, or one per GPU where it has GPUs)."""
    if not records:
        return
    _connect(address)
    import ray
    import ray.data

    logging.getLogger("ray.data").setLevel(logging.ERROR)  # its own progress lines; the CLI has a bar
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # the same order as the embedded run
    context.enable_progress_bars = False
    resources = ray.cluster_resources()
    cpus, gpus = int(resources.get("CPU", 1)), int(resources.get("GPU", 0))
    actors = max(1, min(actors or gpus or cpus, gpus or cpus))
    per_actor = {"num_gpus": 1, "num_cpus": 1} if gpus else {"num_cpus": max(1, cpus // actors)}
    dataset = ray.data.from_items([{"record": json.dumps(asdict(r), ensure_ascii=False)} for r in records],
                                  override_num_blocks=max(1, min(len(records) // COMMIT_EVERY, 10 * actors)))
    results = dataset.map_batches(
        SummariseRecords, fn_constructor_kwargs={"settings": settings, "driver": config.current(),
                                                "threads": per_actor["num_cpus"]},
        batch_size=COMMIT_EVERY, concurrency=actors, batch_format="numpy", **per_actor)
    try:
        for row in results.iter_rows():
            yield json.loads(row["result"])
    except ray.exceptions.RayError as error:
        raise RayUnavailable(f"the Ray run stopped ({type(error).__name__}: {str(error)[:500]}); the "
                             "records written so far are kept: run again with --resume") from error


def _connect(address: str) -> None:
    """`auto`: the cluster in RAY_ADDRESS (`config.ray_address`), else a new local one; otherwise the
    cluster at `address`."""
    try:
        import ray
    except ImportError as error:
        raise RayUnavailable("Ray is not installed here: pip install -r requirements-ray.txt, or run "
                             "without --ray") from error
    if ray.is_initialized():
        return
    target = config.current().ray_address if address == "auto" else address
    if target and not target.startswith("ray://"):
        _check_reachable(target)  # ray.init would retry an address nobody listens on for minutes
    environment = {name: os.environ[name] for name in PASSED_ENVIRONMENT if name in os.environ}
    runtime_env = {"py_modules": [str(PACKAGE)], "env_vars": environment}
    try:
        if target:
            ray.init(address=target, runtime_env=runtime_env, log_to_driver=False,
                     logging_level=logging.WARNING)
        else:
            ray.init(runtime_env=runtime_env, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise RayUnavailable(f"could not reach the Ray cluster at {target} ({error}); check the address, "
                             "or start one with: ray start --head") from error


def _check_reachable(address: str, seconds: float = 10.0) -> None:
    host, _, port = address.rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=seconds).close()
    except (OSError, ValueError) as error:
        raise RayUnavailable(f"could not reach the Ray cluster at {address} ({error}); check the address "
                             "(host:port of the head node), or start one with: ray start --head") from error


@contextlib.contextmanager
def local_cluster(cpus: int) -> Iterator[tuple[str, dict[str, str]]]:
    """A throwaway one-node cluster on 127.0.0.1 (for the tests and the benchmark): `ray start --head
    --block` in its own process group, with token authentication; yields its address and the environment
    a driver needs to join it. Stopping it touches no other Ray processes on the machine."""
    ray_command = str(Path(sys.executable).with_name("ray"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temp = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))  # Ray's socket paths must stay short
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", RAY_AUTH_MODE="token",
               RAY_AUTH_TOKEN=secrets.token_hex(32), PYTHONPATH=str(PACKAGE.parent))
    head = subprocess.Popen(
        [ray_command, "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={port}",
         f"--num-cpus={cpus}", "--num-gpus=0", "--object-store-memory=200000000",
         "--include-dashboard=false", f"--temp-dir={temp}", "--disable-usage-stats"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:  # `ray status` fails until the head has registered itself
            ready = subprocess.run([ray_command, "status", f"--address=127.0.0.1:{port}"], env=env,
                                   capture_output=True, text=True, timeout=120)
            if ready.returncode == 0:
                break
            if time.monotonic() > deadline or head.poll() is not None:
                raise RayUnavailable(f"the local Ray cluster did not start: {ready.stderr[-500:]}")
            time.sleep(1)
        yield f"127.0.0.1:{port}", env
    finally:
        os.killpg(head.pid, signal.SIGTERM)  # `--block` stops the cluster's processes with it ...
        with contextlib.suppress(subprocess.TimeoutExpired):
            head.wait(timeout=3)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(head.pid, signal.SIGKILL)  # ... and what is left after three seconds goes now
        head.wait()
        shutil.rmtree(temp, ignore_errors=True)
