"""``EntriesTableModel.update_entries`` (issue 15): rows changed, added and taken out
in place of a refill. Whatever the sort and the filters, the rows are then those of a
model filled anew with the same entries, and a row kept keeps its persistent index
(the view's selection)."""

from __future__ import annotations

from datetime import date, time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPersistentModelIndex, Qt

from ccdesktop.domain.codes import Reason, WarningCode
from ccdesktop.domain.records import Format, Staff, TrainingEntry
from ccdesktop.domain.rules import Verdict
from ccdesktop.gui.models.entries_model import COLUMNS, EntriesTableModel, VerdictFilter

STAFF = [Staff("Ana", "Lopez", id=1), Staff("Bo", "Baker", id=2), Staff("Cy", "Cruz", id=3)]
VERDICTS = [
    Verdict(),
    Verdict(reasons=(Reason.IN_RATIO,)),
    Verdict(warnings=(WarningCode.MISSING_TIMES,)),
    Verdict(reasons=(Reason.OVERLAP,), warnings=(WarningCode.HOURS_EXCEED_SITTING,)),
]


@st.composite
def rows(draw: st.DrawFn, entry_id: int) -> tuple[TrainingEntry, Verdict]:
    start = draw(st.sampled_from([None, 9, 10]))
    entry = TrainingEntry(
        staff_id=draw(st.sampled_from([1, 2, 3])),
        title=draw(st.sampled_from(["Safe Sleep", "CPR", "Music"])),
        completed_on=draw(st.sampled_from([date(2025, 1, 2), date(2025, 3, 4), date(2025, 9, 9)])),
        clock_hours=draw(st.sampled_from([50, 100, 200])),
        course_id=draw(st.sampled_from([None, "C1", "c2"])),
        format=draw(st.sampled_from(list(Format))),
        start_time=None if start is None else time(start),
        end_time=None if start is None else time(start + 1),
        id=entry_id,
    )
    return entry, draw(st.sampled_from(VERDICTS))


def shown(model: EntriesTableModel) -> list[tuple[TrainingEntry, Verdict]]:
    return [(model.entry_at(row), model.verdict_at(row)) for row in range(model.rowCount())]


def filled(
    entries: dict[int, tuple[TrainingEntry, Verdict]],
    column: int,
    order: Qt.SortOrder,
    filters: tuple[int | None, VerdictFilter, str],
) -> EntriesTableModel:
    model = EntriesTableModel()
    model.set_entries(
        [e for e, _ in entries.values()],
        {e.id: v for e, v in entries.values()},  # type: ignore[misc]
        STAFF,
        today=date(2025, 6, 1),
    )
    model.sort(column, order)
    person, verdict, text = filters
    model.set_person(person)
    model.set_verdict(verdict)
    model.set_text(text)
    return model


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_updated_rows_are_the_rows_of_a_model_filled_anew(qtmodeltester, data) -> None:  # type: ignore[no-untyped-def]
    count = data.draw(st.integers(0, 12))
    entries = {i: data.draw(rows(i)) for i in range(1, count + 1)}
    column = data.draw(st.integers(0, len(COLUMNS) - 1))
    order = data.draw(st.sampled_from(list(Qt.SortOrder)))
    filters = (
        data.draw(st.sampled_from([None, 1, 2])),
        data.draw(st.sampled_from(list(VerdictFilter))),
        data.draw(st.sampled_from(["", "c", "safe"])),
    )
    model = filled(entries, column, order, filters)
    qtmodeltester.check(model)
    kept = [QPersistentModelIndex(model.index(row, 1)) for row in range(model.rowCount())]
    ids_kept = [model.entry_at(index.row()).id for index in kept]

    changes: dict[int, tuple[TrainingEntry, Verdict] | None] = {}
    for entry_id in data.draw(st.lists(st.integers(1, count + 4), max_size=5, unique=True)):
        if data.draw(st.booleans()):
            changes[entry_id] = None
        else:
            changes[entry_id] = data.draw(rows(entry_id))
    model.update_entries(changes)

    for entry_id, new in changes.items():
        if new is None:
            entries.pop(entry_id, None)
        else:
            entries[entry_id] = new
    assert shown(model) == shown(filled(entries, column, order, filters))
    assert model.total_count() == len(entries)
    for index, entry_id in zip(kept, ids_kept, strict=True):
        if index.isValid():
            assert model.entry_at(index.row()).id == entry_id
        else:  # taken out, or now hidden by a filter
            new = changes.get(entry_id)  # type: ignore[arg-type]
            assert entry_id in changes and (new is None or model.row_of(entry_id) is None)  # type: ignore[arg-type]
