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


class WarningCode(StrEnum):
    """Shown and printed, never changes credit (RULES.md section 4)."""

    MISSING_TIMES = "MISSING_TIMES"
    HOURS_EXCEED_SITTING = "HOURS_EXCEED_SITTING"
    MISSING_MOPD_ID = "MISSING_MOPD_ID"


class Status(StrEnum):
    MET = "met"
    SHORT = "short"
    EXEMPT = "exempt"


REASON_ORDER = {reason: index for index, reason in enumerate(Reason)}
