"""Labelled cases as JSON lines, one object a line: a bad line is named with what was expected, never
skipped (a score over silently fewer cases would mislead)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from summarizer.errors import InputError

T = TypeVar("T")


def read_json_lines(path: str | Path, convert: Callable[[dict[str, Any]], T | None], expected: str,
                    what: str) -> list[T]:
    """`convert` each object (None: the line holds no item, e.g. an article cases refer to);
    InputError naming the line, or naming `what` the file lacks when it holds no item."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = convert(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{path}, line {number}: expected {expected} "
                             f"({type(error).__name__}: {error})") from None
        if item is not None:
            items.append(item)
    if not items:
        raise InputError(f"{path} holds no {what}")
    return items
