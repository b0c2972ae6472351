"""The flags page: every denied entry and every warning of the year, each with the
reason in plain words, the rule it comes from and what the director can do."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.entry_dialog import EntryDialog
from ..dialogs.staff_dialog import StaffDialog
from ..models.flags_model import COLUMNS, FlagRow, FlagsTableModel, build_flags
from ..session import Session
from ..widgets.heading import page_heading
from ..widgets.record_table import record_table
from .base import Page


class FlagsPage(Page):
    title = "Flags"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("flagsPage")
        self.model = FlagsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = page_heading("", self)
        top.addWidget(self.heading)
        top.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("flagsSummary")
        top.addWidget(self.summary)
        self.open_button = QPushButton(self.tr("&Open…"), self)
        self.open_button.setObjectName("openFlagButton")
        self.open_button.setToolTip(self.tr("Open the entry or staff record (Enter)"))
        top.addWidget(self.open_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("flagsSplitter")
        splitter.setChildrenCollapsible(False)
        self.table = record_table(
            splitter,
            "flagsTable",
            self.tr("Flags of the year"),
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # by person; the proxy's sort is stable, so each person's flags keep the
        # model's order (staff warnings, then entries by date)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        # the detail pane below shows every text in full, so the columns stay narrow
        samples = (
            "O'Brien, Shannon",
            "Safe Sleep for Infants, 12/31/2025",
            "✗ Denied: Repeated within 12 months",
            "overlaps Safe Sleep 9:00-10:00 AM",
            "ccdesktop check",
        )
        for column, sample in enumerate(samples):
            width = max(
                metrics.horizontalAdvance(sample), metrics.horizontalAdvance(COLUMNS[column])
            )
            self.table.setColumnWidth(column, width + 24)
        self.detail = QTextBrowser(splitter)
        self.detail.setObjectName("flagDetail")
        self.detail.setAccessibleName(self.tr("Selected flag in full"))
        self.detail.setOpenLinks(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.open_button.clicked.connect(self.open_current)
        QWidget.setTabOrder(self.open_button, self.table)
        QWidget.setTabOrder(self.table, self.detail)

    # --- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        audit = self.session.audit()
        flags = build_flags(audit)
        self.model.set_flags(flags)
        denied = len(
            {f.entry.id for f in flags if f.denied and f.entry is not None and not f.planned}
        )
        planned = len({f.entry.id for f in flags if f.denied and f.entry is not None and f.planned})
        warnings = sum(1 for f in flags if not f.denied)
        self.heading.setText(self.tr("Flags for {0}").format(audit.year))
        if not flags:
            self.summary.setText(
                self.tr("Nothing flagged: every entry earns credit and nothing needs checking.")
            )
        else:
            denied_text = (
                self.tr("1 denied entry")
                if denied == 1
                else self.tr("{0} denied entries").format(denied)
            )
            warning_text = (
                self.tr("1 warning") if warnings == 1 else self.tr("{0} warnings").format(warnings)
            )
            text = f"{denied_text}, {warning_text}"
            if planned:
                text += ", " + (
                    self.tr("1 planned entry would be denied")
                    if planned == 1
                    else self.tr("{0} planned entries would be denied").format(planned)
                )
            self.summary.setText(text)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.setPlainText(self.tr("No flags for {0}.").format(audit.year))
        self.open_button.setEnabled(self.proxy.rowCount() > 0)

    def flag_at(self, proxy_row: int) -> FlagRow:
        return self.model.flag_at(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())

    @Slot(QModelIndex, QModelIndex)
    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        flag = self.flag_at(current.row())
        what = flag.texts[1] if flag.entry is not None else self.tr("staff record")
        if flag.planned and flag.denied:
            kind = self.tr("Planned, would be denied")
        else:
            kind = self.tr("Denied") if flag.denied else self.tr("Warning")
        parts = [
            f"<p><b>{html.escape(kind)}: {html.escape(flag.texts[2].split(': ', 1)[-1])}</b>"
            f" — {html.escape(flag.staff.full_name)}, {html.escape(what)}</p>",
        ]
        if flag.details:
            parts.append(f"<p>{html.escape(flag.details[:1].upper() + flag.details[1:])}.</p>")
        parts += [
            f"<p>{html.escape(flag.reason)}</p>",
            f"<p><b>{html.escape(self.tr('Rule:'))}</b> {html.escape(flag.rule)}</p>",
            f"<p><b>{html.escape(self.tr('What you can do:'))}</b> {html.escape(flag.remedy)}</p>",
        ]
        self.detail.setHtml("".join(parts))

    # --- opening -----------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_flag(self.flag_at(index.row()))

    @Slot()
    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_flag(self.flag_at(index.row()))

    def open_flag(self, flag: FlagRow) -> None:
        """The entry's edit dialog, or the staff dialog for a staff warning."""
        dialog: EntryDialog | StaffDialog
        if flag.entry is not None:
            dialog = EntryDialog(self.session, flag.entry, self)
        else:
            dialog = StaffDialog(self.session, flag.staff, self)
        dialog.exec()
        dialog.deleteLater()
