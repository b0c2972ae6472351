"""``Memo``: each distinct key computed once, for the hot paths over 100,000 records."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class Memo(dict[_Key, _Value]):
    """``memo[key]`` computes ``compute(key)`` once per distinct key: a center's
    100,000 entries share a few hundred dates, times and titles, and a dictionary
    look-up is cheaper than parsing or computing again."""

    def __init__(self, compute: Callable[[_Key], _Value]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _Key) -> _Value:
        value = self[key] = self._compute(key)
        return value
