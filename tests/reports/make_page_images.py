"""Build the sample center's report (and a 60-person synthetic one) and write page
images with pdftoppm, for a person to look at: nothing clipped, overlapping or cut
at the page edge.

Run by hand:  .venv/bin/python tests/reports/make_page_images.py [OUT_DIR] [--dpi N]
(needs pdftoppm: apt-get install -y poppler-utils). Prints the PNG paths.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]  # the repository (tests.*) and here

from sample_center import PRODUCED_AT, YEAR, sample_center  # noqa: E402

from ccdesktop.domain.audit import audit_year  # noqa: E402
from ccdesktop.reports.pdf_report import build_report  # noqa: E402
from tests.factories import synthetic_center  # noqa: E402


def make_page_images(out_dir: Path, dpi: int = 60, big: bool = True) -> list[Path]:
    """Build the reports into ``out_dir`` and return the PNG files written."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RuntimeError("pdftoppm not found: apt-get install -y poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    data = sample_center()
    reports = [("sample", data)]
    if big:
        reports.append(("synthetic60", synthetic_center(60, 3, 6, seed=1)))
    images: list[Path] = []
    for name, center in reports:
        pdf = out_dir / f"{name}.pdf"
        build_report(audit_year(center, YEAR), pdf, produced_at=PRODUCED_AT)
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(out_dir / name)], check=True
        )
        images.extend(sorted(out_dir.glob(f"{name}-*.png")))
    return images


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", default="report-pages", type=Path)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--sample-only", action="store_true")
    args = parser.parse_args()
    for image in make_page_images(args.out_dir, args.dpi, big=not args.sample_only):
        print(image)


if __name__ == "__main__":
    main()
