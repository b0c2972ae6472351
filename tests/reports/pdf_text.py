"""Reading a built report back with pypdf, for the tests."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def flat(text: str) -> str:
    """Text with every run of white space (including a cell's line breaks) made one
    space, NFC-normalised, so a wrapped cell compares equal to its one-line form."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def reader(path: Path) -> PdfReader:
    # read the bytes first so no file handle outlives the call
    return PdfReader(io.BytesIO(path.read_bytes()))


def page_texts(path: Path) -> list[str]:
    """The flattened text of each page."""
    reader_ = reader(path)
    return [flat(page.extract_text()) for page in reader_.pages]


def all_text(path: Path) -> str:
    return " ".join(page_texts(path))
