"""The flags page: every denied entry and warning of the year, explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ccdesktop.domain.codes import Reason, WarningCode
from ccdesktop.domain.explain import explain
from ccdesktop.gui.dialogs.entry_dialog import EntryDialog
from ccdesktop.gui.models.flags_model import (
    FLAG_COLUMN,
    REMEDY_COLUMN,
    RULE_COLUMN,
    WHY_COLUMN,
    FlagsTableModel,
    build_flags,
)
from ccdesktop.gui.pages.flags import FlagsPage

# the offscreen platform says so whenever a top-level window is shown
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def years_with_denials(session) -> list[int]:
    years = sorted({e.completed_on.year for e in session.data().entries})
    return [y for y in years if session.audit(y).denied]


def test_every_denied_entry_and_warning_is_listed_and_explained(qtbot, sample_session) -> None:
    session = sample_session
    years = years_with_denials(session)
    assert years, "the sample center has denied entries"
    page = FlagsPage(session)
    qtbot.addWidget(page)
    page.show()
    reasons_seen: set[Reason] = set()
    for year in years:
        session.set_year(year)
        audit = session.audit()
        flags = page.model.flags_list()
        denied_listed = {f.entry.id for f in flags if f.denied}
        assert denied_listed == {r.entry.id for r in audit.denied}
        for result in audit.entries:
            for code in (*result.verdict.reasons, *result.verdict.warnings):
                assert any(
                    f.entry is not None and f.entry.id == result.entry.id and f.code == code
                    for f in flags
                ), (result, code)
        missing_ids = {s.staff.id for s in audit.staff if WarningCode.MISSING_MOPD_ID in s.warnings}
        assert {f.staff.id for f in flags if f.code is WarningCode.MISSING_MOPD_ID} == missing_ids
        for row in range(page.model.rowCount()):
            flag = page.model.flag_at(row)
            explanation = explain(flag.code)
            texts = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
            assert explanation.label in texts[FLAG_COLUMN]
            assert texts[FLAG_COLUMN].startswith("✗ Denied" if flag.denied else "⚠ Warning")
            assert texts[RULE_COLUMN] == explanation.rule_source
            assert texts[REMEDY_COLUMN] == explanation.remedy
            assert texts[WHY_COLUMN]
            tooltip = page.model.index(row, RULE_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
            assert tooltip == explanation.rule
            if flag.denied:
                reasons_seen.add(flag.code)  # type: ignore[arg-type]
        assert page.heading.text() == f"Flags for {year}"
    assert Reason.OVERLAP in reasons_seen


def test_detail_pane_shows_reason_rule_and_remedy(qtbot, sample_session) -> None:
    session = sample_session
    session.set_year(years_with_denials(session)[0])
    page = FlagsPage(session)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    flag = page.flag_at(0)
    text = page.detail.toPlainText()
    assert flag.reason in text
    assert flag.remedy in text
    assert explain(flag.code).rule in text


def test_double_click_opens_the_entry(qtbot, sample_session, monkeypatch) -> None:
    session = sample_session
    session.set_year(years_with_denials(session)[0])
    page = FlagsPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    row = next(r for r in range(page.proxy.rowCount()) if page.flag_at(r).entry is not None)
    flag = page.flag_at(row)
    opened: list[EntryDialog] = []

    def fake_exec(dialog: EntryDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(EntryDialog, "exec", fake_exec)
    page.table.scrollTo(page.proxy.index(row, 0))
    rect = page.table.visualRect(page.proxy.index(row, 1))
    # a real double-click: press and release, then the double-click
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    assert opened[0].original == flag.entry
    # Enter on the selected row opens it too
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened) == 2


def test_flags_model_passes_the_model_tester(qtmodeltester, sample_session) -> None:
    session = sample_session
    session.set_year(years_with_denials(session)[0])
    model = FlagsTableModel()
    model.set_flags(build_flags(session.audit()))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_a_staff_warning_opens_the_staff_dialog(qtbot, sample_session, monkeypatch) -> None:
    from ccdesktop.gui.dialogs.staff_dialog import StaffDialog

    session = sample_session
    page = FlagsPage(session)
    qtbot.addWidget(page)
    page.show()
    row = next(r for r in range(page.proxy.rowCount()) if page.flag_at(r).entry is None)
    flag = page.flag_at(row)
    assert flag.code is WarningCode.MISSING_MOPD_ID
    opened: list[StaffDialog] = []
    monkeypatch.setattr(StaffDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    page.table.selectRow(row)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert [d.original for d in opened] == [flag.staff]
