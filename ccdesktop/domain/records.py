"""The records of RULES.md section 2: a center's settings, its staff and their training.

Plain frozen dataclasses. Validation of what section 2 refuses lives in
``validation.py``; the rules that decide credit live in ``rules.py``.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any, TypeVar

from .hours import Hundredths

DEFAULT_REQUIRED_HOURS: Hundredths = 1200

_Frozen = TypeVar("_Frozen")


def frozen_builder(cls: type[_Frozen]) -> Callable[..., _Frozen]:
    """A fast positional constructor for the frozen slotted dataclass ``cls``: every
    field, in field order, no defaults, no ``__post_init__``.

    A frozen dataclass's own ``__init__`` sets each field through
    ``object.__setattr__`` (its ``__setattr__`` refuses), which is most of the cost of
    loading 100,000 entries. The builder fills a mutable twin with the same slots
    instead and then makes it a ``cls`` (same memory layout, so Python allows the
    ``__class__`` assignment): the result is an ordinary, equal, hashable ``cls``.
    For the hot paths (loading, the engine); everywhere else call ``cls(...)``.
    """
    names: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    if tuple(cls.__slots__) != names:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__} is not a slotted dataclass")
    twin = type(f"_Building{cls.__name__}", (), {"__slots__": names})
    params = ", ".join(f"_{name}" for name in names)
    body = "".join(f"    self.{name} = _{name}\n" for name in names)
    source = (
        f"def build({params}):\n    self = _new(_twin)\n{body}"
        "    self.__class__ = _cls\n    return self\n"
    )
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": twin, "_cls": cls}
    exec(source, namespace)  # noqa: S102  # generated from field names only, as dataclasses does
    build: Callable[..., _Frozen] = namespace["build"]
    build.__qualname__ = build.__name__ = f"build_{cls.__name__}"
    return build


class Format(StrEnum):
    IN_PERSON = "in_person"
    LIVE_VIRTUAL = "live_virtual"
    ONLINE_MODULE = "online_module"


class Setting(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"


class HireYearPolicy(StrEnum):
    """How much the hire year asks for (RULES.md section 5)."""

    #: one clock hour per month from the month of hire through December (default)
    MONTHLY = "monthly"
    #: the full yearly requirement
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Center:
    """The center's details (printed on reports) and its settings."""

    name: str = ""
    license_number: str = ""
    director: str = ""
    required_hours: Hundredths = DEFAULT_REQUIRED_HOURS
    hire_year_policy: HireYearPolicy = HireYearPolicy.MONTHLY
    #: the first year the center keeps records for (RULES.md section 5, Decision in
    #: README): earlier years ask nothing. None: the year of the earliest entry.
    records_start_year: int | None = None

    def replace(self, **changes: object) -> Center:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Staff:
    """A staff member. ``id`` is None until the store has saved the record."""

    first_name: str
    last_name: str
    mopd_id: str | None = None
    role: str = ""
    requires_clock_hours: bool = True
    hire_date: date | None = None
    end_date: date | None = None
    id: int | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    def replace(self, **changes: object) -> Staff:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TrainingEntry:
    """One sitting of one training by one staff member.

    ``id`` is None until saved. The engine needs ids (the last tie-break of
    same-day repeats), so it is given saved entries, or drafts with a provisional
    id larger than every saved one (a new record gets the next id).
    """

    staff_id: int
    title: str
    completed_on: date
    clock_hours: Hundredths
    course_id: str | None = None
    provider: str = ""
    format: Format = Format.IN_PERSON
    setting: Setting = Setting.INDIVIDUAL
    start_time: time | None = None
    end_time: time | None = None
    in_ratio: bool = False
    approved: bool = True
    enrolled_on: date | None = None
    notes: str = ""
    id: int | None = None

    def replace(self, **changes: object) -> TrainingEntry:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def has_times(self) -> bool:
        return self.start_time is not None and self.end_time is not None


@dataclass(frozen=True, slots=True)
class CenterData:
    """Everything the engine needs about one center."""

    center: Center
    staff: tuple[Staff, ...]
    entries: tuple[TrainingEntry, ...]


@contextmanager
def many_records() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many records at once.

    Records, tuples and dicts of records hold no reference cycles, so the collector
    finds nothing in them, yet creating 100,000 of them triggers its passes again and
    again over everything alive (a quarter of an audit's time). Reference counting
    still frees everything as usual; the collector resumes afterwards, as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Everything made meanwhile is young, and the collector's first pass after
            # enable() would walk it all (30 ms for an audit of 100,000 entries) to
            # find nothing. freeze() + unfreeze() moves it to the oldest generation
            # instead, as surviving young passes would have; full collections still
            # look at it as usual.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


#: ``Staff`` from its 8 fields in order, fast (see ``frozen_builder``)
build_staff: Callable[..., Staff] = frozen_builder(Staff)

#: ``TrainingEntry`` from its 15 fields in order, fast (see ``frozen_builder``)
build_entry: Callable[..., TrainingEntry] = frozen_builder(TrainingEntry)


def entry_with_ids(entry: TrainingEntry, staff_id: int, entry_id: int | None) -> TrainingEntry:
    """``entry.replace(staff_id=staff_id, id=entry_id)``, for imports of 100,000 rows:
    ``dataclasses.replace`` looks every field up by name on each call."""
    e = entry
    return build_entry(
        staff_id,
        e.title,
        e.completed_on,
        e.clock_hours,
        e.course_id,
        e.provider,
        e.format,
        e.setting,
        e.start_time,
        e.end_time,
        e.in_ratio,
        e.approved,
        e.enrolled_on,
        e.notes,
        entry_id,
    )
