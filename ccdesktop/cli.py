"""The command line of INTERFACES.md: a thin shell over ``workflows``.

Exit status: 0 done; 2 bad input or usage (one clear line on stderr per problem, no
traceback, nothing written); 1 anything unexpected (with the log file's path).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .domain.dates import format_date_us, format_time_12h
from .domain.hours import HoursError, format_hours, parse_hours
from .domain.records import HireYearPolicy

if TYPE_CHECKING:
    from .store.database import Database
    from .store.summary import DatabaseSummary

# The imports inside functions below are deliberate, for start-up: with no command,
# ccdesktop opens the window, which should not wait for what it never uses. They are
# workflows and io (the CSV readers, the import), store (SQLite, the lock, backups,
# restore; the window imports its own), reports (reportlab), the audit table and JSON,
# selftest, logs (its handlers come with the first record), gui (PySide6: not for a
# command) and ccdesktop.__version__ (importlib.metadata, ~20 ms). Everything else is
# imported here.

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
#: the reader of our output went away (``audit --json | head``): what a shell reports
#: for a Unix tool stopped by SIGPIPE (128 + 13), with nothing said
EXIT_BROKEN_PIPE = 141

#: commands that only read the database: it is opened read-only when it can be
#: (``Database.open_for_reading``), so they work while a window has the file open
READ_COMMANDS = frozenset({"audit", "report", "plan", "check", "backup"})

log = logging.getLogger(__name__)


def _today() -> date:
    """The day the commands judge "as of": entries after it are planned, required
    trainings are current or not on it (a function, so tests can set the day)."""
    return date.today()


class UsageError(Exception):
    """Bad command-line usage; the message is one line for stderr."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one plain line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not 1900 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"{year} is not a plausible year")
    return year


def _date(text: str) -> date:
    from .io.values import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _records_start(text: str) -> int | str:
    return "auto" if text.strip().casefold() == "auto" else _year(text)


def _yes_no(text: str) -> bool:
    from .io.values import parse_bool

    try:
        return parse_bool(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _due_soon_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= days <= 366:
        raise argparse.ArgumentTypeError(f"{days} is not from 0 to 366 days")
    return days


def _date_or_none(text: str) -> date | str:
    from .io.values import parse_date

    if text.strip().casefold() == "none":
        return "none"
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _hours(text: str) -> int:
    try:
        return parse_hours(text)
    except HoursError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _VersionAction(argparse.Action):
    """``--version``: argparse's own action, but the version is read only when asked
    for (``ccdesktop.__version__`` reads the package metadata, which start-up skips)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from . import __version__

        # as argparse's own version action: _print_message copes with no stdout at all,
        # as under the windowed (gui-scripts) entry point
        parser._print_message(f"ccdesktop {__version__}\n", sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    db_help = "the center's database file (default: CCDESKTOP_DB, else the user's data folder)"
    parser = _Parser(
        prog="ccdesktop",
        description="Clock-hour training records for Missouri licensed child care centers. "
        "With no command, opens the window.",
    )
    parser.add_argument("--db", metavar="FILE", help=db_help)
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation in a temporary folder (import the sample center, "
        "audit, write the PDF, open the window offscreen) and exit; touches no user data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # --db may come before or after the command name
        sub.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help=db_help)
        return sub

    sheet_help = "the sheet of an Excel workbook to read (default: the first sheet)"
    sub = command("import-staff", "add or update staff from a CSV file or an Excel workbook")
    sub.add_argument("file", metavar="FILE", help="a .csv file or an .xlsx workbook")
    sub.add_argument("--sheet", metavar="NAME", help=sheet_help)
    sub = command("import-training", "add training entries from a CSV file or an Excel workbook")
    sub.add_argument("file", metavar="FILE", help="a .csv file or an .xlsx workbook")
    sub.add_argument("--sheet", metavar="NAME", help=sheet_help)
    sub = command("audit", "the verdicts of the rules for a year")
    sub.add_argument(
        "--year",
        type=_year,
        default=date.today().year,
        help="the calendar year (default: this year)",
    )
    sub.add_argument("--json", action="store_true", help="print the audit as JSON")
    sub = command("report", "write the inspection-ready PDF report")
    sub.add_argument("--year", type=_year, default=date.today().year)
    sub.add_argument("--output", required=True, metavar="FILE.pdf")
    sub.add_argument(
        "--staff",
        # extend, not store: "--staff A --staff B" keeps both, as "--staff A B" does
        action="extend",
        nargs="+",
        metavar="MOPD_ID",
        default=None,
        help="only these staff members (by MOPD ID); may be repeated",
    )
    sub = command(
        "plan",
        "the year-end plan: hours still needed by December 31, hours planned, and the "
        "required trainings that will not be current by then or by the next inspection",
    )
    sub.add_argument(
        "--year",
        type=_year,
        default=date.today().year,
        help="the calendar year (default: this year)",
    )
    sub.add_argument(
        "--output", metavar="FILE.pdf", help="write the printable sheet instead of the table"
    )
    sub = command("center", "show or set the center's details printed on reports")
    sub.add_argument("--name")
    sub.add_argument("--license", dest="license_number")
    sub.add_argument("--director")
    sub.add_argument(
        "--required-hours",
        type=_hours,
        metavar="HOURS",
        help="clock hours required each year (default 12)",
    )
    sub.add_argument(
        "--hire-year-policy",
        choices=[p.value for p in HireYearPolicy],
        help="monthly: 1 hour per month employed in the hire year; "
        "full: the whole yearly requirement",
    )
    sub.add_argument(
        "--records-start",
        type=_records_start,
        metavar="YEAR",
        help="the first year the center keeps training records for: earlier years ask "
        "for no hours ('auto': the year of the earliest training entry)",
    )
    sub.add_argument(
        "--licensed-for-infants",
        type=_yes_no,
        metavar="YES|NO",
        help="the program is licensed for infants (the Safe Sleep requirement applies)",
    )
    sub.add_argument(
        "--due-soon-days",
        type=_due_soon_days,
        metavar="DAYS",
        help="a required training is 'due' this many days before it lapses (default 60)",
    )
    sub.add_argument(
        "--next-inspection",
        type=_date_or_none,
        metavar="DATE",
        help="the date of the next licensing inspection, for the year-end plan ('none' clears it)",
    )
    sub = command(
        "reconcile",
        "compare the records with the MOPD training report (a CSV file or an Excel "
        "workbook exported from the MOPD registry); without --apply it changes nothing",
    )
    sub.add_argument("file", metavar="FILE", help="the MOPD report, .csv or .xlsx")
    sub.add_argument(
        "--report-date",
        type=_date,
        metavar="DATE",
        help="the date of the report, YYYY-MM-DD or M/D/YYYY (default: the day the file was saved)",
    )
    sub.add_argument("--sheet", metavar="NAME", help=sheet_help)
    sub.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read the report's column HEADER as FIELD (mopd_id, first_name, last_name, "
        "title, course_id, completed_on, clock_hours, provider, ...; nothing after = leaves "
        "the column out); may be repeated; remembered when applied",
    )
    sub.add_argument(
        "--apply",
        action="store_true",
        help="mark the trainings found as on the MOPD report of its date, and warn from "
        "then on of trainings completed by that date that are not on it",
    )
    sub.add_argument(
        "--import-missing",
        action="store_true",
        help="also import the report's rows ccdesktop does not have, all or nothing "
        "(implies --apply)",
    )
    sub.add_argument(
        "--output", metavar="FILE.pdf", help="also write the comparison as a printable PDF"
    )
    command("backup", "write a verified backup into the backups folder beside the database")
    sub = command(
        "restore", "replace the database with a backup (the current file is backed up first)"
    )
    sub.add_argument("file", metavar="FILE", help="the backup to restore")
    sub.add_argument(
        "--other-center",
        action="store_true",
        help="restore it even though it is a backup of another center (a different "
        "license number, or a different name)",
    )
    command("check", "check the database file (integrity_check and foreign_key_check)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``ccdesktop`` and ``python -m ccdesktop``."""
    return run(sys.argv[1:] if argv is None else list(argv), sys.stdout, sys.stderr)


def main_gui() -> int:
    return main([])


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of the plain window start (``ccdesktop`` or ``ccdesktop --db
    FILE``), as the full parser would give them; None for anything else.

    The window is what a director starts many times a day; building the parser of
    every command costs it milliseconds before its first paint (argparse looks up
    translations for every help text). Anything this does not recognise goes to the
    full parser, which also gives the errors.
    """
    if not argv:
        db = None
    elif len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        db = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--db="):
        db = argv[0].removeprefix("--db=")
    else:
        return None
    return argparse.Namespace(db=db, self_test=False, command=None)


def run(argv: list[str], out: TextIO, err: TextIO) -> int:
    from .store.paths import log_dir, resolve_db_path

    try:
        args = window_args(argv) or build_parser().parse_args(argv)
    except UsageError as error:
        print(error, file=err)
        return EXIT_BAD_INPUT
    if args.self_test:
        # Before logging is set up: the self-test writes nothing outside its temp folder.
        if args.command is not None:
            print("ccdesktop: --self-test takes no command", file=err)
            return EXIT_BAD_INPUT
        from .selftest import run_self_test

        return run_self_test(out)
    log_path = None
    try:
        from .logs import setup_logging

        log_path = setup_logging(log_dir())
        db_path = resolve_db_path(args.db)
        if args.command is None:
            from .gui.platform_check import window_problem

            problem = window_problem()  # before Qt's libraries load: no abort, a line
            if problem:
                print(problem, file=err)
                return EXIT_BAD_INPUT
            from .gui.app import run_app

            return run_app(db_path)
        code = _run_command(args, db_path, out, err)
        out.flush()  # a reader gone away shows here, not at exit
        return code
    except BrokenPipeError:
        _quiet_broken_pipe(out)
        return EXIT_BROKEN_PIPE
    except _bad_input_errors() as error:  # evaluated only once something was raised
        for line in _problem_lines(error):
            print(line, file=err)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("ccdesktop: interrupted; nothing was written", file=err)
        return EXIT_UNEXPECTED
    except Exception:
        log.exception("unexpected error in command %s", getattr(args, "command", None))
        where = f"; details are in {log_path}" if log_path else ""
        print(f"ccdesktop: unexpected error{where}", file=err)
        return EXIT_UNEXPECTED


def _quiet_broken_pipe(out: TextIO) -> None:
    """After the reader of ``out`` went away: point its file descriptor at the null
    device, so the interpreter's last flush at exit has nowhere to fail either (as
    the Python documentation's note on SIGPIPE does)."""
    try:
        descriptor = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's StringIO): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _bad_input_errors() -> tuple[type[BaseException], ...]:
    """The errors that mean bad input or a refused file, not a bug (exit status 2)."""
    from .io.csv_read import CsvImportError
    from .store.errors import StoreError

    return (CsvImportError, StoreError, UsageError, LookupError, OSError)


def _problem_lines(error: BaseException) -> list[str]:
    from .io.csv_read import CsvImportError

    if isinstance(error, CsvImportError):
        lines = [str(problem) for problem in error.problems]
        if error.note:
            lines.insert(0, f"note: {error.note}")
        lines.append("nothing was imported")
        return lines
    if isinstance(error, OSError) and error.filename:
        return [f"ccdesktop: {error.filename}: {error.strerror or error}"]
    return [f"ccdesktop: {error}"]


def _run_command(args: argparse.Namespace, db_path: Path, out: TextIO, err: TextIO) -> int:
    from .store.database import Database
    from .store.location import storage_warning

    warning = storage_warning(db_path)
    if warning:
        print(f"note: {warning}", file=err)
    if args.command == "restore":
        return _restore(db_path, Path(args.file), args.other_center, out)
    if args.command == "report" or (args.command in ("plan", "reconcile") and args.output):
        _check_output(Path(args.output))  # before the database is opened or created
    if args.command in READ_COMMANDS or _shows_the_center(args) or _only_compares(args):
        db = Database.open_for_reading(db_path)
    else:
        db = _open_for_writing(db_path, args.command)
    try:
        code = _on_database(db, args, db_path, out, err)
        # a backup on close, whenever this command changed the file
        db.backup_if_changed("close")
    except BaseException:
        # a command refused on a new --db leaves no empty database behind
        db.close_discarding_new_file()
        raise
    db.close()
    return code


def _only_compares(args: argparse.Namespace) -> bool:
    """``reconcile`` without ``--apply`` (or ``--import-missing``) only reads."""
    return args.command == "reconcile" and not (args.apply or args.import_missing)


def _shows_the_center(args: argparse.Namespace) -> bool:
    """``center`` with no option only shows the details: it reads, as audit does."""
    if args.command != "center":
        return False
    options = (
        "name",
        "license_number",
        "director",
        "required_hours",
        "hire_year_policy",
        "records_start",
        "licensed_for_infants",
        "due_soon_days",
        "next_inspection",
    )
    return all(getattr(args, option) is None for option in options)


def _open_for_writing(db_path: Path, command: str) -> Database:
    """``Database.open`` for a command that changes the file; when another ccdesktop
    has it open for editing, say who, and that nothing was done."""
    from .store.database import Database, describe_holder
    from .store.errors import DatabaseInUseError, StoreError

    try:
        return Database.open(db_path)
    except DatabaseInUseError as error:
        who = describe_holder(error.holder)
        raise StoreError(_in_use_line(db_path, command, who, error.stale)) from error


def _in_use_line(db_path: Path, command: str, who: str, stale: bool) -> str:
    if stale:
        return (
            f"{db_path} was left open for editing by {who}, which has not been heard from "
            f"for a while (it may have crashed); {command} changes the file, so nothing was "
            "done. Open the file in the ccdesktop window to take it over, then try again."
        )
    return (
        f"{db_path} is open for editing by {who}; {command} changes the file, so nothing "
        "was done. Try again when they have closed it."
    )


def _on_database(
    db: Database, args: argparse.Namespace, db_path: Path, out: TextIO, err: TextIO
) -> int:
    from . import workflows

    if args.command == "import-staff":
        staff_summary = workflows.import_staff_file(db, args.file, sheet=args.sheet)
        if staff_summary.note:
            print(f"note: {staff_summary.note}", file=err)
        print(f"Imported staff from {args.file}: {staff_summary}.", file=out)
    elif args.command == "import-training":
        training_summary = workflows.import_training_file(db, args.file, sheet=args.sheet)
        if training_summary.note:
            print(f"note: {training_summary.note}", file=err)
        print(f"Imported training from {args.file}: {training_summary}.", file=out)
    elif args.command == "audit":
        result = workflows.audit(db, args.year, _today())
        if args.json:
            from .io.audit_json import audit_to_json

            json.dump(audit_to_json(result), out, indent=2, ensure_ascii=False)
            out.write("\n")
        else:
            from .audit_table import format_audit_table

            out.write(format_audit_table(result))
    elif args.command == "report":
        return _report(db, args, out, err)
    elif args.command == "plan":
        return _plan(db, args, out)
    elif args.command == "reconcile":
        from .reconcile_cli import reconcile_command

        return reconcile_command(db, args, out, err)
    elif args.command == "center":
        _center(db, args, out)
    elif args.command == "backup":
        print(f"Backed up {db_path} to {db.backup('manual')}.", file=out)
    elif args.command == "check":
        report = db.check()
        for line in report.lines():
            print(line, file=out if report.ok else err)
        if not report.ok:
            return EXIT_BAD_INPUT
    return EXIT_OK


def _restore(db_path: Path, backup: Path, other_center: bool, out: TextIO) -> int:
    from .store.database import Database, describe_holder
    from .store.errors import DatabaseInUseError, StoreError
    from .store.restore import plan_restore, restore_backup

    plan = plan_restore(db_path, backup)  # checks the backup; changes nothing
    if plan.current is not None:
        print(f"Current file: {_described(plan.current)}", file=out)
    elif plan.current_problem is not None:
        print(f"Current file: {db_path} cannot be read: {plan.current_problem}", file=out)
    else:
        print(f"Current file: none yet ({db_path} does not exist)", file=out)
    print(f"Backup:       {_described(plan.backup)}", file=out)
    if plan.other_center and not other_center:
        assert plan.current is not None
        raise UsageError(
            f"{backup} is a backup of another center, {_name_and_license(plan.backup)}, not "
            f"{_name_and_license(plan.current)}; nothing was changed. Add --other-center to "
            f"replace every record of {_center_name(plan.current)} with it."
        )
    try:
        result = restore_backup(db_path, backup)
    except DatabaseInUseError as error:
        who = describe_holder(error.holder)
        raise StoreError(_in_use_line(db_path, "restore", who, error.stale)) from error
    if result.saved_current:
        print(f"Backed up the current file to {result.saved_current}.", file=out)
    if result.damaged_aside:
        print(f"The current file was damaged; it is kept as {result.damaged_aside}.", file=out)
    with Database.open(db_path) as db:  # checks it, and upgrades an older backup
        staff, entries = len(db.list_staff()), len(db.list_entries())
    print(f"Restored {db_path} from {backup} ({staff} staff, {entries} entries).", file=out)
    return EXIT_OK


def _center_name(summary: DatabaseSummary) -> str:
    return summary.center_name or "a center with no name"


def _name_and_license(summary: DatabaseSummary) -> str:
    if summary.license_number:
        return f"{_center_name(summary)} (license {summary.license_number})"
    return _center_name(summary)


def _described(summary: DatabaseSummary) -> str:
    """One line: center, license, figures, and for a backup when and why it was made.

    e.g. "Little Acorns (license L-9), 3 staff, 10 entries, last entry 10/2/2026;
    daily backup of 11/28/2026 2:00 PM (FILE)".
    """
    parts = [_name_and_license(summary), f"{summary.staff_count} staff"]
    parts.append("1 entry" if summary.entry_count == 1 else f"{summary.entry_count} entries")
    if summary.last_entry is not None:
        parts.append(f"last entry {format_date_us(summary.last_entry)}")
    taken = summary.taken_at
    when = f"{format_date_us(taken.date())} {format_time_12h(taken.time())}"
    if summary.reason is None:
        made = f"saved {when}"
    else:
        made = f"{summary.reason} backup of {when}"
    return f"{', '.join(parts)}; {made} ({summary.path})"


def _report(db: Database, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import workflows

    try:
        from .reports.pdf_report import ReportOptions, build_report
    except ImportError:
        print("ccdesktop report: not available yet in this version", file=err)
        return EXIT_BAD_INPUT
    output = Path(args.output)
    result = workflows.audit(db, args.year, _today())
    staff_ids = workflows.staff_ids_for_mopd_ids(result, args.staff) if args.staff else None
    try:
        report = build_report(result, output, ReportOptions(staff_ids=staff_ids))
    except OSError as error:
        # The report is written under a temporary name beside the output and moved into
        # place; an error naming that file would puzzle the user, so name theirs.
        if error.filename is None or not _beside(Path(error.filename), output):
            raise
        raise UsageError(f"cannot write {output}: {_plain_os_error(error)}") from None
    print(f"Wrote {report.path} ({report.page_count} pages).", file=out)
    return EXIT_OK


def _plan(db: Database, args: argparse.Namespace, out: TextIO) -> int:
    from . import workflows

    plan = workflows.plan(db, args.year, _today())
    if not args.output:
        from .plan_table import format_plan_table

        out.write(format_plan_table(plan))
        return EXIT_OK
    from .reports.plan_report import build_plan_sheet

    output = Path(args.output)
    try:
        result = build_plan_sheet(plan, output)
    except OSError as error:
        if error.filename is None or not _beside(Path(error.filename), output):
            raise
        raise UsageError(f"cannot write {output}: {_plain_os_error(error)}") from None
    pages = "1 page" if result.page_count == 1 else f"{result.page_count} pages"
    print(f"Wrote {result.path} ({pages}).", file=out)
    return EXIT_OK


def _check_output(output: Path) -> None:
    """Refuse an output path that cannot be written, before the audit and the layout,
    with a message that names the path the user gave."""
    if output.is_dir():
        raise UsageError(f"cannot write {output}: it is a folder; give a file name ending in .pdf")
    folder = output.parent
    if not folder.exists():
        raise UsageError(f"cannot write {output}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise UsageError(f"cannot write {output}: {folder} is a file, not a folder")


def _beside(path: Path, output: Path) -> bool:
    """Whether ``path`` is ``output`` or a file in its folder (its temporary file)."""
    return path.absolute().parent == output.absolute().parent


def _plain_os_error(error: OSError) -> str:
    """An OSError's reason in plain words, without the file name it carries."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def _center(db: Database, args: argparse.Namespace, out: TextIO) -> None:
    from . import workflows

    center = workflows.update_center(
        db,
        name=args.name,
        license_number=args.license_number,
        director=args.director,
        required_hours=args.required_hours,
        hire_year_policy=args.hire_year_policy,
        records_start_year=args.records_start,
        licensed_for_infants=args.licensed_for_infants,
        due_soon_days=args.due_soon_days,
        next_inspection_on=args.next_inspection,
    )
    print(f"Center:            {center.name or '(not set)'}", file=out)
    print(f"License number:    {center.license_number or '(not set)'}", file=out)
    print(f"Director:          {center.director or '(not set)'}", file=out)
    print(f"Required each year: {format_hours(center.required_hours)} clock hours", file=out)
    print(f"Hire year:         {center.hire_year_policy.value}", file=out)
    start = center.records_start_year
    print(
        f"Records kept from: {start if start is not None else 'auto (the earliest entry)'}",
        file=out,
    )
    print(f"Licensed for infants: {'yes' if center.licensed_for_infants else 'no'}", file=out)
    print(f"Due soon:          {center.due_soon_days} days before a training lapses", file=out)
    inspection = center.next_inspection_on
    print(
        f"Next inspection:   {format_date_us(inspection) if inspection else '(not set)'}", file=out
    )
