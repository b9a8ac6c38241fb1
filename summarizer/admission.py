"""Fair use of one server by many visitors: summaries run one at a time in arrival order, a bounded
number wait (each knows its place), and each visitor may start only so many runs a minute.

The queue and the rate limit live in this module, once per server process, and never in
`st.cache_resource`: any client can clear Streamlit's caches for the whole server with one websocket
message (`clear_cache`), which would hand every visitor a fresh allowance and an empty queue.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from summarizer.errors import SummarizerError
from summarizer.fair_queue import FairQueue
from summarizer.plain_words import counted

if TYPE_CHECKING:  # imported where a feed is read: the records bring the document readers with them
    from summarizer.batch.records import Record

RATE_WINDOW = 60.0        # seconds
SHARE_WINDOW = 86_400.0   # seconds: a day
MAX_TRACKED_VISITORS = 10_000
UNKNOWN_VISITOR = "address unknown"  # everyone the server cannot tell apart shares one allowance
LOOPBACK = frozenset({"127.0.0.1", "::1"})
FULL_QUEUE_RETRY = 10.0   # seconds a list's next article waits before asking a full queue again


class Busy(SummarizerError):
    """The queue is full or the visitor has run too many summaries in the last minute (then
    `retry_after` says in how many seconds the next may start)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SummaryQueue(FairQueue):
    """One summary (or import) at a time, in arrival order; past `max_waiting`, a plain "busy"."""

    def __init__(self, max_waiting: int) -> None:
        super().__init__(capacity=1, max_waiting=max_waiting, refuse=lambda: Busy(
            "The summariser is busy with other readers' articles right now. Please try again in a minute; "
            "your text stays here."))


class Ledger:
    """What each visitor has spent within a sliding window, for the most recent MAX_TRACKED_VISITORS."""

    def __init__(self, window: float, clock: Callable[[], float]) -> None:
        self.window = window
        self.clock = clock
        self._spent: OrderedDict[str, deque[tuple[float, int]]] = OrderedDict()
        self._lock = threading.Lock()

    def spend(self, visitor: str, amount: int, limit: int, refuse: Callable[[int, float], Busy]) -> None:
        """Record `amount` for `visitor`, or raise `refuse(spent, seconds until room)` past `limit`."""
        now = self.clock()
        with self._lock:
            entries = self._spent.setdefault(visitor, deque())
            self._spent.move_to_end(visitor)
            while entries and now - entries[0][0] >= self.window:
                entries.popleft()
            spent = sum(a for _, a in entries)
            if entries and spent + amount > limit:
                raise refuse(spent, self.window - (now - entries[0][0]))
            entries.append((now, amount))
            while len(self._spent) > MAX_TRACKED_VISITORS:
                self._spent.popitem(last=False)


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._ledger = Ledger(RATE_WINDOW, clock)

    def check(self, visitor: str) -> None:
        """Count one run for `visitor`, or raise Busy when the last minute already holds the limit."""
        def refuse(runs: int, wait: float) -> Busy:
            return Busy(f"You have started {runs} imports and summaries in the last minute, the most this "
                        f"site allows. Please wait about {wait:.0f} seconds; your text stays here.", wait)

        self._ledger.spend(visitor, 1, self.per_minute, refuse)


class ShareAllowance:
    """Bytes of results one visitor may keep for links in a day: a stranger cannot fill the store."""

    def __init__(self, bytes_per_day: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.bytes_per_day = bytes_per_day
        self._ledger = Ledger(SHARE_WINDOW, clock)

    def take(self, visitor: str, size: int) -> None:
        def refuse(spent: int, wait: float) -> Busy:
            return Busy(f"Results from you take {spent / 1e6:.1f} MB of this site's links today, the most "
                        "it keeps for one visitor, so this one is not kept for a link. Download it instead; "
                        f"links work again in about {counted(max(1, math.ceil(wait / 3600)), 'hour')}.", wait)

        self._ledger.spend(visitor, size, self.bytes_per_day, refuse)


@contextmanager
def waited_turn(visitor: str, queue: SummaryQueue, limiter: RateLimiter,
                paused: Callable[[float, bool], None] = lambda seconds, rate_limited: None) -> Iterator[None]:
    """One article of a list (the page's Many articles, an API batch): one run for the visitor's rate and
    one turn in the queue, so other visitors are not held up. Where a single summary would be refused
    (the rate reached, the queue full), the list waits instead; `paused(seconds, rate_limited)` hears why."""
    while True:
        try:
            limiter.check(visitor)
            break
        except Busy as busy:
            if busy.retry_after is None:
                raise
            paused(busy.retry_after, True)
            time.sleep(min(busy.retry_after, 5.0))
    with ExitStack() as holding:
        while True:
            try:
                holding.enter_context(queue.turn())
                break
            except Busy:
                paused(FULL_QUEUE_RETRY, False)
                time.sleep(FULL_QUEUE_RETRY)
        yield


def admitted_feed(url: str, max_entries: int, visitor: str, queue: SummaryQueue, limiter: RateLimiter,
                  notice: Callable[[str], None]) -> list[Record]:
    """A news feed's records, its fetch admitted as an import is: one run of the visitor's rate and one
    turn in the queue (a fetch costs seconds and megabytes; a stranger must not make the server fetch
    without limit)."""
    from summarizer.batch.records import feed_records

    limiter.check(visitor)
    with queue.turn():
        return feed_records(url, max_entries, notice)


def visitor_key(reported: str | None, forwarded_for: str | None, trusted_proxies: Collection[str]) -> str:
    """Whom a request counts against: an address, or UNKNOWN_VISITOR.

    Streamlit reports a loopback peer as no address, and its server (uvicorn) replaces a loopback
    peer's address by the last X-Forwarded-For hop, so an address that is itself one of the forwarded
    hops was told by whoever connected from this host. A forwarded hop counts only past a proxy the
    operator lists (SUMMARIZER_TRUSTED_PROXIES), walking the chain from the right; a new session or a
    made-up header is no new visitor."""
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    address = "127.0.0.1" if reported is None or reported in hops else reported
    while address in trusted_proxies and hops:
        address = hops.pop()
    if address in LOOPBACK or address in trusted_proxies:
        return UNKNOWN_VISITOR
    return address


_shared_lock = threading.Lock()
_shared: dict[str, object] = {}  # the process's one queue and allowances, made on first use


def _once(name: str, make: Callable[[], object]) -> Any:
    with _shared_lock:
        if name not in _shared:
            _shared[name] = make()
        return _shared[name]


def shared_queue(max_waiting: int) -> SummaryQueue:
    return _once("queue", lambda: SummaryQueue(max_waiting))


def shared_rate_limiter(per_minute: int) -> RateLimiter:
    return _once("rate", lambda: RateLimiter(per_minute))


def shared_key_rate_limiter(per_minute: int) -> RateLimiter:
    """The API keys' rate, apart from the visitors': a key is a newsroom's system, not a stranger."""
    return _once("key rate", lambda: RateLimiter(per_minute))


def shared_share_allowance(bytes_per_day: int) -> ShareAllowance:
    return _once("share", lambda: ShareAllowance(bytes_per_day))
