"""Turns taken in arrival order: the page's summary queue (one run at a time, a bounded number waiting)
and the process's CPU cores (a summary holds them all, a translator one) are both this queue."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class FairQueue:
    """Each caller holds `units` of the capacity while it runs. Nobody passes the caller at the front,
    so a request for many units is never starved by a stream of small ones.

    `capacity` is read at each turn (the core count can change with the configuration); with
    `max_waiting`, a caller that finds that many holding or waiting gets `refuse()` raised at once."""

    def __init__(self, capacity: int | Callable[[], int] = 1, max_waiting: int | None = None,
                 refuse: Callable[[], Exception] = lambda: RuntimeError("the queue is full")) -> None:
        self._capacity = capacity if callable(capacity) else (lambda: capacity)
        self.max_waiting = max_waiting
        self._refuse = refuse
        self._waiting: deque[object] = deque()
        self._holders = 0
        self._in_use = 0
        self._changed = threading.Condition()

    @contextmanager
    def turn(self, units: int | None = None, on_wait: Callable[[int], None] = lambda ahead: None
             ) -> Iterator[None]:
        """Wait for this caller's turn (`units=None`: the whole capacity), telling it how many are
        ahead whenever that changes."""
        capacity = max(1, self._capacity())
        wanted = capacity if units is None else max(1, min(units, capacity))
        ticket = object()
        with self._changed:
            if self.max_waiting is not None and len(self) > self.max_waiting:
                raise self._refuse()
            self._waiting.append(ticket)
            told = None
            while not (self._waiting[0] is ticket and self._in_use + wanted <= capacity):
                ahead = self._holders + self._waiting.index(ticket)
                if ahead != told:
                    on_wait(ahead)
                    told = ahead
                self._changed.wait(timeout=1.0)
            self._waiting.popleft()
            self._holders += 1
            self._in_use += wanted
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._holders -= 1
                self._in_use -= wanted
                self._changed.notify_all()

    def __len__(self) -> int:
        """Callers holding a turn or waiting for one."""
        return self._holders + len(self._waiting)
