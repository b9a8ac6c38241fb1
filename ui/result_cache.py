"""Results shared by all sessions of one server, keyed by the text and every setting.

Only someone who pastes the very same text gets a stored result, so no one sees another's article.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings

MAX_ENTRIES = 256


def cache_key(text: str, settings: SummarySettings) -> str:
    payload = json.dumps([text, settings.to_dict()], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResultCache:
    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[str, SummaryResult] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries

    def get(self, key: str) -> SummaryResult | None:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            return None

    def put(self, key: str, result: SummaryResult) -> None:
        with self._lock:
            self._entries[key] = result
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
