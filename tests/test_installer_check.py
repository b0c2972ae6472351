"""The pieces of ``installer/windows/check_under_wine.py`` that need no Wine, so that the
check (run by hand, see installer/README.md) cannot rot unseen between its runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "installer" / "windows" / "check_under_wine.py"


@pytest.fixture(scope="module")
def check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_under_wine", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and the like look modules up by name
    spec.loader.exec_module(module)
    return module


def test_the_icon_is_read_image_by_image(check: ModuleType) -> None:
    images = check.icon_images(ROOT / "installer" / "windows" / "ccdesktop.ico")
    assert len(images) == 7  # 16, 24, 32, 48, 64, 128 and 256 px (make_icon.py)
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images)
    assert len(set(images)) == len(images)


def test_the_version_is_found_only_as_the_product_version(
    check: ModuleType, tmp_path: Path
) -> None:
    def program(*strings: tuple[str, str]) -> Path:
        path = tmp_path / "setup.exe"
        body = b"MZ" + b"\0" * 64
        for key, value in strings:
            # VS_VERSION_INFO String: key, NUL, padding to 4 bytes, value, NUL
            body += key.encode("utf-16-le") + b"\0\0" + b"\0\0" + value.encode("utf-16-le")
            body += b"\0\0"
        path.write_bytes(body)
        return path

    assert check.version_info_has(program(("ProductVersion", "0.1.0")), "0.1.0")
    assert not check.version_info_has(program(("ProductVersion", "0.2.0")), "0.1.0")
    assert not check.version_info_has(program(("Comments", "0.1.0")), "0.1.0")
    assert check.version_info_has(
        program(("FileVersion", "9.9.9"), ("ProductVersion", "0.1.0")), "0.1.0"
    )


def test_the_version_checked_is_pyprojects(check: ModuleType) -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert check.project_version() == config["project"]["version"]


def test_without_wine_or_inno_setup_it_says_what_it_needs_and_exits_2(
    check: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ISCC", raising=False)
    assert check.main(["--iscc", str(ROOT / "no-such" / "ISCC.exe")]) == 2
    assert "ISCC.exe" in capsys.readouterr().err
    monkeypatch.setattr(check.shutil, "which", lambda name: None)
    assert check.main(["--iscc", str(SCRIPT)]) == 2  # an existing file, but no wine
    assert "wine" in capsys.readouterr().err
