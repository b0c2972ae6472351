"""The import wizard: preview with bad rows marked, all-or-nothing, undoable,
column mapping remembered."""

from __future__ import annotations

import builtins
import os
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ccdesktop.domain.records import Staff
from ccdesktop.gui import operations
from ccdesktop.gui.import_wizard import (
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    ImportWizard,
    PreviewPage,
    saved_column_map,
)
from ccdesktop.gui.models.preview_model import HAS_PROBLEM_ROLE, ImportPreviewModel
from ccdesktop.io.csv_read import HEAD_BYTES, RowProblem

STAFF_CSV = (
    "first_name,last_name,mopd_id,role,hire_date\n"
    "Ana,Lopez,100001,Lead teacher,3/1/2024\n"
    "Ben,Smith,100002,Aide,2024-06-15\n"
)

TRAINING_CSV_WITH_BAD_ROW = (
    "mopd_id,title,completed_on,start_time,end_time,clock_hours\n"
    "100001,Safe Sleep,3/4/2025,9:00 AM,10:00 AM,1\n"
    "100001,CPR,13/40/2025,10:00 AM,11:00 AM,2\n"
    "100002,Nutrition,3/5/2025,9:00 AM,10:00 AM,1\n"
)

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def open_wizard(qtbot, session, path: Path, *, staff: bool) -> ImportWizard:
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    (wizard.file_page.staff_radio if staff else wizard.file_page.training_radio).setChecked(True)
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)
    return wizard


def next_page(qtbot, wizard: ImportWizard) -> None:
    """Next, and on the preview page wait until the file has been read (in the
    background)."""
    wizard.next()
    wait_for_preview(qtbot, wizard)


def wait_for_preview(qtbot, wizard: ImportWizard) -> None:
    if wizard.currentId() == PREVIEW_PAGE:
        qtbot.waitUntil(lambda: not wizard.preview_page.reading, timeout=10_000)


def finish(qtbot, wizard: ImportWizard) -> object:
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as blocker:
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
    return blocker.args[0]


def test_a_bad_row_is_marked_and_nothing_is_imported(qtbot, session, tmp_path: Path) -> None:
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.db.add_staff(Staff(first_name="Ben", last_name="Smith", mopd_id="100002"))
    session.notify_changed()
    path = write(tmp_path, "training.csv", TRAINING_CSV_WITH_BAD_ROW)
    wizard = open_wizard(qtbot, session, path, staff=False)
    assert wizard.currentId() == PREVIEW_PAGE  # our own headers: no mapping needed
    model = wizard.preview_page.model

    assert model.bad_rows() == [3]
    row = model.row_of_number(3)
    column = model.columns().index("completed_on") + 1
    cell = model.index(row, column)
    assert cell.data().startswith("⚠ 13/40/2025")
    assert cell.data(HAS_PROBLEM_ROLE) is True
    assert "is not a date" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(row, 0).data() == "✗ 3"
    assert model.headerData(row, Qt.Orientation.Vertical) == "✗ 3"
    good = model.index(model.row_of_number(2), column)
    assert good.data() == "3/4/2025" and good.data(HAS_PROBLEM_ROLE) is False
    problems = wizard.preview_page.problems_model.stringList()
    assert len(problems) == 1
    assert problems[0].startswith("row 3, column completed_on: '13/40/2025' is not a date")
    assert wizard.preview_page.problems_view.isVisible()
    assert "Nothing will be imported" in wizard.preview_page.summary_label.text()

    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish_button.isEnabled()
    wizard.accept()  # forced: still refused
    assert not wizard.running
    assert session.db.list_entries() == []
    assert session.undo_stack.count() == 0


def test_the_preview_lists_unknown_staff_with_the_bad_cells(qtbot, session, tmp_path: Path) -> None:
    # as the command line does: the bad date of row 3 and the unknown MOPD IDs of rows 2
    # and 4 (found only when the rows are matched to the staff on record) together
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()
    text = TRAINING_CSV_WITH_BAD_ROW.replace("100002", "999999")
    text += "888888,Fire Safety,3/6/2025,9:00 AM,10:00 AM,1\n"
    path = write(tmp_path, "training.csv", text.replace("100001,Safe", "777777,Safe"))
    wizard = open_wizard(qtbot, session, path, staff=False)
    assert wizard.preview_page.model.bad_rows() == [2, 3, 4, 5]
    problems = wizard.preview_page.problems_model.stringList()
    assert [p.split(":")[0] for p in problems] == [
        "row 2, column mopd_id",
        "row 3, column completed_on",
        "row 4, column mopd_id",
        "row 5, column mopd_id",
    ]
    assert "Nothing will be imported" in wizard.preview_page.summary_label.text()
    wizard.accept()  # forced: still refused
    assert session.db.list_entries() == []


def test_a_good_file_imports_and_undo_removes_it(qtbot, session, tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", STAFF_CSV)
    wizard = open_wizard(qtbot, session, path, staff=True)
    assert "2 staff to add, 0 to update" in wizard.preview_page.summary_label.text()
    summary = finish(qtbot, wizard)
    assert summary.added == 2
    assert not wizard.isVisible()
    names = sorted(s.full_name for s in session.data().staff)
    assert names == ["Ana Lopez", "Ben Smith"]
    assert session.undo_stack.undoText() == "Import staff.csv"

    session.undo_stack.undo()
    assert session.db.list_staff() == []
    assert session.data().staff == ()
    session.undo_stack.redo()
    assert sorted(s.full_name for s in session.db.list_staff()) == names


def test_a_staff_update_is_undone_to_the_old_record(qtbot, session, tmp_path: Path) -> None:
    before = session.db.add_staff(
        Staff(first_name="Ana", last_name="Lopez", mopd_id="100001", role="Aide")
    )
    session.notify_changed()
    path = write(tmp_path, "staff.csv", STAFF_CSV)
    wizard = open_wizard(qtbot, session, path, staff=True)
    summary = finish(qtbot, wizard)
    assert (summary.added, summary.updated) == (1, 1)
    assert session.db.get_staff(before.id).role == "Lead teacher"
    session.undo_stack.undo()
    assert session.db.list_staff() == [before]


def test_training_import_then_undo(qtbot, session, tmp_path: Path) -> None:
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.db.add_staff(Staff(first_name="Ben", last_name="Smith", mopd_id="100002"))
    session.notify_changed()
    good = TRAINING_CSV_WITH_BAD_ROW.replace("13/40/2025", "3/4/2025")
    path = write(tmp_path, "training.csv", good)
    wizard = open_wizard(qtbot, session, path, staff=False)
    summary = finish(qtbot, wizard)
    assert summary.added == 3
    assert len(session.data().entries) == 3
    session.undo_stack.undo()
    assert session.db.list_entries() == []
    session.undo_stack.redo()
    assert len(session.db.list_entries()) == 3


def test_column_mapping_is_used_and_remembered(qtbot, session, tmp_path: Path) -> None:
    text = "First Name,Surname,Badge,Shoe size\nAna,Lopez,100001,7\n"
    path = write(tmp_path, "export.csv", text)
    wizard = open_wizard(qtbot, session, path, staff=True)
    assert wizard.currentId() == MAPPING_PAGE
    page = wizard.mapping_page
    # guessed from the header words; unknown columns start as "do not import"
    assert page.combo_for("First Name").currentData() == "first_name"
    assert page.combo_for("Surname").currentData() == "last_name"
    assert page.combo_for("Badge").currentData() == ""
    assert page.combo_for("Shoe size").currentData() == ""
    badge = page.combo_for("Badge")
    badge.setCurrentIndex(badge.findData("mopd_id"))
    # two columns for one of ours is refused until fixed
    shoe = page.combo_for("Shoe size")
    shoe.setCurrentIndex(shoe.findData("mopd_id"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Badge and Shoe size are all set to mopd_id" in page.message.text()
    shoe.setCurrentIndex(0)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)
    assert wizard.preview_page.model.columns() == ["first_name", "last_name", "mopd_id"]
    finish(qtbot, wizard)
    [ana] = session.db.list_staff()
    assert (ana.full_name, ana.mopd_id) == ("Ana Lopez", "100001")

    header = ["first name", "SURNAME", "shoe size", "badge"]  # same set, any order and case
    assert saved_column_map(wizard.kind(), header) == {
        "First Name": "first_name",
        "Surname": "last_name",
        "Badge": "mopd_id",
        "Shoe size": "",
    }
    other = write(
        tmp_path, "export2.csv", "SURNAME,first name,shoe size,badge\nSmith,Ben,9,100002\n"
    )
    again = open_wizard(qtbot, session, other, staff=True)
    assert again.currentId() == MAPPING_PAGE
    assert again.mapping_page.combo_for("badge").currentData() == "mopd_id"
    next_page(qtbot, again)
    finish(qtbot, again)
    assert sorted(s.mopd_id for s in session.db.list_staff()) == ["100001", "100002"]


def test_windows_1252_file_shows_the_encoding_note(qtbot, session, tmp_path: Path) -> None:
    path = write(tmp_path, "staff.csv", STAFF_CSV.replace("Lopez", "López"), encoding="cp1252")
    wizard = open_wizard(qtbot, session, path, staff=True)
    note = wizard.preview_page.note_label
    assert note.isVisible()
    assert "cp1252" in note.text()
    finish(qtbot, wizard)
    assert "Ana López" in {s.full_name for s in session.db.list_staff()}


def test_preview_model_passes_the_model_tester(qtmodeltester) -> None:
    model = ImportPreviewModel()
    model.set_contents(
        ["first_name", "last_name", "hire_date"],
        [(2, ["Ana", "Lopez", "3/1/2024"]), (3, ["Ben", "", "not a date"])],
        [
            RowProblem(3, "hire_date", "'not a date' is not a date"),
            RowProblem(3, "last_name", "is required"),
            RowProblem(1, "hire_date", "oops"),
        ],
    )
    qtmodeltester.check(model)
    assert model.bad_rows() == [3]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "⚠ hire_date"


# --- the file is read once, in the background --------------------------------------


class FileReads:
    """Every opening of one file while the test runs: how many bytes each read, in
    which thread, and whether it read the file to its end at once (as a parse does,
    not a look at its first rows). While ``hold`` is clear, such a read waits for it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.path = os.path.realpath(path)
        self.opens: list[list[object]] = []  # [bytes read, thread, read it all at once]
        self.hold = threading.Event()
        self.hold.set()
        self.held = threading.Event()  # a whole read has waited for ``hold``
        self.waiting = 0  # whole reads waiting for ``hold`` now
        real_open = builtins.open

        def spy(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
            handle = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
            if (
                isinstance(file, str | os.PathLike)
                and "b" in mode
                and os.path.realpath(file) == self.path
            ):
                return _CountedFile(handle, self)
            return handle

        monkeypatch.setattr(builtins, "open", spy)

    def full_reads(self) -> list[threading.Thread]:
        """The threads that read the whole file, one per reading."""
        return [thread for _count, thread, whole in self.opens if whole]  # type: ignore[misc]

    def partial_reads(self) -> list[int]:
        """The bytes read by each of the other openings."""
        return [count for count, _thread, whole in self.opens if not whole]  # type: ignore[misc]


class _CountedFile:
    def __init__(self, handle: object, reads: FileReads) -> None:
        self._handle = handle
        self._reads = reads
        self._entry: list[object] = [0, threading.current_thread(), False]
        reads.opens.append(self._entry)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            self._entry[2] = True
            self._reads.held.set()
            self._reads.waiting += 1
            self._reads.hold.wait(timeout=5)
            self._reads.waiting -= 1
        data: bytes = self._handle.read(size)  # type: ignore[attr-defined]
        self._entry[0] = int(self._entry[0]) + len(data)  # type: ignore[call-overload]
        self._entry[1] = threading.current_thread()
        return data

    def __enter__(self) -> _CountedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)


def training_rows(count: int, mopd_id: str = "100001") -> str:
    """``count`` distinct entries of one staff member, one a day from 2020 on."""
    lines = ["mopd_id,title,completed_on,start_time,end_time,clock_hours,provider"]
    first = date(2020, 1, 1)
    for number in range(count):
        day = first + timedelta(days=number)
        lines.append(
            f"{mopd_id},Safe Sleep part {number},{day:%m/%d/%Y},9:00 AM,10:00 AM,1,"
            "Springfield-Greene County Health Department (CCHC)"
        )
    return "\n".join(lines) + "\n"


def add_ana(session) -> None:
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez", mopd_id="100001"))
    session.notify_changed()


def choose_file(qtbot, session, path: Path) -> ImportWizard:
    """The wizard with a training file chosen, still on its first page."""
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.training_radio.setChecked(True)
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    return wizard


def click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def settle(qtbot) -> None:
    """Let every background job finish and its queued results arrive."""
    qtbot.waitUntil(lambda: not operations._running, timeout=10_000)


@pytest.mark.parametrize("mapped", [False, True], ids=["our headers", "mapped headers"])
def test_the_file_is_read_in_full_once_from_choosing_it_to_the_import(
    qtbot, session, tmp_path: Path, monkeypatch, mapped: bool
) -> None:
    add_ana(session)
    text = training_rows(2000)  # more than the head read's first 64 KiB
    if mapped:
        text = text.replace("title,completed_on", "Course name,Date completed", 1)
    path = write(tmp_path, "training.csv", text)
    assert path.stat().st_size > 2 * HEAD_BYTES
    reads = FileReads(monkeypatch, path)

    wizard = choose_file(qtbot, session, path)
    next_page(qtbot, wizard)
    if mapped:
        assert wizard.currentId() == MAPPING_PAGE
        assert wizard.mapping_page.combo_for("Course name").currentData() == "title"
        next_page(qtbot, wizard)
    assert wizard.currentId() == PREVIEW_PAGE
    assert wizard.preview_page.model.rowCount() == 2000
    # Back and Next again with nothing changed: what was read is shown again
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    next_page(qtbot, wizard)
    assert wizard.preview_page.model.rowCount() == 2000
    summary = finish(qtbot, wizard)

    assert summary.added == 2000
    assert len(session.db.list_entries()) == 2000
    assert len(reads.full_reads()) == 1
    # choosing the columns read the start of the file only
    assert all(count <= 2 * HEAD_BYTES for count in reads.partial_reads())


def start_slow_reading(qtbot, session, path: Path, reads: FileReads) -> ImportWizard:
    """Next to the preview with the reading of ``path`` held up; checks that the
    window is not (Next came back while the file is still being read)."""
    wizard = choose_file(qtbot, session, path)
    reads.hold.clear()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(reads.held.is_set, timeout=5000)
    assert reads.waiting == 1  # still reading, and the window takes clicks
    return wizard


def test_the_preview_is_read_in_a_worker_while_the_window_works(
    qtbot, session, tmp_path: Path, monkeypatch
) -> None:
    add_ana(session)
    path = write(tmp_path, "training.csv", training_rows(2000))
    reads = FileReads(monkeypatch, path)
    wizard = start_slow_reading(qtbot, session, path, reads)

    [reader] = reads.full_reads()
    assert reader is not threading.main_thread()
    page = wizard.preview_page
    assert wizard.currentId() == PREVIEW_PAGE
    assert page.reading
    assert page.progress_panel.isVisible()
    assert page.progress_label.text() == "Reading training.csv…"
    assert not page.table.isVisible()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    reads.hold.set()
    wait_for_preview(qtbot, wizard)

    assert not page.progress_panel.isVisible()
    assert page.table.isVisible()
    assert page.model.rowCount() == 2000
    assert "2,000 entries to add" in page.summary_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_the_page_shows_how_far_the_reading_has_got(
    qtbot, session, tmp_path: Path, monkeypatch
) -> None:
    add_ana(session)
    path = write(tmp_path, "training.csv", training_rows(5000))
    texts: list[tuple[str, int]] = []
    progressed = PreviewPage._progressed

    def note_progress(page: PreviewPage, value: object) -> None:
        progressed(page, value)
        texts.append((page.progress_label.text(), page.progress_bar.value()))

    monkeypatch.setattr(PreviewPage, "_progressed", note_progress)
    open_wizard(qtbot, session, path, staff=False)

    shown = [text for text, _value in texts]
    assert "Reading 5,000 rows of training.csv…" in shown
    assert "Checking 5,000 rows…" in shown
    assert shown[-1] == "Matching the rows to the records on file…"
    values = [value for _text, value in texts]
    assert values == sorted(values)  # the bar only moves on
    assert 0 < values[-1] < 1000


def test_back_while_reading_drops_the_reading(qtbot, session, tmp_path: Path, monkeypatch) -> None:
    add_ana(session)
    slow = write(tmp_path, "slow.csv", training_rows(300))
    other = write(tmp_path, "other.csv", training_rows(2))
    reads = FileReads(monkeypatch, slow)
    wizard = start_slow_reading(qtbot, session, slow, reads)

    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.currentId() == FILE_PAGE
    assert not wizard.preview_page.reading
    # another file chosen and read while the first reading is still held up
    wizard.file_page.path_edit.clear()
    qtbot.keyClicks(wizard.file_page.path_edit, str(other))
    next_page(qtbot, wizard)
    assert wizard.preview_page.model.rowCount() == 2
    reads.hold.set()  # the dropped reading ends now
    settle(qtbot)

    page = wizard.preview_page
    assert page.model.rowCount() == 2  # its result was never shown
    assert "2 entries to add" in page.summary_label.text()
    assert page.read_file() is not None and page.read_file().path == other
    assert session.db.list_entries() == []
    assert finish(qtbot, wizard).added == 2


def test_cancel_while_reading_leaves_nothing(qtbot, session, tmp_path: Path, monkeypatch) -> None:
    add_ana(session)
    path = write(tmp_path, "training.csv", training_rows(300))
    reads = FileReads(monkeypatch, path)
    wizard = start_slow_reading(qtbot, session, path, reads)
    imported: list[object] = []
    wizard.imported.connect(imported.append)

    click(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert not wizard.isVisible()
    reads.hold.set()
    settle(qtbot)

    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not wizard.preview_page.reading
    assert wizard.preview_page.model.rowCount() == 0
    assert wizard.preview_page.read_file() is None
    assert imported == []
    assert session.db.list_entries() == []
    assert session.undo_stack.count() == 0


def test_a_file_changed_since_the_preview_is_read_again_before_importing(
    qtbot, session, tmp_path: Path, monkeypatch
) -> None:
    add_ana(session)
    path = write(tmp_path, "training.csv", training_rows(3))
    reads = FileReads(monkeypatch, path)
    wizard = open_wizard(qtbot, session, path, staff=False)
    page = wizard.preview_page
    assert page.model.rowCount() == 3

    write(tmp_path, "training.csv", training_rows(4))  # edited in the spreadsheet meanwhile
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    settle(qtbot)
    wait_for_preview(qtbot, wizard)

    assert session.db.list_entries() == []  # not the rows the preview showed
    assert wizard.isVisible()
    assert page.message_label.isVisible()
    assert "training.csv changed on disk since it was read" in page.message_label.text()
    assert page.model.rowCount() == 4
    assert "4 entries to add" in page.summary_label.text()
    assert len(reads.full_reads()) == 2
    assert finish(qtbot, wizard).added == 4
    assert len(reads.full_reads()) == 2
