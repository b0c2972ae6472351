"""The optional training columns issue 14 adds: kind (training or credential),
expires_on (a credential's expiry) and as_trainer. The existing columns keep their
meaning; a file without the new columns reads as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ccdesktop.domain.records import EntryKind
from ccdesktop.io.csv_read import CsvImportError
from ccdesktop.io.training_csv import parse_training_csv
from ccdesktop.io.values import parse_kind

HEADER = "mopd_id,title,completed_on,clock_hours,kind,expires_on,as_trainer\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "training.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_credentials_trainer_sessions_and_trainings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "1,CPR card,2025-03-01,,credential,2027-03-31,\n"
        "1,CDA,2025-04-01,0,Credential,,no\n"
        "1,Safe Sleep,2025-05-01,2,,,yes\n"
        "1,Child Development,2025-06-01,1.5,training,,\n",
    )
    card, cda, led, course = (row.entry for row in parse_training_csv(path).rows)
    assert (card.kind, card.clock_hours, card.expires_on) == (
        EntryKind.CREDENTIAL,
        0,
        date(2027, 3, 31),
    )
    assert (cda.kind, cda.clock_hours, cda.expires_on, cda.as_trainer) == (
        EntryKind.CREDENTIAL,
        0,
        None,
        False,
    )
    assert (led.kind, led.as_trainer, led.clock_hours) == (EntryKind.TRAINING, True, 200)
    assert (course.kind, course.as_trainer) == (EntryKind.TRAINING, False)


def test_every_bad_new_cell_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "1,CPR card,2025-03-01,1.5,credential,,\n"
        "1,A,2025-03-01,1,diploma,,\n"
        "1,B,2025-03-01,1,,2026-01-01,maybe\n"
        "1,C,2025-03-01,,training,,\n"
        "1,D,2025-03-01,0,credential,2025-02-28,\n",
    )
    with pytest.raises(CsvImportError) as caught:
        parse_training_csv(path)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column clock_hours: 1.5: a credential carries no clock hours (record the "
        "training that earned it as a training entry of its own)",
        "row 3, column kind: 'diploma' is not a kind of entry (use training or credential)",
        "row 4, column as_trainer: 'maybe' is not yes or no (use yes/no, y/n, true/false or 1/0)",
        "row 4, column expires_on: only a credential has an expiry date; leave it empty for "
        "a training (or make the entry a credential)",
        "row 5, column clock_hours: is required",
        "row 6, column expires_on: 2025-02-28 is before the completion date 2025-03-01",
    ]


def test_a_file_without_the_new_columns_reads_as_before(tmp_path: Path) -> None:
    path = write(tmp_path, "mopd_id,title,completed_on,clock_hours\n1,A,2025-03-01,1\n")
    (row,) = parse_training_csv(path).rows
    assert (row.entry.kind, row.entry.expires_on, row.entry.as_trainer) == (
        EntryKind.TRAINING,
        None,
        False,
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", EntryKind.TRAINING),
        ("Training", EntryKind.TRAINING),
        ("CREDENTIAL", EntryKind.CREDENTIAL),
        ("certificate", EntryKind.CREDENTIAL),
        ("Certification", EntryKind.CREDENTIAL),
    ],
)
def test_kind_words(text: str, kind: EntryKind) -> None:
    assert parse_kind(text) is kind
