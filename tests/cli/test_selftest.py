"""``ccdesktop --self-test``: passes on a good installation, names what is broken on a
bad one, and leaves no trace outside its temporary folder."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ccdesktop import selftest
from ccdesktop.cli import EXIT_BAD_INPUT, run
from ccdesktop.store.migrations import SCHEMA_VERSION


def self_test(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--self-test", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def check_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("ok   ", "FAIL "))]


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the self-test's temporary folder goes, so a test can see it is removed."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def test_passes_on_this_installation(user_dirs: Path, temp_root: Path) -> None:
    code, out, err = self_test()
    assert (code, err) == (0, ""), out
    lines = check_lines(out)
    assert lines and all(line.startswith("ok") for line in lines), out
    names = {line.split(":")[0].split(maxsplit=1)[1] for line in lines}
    assert {
        "version",
        "font",
        "database",
        "import staff",
        "import training",
        "import again",
        "rules",
        "report",
        "window",
    } <= names
    assert any(name.startswith("audit ") for name in names)
    assert f"database schema {SCHEMA_VERSION}" in out
    assert out.rstrip().splitlines()[-1].startswith("self-test passed")


def test_touches_no_user_data_and_cleans_up(user_dirs: Path, temp_root: Path) -> None:
    from PySide6.QtCore import QSettings

    before = QSettings.defaultFormat()
    code, out, _ = self_test()
    assert code == 0, out
    # no default database, no log file, no settings: the per-user folders stay unmade
    assert not user_dirs.exists() or not any(user_dirs.rglob("*"))
    assert list(temp_root.iterdir()) == []
    assert QSettings.defaultFormat() == before


def test_a_sample_missing_a_rule_fails_and_names_it(
    tmp_path: Path, user_dirs: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with selftest.sample_paths() as (staff_csv, training_csv):
        staff_text = staff_csv.read_text(encoding="utf-8")
        training_lines = training_csv.read_text(encoding="utf-8").splitlines()
    # Keep the first few sample entries only: they are all credited, so no entry shows
    # any denial reason.
    (tmp_path / "staff.csv").write_text(staff_text, encoding="utf-8")
    (tmp_path / "training.csv").write_text("\n".join(training_lines[:4]) + "\n", "utf-8")

    @contextmanager
    def small_sample() -> Iterator[tuple[Path, Path]]:
        yield tmp_path / "staff.csv", tmp_path / "training.csv"

    monkeypatch.setattr(selftest, "sample_paths", small_sample)
    code, out, _ = self_test()
    assert code == 1
    failed = [line for line in check_lines(out) if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL rules: no sample entry was denied")
    assert "ok   import training: 3 of 3" in out
    assert "self-test FAILED (rules)" in out


def test_a_broken_report_fails(
    user_dirs: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccdesktop.reports import pdf_report

    def not_a_pdf(audit: object, output: Path, *args: object, **kwargs: object) -> object:
        Path(output).write_bytes(b"this is not a PDF")
        return pdf_report.ReportResult(page_count=3, path=Path(output))

    monkeypatch.setattr(pdf_report, "build_report", not_a_pdf)
    code, out, _ = self_test()
    assert code == 1
    assert "FAIL report:" in out and "font NOT embedded" in out


def test_an_unbundled_version_fails(
    user_dirs: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "__version__", selftest.SOURCE_VERSION)
    code, out, _ = self_test()
    assert code == 1
    assert f"FAIL version: app {selftest.SOURCE_VERSION}" in out


def test_a_step_that_raises_stops_the_test_with_its_traceback(
    user_dirs: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccdesktop.reports import fonts

    def missing(file_name: str) -> bytes:
        raise FileNotFoundError(f"{file_name} is not in the bundle")

    monkeypatch.setattr(fonts, "font_bytes", missing)
    code, out, _ = self_test()
    assert code == 1
    assert "FAIL resources: FileNotFoundError: DejaVuSans.ttf is not in the bundle" in out
    assert "Traceback" in out
    assert "database:" not in out  # later steps need the resources, so they do not run


def test_takes_no_command(user_dirs: Path) -> None:
    code, out, err = self_test("audit")
    assert code == EXIT_BAD_INPUT
    assert out == "" and "--self-test takes no command" in err


def test_runs_headless_in_a_fresh_process(tmp_path: Path) -> None:
    """As CI runs the bundle: no display, a bare environment, a home of its own."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "QT_", "CCDESKTOP_")) and key not in ("DISPLAY",)
    }
    env.update(HOME=str(home), TMPDIR=str(tmp_path), LOCALAPPDATA=str(home / "local"))
    done = subprocess.run(
        [sys.executable, "-m", "ccdesktop", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert list(home.iterdir()) == []


def test_qt_bindings_that_lose_references_fail(
    user_dirs: Path, temp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PySide6 6.12.0 on Python 3.11 lost a reference to None at every void call
    counts = iter(range(10_000, 0, -selftest.BINDING_CALLS))
    monkeypatch.setattr(selftest, "_none_references", lambda: next(counts))
    code, out, _ = self_test()
    assert code == 1
    assert "FAIL Qt bindings: PySide6 " in out
    assert f"{selftest.BINDING_CALLS} references to None lost" in out.replace(",", "")


def test_the_qt_bindings_check_passes_here(user_dirs: Path, temp_root: Path) -> None:
    code, out, _ = self_test()
    assert code == 0
    assert "ok   Qt bindings: PySide6 " in out
