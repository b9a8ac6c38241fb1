"""Limits a stranger cannot reset or bypass, probed as an attacker would: a real server, a raw
websocket client speaking Streamlit's protocol, and headless Chromium for the honest reader."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import fake_server
import pytest
from conftest import free_port, paragraph
from streamlit.proto.BackMsg_pb2 import BackMsg
from test_browser import ARTIFACTS, CHROMIUM, browser, open_app, paste  # noqa: F401 (browser: a fixture)
from websockets.sync.client import connect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("attacks"),
              pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (make test installs it)")]
RUNS_PER_MINUTE = 2
REFUSED = "summaries in the last minute"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The page with a small allowance, so a test can use it up in seconds."""
    env = dict(os.environ, HF_HOME=str(tmp_path_factory.mktemp("hf-home")), HF_HUB_OFFLINE="1",
               SUMMARIZER_RUNS_PER_MINUTE=str(RUNS_PER_MINUTE), SUMMARIZER_UPLOAD_MB="1",
               SUMMARIZER_UPLOAD_FILES="5")
    env.pop("SUMMARIZER_TRUSTED_PROXIES", None)
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / f"attack-server-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log", "w")
    try:
        process, url = fake_server.start(free_port(), env, log)
    except RuntimeError as failure:
        pytest.fail(str(failure))
    yield url
    process.kill()
    process.wait(timeout=20)
    log.close()


def new_page(browser, server, **context_options):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    page = context.new_page()
    open_app(page, server)
    paste(page, paragraph("en"))
    return page


def summarise_once(page) -> bool:
    """Click Summarise: True when a summary came, False when the page refused the run."""
    page.get_by_role("button", name="Summarise").click()
    outcome = page.locator(".literal-summary").or_(page.get_by_text(REFUSED))
    outcome.first.wait_for(timeout=120_000)
    page.wait_for_timeout(300)
    return page.get_by_text(REFUSED).count() == 0


def use_up_allowance(page) -> None:
    for _ in range(RUNS_PER_MINUTE + 1):
        if not summarise_once(page):
            return
    raise AssertionError("the page never refused a run")


def send_back_message(server: str, message: BackMsg) -> None:
    """A raw client: open Streamlit's websocket as the page's script does and send one message."""
    with connect(server.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                 open_timeout=20) as socket:
        socket.send(message.SerializeToString())
        try:  # the server answers with the session's first messages once it has read ours
            socket.recv(timeout=5)
        except TimeoutError:
            pass


def test_one_clear_cache_message_resets_no_limit(browser, server):
    page = new_page(browser, server)
    use_up_allowance(page)
    send_back_message(server, BackMsg(clear_cache=True))
    assert not summarise_once(page)  # still refused: the limit does not live in a cache a client clears
    page.screenshot(path=str(ARTIFACTS / "refused-after-clear-cache.png"), full_page=True)
    page.context.close()


def test_a_new_session_or_a_made_up_forwarded_address_is_no_new_visitor(browser, server):
    first = new_page(browser, server)
    use_up_allowance(first)
    first.context.close()
    fresh = new_page(browser, server)  # a new session from the same place
    assert not summarise_once(fresh)
    fresh.context.close()
    forged = new_page(browser, server, extra_http_headers={"X-Forwarded-For": "203.0.113.77"})
    assert not summarise_once(forged)  # no proxy is trusted, so the header counts for nothing
    forged.context.close()



def put_upload(server: str, size: int) -> int:
    """A raw PUT to Streamlit's upload endpoint, as a script would send it, without the page: its status,
    413 also when the server answered that and closed while the body was still being sent."""
    request = urllib.request.Request(f"{server}/_stcore/upload_file/some-session/some-file", data=b"x" * size,
                                     method="PUT", headers={"Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError as error:  # refused by its declared length, before the body was read
        if isinstance(error.reason, (BrokenPipeError, ConnectionResetError)):
            return 413
        raise


def test_uploads_straight_to_the_endpoint_stop_at_the_visitors_allowance(server):
    """Counted before Streamlit keeps a byte: 1 MB and 5 files per visitor in 10 minutes here."""
    assert put_upload(server, 700_000) != 413  # Streamlit refuses it (no session), but it was counted
    assert put_upload(server, 700_000) == 413  # past the bytes
    assert [put_upload(server, 1_000) != 413 for _ in range(3)] == [True] * 3
    assert put_upload(server, 1_000) == 413  # the sixth file
