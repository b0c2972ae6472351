"""Record factories for the promise tests: the store tests' own, under the names the
promise tests use."""

from __future__ import annotations

from tests.store.records import entry as make_entry
from tests.store.records import staff as make_staff

__all__ = ["make_entry", "make_staff"]
