"""The ``ropa`` command: a thin Typer layer over the library.

Commands parse arguments, call :mod:`ropa.api` and render the result with :mod:`ropa.write`;
nothing else.
"""

from __future__ import annotations

import gc
import os
import sys

from ropa.cli.app import app
from ropa.cli.options import EXIT_ERROR


def _tolerant_streams() -> None:
    """On a console that cannot show every character (cp1252 on older Windows, a pipe with
    PYTHONIOENCODING=cp1252), print '?' for what it cannot show instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main() -> None:
    """Entry point: run the app; turn any unexpected error into one line and exit code 2."""
    _tolerant_streams()
    # A large record is hundreds of thousands of objects that live until the command ends;
    # at the default thresholds the cycle collector walks them hundreds of times (a tenth of
    # a check of 10,000 activities). One process, one command: collect less often.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    debug = "--debug" in sys.argv[1:] or bool(os.environ.get("ROPA_DEBUG"))
    if "--debug" in sys.argv[1:]:
        sys.argv.remove("--debug")
    if debug:  # the rule engine lets a crashing rule's traceback through
        os.environ["ROPA_DEBUG"] = "1"
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("ropa: interrupted\n")
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # the last line of defence: no traceback for users
        if debug:
            raise
        sys.stderr.write(
            f"ropa: internal error: {type(exc).__name__}: {exc} (run with --debug for details)\n"
        )
        sys.exit(EXIT_ERROR)
