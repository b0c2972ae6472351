"""Fixtures for the report tests: the sample center, its audit, a PDF reader helper."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the report tests' own helpers (sample_center, pdf_text) sit beside them
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_center import YEAR, sample_center  # noqa: E402

from ccdesktop.domain.audit import Audit, audit_year  # noqa: E402
from ccdesktop.domain.records import CenterData  # noqa: E402


@pytest.fixture
def sample_data() -> CenterData:
    return sample_center()


@pytest.fixture
def sample_audit(sample_data: CenterData) -> Audit:
    return audit_year(sample_data, YEAR)
