"""What several notice rules share."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.views.notice import NoticeView
from ropa.model.findings import Problem


def _missing(ctx: NoticeView, key: str, message: str, hint: str) -> Iterator[Problem]:
    if ctx.missing(key):
        yield Problem(ctx.at(), message, hint=hint)
