"""`streamlit run ui/server.py` (the page, app.py, behind its middleware) with FakeModel answering for
every catalogue model, for the browser tests.

    python tests/fake_server.py --server.port 8501 [any other `streamlit run` option]

FAKE_DRAFT_WORD_SECONDS (default 0) slows the streamed drafts of the summariser FAKE_SLOW_DRAFT_MODEL names
(default: every summariser), so a browser sees them grow; the others answer at once.

The page, its server and the browser are real; only the models' arithmetic is replaced, exactly as in the
in-process tests: the fakes sit in the registry `summarizer.models.registry.load_model` serves from, in the same
process that runs the page script.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_model import fake_catalogue  # noqa: E402
from streamlit.web import cli  # noqa: E402

import summarizer.models.registry as models  # noqa: E402


def start(port: int, env: dict[str, str], log) -> tuple[subprocess.Popen, str]:
    """This script as a server on 127.0.0.1:`port`, once it answers its health check; RuntimeError with
    the end of its log if it does not within a minute."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("streamlit did not start: " + Path(log.name).read_text()[-2000:])


if __name__ == "__main__":
    models.loaded_models.update(fake_catalogue(float(os.environ.get("FAKE_DRAFT_WORD_SECONDS", "0")),
                                               os.environ.get("FAKE_SLOW_DRAFT_MODEL")))
    sys.argv = ["streamlit", "run", str(ROOT / "ui" / "server.py"), *sys.argv[1:]]
    sys.exit(cli.main())
