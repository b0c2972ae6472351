"""Schema version 4: what issues 13 and 14 need of the records, added in one step.

- center: ``licensed_for_infants``, ``due_soon_days``, ``requirements`` (the required
  trainings with renewal, as JSON; NULL = the defaults), ``mopd_report_on`` (the
  date of the MOPD training report last compared with the records), ``mopd_columns``
  (how that report's columns map to ours, as JSON, remembered) and
  ``next_inspection_on``;
- staff: ``infant_room``;
- training_entry: ``kind`` (training or credential), ``expires_on`` (a credential's
  expiry), ``as_trainer`` and ``mopd_report_on``. A credential carries no clock hours
  of its own, so the table is rebuilt with a clock-hours CHECK that allows 0 for a
  credential only (SQLite cannot change a CHECK in place); every row is copied as it is.

The history triggers of the three tables are rebuilt to record the new columns.
"""

from __future__ import annotations

from .history import TRACKED, triggers
from .schema import hh_mm, iso_date, not_blank

_BOOL = "IN (0, 1)"

_ENTRY_V3_COLUMNS = (
    "id, staff_id, title, course_id, provider, format, setting, completed_on, start_time, "
    "end_time, clock_hours, in_ratio, approved, enrolled_on, notes"
)

V4_STATEMENTS: tuple[str, ...] = (
    f"""
    ALTER TABLE center ADD COLUMN licensed_for_infants INTEGER NOT NULL DEFAULT 0
        CONSTRAINT center_licensed_for_infants CHECK (licensed_for_infants {_BOOL})
    """,
    """
    ALTER TABLE center ADD COLUMN due_soon_days INTEGER NOT NULL DEFAULT 60
        CONSTRAINT center_due_soon_days CHECK (due_soon_days BETWEEN 0 AND 366)
    """,
    """
    ALTER TABLE center ADD COLUMN requirements TEXT
        CONSTRAINT center_requirements CHECK (requirements IS NULL OR json_valid(requirements))
    """,
    f"""
    ALTER TABLE center ADD COLUMN mopd_report_on TEXT
        CONSTRAINT center_mopd_report_on CHECK ({iso_date("mopd_report_on")})
    """,
    """
    ALTER TABLE center ADD COLUMN mopd_columns TEXT
        CONSTRAINT center_mopd_columns CHECK (mopd_columns IS NULL OR json_valid(mopd_columns))
    """,
    f"""
    ALTER TABLE center ADD COLUMN next_inspection_on TEXT
        CONSTRAINT center_next_inspection_on CHECK ({iso_date("next_inspection_on")})
    """,
    f"""
    ALTER TABLE staff ADD COLUMN infant_room INTEGER NOT NULL DEFAULT 0
        CONSTRAINT staff_infant_room CHECK (infant_room {_BOOL})
    """,
    f"""
    CREATE TABLE training_entry_v4 (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        title TEXT NOT NULL CONSTRAINT entry_title CHECK ({not_blank("title")}),
        course_id TEXT,
        provider TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT 'in_person' CONSTRAINT entry_format
            CHECK (format IN ('in_person', 'live_virtual', 'online_module')),
        setting TEXT NOT NULL DEFAULT 'individual' CONSTRAINT entry_setting
            CHECK (setting IN ('individual', 'group')),
        completed_on TEXT NOT NULL
            CONSTRAINT entry_completed_on CHECK ({iso_date("completed_on")}),
        start_time TEXT CONSTRAINT entry_start_time CHECK ({hh_mm("start_time")}),
        end_time TEXT CONSTRAINT entry_end_time CHECK ({hh_mm("end_time")}),
        clock_hours INTEGER NOT NULL,
        in_ratio INTEGER NOT NULL DEFAULT 0 CONSTRAINT entry_in_ratio CHECK (in_ratio {_BOOL}),
        approved INTEGER NOT NULL DEFAULT 1 CONSTRAINT entry_approved CHECK (approved {_BOOL}),
        enrolled_on TEXT CONSTRAINT entry_enrolled_on CHECK ({iso_date("enrolled_on")}),
        notes TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'training'
            CONSTRAINT entry_kind CHECK (kind IN ('training', 'credential')),
        expires_on TEXT CONSTRAINT entry_expires_on CHECK ({iso_date("expires_on")}),
        as_trainer INTEGER NOT NULL DEFAULT 0
            CONSTRAINT entry_as_trainer CHECK (as_trainer {_BOOL}),
        mopd_report_on TEXT CONSTRAINT entry_mopd_report_on CHECK ({iso_date("mopd_report_on")}),
        CONSTRAINT entry_clock_hours CHECK (
            clock_hours <= 2400 AND (clock_hours > 0 OR (kind = 'credential' AND clock_hours = 0))
        ),
        CONSTRAINT entry_end_after_start CHECK (end_time > start_time),
        CONSTRAINT entry_enrolled_before_completed CHECK (enrolled_on <= completed_on),
        CONSTRAINT entry_expires_after_completed CHECK (expires_on >= completed_on)
    ) STRICT
    """,
    f"INSERT INTO training_entry_v4 ({_ENTRY_V3_COLUMNS}) "
    f"SELECT {_ENTRY_V3_COLUMNS} FROM training_entry",
    # drops its indexes and history triggers too; the implicit DELETE fires no trigger
    "DROP TABLE training_entry",
    "ALTER TABLE training_entry_v4 RENAME TO training_entry",
    "CREATE INDEX training_entry_by_staff ON training_entry (staff_id, completed_on)",
    "CREATE INDEX training_entry_by_date ON training_entry (completed_on)",
    *(
        f"DROP TRIGGER {table}_history_{action}"
        for table in ("center", "staff")
        for action in ("insert", "update", "delete")
    ),  # fmt: skip
    *(trigger for table in TRACKED for trigger in triggers(table, TRACKED[table])),
)
