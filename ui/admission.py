"""Fair use of one server by many visitors: summaries run one at a time in arrival order, a bounded
number wait (each knows its place), and each visitor may start only so many runs a minute."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from summarizer.errors import SummarizerError

RATE_WINDOW = 60.0        # seconds
MAX_TRACKED_VISITORS = 10_000


class Busy(SummarizerError):
    """The queue is full or the visitor has run too many summaries in the last minute (then
    `retry_after` says in how many seconds the next may start)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SummaryQueue:
    def __init__(self, max_waiting: int) -> None:
        self.max_waiting = max_waiting
        self._turns: deque[object] = deque()  # the running one first
        self._changed = threading.Condition()

    @contextmanager
    def turn(self, on_wait: Callable[[int], None] = lambda ahead: None) -> Iterator[None]:
        """Wait for this caller's turn, telling it how many are ahead whenever that changes."""
        ticket = object()
        with self._changed:
            if len(self._turns) > self.max_waiting:
                raise Busy("The summariser is busy with other readers' articles right now. Please try "
                           "again in a minute; your text stays here.")
            self._turns.append(ticket)
            told = None
            while self._turns[0] is not ticket:
                ahead = self._turns.index(ticket)
                if ahead != told:
                    on_wait(ahead)
                    told = ahead
                self._changed.wait(timeout=1.0)
        try:
            yield
        finally:
            with self._changed:
                self._turns.remove(ticket)
                self._changed.notify_all()

    def __len__(self) -> int:
        return len(self._turns)


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._runs: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, visitor: str) -> None:
        """Count one run for `visitor`, or raise Busy when the last minute already holds the limit."""
        now = self.clock()
        with self._lock:
            runs = self._runs.setdefault(visitor, deque())
            self._runs.move_to_end(visitor)
            while runs and now - runs[0] >= RATE_WINDOW:
                runs.popleft()
            if len(runs) >= self.per_minute:
                wait = RATE_WINDOW - (now - runs[0])
                raise Busy(f"You have started {len(runs)} summaries in the last minute, the most this site "
                           f"allows. Please wait about {wait:.0f} seconds; your text stays here.", wait)
            runs.append(now)
            while len(self._runs) > MAX_TRACKED_VISITORS:
                self._runs.popitem(last=False)
