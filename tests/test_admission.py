"""Fair use: one summary at a time in arrival order, a bounded queue, a per-visitor rate."""

import threading
import time

import pytest

from ui.admission import Busy, RateLimiter, SummaryQueue


def test_turns_are_taken_in_arrival_order_and_waiters_learn_their_place():
    queue = SummaryQueue(max_waiting=4)
    order, places = [], {}
    release = threading.Event()

    def visitor(name: str) -> None:
        with queue.turn(lambda ahead: places.setdefault(name, []).append(ahead)):
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
