"""What several notice rules share."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.check.views.notice import NoticeView
from ropa.model.countries import country_name
from ropa.model.findings import Problem
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.messages import Message, Named, named


def _missing(ctx: NoticeView, key: str, message: Message, hint: Message) -> Iterator[Problem]:
    """One finding at the notice's top when element ``key`` is missing."""
    if ctx.missing(key):
        yield Problem(ctx.at(), message, hint=hint)


def country(code: str) -> Named:
    """A country's name as a message parameter, in the language the message is shown in."""
    return named({lang: country_name(code, lang) for lang in RECORD_LANGUAGES})
