"""The one helper for slow work: in a worker on its own connection, progress and the
result back on the GUI thread, and a cancelled operation's result never delivered."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from ccdesktop.domain.records import Staff
from ccdesktop.gui import operations
from ccdesktop.gui.operations import Cancelled, Operation
from ccdesktop.store.database import Database
from ccdesktop.store.errors import StoreError


def settle(qtbot) -> None:
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)


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
