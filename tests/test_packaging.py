"""The package list in pyproject.toml names every package, so an installed copy
(a wheel, the PyInstaller bundle) has all of the code, not just what a source
checkout happens to find."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "ccdesktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages"
    assert "ccdesktop.resources" in listed


def test_resources_are_found_through_importlib() -> None:
    from importlib.resources import files

    base = files("ccdesktop.resources")
    assert base.joinpath("sample", "staff.csv").is_file()
    assert base.joinpath("sample", "training.csv").is_file()
    assert base.joinpath("fonts", "DejaVuSans.ttf").is_file()
