"""The one helper for slow work: in a worker on its own connection, progress and the
result back on the GUI thread, and a cancelled operation's result never delivered."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from ccdesktop.domain.records import Staff
from ccdesktop.gui import operations
from ccdesktop.gui.commands import AddStaff
from ccdesktop.gui.operations import Cancelled, Operation
from ccdesktop.store.database import Database
from ccdesktop.store.errors import StoreError


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: not operations._running, timeout=10_000)


def test_progress_and_result_come_back_on_the_gui_thread(qtbot, session) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[str, object, bool]] = []
    worker: list[threading.Thread] = []
    session.db.add_staff(Staff(first_name="Ana", last_name="Lopez"))

    def work(db: Database, report: operations.Report) -> int:
        worker.append(threading.current_thread())
        for step in range(3):
            report(step)
        return len(db.list_staff())

    def note(kind: str) -> object:
        return lambda value: seen.append((kind, value, threading.current_thread() is main))

    main = threading.current_thread()
    operation = Operation(
        parent,
        session.path,
        work,
        label=None,
        on_success=note("done"),
        on_failure=note("failed"),
        on_progress=note("progress"),
        read_only=True,
    )
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    assert worker and worker[0] is not main
    assert seen == [
        ("progress", 0, True),
        ("progress", 1, True),
        ("progress", 2, True),
        ("done", 1, True),
    ]


def test_a_cancelled_operation_stops_at_its_next_report_and_calls_nothing_back(
    qtbot, session
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started, go_on = threading.Event(), threading.Event()
    steps: list[int] = []
    raised: list[BaseException] = []
    called: list[object] = []

    def work(_db: Database, report: operations.Report) -> str:
        started.set()
        go_on.wait(timeout=5)
        try:
            for step in range(1000):
                report(step)
                steps.append(step)
        except Cancelled as error:
            raised.append(error)
            raise
        return "all done"

    operation = Operation(
        parent,
        session.path,
        work,
        label=None,
        on_success=called.append,
        on_failure=called.append,
        on_progress=called.append,
    )
    operation.start()
    assert started.wait(timeout=5)
    operation.cancel()
    go_on.set()
    settle(qtbot)
    assert steps == [] and len(raised) == 1
    assert called == []
    assert operations._running == set()


def test_the_work_outlives_the_widget_it_was_started_from(qtbot, session) -> None:
    parent = QWidget()
    started, go_on = threading.Event(), threading.Event()
    called: list[object] = []

    def work(_db: Database) -> str:
        started.set()
        go_on.wait(timeout=5)
        return "done"

    operation = Operation(
        parent,
        session.path,
        work,
        label=None,
        on_success=called.append,
        on_failure=called.append,
    )
    operation.start()
    assert started.wait(timeout=5)
    parent.deleteLater()  # the operation, its child, goes with it
    qtbot.wait(50)
    go_on.set()
    settle(qtbot)
    assert called == []  # nobody left to tell, and no crash
    assert operations._running == set()


def test_a_read_only_operation_runs_while_another_program_edits_the_file(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "center.sqlite3"
    Database.open(path).close()
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[object] = []

    def refuse_the_edit_lock(*_args: object, **_kwargs: object) -> object:
        raise StoreError("open for editing by someone else")

    monkeypatch.setattr("ccdesktop.store.opening.acquire", refuse_the_edit_lock)
    for read_only in (True, False):
        operation = Operation(
            parent,
            path,
            lambda db: db.read_only,
            label=None,
            on_success=results.append,
            on_failure=lambda error: results.append(type(error)),
            read_only=read_only,
        )
        with qtbot.waitSignal(operation.finished, timeout=10_000):
            operation.start()
    assert results == [True, StoreError]


def test_a_known_error_is_shown_in_one_message_over_the_widget(
    qtbot, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[tuple[object, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda p, _t, text, *a: shown.append((p, text)))
    )

    def work(_db: Database) -> None:
        raise StoreError("The disk is full.")

    operation = Operation(parent, session, work, label=None, failure_text="Nothing was saved: {0}")
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    assert shown == [(parent, "Nothing was saved: The disk is full.")]


def test_an_unexpected_error_says_so_and_is_logged(
    qtbot, session, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text))
    )

    def work(_db: Database) -> None:
        raise ZeroDivisionError("a bug")

    operation = Operation(parent, session, work, label=None)
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    assert len(shown) == 1 and "did not expect" in shown[0] and "log" in shown[0]
    assert "background operation failed" in caplog.text


def test_a_write_ends_in_the_session_its_undo_step_and_the_pages_told(qtbot, session) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def work(db: Database) -> Staff:
        return db.add_staff(Staff(first_name="Ana", last_name="Lopez"))

    operation = Operation(
        parent,
        session,
        work,
        label=None,
        undo=lambda staff: AddStaff(session.db, staff),
        on_success=lambda _staff: seen.append(f"success, {session.undo_stack.count()} step"),
    )
    session.changed.connect(lambda: seen.append("changed"))
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    # the session first (the undo step pushed, not applied again), then the caller
    assert seen == ["changed", "success, 1 step"]
    assert [s.last_name for s in session.data().staff] == ["Lopez"]
    session.undo_stack.undo()
    assert session.data().staff == ()


def test_reading_and_cancelled_work_tell_the_session_nothing(qtbot, session) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    changed: list[bool] = []
    session.changed.connect(lambda: changed.append(True))
    reading = Operation(parent, session, lambda db: db.list_staff(), label=None, read_only=True)
    with qtbot.waitSignal(reading.finished, timeout=10_000):
        reading.start()
    started, go_on = threading.Event(), threading.Event()

    def write(db: Database) -> Staff:
        started.set()
        go_on.wait(timeout=5)
        return db.add_staff(Staff(first_name="Ana", last_name="Lopez"))

    writing = Operation(parent, session, write, label=None)
    writing.start()
    assert started.wait(timeout=5)
    writing.cancel()
    go_on.set()
    settle(qtbot)
    assert changed == []


def test_a_worker_is_let_go_only_once_its_thread_has_ended(
    qtbot, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12's finding: the thread pool was handed a Python-owned QRunnable that
    Python could free while the pool still used it. Each operation's thread is now
    kept (``operations._running``) until the GUI thread has waited for its end."""
    ended: list[bool] = []

    class Watched(set):  # type: ignore[type-arg]
        def discard(self, worker: object) -> None:
            ended.append(worker.isFinished())  # type: ignore[attr-defined]
            super().discard(worker)

    monkeypatch.setattr(operations, "_running", Watched())
    parent = QWidget()
    qtbot.addWidget(parent)
    for _ in range(5):
        operation = Operation(
            parent, session, lambda db: db.list_staff(), label=None, read_only=True
        )
        operation.start()
    settle(qtbot)
    assert ended == [True] * 5
