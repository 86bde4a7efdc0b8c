"""The text layer of a notice in PDF (pypdf, imported on first use).

A PDF without a text layer (a scan) is refused with advice to OCR it; so is an encrypted one
that does not open with an empty password.
"""

from __future__ import annotations

import io
import logging

from ropa.read.notice.decode import split_lines
from ropa.read.notice.files import PolicyReadError, short_reason


def pdf_lines(data: bytes, shown: str) -> list[str]:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PolicyReadError(f"{shown}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PolicyReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise PolicyReadError(f"{shown}: not a readable PDF ({short_reason(exc)})") from None
    except NotImplementedError as exc:
        raise PolicyReadError(
            f"{shown}: this PDF uses a feature ropa cannot read ({exc})"
        ) from None
    except RecursionError:
        raise
    except Exception as exc:  # pypdf lets zlib, struct and other errors through
        raise PolicyReadError(f"{shown}: not a readable PDF ({short_reason(exc)})") from None
    lines = [line.rstrip() for page in pages for line in split_lines(page)]
    if not any(ch.isalnum() for line in lines for ch in line):
        raise PolicyReadError(
            f"{shown}: the PDF has no text layer (a scanned image?); OCR it first"
        )
    return lines
