"""The records of RULES.md section 2: a center's settings, its staff and their training.

Plain frozen dataclasses, and a NamedTuple for the training entry (see there why).
Validation of what section 2 refuses lives in ``validation.py``; the rules that decide
credit live in ``rules.py``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any, NamedTuple

from .hours import Hundredths

DEFAULT_REQUIRED_HOURS: Hundredths = 1200


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


class EntryKind(StrEnum):
    """What an entry records (schema version 4)."""

    #: one sitting of one training: clock hours, judged by RULES.md sections 3 and 4
    TRAINING = "training"
    #: a credential earned or renewed (a CDA, a CPR or First Aid card): a date, maybe an
    #: expiry date, and no clock hours of its own
    CREDENTIAL = "credential"


class AppliesTo(StrEnum):
    """Which staff a required training applies to."""

    #: everyone who requires clock hours
    CAREGIVERS = "caregivers"
    #: caregivers whose role is one of ``RequirementKind.roles``
    ROLES = "roles"
    #: caregivers who work in the infant room (``Staff.infant_room``)
    INFANT_ROOM = "infant_room"


class MetBy(StrEnum):
    """How a required training is met."""

    #: a training entry whose course ID or title is one of ``RequirementKind.matches``
    TRAINING = "training"
    #: a credential entry whose title is one of ``matches``, until its own expiry date
    CREDENTIAL = "credential"


@dataclass(frozen=True, slots=True)
class RequirementKind:
    """A training the center requires and that must be renewed (issue 13), such as
    Safe Sleep every 36 months or a current CPR card. The rules of what is current,
    due or overdue live in the engine, not here."""

    name: str
    applies_to: AppliesTo = AppliesTo.CAREGIVERS
    #: the roles it applies to, when ``applies_to`` is ROLES
    roles: tuple[str, ...] = ()
    met_by: MetBy = MetBy.TRAINING
    #: course IDs or titles (training) or credential titles that meet it
    matches: tuple[str, ...] = ()
    #: how long a completion lasts, in months; None: a credential's own expiry date,
    #: or (training) it never lapses
    lasts_months: int | None = None
    #: days after the hire date by which a new hire must have it (0: before starting);
    #: None: no deadline of its own for new hires
    new_hire_days: int | None = None
    #: it applies only while the center is licensed to care for infants
    #: (``Center.licensed_for_infants``), as Safe Sleep does
    for_infant_programs: bool = False


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
    #: the program is licensed to care for infants (the Safe Sleep requirement)
    licensed_for_infants: bool = False
    #: a required training is "due" this many days before it lapses
    due_soon_days: int = 60
    #: the required trainings with renewal; None: the defaults (issue 13)
    requirements: tuple[RequirementKind, ...] | None = None
    #: the date of the MOPD training report last compared with the records (issue 14)
    mopd_report_on: date | None = None
    #: how the MOPD report's columns map to an entry's fields (its header -> our field),
    #: remembered from the last comparison; empty until then
    mopd_columns: tuple[tuple[str, str], ...] = ()
    #: the date of the next licensing inspection, when known (the year-end plan)
    next_inspection_on: date | None = None

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
    #: works in the infant room (required trainings that apply to infant-room staff)
    infant_room: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    def replace(self, **changes: object) -> Staff:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


class TrainingEntry(NamedTuple):
    """One sitting of one training by one staff member.

    ``id`` is None until saved. The engine needs ids (the last tie-break of
    same-day repeats), so it is given saved entries, or drafts with a provisional
    id larger than every saved one (a new record gets the next id).

    A ``typing.NamedTuple``, not a frozen dataclass like the other records: it is the
    record made by the ten thousand (every load, import and audit), and a frozen
    dataclass of 19 fields costs 1.8 us to make (one ``object.__setattr__`` a field)
    against 0.3 us for a NamedTuple. It is as immutable and hashable, and it stays a
    record, not a tuple: it equals only a TrainingEntry with the same fields (never a
    plain tuple or another record of the same values) and it has no order (``<``
    raises TypeError, as between dataclasses). Change it with ``replace``.
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
    #: a training sitting, or a credential (schema version 4; see ``EntryKind``)
    kind: EntryKind = EntryKind.TRAINING
    #: a credential's expiry date (a CPR card's); None for trainings
    expires_on: date | None = None
    #: the staff member conducted this session as its trainer (issue 14)
    as_trainer: bool = False
    #: the date of the MOPD training report this entry was found on (issue 14)
    mopd_report_on: date | None = None

    def replace(self, **changes: Any) -> TrainingEntry:
        """A copy with ``changes`` (by field name, as the other records' ``replace``)."""
        return self._replace(**changes)

    @property
    def has_times(self) -> bool:
        return self.start_time is not None and self.end_time is not None

    # a record, not a tuple: equal to the same record only, and unordered
    def __eq__(self, other: object) -> bool:
        return type(other) is TrainingEntry and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    def __le__(self, other: object) -> bool:
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        return NotImplemented


@dataclass(frozen=True, slots=True)
class CenterData:
    """Everything the engine needs about one center."""

    center: Center
    staff: tuple[Staff, ...]
    entries: tuple[TrainingEntry, ...]
