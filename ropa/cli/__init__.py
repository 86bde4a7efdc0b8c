"""The ``ropa`` command: a thin Typer layer over the library.

Commands parse arguments, call the library and render the result; nothing else. Heavy
modules are imported inside the commands so that ``ropa --version`` starts fast.
"""

from __future__ import annotations

import os
import sys

from ropa.cli.app import app

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def main() -> None:
    """Entry point: run the app; turn any unexpected error into one line and exit code 2."""
    debug = "--debug" in sys.argv[1:] or bool(os.environ.get("ROPA_DEBUG"))
    if "--debug" in sys.argv[1:]:
        sys.argv.remove("--debug")
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
