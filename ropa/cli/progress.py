"""A progress bar on the terminal for long work (``ropa export`` of a large record).

:func:`progress_bar` gives a ``progress(done, total)`` callback for ``ropa.api.export`` and
draws it with rich on standard error, only when that is a terminal: piped or in CI, nothing
is printed. The bar appears once the work has run for a moment, so a small record's export
shows none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Callback = Callable[[int, int], None]


@contextmanager
def progress_bar(description: str) -> Iterator[Callback | None]:
    """A callback that moves a bar on stderr; None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    # rich's progress module is loaded only for a bar (not for --help or a piped export).
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(description, total=None)

    def advance(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield advance


__all__ = ["progress_bar"]
