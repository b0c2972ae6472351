"""The codes of RULES.md sections 3 and 4, in the order the tables list them."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why an entry earns no credit (RULES.md section 3), in table order."""

    OVERLAP = "OVERLAP"
    IN_RATIO = "IN_RATIO"
    ONLINE_GROUP = "ONLINE_GROUP"
    REPEAT_WITHIN_12_MONTHS = "REPEAT_WITHIN_12_MONTHS"
    ELEARNING_WINDOW = "ELEARNING_WINDOW"
    NOT_APPROVED = "NOT_APPROVED"
    #: the staff member conducted the session as its trainer (issue 14)
    TRAINER_OWN_SESSION = "TRAINER_OWN_SESSION"


class WarningCode(StrEnum):
    """Shown and printed, never changes credit (RULES.md section 4)."""

    MISSING_TIMES = "MISSING_TIMES"
    HOURS_EXCEED_SITTING = "HOURS_EXCEED_SITTING"
    MISSING_MOPD_ID = "MISSING_MOPD_ID"
    #: the same online module taken by two or more staff at overlapping times (issue 14)
    LIKELY_GROUP_USE = "LIKELY_GROUP_USE"
    #: completed by the date of the MOPD report last compared, and not found on it
    NOT_ON_MOPD_REPORT = "NOT_ON_MOPD_REPORT"


class Status(StrEnum):
    MET = "met"
    SHORT = "short"
    EXEMPT = "exempt"


class ExemptReason(StrEnum):
    """Why the audited year asks nothing of a staff member (status ``exempt``)."""

    #: the staff member does not require clock hours (a cook, say)
    NO_CLOCK_HOURS = "no_clock_hours"
    #: hired after the audited year
    NOT_YET_HIRED = "not_yet_hired"
    #: left before the audited year
    LEFT = "left"
    #: the audited year is before the year the center's records start
    BEFORE_RECORDS = "before_records"
    #: no hire date, and the first training on record is after the audited year
    BEFORE_FIRST_ENTRY = "before_first_entry"


REASON_ORDER = {reason: index for index, reason in enumerate(Reason)}
WARNING_ORDER = {code: index for index, code in enumerate(WarningCode)}
