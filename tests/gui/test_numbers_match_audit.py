"""Every number the window shows for a person equals ``ccdesktop audit --json`` for
the same database: the dashboard, the staff table, the ledger and the verdicts of the
person's entries, for each year of the sample center."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QSpinBox

from ccdesktop import cli
from ccdesktop.domain.codes import Reason
from ccdesktop.domain.explain import explain
from ccdesktop.domain.hours import parse_hours
from ccdesktop.gui.main_window import MainWindow
from ccdesktop.gui.models import dashboard_model as dash
from ccdesktop.gui.models import ledger_model as ledger
from ccdesktop.gui.models import staff_model as staff
from ccdesktop.gui.models.entries_model import CREDENTIAL_VERDICT, HOURS_COLUMN, VERDICT_COLUMN
from ccdesktop.gui.pages.dashboard import DashboardPage
from ccdesktop.gui.pages.staff import StaffPage

YEARS = (2024, 2025, 2026)


def cli_audit(path: str, year: int) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.run(["--db", path, "audit", "--year", str(year), "--json"], out, err)
    assert status == 0, err.getvalue()
    return json.loads(out.getvalue())


def hundredths(value: int | float) -> int:
    """A JSON hours number as hundredths (through its decimal text, never a float sum)."""
    scaled = Decimal(str(value)) * 100
    assert scaled == scaled.to_integral_value()
    return int(scaled)


def shown_hours(text: str) -> int:
    return parse_hours(text)


def pair(text: str, separator: str) -> tuple[int, int]:
    """ "9 / 12" or "9 of 12 h" as hundredths."""
    left, right = text.removesuffix(" h").split(separator)
    return shown_hours(left), shown_hours(right)


@pytest.fixture
def window(qtbot, sample_session):  # type: ignore[no-untyped-def]
    main = MainWindow(sample_session)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


@pytest.mark.parametrize("year", YEARS)
def test_dashboard_and_staff_page_show_the_cli_audits_numbers(qtbot, window, year: int) -> None:
    session = window.session
    report = cli_audit(str(session.path), year)
    by_id = {person["id"]: person for person in report["staff"]}
    entries_of: dict[int, list[dict[str, Any]]] = {}
    for entry in report["entries"]:
        entries_of.setdefault(entry["staff_id"], []).append(entry)

    spin = window.findChild(QSpinBox, "yearSpin")
    spin.setValue(year)  # the toolbar's year box, as a director changes it
    assert session.year == year

    # --- dashboard ------------------------------------------------------------------
    page = window.show_page(DashboardPage)
    qtbot.waitUntil(lambda: page.up_to_date)  # filled in right after the first paint
    model = page.model
    shown_ids = []
    for row in range(model.rowCount()):
        person = by_id[model.index(row, 0).data(staff.STAFF_ID_ROLE)]
        shown_ids.append(person["id"])

        def cell(column: int, row: int = row) -> str:
            return model.index(row, column).data()

        assert cell(dash.NAME_COLUMN) == f"{person['last_name']}, {person['first_name']}"
        assert cell(dash.STATUS_COLUMN) == person["status"]
        assert pair(cell(dash.PROGRESS_COLUMN), " of ") == (
            hundredths(person["counted"]),
            hundredths(person["required"]),
        )
        assert shown_hours(cell(dash.PRIOR_COLUMN)) == hundredths(person["prior_deficit_remaining"])
        assert shown_hours(cell(dash.NEEDED_COLUMN)) == hundredths(person["hours_needed"])
        own = entries_of.get(person["id"], [])
        assert int(cell(dash.DENIED_COLUMN)) == sum(not e["credited"] for e in own)
        assert int(cell(dash.WARNINGS_COLUMN)) == len(person["warnings"]) + sum(
            bool(e["warnings"]) for e in own
        )
    assert sorted(shown_ids) == sorted(p["id"] for p in report["staff"] if p["status"] != "exempt")
    assert page.short_tile.number.text() == str(
        sum(p["status"] == "short" for p in report["staff"])
    )
    assert page.met_tile.number.text() == str(sum(p["status"] == "met" for p in report["staff"]))

    # --- staff table, ledger and entries ----------------------------------------------
    page = window.show_page(StaffPage)
    page.show_left_check.setChecked(True)
    page.search_edit.clear()
    assert page.proxy.rowCount() == len(report["staff"])
    for row in range(page.proxy.rowCount()):
        person = by_id[page.proxy.index(row, 0).data(staff.STAFF_ID_ROLE)]

        def text(column: int, row: int = row) -> str:
            return page.proxy.index(row, column).data()

        assert text(staff.STATUS_COLUMN).split(" ")[0] == person["status"]
        if person["status"] == "exempt":
            assert text(staff.COUNTED_COLUMN) == staff.NOT_APPLICABLE
            assert text(staff.NEEDED_COLUMN) == staff.NOT_APPLICABLE
        else:
            assert pair(text(staff.COUNTED_COLUMN), " / ") == (
                hundredths(person["counted"]),
                hundredths(person["required"]),
            )
            assert shown_hours(text(staff.NEEDED_COLUMN)) == hundredths(person["hours_needed"])
        assert text(staff.MOPD_COLUMN) == (
            person["mopd_id"] or (staff.MISSING_MOPD_TEXT if person["warnings"] else "")
        )

        assert page.select_staff(person["id"])
        rows = page.ledger_model.rowCount()
        if rows:  # the ledger's last row is the audited year
            last = rows - 1

            def led(column: int, last: int = last) -> str:
                return page.ledger_model.index(last, column).data()

            assert int(led(ledger.YEAR_COLUMN)) == year
            assert shown_hours(led(ledger.REQUIRED_COLUMN)) == hundredths(person["required"])
            assert shown_hours(led(ledger.EARNED_COLUMN)) == hundredths(person["earned"])
            assert shown_hours(led(ledger.COUNTED_COLUMN)) == hundredths(person["counted"])
            applied = [
                (int(y), shown_hours(h))
                for h, y in re.findall(r"([\d.]+) to (\d{4})", led(ledger.APPLIED_COLUMN))
            ]
            assert applied == [
                (a["year"], hundredths(a["hours"])) for a in person["applied_to_prior"]
            ]
        else:
            assert person["status"] == "exempt"

        own = {e["id"]: e for e in entries_of.get(person["id"], [])}
        entries = page.entries_model
        assert entries.rowCount() == len(own)
        for entry_row in range(entries.rowCount()):
            expected = own[entries.entry_at(entry_row).id]
            verdict = entries.index(entry_row, VERDICT_COLUMN).data()
            hours = entries.index(entry_row, HOURS_COLUMN).data()
            if expected["kind"] == "credential":  # no clock hours, no verdict of credit
                assert (verdict, hours, expected["clock_hours"]) == (CREDENTIAL_VERDICT, "", 0)
                continue
            if expected["credited"]:
                assert verdict == "✓ Credited"
            else:  # the engine's words for the CLI's codes, never the codes
                labels = [explain(Reason(code)).label for code in expected["reasons"]]
                assert verdict == "✗ Denied: " + "; ".join(labels)
            hours = entries.index(entry_row, HOURS_COLUMN).data()
            assert shown_hours(hours) == hundredths(expected["clock_hours"])
