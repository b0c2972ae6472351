"""Promise 6: the bad input matrix. Every case ends in a clean import or a clear
error (exit 2, one line per problem, naming the row or file), never a traceback and
never a partial import. Each case runs through the command line, as an IT helper
would, on a database holding two staff members."""

from __future__ import annotations

import codecs
import io
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccdesktop.cli import run
from ccdesktop.io import csv_read

STAFF = "first_name,last_name,mopd_id\nAna,Lopez,100200\nSeán,O'Brien,012345\n"
HEADER = "mopd_id,title,completed_on,clock_hours"
ROW = "100200,Safe Sleep,2025-03-04,1.5"


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    before: list[str]
    after: list[str]

    @property
    def unchanged(self) -> bool:
        return self.before == self.after


def _dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())


@pytest.fixture
def center(tmp_path: Path, user_dirs: Path) -> Path:
    db = tmp_path / "c.sqlite3"
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF, encoding="utf-8")
    assert run(["import-staff", str(staff), "--db", str(db)], io.StringIO(), io.StringIO()) == 0
    return db


def _import(db: Path, data: bytes | str, command: str = "import-training") -> Outcome:
    path = db.parent / "input.csv"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    before = _dump(db)
    out, err = io.StringIO(), io.StringIO()
    code = run([command, str(path), "--db", str(db)], out, err)
    outcome = Outcome(code, out.getvalue(), err.getvalue(), before, _dump(db))
    assert "Traceback" not in outcome.err and "unexpected" not in outcome.err
    assert code in (0, 2), outcome.err
    if code == 2:
        assert outcome.unchanged, "a refused import wrote something"
        assert outcome.err.strip(), "a refused import said nothing"
    return outcome


def _entries(db: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT title, completed_on, clock_hours, notes FROM training_entry ORDER BY id"
        ).fetchall()


def _refused(outcome: Outcome, *words: str) -> None:
    assert outcome.code == 2, outcome.out
    for word in words:
        assert word in outcome.err, (word, outcome.err)


def test_empty_file(center: Path) -> None:
    _refused(_import(center, b""), "empty")


def test_header_only(center: Path) -> None:
    outcome = _import(center, HEADER + "\n")
    assert outcome.code == 0 and "0 added" in outcome.out


def test_bom(center: Path) -> None:
    assert _import(center, codecs.BOM_UTF8 + f"{HEADER}\n{ROW}\n".encode()).code == 0
    assert _entries(center) == [("Safe Sleep", "2025-03-04", 150, "")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16(center: Path, encoding: str) -> None:
    text = f"{HEADER},notes\n{ROW},Zoë ✓\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the BOM tells the byte order
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert _import(center, data).code == 0
    assert _entries(center)[0][3] == "Zoë ✓"


def test_cp1252(center: Path) -> None:
    outcome = _import(center, f"{HEADER},notes\n{ROW},Café – naïve\n".encode("cp1252"))
    assert outcome.code == 0 and "cp1252" in outcome.err
    assert _entries(center)[0][3] == "Café – naïve"


def test_mixed_line_endings(center: Path) -> None:
    data = f"{HEADER}\r\n{ROW}\n100200,CPR,2025-03-05,2\r100200,First Aid,2025-03-06,3\r\n"
    assert _import(center, data).code == 0
    assert [e[0] for e in _entries(center)] == ["Safe Sleep", "CPR", "First Aid"]


def test_semicolon_delimiter(center: Path) -> None:
    data = f"{HEADER}\n{ROW}\n".replace(",", ";").replace("1.5", "1.5")
    assert _import(center, data).code == 0
    assert _entries(center) == [("Safe Sleep", "2025-03-04", 150, "")]


def test_quoted_newlines(center: Path) -> None:
    data = f'{HEADER},notes\n{ROW},"line one\nline two"\n100200,CPR,2025-03-05,2,\n'
    assert _import(center, data).code == 0
    assert _entries(center)[0][3] == "line one\nline two"


def test_unbalanced_quotes(center: Path) -> None:
    data = f'{HEADER},notes\n{ROW},"never closed\n100200,CPR,2025-03-05,2,\n'
    _refused(_import(center, data), "row 2", "quote")


def test_missing_column(center: Path) -> None:
    _refused(
        _import(center, "mopd_id,title,completed_on\n100200,Safe Sleep,2025-03-04\n"),
        "clock_hours",
        "missing",
    )


def test_extra_column(center: Path) -> None:
    _refused(_import(center, f"{HEADER},shoe_size\n{ROW},9\n"), "shoe_size", "not a column")


def test_duplicate_column(center: Path) -> None:
    _refused(_import(center, f"{HEADER},title\n{ROW},Again\n"), "title", "twice")


def test_nul_bytes(center: Path) -> None:
    _refused(_import(center, f"{HEADER}\n{ROW}\x00\n".encode()), "NUL")


def test_field_over_131072_characters(center: Path) -> None:
    _refused(_import(center, f"{HEADER},notes\n{ROW},{'x' * 131_073}\n"), "row 2", "131,072")
    _refused(_import(center, f'{HEADER},notes\n{ROW},"{"y" * 200_000}"\n'), "131,072")


def test_field_of_exactly_131072_characters_is_fine(center: Path) -> None:
    assert _import(center, f"{HEADER},notes\n{ROW},{'x' * 131_072}\n").code == 0


def test_duplicates_within_the_file(center: Path) -> None:
    _refused(
        _import(center, f"{HEADER}\n{ROW}\n100200,CPR,2025-03-05,2\n{ROW}\n"),
        "row 4",
        "same entry as row 2",
    )
    _refused(_import(center, STAFF + "Ana,Lopez,100200\n", "import-staff"), "row 4", "100200")


def test_duplicates_against_the_database(center: Path) -> None:
    assert _import(center, f"{HEADER}\n{ROW}\n").code == 0
    outcome = _import(center, f"{HEADER}\n{ROW}\n")
    assert outcome.code == 0 and "0 added, 1 already present" in outcome.out
    assert len(_entries(center)) == 1


def test_feb_30(center: Path) -> None:
    _refused(
        _import(center, f"{HEADER}\n100200,Safe Sleep,2025-02-30,1\n"),
        "row 2, column completed_on",
        "2025-02-30",
    )
    _refused(_import(center, f"{HEADER}\n100200,Safe Sleep,2/30/2025,1\n"), "2/30/2025")


def test_ambiguous_02_03_is_read_as_us_month_first(center: Path) -> None:
    assert _import(center, f"{HEADER}\n100200,Safe Sleep,02/03/2025,1\n").code == 0
    assert _entries(center)[0][1] == "2025-02-03"


def test_excel_serial_date(center: Path) -> None:
    _refused(
        _import(center, f"{HEADER}\n100200,Safe Sleep,45720,1\n"),
        "row 2, column completed_on",
        "45720",
    )


def test_id_that_lost_its_leading_zero(center: Path) -> None:
    _refused(
        _import(center, f"{HEADER}\n12345,Safe Sleep,2025-03-04,1\n"),
        "row 2, column mopd_id",
        "leading zeros",
        "012345",
    )


def test_id_that_became_scientific_notation(center: Path) -> None:
    _refused(
        _import(center, f"{HEADER}\n1E+05,Safe Sleep,2025-03-04,1\n"),
        "1E+05",
        "format the mopd_id column as Text",
    )


def test_names_with_apostrophes_combining_marks_rtl_and_emoji(center: Path) -> None:
    staff = "first_name,last_name\nSea\u0301n,O'Brien\n"  # a + combining acute = á
    assert _import(center, staff, "import-staff").code == 0  # matched, not added twice
    names = "first_name,last_name,title,completed_on,clock_hours\n"
    rows = "Seán,O\u2019Brien,x,2025-03-04,1\n"  # a curly apostrophe is another name
    _refused(_import(center, names + rows), "row 2", "O\u2019Brien")
    rows = "Sea\u0301n,O'Brien,تدريب السلامة 👶🏽,2025-03-04,1\n"
    assert _import(center, names + rows).code == 0
    assert _entries(center)[0][0] == "تدريب السلامة 👶🏽"
    with closing(sqlite3.connect(center)) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (2,)


def test_sql_looking_text_is_kept_as_text(center: Path) -> None:
    title = "Robert'); DROP TABLE training_entry;--"
    assert _import(center, f'{HEADER}\n100200,"{title}",2025-03-04,1\n').code == 0
    assert _entries(center)[0][0] == title


def test_file_held_open_by_another_program(center: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows, Excel holding the file open makes reading it fail."""
    real_open: Callable[..., object] = open

    def sharing_violation(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("input.csv"):
            raise PermissionError(
                13,
                "The process cannot access the file because it is being used by another process",
                str(path),
            )
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(csv_read, "open", sharing_violation, raising=False)
    _refused(_import(center, f"{HEADER}\n{ROW}\n"), "input.csv", "being used by another process")
