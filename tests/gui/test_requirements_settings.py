"""Issue 13's settings in the window: the infant license, "due soon" days, the next
inspection and the list of required trainings (add, edit, remove, restore the
defaults), saved as one undoable edit; the staff form's "works in the infant room"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ccdesktop.domain.records import AppliesTo, MetBy, RequirementKind, Staff
from ccdesktop.domain.requirements import DEFAULT_REQUIREMENTS
from ccdesktop.gui.dialogs.requirement_dialog import RequirementDialog
from ccdesktop.gui.dialogs.staff_dialog import StaffDialog
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.models.requirement_kinds_model import RequirementKindsModel
from ccdesktop.gui.pages.settings import SettingsPage
from ccdesktop.gui.pages.staff import StaffPage
from ccdesktop.gui.session import Session
from ccdesktop.store.database import Database


def open_settings(qtbot, db_path: Path) -> tuple[MainWindow, SettingsPage]:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(Database.open(db_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # window shortcuts (Ctrl+Z) need the active window
    qtbot.waitUntil(window.isActiveWindow)
    page = window.show_page(SettingsPage)
    assert isinstance(page, SettingsPage)
    return window, page


def retype(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_the_requirement_settings_are_saved_undone_and_redone(qtbot, db_path: Path) -> None:
    window, page = open_settings(qtbot, db_path)
    assert not page.infants_check.isChecked() and page.due_soon_spin.value() == 60
    assert page.kinds() == DEFAULT_REQUIREMENTS
    assert "These are the defaults" in page.kinds_note.text()
    assert not page.save_button.isEnabled()

    page.infants_check.click()
    retype(qtbot, page.due_soon_spin.lineEdit(), "45")
    qtbot.keyClicks(page.inspection_edit.line_edit, "1/20/2027")
    # a new required training through its dialog
    qtbot.mouseClick(page.add_kind_button, Qt.MouseButton.LeftButton)
    dialog = page.requirement_dialog
    assert isinstance(dialog, RequirementDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Infant CPR")
    dialog.applies_combo.setCurrentIndex(dialog.applies_combo.findData("infant_room"))
    dialog.met_by_combo.setCurrentIndex(dialog.met_by_combo.findData("credential"))
    qtbot.keyClicks(dialog.matches_edit, "Infant CPR")
    dialog.new_hire_combo.setCurrentIndex(0)  # no deadline of its own
    assert dialog.lasts_spin.specialValueText() == "until the card's own expiry date"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and page.requirement_dialog is None
    assert page.kinds_model.rowCount() == 5
    assert page.kinds_model.index(4, 1).data() == "infant-room caregivers"
    assert page.has_unsaved_changes() and page.save_button.isEnabled()

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.session.db.get_center()
    added = RequirementKind("Infant CPR", AppliesTo.INFANT_ROOM, met_by=MetBy.CREDENTIAL,
                            matches=("Infant CPR",))  # fmt: skip
    assert (saved.licensed_for_infants, saved.due_soon_days) == (True, 45)
    assert saved.next_inspection_on == date(2027, 1, 20)
    assert saved.requirements == (*DEFAULT_REQUIREMENTS, added)
    assert page.kinds_note.text() == "This center's own list."
    assert not page.has_unsaved_changes()

    # one undo step puts every setting back, and the form shows it
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    before = window.session.db.get_center()
    assert before.requirements is None and not before.licensed_for_infants
    assert before.next_inspection_on is None and before.due_soon_days == 60
    assert page.kinds_model.rowCount() == 4 and not page.infants_check.isChecked()
    assert page.inspection_edit.text() == ""
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.db.get_center() == saved
    assert page.kinds_model.rowCount() == 5 and page.due_soon_spin.value() == 45
    window.close()
    window.session.close()


def test_edit_remove_and_restore_the_defaults(qtbot, db_path: Path) -> None:
    window, page = open_settings(qtbot, db_path)
    page.kinds_table.selectRow(1)  # CPR
    qtbot.mouseClick(page.edit_kind_button, Qt.MouseButton.LeftButton)
    dialog = page.requirement_dialog
    assert dialog is not None and dialog.name_edit.text() == "CPR"
    dialog.lasts_spin.setValue(24)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.kinds()[1].lasts_months == 24
    assert page.kinds_model.index(1, 3).data() == "24 months"
    page.kinds_table.selectRow(3)  # Orientation
    qtbot.mouseClick(page.remove_kind_button, Qt.MouseButton.LeftButton)
    assert [k.name for k in page.kinds()] == ["Safe Sleep", "CPR", "First Aid"]
    assert page.save()
    assert [k.name for k in window.session.db.get_center().requirements or ()] == [
        "Safe Sleep",
        "CPR",
        "First Aid",
    ]
    assert page.defaults_button.isEnabled()
    qtbot.mouseClick(page.defaults_button, Qt.MouseButton.LeftButton)
    assert page.kinds() == DEFAULT_REQUIREMENTS and not page.defaults_button.isEnabled()
    assert page.save()
    assert window.session.db.get_center().requirements is None
    window.close()
    window.session.close()


def test_the_requirement_dialog_names_what_is_wrong(qtbot) -> None:
    dialog = RequirementDialog(None, others=["Safe Sleep"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    assert not dialog._errors["name"].isVisible()  # nothing typed yet: no nagging
    qtbot.keyClicks(dialog.name_edit, "safe  sleep")
    assert dialog._errors["name"].text() == "safe  sleep is already in the list"
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Lead training")
    assert dialog._errors["matches"].text() == (
        "name at least one course ID or title that meets it"
    )
    dialog.applies_combo.setCurrentIndex(dialog.applies_combo.findData("roles"))
    assert dialog.roles_edit.isEnabled()
    assert dialog._errors["roles"].text() == "name at least one role it applies to"
    qtbot.keyClicks(dialog.roles_edit, "Lead Teacher")
    QTest.keyClick(dialog.roles_edit, Qt.Key.Key_Return)
    QTest.keyClick(dialog.roles_edit, Qt.Key.Key_Return)  # a blank line is left out
    qtbot.keyClicks(dialog.roles_edit, "Floater ")
    qtbot.keyClicks(dialog.matches_edit, "Leadership")
    assert dialog.ok_button.isEnabled()
    dialog.new_hire_combo.setCurrentIndex(2)
    dialog.new_hire_spin.setValue(90)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.kind == RequirementKind(
        "Lead training",
        AppliesTo.ROLES,
        roles=("Lead Teacher", "Floater"),
        matches=("Leadership",),
        new_hire_days=90,
    )


def test_the_requirement_models_pass_the_model_tester(qtmodeltester) -> None:
    model = RequirementKindsModel()
    qtmodeltester.check(model)
    model.set_kinds(DEFAULT_REQUIREMENTS, licensed_for_infants=False)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == (
        "all caregivers (not in use: the program is not licensed for infants)"
    )


def test_works_in_the_infant_room_is_saved_and_undone(qtbot, session: Session) -> None:
    ana = session.db.add_staff(Staff("Ana", "Lopez", "100001"))
    session.notify_changed()
    dialog = StaffDialog(session, ana)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.infant_room_check.isChecked()
    dialog.infant_room_check.click()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert session.db.get_staff(ana.id or 0).infant_room is True  # type: ignore[union-attr]
    session.undo_stack.undo()
    assert session.db.get_staff(ana.id or 0).infant_room is False  # type: ignore[union-attr]


def test_the_staff_page_offers_the_required_trainings_tab(qtbot, window) -> None:
    page = window.show_page(StaffPage)
    assert page.detail_tabs.indexOf(page.requirements_box) == 2
    assert page.detail_tabs.tabText(2) == "Re&quired trainings"
