"""Test sessions for each supported Python: ``nox`` (or ``nox -s tests-3.10``).

Interpreters that are not installed are skipped, so the file works on any machine; CI runs the
oldest and the newest (see .ci/run).
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.error_on_missing_interpreters = False

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]

# pyenv's shims answer only for the versions selected; put every installed version on the PATH
# so that nox finds python3.10 ... python3.13 wherever pyenv keeps them.
_PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
if _PYENV.is_dir():
    _BINS = [
        str(version / "bin")
        for version in sorted(_PYENV.iterdir())
        if version.name.rsplit(".", 1)[0] in PYTHONS
    ]
    os.environ["PATH"] = os.pathsep.join([*_BINS, os.environ.get("PATH", "")])
nox.options.sessions = ["tests"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Install ropa with its test extras from the source tree and run the suite."""
    session.install(".[test]")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python="3.11")
def package(session: nox.Session) -> None:
    """Build the wheel and sdist and check them as PyPI would."""
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("python", "-m", "twine", "check", "--strict", "dist/*")
