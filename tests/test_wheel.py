"""The built wheel carries its schemas and data, and its CLI works from any folder.

The wheel is built without the repository on the path and installed (without
dependencies, which the test environment already has) into a folder of its own; the
command is then run from an empty folder, so only what the wheel carries is used.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, installed into a target folder; returns that folder."""
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr[-2000:]}")
    wheel = next(dist.glob("ropa_gdpr-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ropa/_bundled/schemas/record.schema.json" in names
    assert "ropa/_bundled/schemas/findings.schema.json" in names
    assert any(n.startswith("ropa/data/vocab/") for n in names)
    target = tmp_path_factory.mktemp("site")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    return target


def _ropa(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import sys, ropa; assert ropa.__file__.startswith(sys.argv.pop(1)), ropa.__file__; "
        "from ropa.cli import main; sys.argv[0] = 'ropa'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(site), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_installed_wheel_runs_init_and_check_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    made = _ropa(installed, tmp_path, "init", "example.xlsx", "--example", "--lang", "sv")
    assert made.returncode == 0, made.stderr
    checked = _ropa(installed, tmp_path, "check", "example.xlsx", "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '"errors": 0' in checked.stdout


def test_installed_wheel_lists_rules(installed: Path, tmp_path: Path) -> None:
    listed = _ropa(installed, tmp_path, "rules", "--format", "json")
    assert listed.returncode == 0 and '"RP101"' in listed.stdout
