"""The command line beside a window (issue 12): read-only commands work while another
ccdesktop has the file open, writes are refused naming who; ``restore`` prints what
it replaces and refuses another center's backup without ``--other-center``; a
refused command on a new ``--db`` leaves no file; a reader that goes away (``| head``)
ends the command quietly."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ccdesktop.cli import EXIT_BROKEN_PIPE, run
from ccdesktop.store.backup import list_backups
from ccdesktop.store.database import Database
from ccdesktop.store.lock import LockInfo, lock_path, read_lock, this_host, this_user
from tests.factories import sha256

from .conftest import Cli, dump, write_csv

FIXTURES = Path(__file__).parents[1] / "fixtures"

STAFF = """
first_name,last_name,mopd_id
Ana,Lopez,123456
Zoë,Ng,
"""
TRAINING = """
mopd_id,title,completed_on,clock_hours,start_time,end_time
123456,Safe Sleep,2026-03-04,2,09:00,11:00
123456,CPR,11/30/2026,4,08:00,12:00
"""

HOLDER = """
import sys
from ccdesktop.store.database import Database
db = Database.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
db.close()
"""


@pytest.fixture
def sunny(cli: Cli, tmp_path: Path) -> Cli:
    """Sunny Days (license L-1): two staff, two entries, the last on 11/30/2026."""
    assert cli("import-staff", str(write_csv(tmp_path / "staff.csv", STAFF))).code == 0
    assert cli("import-training", str(write_csv(tmp_path / "training.csv", TRAINING))).code == 0
    assert cli("center", "--name", "Sunny Days", "--license", "L-1").code == 0
    return cli


@pytest.fixture
def held(sunny: Cli) -> Iterator[int]:
    """Another process (a window, as far as the file can tell) holds ``sunny``'s file
    open for editing; yields its process id."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(sunny.db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        yield holder.pid
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def _backups(db: Path) -> list[Path]:
    return sorted(backup.path for backup in list_backups(db))


def test_read_only_commands_work_while_another_process_has_the_file(
    sunny: Cli, held: int, tmp_path: Path
) -> None:
    db = sunny.db
    digest, backups = sha256(db), _backups(db)
    audit = sunny("audit", "--year", "2026", "--json")
    assert audit.code == 0, audit.err
    assert [s["last_name"] for s in json.loads(audit.out)["staff"]] == ["Lopez", "Ng"]
    assert sunny("audit", "--year", "2026").code == 0
    pdf = tmp_path / "report.pdf"
    report = sunny("report", "--year", "2026", "--output", str(pdf))
    assert report.code == 0, report.err
    assert pdf.read_bytes().startswith(b"%PDF")
    check = sunny("check")
    assert check.code == 0 and "healthy" in check.out
    # nothing was written: not the file, not a daily backup, not the lock
    assert sha256(db) == digest and _backups(db) == backups
    assert read_lock(lock_path(db)).pid == held  # type: ignore[union-attr]
    made = sunny("backup")
    assert made.code == 0, made.err
    (new,) = set(_backups(db)) - set(backups)
    assert new.name.endswith("-manual.backup") and str(new) in made.out
    with Database.open(new, read_only=True) as copy:
        assert copy.get_center().name == "Sunny Days" and len(copy.list_entries()) == 2


@pytest.mark.parametrize(
    ("command", "word"),
    [
        (("import-staff", "staff.csv"), "import-staff"),
        (("import-training", "training.csv"), "import-training"),
        (("center", "--name", "Little Acorns"), "center"),
    ],
    ids=["import-staff", "import-training", "center"],
)
def test_writes_are_refused_naming_who_has_the_file(
    sunny: Cli, held: int, tmp_path: Path, command: tuple[str, ...], word: str
) -> None:
    before = dump(sunny.db)
    args = [str(tmp_path / a) if a.endswith(".csv") else a for a in command]
    result = sunny(*args)
    assert result.code == 2 and result.out == ""
    (line,) = result.err.splitlines()
    assert f"is open for editing by {this_user()}@{this_host()} (process {held})" in line
    assert f"{word} changes the file" in line
    assert "nothing was done" in line and "Traceback" not in line
    assert dump(sunny.db) == before


def test_restore_is_refused_naming_who_has_the_file(sunny: Cli, held: int) -> None:
    with Database.open(sunny.db, read_only=True) as db:
        backup = db.backup("manual")
    before = dump(sunny.db)
    result = sunny("restore", str(backup))
    assert result.code == 2
    assert f"(process {held})" in result.err and "restore changes the file" in result.err
    assert dump(sunny.db) == before


def _other_pc_lock(db: Path) -> None:
    now = datetime.now(UTC)
    info = LockInfo("maria", "FRONT-DESK", 4242, now - timedelta(hours=1), now, "t")
    lock_path(db).write_text(info.to_json(), encoding="utf-8")


def test_an_older_file_another_pc_has_open_cannot_be_read_and_says_why(
    cli: Cli, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "schema-v1.sqlite3", cli.db)
    _other_pc_lock(cli.db)
    before = sha256(cli.db)
    result = cli("audit", "--year", "2025")
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert "saved by an older ccdesktop and must be upgraded" in line
    assert "maria@FRONT-DESK" in line
    assert sha256(cli.db) == before and _backups(cli.db) == []


def test_an_older_file_nobody_has_open_is_upgraded_and_read(cli: Cli) -> None:
    shutil.copy(FIXTURES / "schema-v1.sqlite3", cli.db)
    result = cli("audit", "--year", "2025", "--json")
    assert result.code == 0, result.err
    assert len(json.loads(result.out)["entries"]) >= 1
    assert [b.reason for b in list_backups(cli.db)] == ["before-upgrade-v1"]


def test_a_missing_file_another_pc_is_creating_says_there_is_nothing_to_read(
    cli: Cli,
) -> None:
    cli.db.parent.mkdir(parents=True, exist_ok=True)
    _other_pc_lock(cli.db)
    result = cli("audit")
    assert result.code == 2 and "holds no records yet" in result.err
    assert "maria@FRONT-DESK" in result.err and not cli.db.exists()


def test_a_read_only_command_writes_nothing_beside_the_file(sunny: Cli) -> None:
    for backup in list_backups(sunny.db):
        backup.path.unlink()
    digest = sha256(sunny.db)
    assert sunny("audit", "--year", "2026").code == 0
    assert sunny("check").code == 0
    assert sha256(sunny.db) == digest
    assert _backups(sunny.db) == []  # no daily backup from a command that only reads
    assert not lock_path(sunny.db).exists()


# --- restore ------------------------------------------------------------------------


def _acorns_backup(cli: Cli, tmp_path: Path) -> Path:
    """A backup of Little Acorns (license L-9), in the same backups folder."""
    acorns = Cli(tmp_path / "acorns.sqlite3")
    staff = write_csv(tmp_path / "acorns-staff.csv", "first_name,last_name\nBen,Ortiz\n")
    assert acorns("import-staff", str(staff)).code == 0
    assert acorns("center", "--name", "Little Acorns", "--license", "L-9").code == 0
    made = acorns("backup")
    assert made.code == 0
    return Path(made.out.strip().rsplit(" to ", 1)[1].removesuffix("."))


def test_restore_prints_both_files_summaries(sunny: Cli) -> None:
    with Database.open(sunny.db, read_only=True) as db:
        backup = db.backup("manual")
    assert sunny("center", "--name", "Sunny Days Learning Center").code == 0
    result = sunny("restore", str(backup))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(
        "Current file: Sunny Days Learning Center (license L-1), 2 staff, 2 entries, "
        "last entry 11/30/2026; saved "
    )
    assert lines[0].endswith(f"({sunny.db})")
    assert lines[1].startswith(
        "Backup:       Sunny Days (license L-1), 2 staff, 2 entries, last entry 11/30/2026; "
        "manual backup of "
    )
    assert lines[1].endswith(f"({backup})")
    assert "Backed up the current file to" in lines[2]


def test_restore_of_another_centers_backup_needs_the_flag(sunny: Cli, tmp_path: Path) -> None:
    backup = _acorns_backup(sunny, tmp_path)
    before = dump(sunny.db)
    refused = sunny("restore", str(backup))
    assert refused.code == 2
    (line,) = refused.err.splitlines()
    assert line == (
        f"ccdesktop: {backup} is a backup of another center, Little Acorns (license L-9), "
        "not Sunny Days (license L-1); nothing was changed. Add --other-center to replace "
        "every record of Sunny Days with it."
    )
    assert "Current file: Sunny Days (license L-1)" in refused.out
    assert "Backup:       Little Acorns (license L-9), 1 staff, 0 entries;" in refused.out
    assert dump(sunny.db) == before
    assert "before-restore" not in [b.reason for b in list_backups(sunny.db)]
    done = sunny("restore", str(backup), "--other-center")
    assert done.code == 0, done.err
    with Database.open(sunny.db, read_only=True) as db:
        assert db.get_center().name == "Little Acorns"


def test_restore_of_a_file_that_is_not_a_backup_is_refused(sunny: Cli, tmp_path: Path) -> None:
    text = write_csv(tmp_path / "notes.backup", "hello\n")
    before = dump(sunny.db)
    result = sunny("restore", str(text))
    assert result.code == 2 and "not a ccdesktop database" in result.err
    assert dump(sunny.db) == before


# --- nothing left behind on a new --db ----------------------------------------------


def test_a_refused_import_on_a_new_db_leaves_no_file(cli: Cli, tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "bad.csv", "first_name,last_name\n,Lopez\n")
    cli.db = tmp_path / "new folder" / "deeper" / "center.sqlite3"
    result = cli("import-staff", str(bad))
    assert result.code == 2 and "row 2" in result.err
    assert not (tmp_path / "new folder").exists()
    training = write_csv(
        tmp_path / "t.csv", "mopd_id,title,completed_on,clock_hours\n9,X,2025-01-02,1\n"
    )
    cli.db = tmp_path / "center.sqlite3"
    assert cli("import-training", str(training)).code == 2
    assert not cli.db.exists() and not lock_path(cli.db).exists()
    assert cli("report", "--output", str(tmp_path / "r.pdf"), "--staff", "000").code == 2
    assert not cli.db.exists()


def test_a_refused_import_into_an_empty_file_leaves_it_empty(cli: Cli, tmp_path: Path) -> None:
    cli.db.parent.mkdir(parents=True, exist_ok=True)
    cli.db.write_bytes(b"")
    bad = write_csv(tmp_path / "bad.csv", "first_name,last_name\n,Lopez\n")
    assert cli("import-staff", str(bad)).code == 2
    assert cli.db.read_bytes() == b""


def test_a_good_import_on_a_new_db_creates_it(cli: Cli, tmp_path: Path) -> None:
    good = write_csv(tmp_path / "staff.csv", STAFF)
    assert cli("import-staff", str(good)).code == 0
    with Database.open(cli.db, read_only=True) as db:
        assert len(db.list_staff()) == 2


def test_a_refused_import_on_an_existing_blank_db_keeps_the_file(cli: Cli, tmp_path: Path) -> None:
    Database.open(cli.db).close()  # created earlier: not this command's to remove
    bad = write_csv(tmp_path / "bad.csv", "first_name,last_name\n,Lopez\n")
    assert cli("import-staff", str(bad)).code == 2
    assert cli.db.exists()


# --- a reader that goes away ----------------------------------------------------------


class _GoneReader(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_broken_pipe_ends_quietly(sunny: Cli) -> None:
    err = io.StringIO()
    code = run(["audit", "--json", "--db", str(sunny.db)], _GoneReader(), err)
    assert code == EXIT_BROKEN_PIPE == 141
    assert err.getvalue() == ""


def test_audit_json_into_head_exits_quietly(sunny: Cli, tmp_path: Path) -> None:
    many = ["mopd_id,title,completed_on,clock_hours"]
    many += [f"123456,Course {n},2026-{1 + n % 12:02d}-{1 + n % 28:02d},1" for n in range(800)]
    assert (
        sunny("import-training", str(write_csv(tmp_path / "many.csv", "\n".join(many)))).code == 0
    )
    reader = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ccdesktop",
            "audit",
            "--year",
            "2026",
            "--json",
            "--db",
            str(sunny.db),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline() == b"{\n"  # then the reader goes, as head does
    reader.stdout.close()
    assert reader.wait(timeout=120) == 141
    assert reader.stderr.read() == b""
    reader.stderr.close()


def test_center_without_options_only_shows_and_works_beside_a_window(sunny: Cli, held: int) -> None:
    digest = sha256(sunny.db)
    shown = sunny("center")
    assert shown.code == 0, shown.err
    assert "Sunny Days" in shown.out and "L-1" in shown.out
    assert sha256(sunny.db) == digest
