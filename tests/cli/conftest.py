"""Helpers for driving the command line in-process on a temporary database."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from ccdesktop.cli import run


@dataclass
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, db: Path) -> None:
        self.db = db

    def __call__(self, *args: str, db: bool = True) -> Result:
        out, err = io.StringIO(), io.StringIO()
        argv = [*args, "--db", str(self.db)] if db else list(args)
        code = run(argv, out, err)
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(tmp_path: Path, user_dirs: Path) -> Cli:
    return Cli(tmp_path / "center.sqlite3")


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(dedent(text).lstrip("\n"), encoding=encoding, newline="")
    return path


def dump(db: Path) -> list[str]:
    """The database's logical content, to compare before and after a refused command."""
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()
