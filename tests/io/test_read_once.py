"""A file read once for an import: its first rows for choosing columns, the whole of it
a piece at a time with progress, and the import of what was read without reading the
file again (unless it changed on disk)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from ccdesktop import workflows
from ccdesktop.domain.records import Staff
from ccdesktop.io import csv_read
from ccdesktop.io.csv_read import (
    HEAD_BYTES,
    CsvImportError,
    ReadStage,
    file_stamp,
    read_csv_head,
    read_csv_records,
    read_csv_table,
    release_records,
)
from ccdesktop.store.database import Database

TRAINING_HEADER = "mopd_id,title,completed_on,start_time,end_time,clock_hours\n"


def training_csv(path: Path, rows: int, mopd_id: str = "100001") -> Path:
    lines = [TRAINING_HEADER]
    for number in range(rows):
        lines.append(f"{mopd_id},Course {number},1/{number % 28 + 1}/2025,9:00 AM,10:00 AM,1\n")
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return path


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Database.open(tmp_path / "center.sqlite3") as db:
        db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
        yield db


def test_an_import_writes_what_was_read_without_reading_the_file_again(
    tmp_path: Path, db: Database
) -> None:
    path = training_csv(tmp_path / "training.csv", 3)
    read = workflows.read_training_file(path)
    assert workflows.plan_training_file(db, read).to_add  # what the preview shows
    path.unlink()  # the import does not need the file any more

    summary = workflows.import_read_training(db, read)
    assert summary.added == 3
    assert sorted(e.title for e in db.list_entries()) == ["Course 0", "Course 1", "Course 2"]
    assert workflows.import_read_training(db, read).added == 0  # twice adds nothing


def test_a_read_file_knows_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    path = training_csv(tmp_path / "training.csv", 3)
    read = workflows.read_training_file(path)
    assert read.stamp == file_stamp(path)
    assert not read.changed_on_disk()
    training_csv(path, 4)
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))
    assert read.changed_on_disk()
    path.unlink()
    assert read.changed_on_disk()


def test_a_file_with_a_bad_header_is_read_but_cannot_be_imported(
    tmp_path: Path, db: Database
) -> None:
    path = tmp_path / "training.csv"
    path.write_text("mopd_id,title,completed,clock_hours\n100001,CPR,1/2/2025,2\n")
    read = workflows.read_training_file(path)
    assert read.parsed is None
    # every column is there to be shown, the unknown one too
    assert read.table.rows == [
        (2, {"mopd_id": "100001", "title": "CPR", "completed": "1/2/2025", "clock_hours": "2"})
    ]
    with pytest.raises(CsvImportError) as caught:
        workflows.import_read_training(db, read)
    assert "row 1, column completed: is not a column we know" in str(caught.value)
    assert db.list_entries() == []


def test_the_staff_file_too(tmp_path: Path, db: Database) -> None:
    path = tmp_path / "staff.csv"
    path.write_text("first_name,last_name,mopd_id,role\nAna,Lopez,100001,Aide\nBen,Smith,,\n")
    read = workflows.read_staff_file(path)
    plan = workflows.plan_staff_file(db, read)
    assert (len(plan.to_add), len(plan.to_update)) == (1, 1)
    summary = workflows.import_read_staff(db, read)
    assert (summary.added, summary.updated) == (1, 1)


def test_reading_reports_its_progress(tmp_path: Path) -> None:
    path = training_csv(tmp_path / "training.csv", 5000)
    calls: list[tuple[ReadStage, int, int]] = []
    read = workflows.read_training_file(
        path, progress=lambda stage, done, total: calls.append((stage, done, total))
    )
    assert read.parsed is not None and len(read.parsed.rows) == 5000
    stages = [stage for stage, _done, _total in calls]
    assert stages == sorted(stages, key=list(ReadStage).index)  # in order, each once
    for stage in ReadStage:
        mine = [(done, total) for s, done, total in calls if s is stage]
        assert mine[0][0] == 0 and len(mine) > 1  # from the start, more than once
        assert [done for done, _total in mine] == sorted(done for done, _total in mine)
        assert {total for _done, total in mine} == {5001 if stage is ReadStage.READING else 5000}


def test_a_read_can_be_stopped_from_its_progress(tmp_path: Path) -> None:
    path = training_csv(tmp_path / "training.csv", 5000)

    class Stop(Exception):
        pass

    def progress(stage: ReadStage, done: int, total: int) -> None:
        if stage is ReadStage.CHECKING and done:
            raise Stop

    with pytest.raises(Stop):
        workflows.read_training_file(path, progress=progress)


# --- the start of a file, for choosing its columns -------------------------------------


def test_the_head_is_the_header_and_first_row_a_full_read_gives(tmp_path: Path) -> None:
    path = training_csv(tmp_path / "training.csv", 3000)
    assert path.stat().st_size > HEAD_BYTES
    head = read_csv_head(path)
    full = read_csv_table(path)
    assert head.header == full.header
    assert head.rows == full.rows[:1]


def test_the_head_read_reads_only_the_start(tmp_path: Path) -> None:
    path = training_csv(tmp_path / "training.csv", 3000)
    with path.open("ab") as handle:
        handle.write(b'100001,"never closed\n')  # a broken end, which a full read refuses
    with pytest.raises(CsvImportError):
        read_csv_records(path)
    assert read_csv_head(path).header == TRAINING_HEADER.strip().split(",")


def test_a_header_longer_than_the_first_read(tmp_path: Path) -> None:
    names = [f"column {number} " + "x" * 300 for number in range(400)]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(names) + "\n" + ",".join("v" for _ in names) + "\n")
    assert len(path.read_text().splitlines()[0]) > HEAD_BYTES  # read again, further
    head = read_csv_head(path)
    assert head.header == names
    assert list(head.rows[0][1].values()) == ["v"] * 400


def test_a_character_cut_off_by_the_first_read_is_not_taken_for_cp1252(tmp_path: Path) -> None:
    first = "first_name,last_name\nJosé,Peña\n"
    filler = "Zoë,Dvořák\n" * (HEAD_BYTES // 10)
    data = (first + filler).encode("utf-8")
    for cut in range(HEAD_BYTES - 3, HEAD_BYTES + 1):  # one of these splits a character
        path = tmp_path / "staff.csv"
        path.write_bytes(data[:cut] + data[cut:])
        head = read_csv_head(path)
        assert head.encoding == "utf-8" and head.note is None
        assert head.rows == [(2, {"first_name": "José", "last_name": "Peña"})]


def test_the_head_of_a_cp1252_file_carries_its_note(tmp_path: Path) -> None:
    path = tmp_path / "staff.csv"
    path.write_bytes("first_name,last_name\nJosé,Peña\n".encode("cp1252"))
    head = read_csv_head(path)
    assert head.rows == [(2, {"first_name": "José", "last_name": "Peña"})]
    assert head.note is not None and "cp1252" in head.note


# --- read a piece at a time, as read all at once -------------------------------------


TEXTS = [
    "a,b\r\nc,d\re,f\ng,h",
    'a,b\n"quoted\nnewline, across",x\r\n"and\r\nanother",y\n\n\nlast,row\n',
    "prénom;nom\nJosé;Peña\nNguyễn Thị;Ánh\n" * 7,
    "a\tb\n" + "ü\t€\n" * 40,
]


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (text, encoding)
        for text in TEXTS
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252")
        if _encodable(text, encoding)
    ],
)
def test_pieces_read_as_the_whole_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, encoding: str
) -> None:
    data = text.encode(encoding)
    if encoding == "cp1252" and text.isascii():
        data += "é".encode("cp1252")  # so that it is not UTF-8
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    whole = read_csv_records(path)
    monkeypatch.setattr(csv_read, "CHUNK", 5)  # pieces end inside characters and records
    pieces = read_csv_records(path)
    assert pieces == whole
    # and as the csv module reads the whole text
    text = data.decode(whole.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_read._delimiter(text))
    expected = [cells for cells in reader if any(map(str.strip, cells))]
    assert [cells for _number, cells in whole.records] == expected


def test_records_are_let_go_of_in_slices(tmp_path: Path) -> None:
    source = read_csv_records(training_csv(tmp_path / "training.csv", 5000))
    records = source.records
    release_records(source)
    assert records == [] and source.records is records
