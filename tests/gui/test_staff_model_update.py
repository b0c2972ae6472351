"""``StaffTableModel.update_standings`` (issue 15): the people a write touched
updated in place, taken out or added. Whatever the sort, the table then shows what a
model filled anew shows."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from ccdesktop.domain.audit import Audit, audit_year
from ccdesktop.domain.records import CenterData
from ccdesktop.gui.models.staff_model import COLUMNS, StaffFilterProxy, StaffTableModel
from tests.factories import synthetic_center

YEAR = 2025


def table(
    audit: Audit, column: int, order: Qt.SortOrder
) -> tuple[StaffTableModel, StaffFilterProxy]:
    model = StaffTableModel()
    model.set_standings(audit.staff, YEAR, audit.records_start_year)
    proxy = StaffFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(column, order)
    return model, proxy


def cells(proxy: StaffFilterProxy) -> list[list[object]]:
    return [
        [proxy.index(row, column).data() for column in range(len(COLUMNS))]
        for row in range(proxy.rowCount())
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_updated_rows_show_as_a_table_filled_anew(qtmodeltester, data) -> None:  # type: ignore[no-untyped-def]
    center = synthetic_center(8, years=2, entries_per_year=3, seed=data.draw(st.integers(0, 50)))
    before = audit_year(center, YEAR)
    column = data.draw(st.integers(0, len(COLUMNS) - 1))
    order = data.draw(st.sampled_from(list(Qt.SortOrder)))
    model, proxy = table(before, column, order)
    qtmodeltester.check(model)

    staff = {s.id: s for s in center.staff}
    entries = list(center.entries)
    for staff_id in data.draw(st.lists(st.sampled_from(sorted(staff)), max_size=4, unique=True)):
        action = data.draw(st.sampled_from(["rename", "delete", "hours"]))
        if action == "rename":
            staff[staff_id] = staff[staff_id].replace(last_name=data.draw(st.sampled_from("ABZ")))
        elif action == "delete":
            del staff[staff_id]
            entries = [e for e in entries if e.staff_id != staff_id]
        else:
            entries = [e for e in entries if e.staff_id != staff_id or data.draw(st.booleans())]
    if data.draw(st.booleans()):
        staff[99] = next(iter(staff.values()), center.staff[0]).replace(id=99, first_name="New")
    after = audit_year(CenterData(center.center, tuple(staff.values()), tuple(entries)), YEAR)

    old = {s.staff.id: s for s in before.staff}
    new = {s.staff.id: s for s in after.staff}
    changed = {i: new.get(i) for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
    if after.records_start_year != before.records_start_year:
        return  # every standing's words may change: the page fills itself anew then
    model.update_standings(changed)

    assert cells(proxy) == cells(table(after, column, order)[1])
