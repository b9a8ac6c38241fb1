"""Shared data that many page sessions need at once is loaded once, not once per waiting thread."""

import threading
import time

import pytest

from summarizer.loaded_once import loaded_once


def test_concurrent_first_callers_wait_for_one_load_and_other_keys_are_not_held_up():
    loads, started = [], threading.Event()

    @loaded_once(maxsize=4)
    def load(key: str) -> str:
        loads.append(key)
        if key == "slow":
            started.set()
            time.sleep(0.3)
        return key.upper()

    barrier = threading.Barrier(8)
    results = []

    def first_use() -> None:
        barrier.wait()
        results.append(load("slow"))

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    started.wait(5)
    began = time.monotonic()
    assert load("other") == "OTHER"  # not behind the slow key's load
    assert time.monotonic() - began < 0.2
    for thread in threads:
        thread.join()
    assert results == ["SLOW"] * 8 and loads.count("slow") == 1


def test_a_failed_load_is_not_kept_and_the_oldest_value_leaves_past_the_size():
    calls = []

    @loaded_once(maxsize=2)
    def load(key: int) -> int:
        calls.append(key)
        if key < 0:
            raise ValueError("no such thing")
        return key * 10

    for _ in range(2):
        with pytest.raises(ValueError):
            load(-1)
    assert calls == [-1, -1]
    assert [load(1), load(2), load(1), load(3), load(1), load(2)] == [10, 20, 10, 30, 10, 20]
    assert calls[2:] == [1, 2, 3, 2]  # 2 was the least recently used when 3 arrived
