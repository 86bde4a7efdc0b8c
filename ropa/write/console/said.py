"""The one-line reports of ``ropa init`` and ``ropa export`` in the user's language.

The words are in ``ropa/data/messages/<lang>/console.json``; the command passes the language
it knows (``--lang``, else the record's as ``ropa check`` read it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ropa.write.console.findings import word


def wrote_template(path: Path, lang: str, example: bool) -> str:
    """'Wrote template record.xlsx (sv). Next: ropa check record.xlsx', in ``lang``."""
    key = "wrote_example" if example else "wrote_template"
    return word(key, lang, path=str(path), language=lang)


def wrote(written: Sequence[Path], output: Path, lang: str) -> str:
    """'Wrote report.pdf.' or 'Wrote 10 files in csv.', in ``lang``."""
    if len(written) == 1:
        return word("wrote_file", lang, path=str(written[0]))
    return word("wrote_files", lang, count=len(written), path=str(output))


def fails_check(errors: int, workbooks: Sequence[Path], lang: str) -> str:
    """The note that the exported record has errors ``ropa check`` reports, in ``lang``."""
    shown = " ".join(str(path) for path in workbooks)
    return word("fails_check", lang, count=errors, paths=shown)
