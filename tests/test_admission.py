"""Fair use: one summary at a time in arrival order, a bounded queue, a per-visitor rate."""

import threading
import time
from contextlib import ExitStack

import pytest

from summarizer.admission import Busy, RateLimiter, SummaryQueue


def test_turns_are_taken_in_arrival_order_and_waiters_learn_their_place():
    queue = SummaryQueue(max_waiting=4)
    order, places = [], {}
    release = threading.Event()

    def visitor(name: str) -> None:
        with queue.turn(on_wait=lambda ahead: places.setdefault(name, []).append(ahead)):
            order.append(name)
            if name == "first":
                release.wait(5)

    first = threading.Thread(target=visitor, args=("first",))
    first.start()
    while len(queue) < 1:
        time.sleep(0.01)
    others = []
    for name in ("second", "third"):
        thread = threading.Thread(target=visitor, args=(name,))
        thread.start()
        others.append(thread)
        while len(queue) < len(others) + 1:
            time.sleep(0.01)
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert order == ["first", "second", "third"]
    assert places["second"] == [1] and places["third"][0] == 2
    assert len(queue) == 0


def test_a_full_queue_says_busy_at_once():
    queue = SummaryQueue(max_waiting=0)
    with queue.turn():
        with pytest.raises(Busy, match="busy"):
            with queue.turn():
                pass
    with queue.turn():  # free again
        pass


def test_a_failed_run_gives_up_its_turn():
    queue = SummaryQueue(max_waiting=1)
    with pytest.raises(RuntimeError):
        with queue.turn():
            raise RuntimeError("model crashed")
    assert len(queue) == 0


def test_each_visitor_gets_so_many_runs_a_minute():
    now = [1000.0]
    limiter = RateLimiter(per_minute=2, clock=lambda: now[0])
    limiter.check("a")
    limiter.check("a")
    with pytest.raises(Busy, match="wait about 60 seconds"):
        limiter.check("a")
    limiter.check("b")  # another visitor is not held back
    now[0] += 61
    limiter.check("a")


def test_a_visitor_is_their_address_and_forwarded_hops_count_only_past_trusted_proxies():
    from summarizer.admission import UNKNOWN_VISITOR, visitor_key

    assert visitor_key("198.51.100.4", None, ()) == "198.51.100.4"
    # A remote peer's made-up header is ignored (the server reports the peer itself).
    assert visitor_key("198.51.100.4", "203.0.113.9", ()) == "198.51.100.4"
    # Loopback (reported as no address) and uvicorn's rewrite from a loopback peer: nobody known.
    assert visitor_key(None, None, ()) == UNKNOWN_VISITOR
    assert visitor_key("203.0.113.9", "203.0.113.9", ()) == UNKNOWN_VISITOR
    # A proxy on this host, listed by the operator: the hop it saw is the visitor, a forged one before
    # it is not.
    assert visitor_key("203.0.113.9", "6.6.6.6, 203.0.113.9", ("127.0.0.1",)) == "203.0.113.9"
    assert visitor_key(None, None, ("127.0.0.1",)) == UNKNOWN_VISITOR
    # Two listed proxies in a row: walk past both from the right.
    assert visitor_key("10.0.0.2", "203.0.113.9, 10.0.0.3", ("10.0.0.2", "10.0.0.3")) == "203.0.113.9"


def test_trusted_proxies_must_be_addresses():
    from summarizer import config

    assert config.load({"SUMMARIZER_TRUSTED_PROXIES": "127.0.0.1, ::1"}).trusted_proxies == ("127.0.0.1", "::1")
    with pytest.raises(config.ConfigError, match="SUMMARIZER_TRUSTED_PROXIES"):
        config.load({"SUMMARIZER_TRUSTED_PROXIES": "proxy.internal"})


def test_each_visitor_may_keep_so_many_bytes_of_links_a_day():
    from summarizer.admission import ShareAllowance

    now = [0.0]
    allowance = ShareAllowance(1_000, clock=lambda: now[0])
    allowance.take("a", 600)
    allowance.take("b", 900)  # another visitor's allowance is their own
    with pytest.raises(Busy, match="not kept for a link"):
        allowance.take("a", 500)
    allowance.take("a", 400)
    now[0] = 86_400.0  # a day later the first entries no longer count
    allowance.take("a", 900)


def test_an_upload_the_page_has_read_is_released_from_streamlits_memory(monkeypatch):
    from types import SimpleNamespace

    import streamlit.runtime.scriptrunner as scriptrunner
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
    from streamlit.runtime.uploaded_file_manager import UploadedFileRec

    from ui.upload_guard import release

    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for file_id in ("read", "other"):
        manager.add_file("session", UploadedFileRec(file_id, f"{file_id}.html", "text/html", b"x" * 1000))
    context = SimpleNamespace(uploaded_file_mgr=manager, session_id="session")
    monkeypatch.setattr(scriptrunner, "get_script_run_ctx", lambda: context)
    release([SimpleNamespace(file_id="read")])
    assert [f.file_id for f in manager.get_files("session", ["read", "other"])] == ["other"]


def test_an_article_of_a_list_waits_for_the_rate_and_a_full_queue_instead_of_failing(monkeypatch):
    """Each article counts as one summary; at the limit, or with the queue full, the list pauses (saying
    for how long and why) and goes on."""
    import summarizer.admission as admission
    from summarizer.admission import waited_turn

    now = [0.0]
    limiter, queue = RateLimiter(2, clock=lambda: now[0]), SummaryQueue(max_waiting=0)
    monkeypatch.setattr(admission.time, "sleep", lambda seconds: now.__setitem__(0, now[0] + seconds))
    pauses: list[tuple[float, bool]] = []
    for _ in range(3):
        with waited_turn("visitor-1", queue, limiter, lambda *why: pauses.append(why)):
            assert len(queue) == 1  # the article holds a turn of the shared queue while it runs
    assert pauses[0] == (pytest.approx(60.0), True) and all(rate for _, rate in pauses)  # counting down
    assert now[0] >= 60.0 and len(queue) == 0

    holder = ExitStack()
    holder.enter_context(queue.turn())  # someone else's summary, and nobody may wait behind it
    monkeypatch.setattr(admission.time, "sleep", lambda seconds: holder.close())  # which ends meanwhile
    with waited_turn("visitor-2", queue, limiter, lambda *why: pauses.append(why)):
        assert len(queue) == 1
    assert pauses[-1] == (admission.FULL_QUEUE_RETRY, False)
