"""The page-image script runs and writes one PNG per page (the looking is by hand)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from make_page_images import make_page_images
from pdf_text import reader


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_page_images_are_written(tmp_path: Path) -> None:
    images = make_page_images(tmp_path, dpi=20, big=False)
    pages = len(reader(tmp_path / "sample.pdf").pages)
    assert len(images) == pages >= 2
    for image in images:
        assert image.read_bytes().startswith(b"\x89PNG")
