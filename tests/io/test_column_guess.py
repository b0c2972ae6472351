"""One guesser of columns for the MOPD report and the import wizard (issue 15): the
words of a staff list's headers are guessed too, and each column goes to one header."""

from __future__ import annotations

import pytest

from ccdesktop.io.column_guess import IGNORE, guess_column, guess_columns
from ccdesktop.io.mopd_report import GUESSED_FIELDS
from ccdesktop.io.staff_csv import STAFF_COLUMNS

STAFF_FIELDS = STAFF_COLUMNS


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("First Name", "first_name"),
        ("Surname", "last_name"),
        ("MOPD #", "mopd_id"),
        ("Job title", "role"),
        ("Date hired", "hire_date"),
        ("Termination date", "end_date"),
        ("Caregiver", "requires_clock_hours"),
        ("hire_date", "hire_date"),
        ("Shoe size", IGNORE),
    ],
)
def test_a_staff_lists_headers(header: str, field: str) -> None:
    assert guess_column(header, STAFF_FIELDS) == field


def test_a_staff_word_means_nothing_in_the_mopd_report() -> None:
    assert guess_column("Start date", GUESSED_FIELDS) == IGNORE
    assert guess_column("Start date", STAFF_FIELDS) == "hire_date"


def test_a_remembered_choice_wins_and_a_column_goes_to_one_header() -> None:
    chosen = guess_columns(
        ["First", "Given name", "Badge", "Last"], STAFF_FIELDS, {"badge": "mopd_id"}
    )
    assert chosen == {
        "First": "first_name",
        "Given name": IGNORE,  # first_name is taken
        "Badge": "mopd_id",
        "Last": "last_name",
    }
