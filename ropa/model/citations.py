"""Legal references in the reader's language: "Art. 30(1)(a)" as "artikel 30.1 a".

The rule registry writes its references in one English form: ``Art. 30(1)(a)``,
``Art. 13(1)(d), Art. 14(2)(b)``, ``Art. 9(2)(b), (g)-(j)``, ``Art. 44 to 49``, ``Chapter V``,
``Recital 43``, ``Art. 46(2)(c); Decision (EU) 2021/914``, a Commission decision with its date
and CELEX number, ``EDPB 05/2020``, ``CJEU C-311/18``, an authority's DPIA list and national
provisions. :func:`parse` reads such a reference into its parts and :func:`cite` writes it in
one of :data:`~ropa.model.languages.RECORD_LANGUAGES` in the style of that language's official
text of the GDPR::

    cite("Art. 30(1)(a)", "sv")  # 'artikel 30.1 a'
    cite("Art. 30(1)(a)", "nb")  # 'artikkel 30 nr. 1 bokstav a'
    cite("Art. 30(1)(a)", "da")  # 'artikel 30, stk. 1, litra a'
    cite("Art. 30(1)(a)", "fi")  # '30 artiklan 1 kohdan a alakohta'

The words are data (``ropa/data/legal/citations.json``). A national provision
("dataskyddslagen (2018:218) 3 kap. 10 §") is cited as its act names it, in every language.
A part :func:`cite` cannot read is kept as written; ``parse(text, strict=True)`` raises
instead, which is how the tests prove every reference of the registry is understood.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ropa.model.countries import country_code, country_name
from ropa.model.languages import RECORD_LANGUAGES
from ropa.model.resources import load_data


@dataclass(frozen=True, slots=True)
class Article:
    """An article, with its paragraph, points (each a letter or a range of letters), a
    subparagraph, a last article of a range, and the act it belongs to (None: the GDPR as the
    registry's context; ``gdpr``, ``eprivacy`` or ``directive`` with ``act_number``)."""

    number: int
    paragraph: str | None = None
    points: tuple[tuple[str, str | None], ...] = ()
    subparagraph: int | None = None
    last: int | None = None
    act: str | None = None
    act_number: str | None = None
    #: A second paragraph: ``("range", "4")`` for ``(3)-(4)``, ``("and", "4")`` for ``(2) and (4)``.
    also: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Named:
    """A reference that is not an article: ``kind`` is chapter, recital, decision_short,
    edpb_guidelines, wp29, court, authority_list or celex, with its value."""

    kind: str
    value: str
    extra: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """A Commission decision as the adequacy data names it, with its date and a remark."""

    kind: str
    number: str | None
    date: tuple[int, int, int] | None
    remark: str = ""
    where: str = ""


@dataclass(frozen=True, slots=True)
class National:
    """A provision of a Member State's law, cited as its act names it."""

    text: str


Part = Article | Named | Decision | National


class CitationError(ValueError):
    """A reference, or a part of one, that :func:`parse` cannot read."""


_ART = re.compile(
    r"(?:(?P<gdpr>GDPR)\s+)?Art\.\s*(?P<body>\d+(?:\(\d+\)(?:(?:-|\s+and\s+)\(\d+\))?)?"
    r"(?:\([a-z]\)(?:-\([a-z]\))?)?)"
    r"(?:\s+to\s+(?P<last>\d+))?(?:\s+(?P<sub>first|second|third|fourth)\s+subparagraph)?"
)
_BODY = re.compile(
    r"(?P<number>\d+)(?:\((?P<paragraph>\d+)\)(?:(?P<link>-|\s+and\s+)\((?P<also>\d+)\))?)?"
    r"(?:\((?P<point>[a-z])\)(?:-\((?P<upto>[a-z])\))?)?"
)
_MORE_POINTS = re.compile(r"\((?P<point>[a-z])\)(?:-\((?P<upto>[a-z])\))?")
_INSTRUMENT = re.compile(
    r"(?:(?P<eprivacy>ePrivacy Directive)|Directive\s+(?P<directive>\d+/\d+/E[CU]))(?:\s*,)?\s+"
)
_CHAPTER = re.compile(r"Chapter\s+(?P<value>[IVX]+)")
_RECITAL = re.compile(r"Recital\s+(?P<value>\d+)")
_SHORT_DECISION = re.compile(r"Decision\s+(?P<value>\(EU\)\s+\d{4}/\d+)")
_EDPB = re.compile(r"EDPB\s+(?P<value>\d+/\d{4})")
_WP29 = re.compile(r"(?P<value>WP\d+(?:\s+rev\.\d+)?)")
_COURT = re.compile(r"CJEU(?:\s+(?P<value>C-\d+/\d+))?")
_LIST = re.compile(r"(?P<extra>.+?)'s list \((?P<value>[\d-]+)\)")
_DECISION = re.compile(
    r"Commission\s+(?P<implementing>Implementing\s+)?Decision(?P<plural>s)?"
    r"(?:\s+(?P<number>(?:\(EU\)\s+)?\d{4}/\d+(?:/E[CU])?))?"
    r"(?:\s+of\s+(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4}))?"
    r"(?P<rest>.*)"
)
_WHERE = re.compile(r"\s*\((?P<where>CELEX \w+|OJ [^()]+)\)$")
_NATIONAL = re.compile(r"§|\bkap\.|\bluku\b|\b(?:lag|lov|laki|lagen|loven|förordning)\b", re.I)
_SEPARATOR = re.compile(r"\s*,\s*")


def parse(text: str, strict: bool = False) -> tuple[tuple[Part, str], ...]:
    """The parts of a reference, each with the separator that follows it (``", "``,
    ``"; "`` or ``""`` for the last). ``strict``: raise :class:`CitationError` for a part
    that is not understood, instead of keeping it as a :class:`National` text."""
    parts: list[tuple[Part, str]] = []
    clauses = _clauses(text.strip())
    for index, clause in enumerate(clauses):
        read = _read_clause(clause, strict)
        end = "; " if index < len(clauses) - 1 else ""
        parts.extend((part, ", ") for part in read[:-1])
        parts.append((read[-1], end))
    return tuple(parts)


def cite(text: str | None, lang: str) -> str:
    """``text`` (a reference as the registry writes it) in the citation style of ``lang``;
    empty for an empty reference; English and unknown languages in the registry's style.
    A reference with a part the data has no words for is returned as written."""
    if not text or not text.strip():
        return ""
    return _cite(text, lang if lang in RECORD_LANGUAGES else "en")


@cache
def _cite(text: str, lang: str) -> str:
    words = _words(lang)
    try:
        return "".join(_render(part, words, lang) + sep for part, sep in parse(text))
    except CitationError:  # a phrase or document the data does not have: as written
        return text


def _clauses(text: str) -> list[str]:
    """``text`` split at the semicolons outside parentheses."""
    clauses, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            clauses.append(text[start:index].strip())
            start = index + 1
    clauses.append(text[start:].strip())
    return [clause for clause in clauses if clause]


def _read_clause(clause: str, strict: bool) -> list[Part]:
    whole = _whole(clause)
    if whole is not None:
        return [whole]
    parts: list[Part] = []
    position = 0
    act: tuple[str, str | None] | None = None
    while position < len(clause):
        found = _INSTRUMENT.match(clause, position)
        if found and not parts:
            act = ("eprivacy", None) if found["eprivacy"] else ("directive", found["directive"])
            position = found.end()
            continue
        part, position = _read_part(clause, position, parts, act)
        if part is None:
            return _unread(clause, position, strict)
        if not (parts and part is parts[-1]):  # more points of the last article merge into it
            parts.append(part)
        if position < len(clause):
            separator = _SEPARATOR.match(clause, position)
            if not separator or separator.end() == position:
                return _unread(clause, position, strict)
            position = separator.end()
    return parts


def _unread(clause: str, position: int, strict: bool) -> list[Part]:
    if strict:
        raise CitationError(f"cannot read {clause[position:]!r} in {clause!r}")
    return [National(clause)]


def _whole(clause: str) -> Part | None:
    """A clause that is one part as a whole: a Commission decision, an authority's list, a
    national provision."""
    decision = _decision(clause)
    if decision is not None:
        return decision
    listed = _LIST.fullmatch(clause)
    if listed:
        return Named("authority_list", listed["value"], listed["extra"])
    if not clause.startswith(("Art.", "GDPR Art.")) and _NATIONAL.search(clause):
        return National(clause)
    return None


def _read_part(
    clause: str, position: int, parts: list[Part], act: tuple[str, str | None] | None
) -> tuple[Part | None, int]:
    article = _ART.match(clause, position)
    if article:
        return _article(article, act), article.end()
    previous = parts[-1] if parts else None
    if isinstance(previous, Article):
        more = _MORE_POINTS.match(clause, position)
        if more and previous.points:
            points = (*previous.points, (more["point"], more["upto"]))
            parts[-1] = replace(previous, points=points)
            return parts[-1], more.end()
        bare = _BODY.match(clause, position)
        if bare:
            body = replace(_body(bare), act=previous.act, act_number=previous.act_number)
            return body, bare.end()
    for kind, pattern in (
        ("chapter", _CHAPTER), ("recital", _RECITAL), ("decision_short", _SHORT_DECISION),
        ("edpb_guidelines", _EDPB), ("wp29", _WP29), ("court", _COURT),
    ):  # fmt: skip
        found = pattern.match(clause, position)
        if found:
            return Named(kind, found["value"] or ""), found.end()
    return None, position


def _body(found: re.Match[str]) -> Article:
    points = ((found["point"], found["upto"]),) if found["point"] else ()
    also = None
    if found["also"]:
        also = ("range" if found["link"] == "-" else "and", found["also"])
    return Article(int(found["number"]), found["paragraph"], points, also=also)


def _article(found: re.Match[str], act: tuple[str, str | None] | None) -> Article:
    body = _BODY.fullmatch(found["body"])
    assert body is not None  # the same digits the article pattern matched
    sub = found["sub"]
    ordinal = ("first", "second", "third", "fourth").index(sub) + 1 if sub else None
    name, act_number = act if act else (("gdpr", None) if found["gdpr"] else (None, None))
    last = int(found["last"]) if found["last"] else None
    return replace(_body(body), subparagraph=ordinal, last=last, act=name, act_number=act_number)


#: The months of English dates, as the adequacy data writes them.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _decision(clause: str) -> Decision | None:
    found = _DECISION.fullmatch(clause)
    if not found:
        return None
    kind = "decision"
    if found["implementing"]:
        kind = "implementing_plural" if found["plural"] else "implementing"
    date = None
    if found["year"]:
        if found["month"] not in _MONTHS:
            return None
        date = (int(found["year"]), _MONTHS.index(found["month"]) + 1, int(found["day"]))
    rest = found["rest"]
    where = _WHERE.search(rest)
    if where:
        rest = rest[: where.start()]
    return Decision(kind, found["number"], date, rest.strip(), where["where"] if where else "")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_data("legal/citations.json")  # read once: load_data caches
    return data


def _words(lang: str) -> Mapping[str, Any]:
    words: Mapping[str, Any] = _data()["languages"][lang]
    return words


def phrase(text: str, lang: str) -> str:
    """A phrase of the citations data in ``lang``; CitationError for one it does not have."""
    phrases: dict[str, dict[str, str]] = _data()["phrases"]
    if text not in phrases:
        raise CitationError(f"no phrase {text!r} in ropa/data/legal/citations.json")
    return phrases[text][lang]


def _render(part: Part, words: Mapping[str, Any], lang: str) -> str:
    if isinstance(part, Article):
        return _render_article(part, words)
    if isinstance(part, Decision):
        return _render_decision(part, words, lang)
    if isinstance(part, National):
        return part.text
    return _render_named(part, words, lang)


def _render_article(part: Article, words: Mapping[str, Any]) -> str:
    paragraph = part.paragraph
    if part.also is not None:
        link, also = part.also
        template = words["paragraph_range" if link == "range" else "paragraph_and"]
        paragraph = template.format(paragraph=paragraph, last=also, article=part.number)
    values: dict[str, Any] = {"article": part.number, "paragraph": paragraph}
    if part.last is not None:
        text = words["article_range"].format(article=part.number, last=part.last)
    elif part.paragraph is None:
        text = words["article"].format(**values)
    elif part.subparagraph is not None:
        ordinal = words["ordinals"][str(part.subparagraph)]
        text = words["subparagraph"].format(ordinal=ordinal, **values)
    elif part.points:
        items = [
            words["point_range"].format(point=point, last=upto)
            if upto
            else words["point_item"].format(point=point)
            for point, upto in part.points
        ]
        text = words["point"].format(points=words["points_join"].join(items), **values)
    elif part.number in _data()["numbered_articles"]:
        text = words["numbered"].format(**values)
    else:
        text = words["paragraph"].format(**values)
    if part.act is None:
        return text
    close = words["close"] if part.paragraph is not None else ""
    number = _union_number(part.act_number or "", words)
    return str(words["instruments"][part.act].format(citation=text, close=close, number=number))


def _union_number(number: str, words: Mapping[str, Any]) -> str:
    """``95/46/EC`` with the language's abbreviation of the Community or the Union."""
    head, _, suffix = number.rpartition("/")
    acts: Mapping[str, str] = words["union_acts"]
    return f"{head}/{acts[suffix]}" if head and suffix in acts else number


def _render_decision(part: Decision, words: Mapping[str, Any], lang: str) -> str:
    kind = words["decision_kinds"][part.kind]
    number = _union_number(part.number or "", words)
    if part.date is not None:
        year, month, day = part.date
        date = words["date"].format(day=day, month=words["months"][month - 1], year=year)
        template = "decision_dated" if part.number else "decision_dated_unnumbered"
        text = words[template].format(kind=kind, number=number, date=date)
    else:
        text = words["decision"].format(kind=kind, number=number).strip()
    remark = part.remark
    if remark.startswith("(") and remark.endswith(")"):
        text = f"{text} ({phrase(remark[1:-1], lang)})"
    elif remark:
        text = words["decision_tail"].format(decision=text, tail=phrase(remark, lang))
    if part.where:
        where = part.where
        if where.startswith("OJ "):
            where = words["official_journal"].format(rest=where[3:])
        text = f"{text} ({where})"
    return str(text)


def _render_named(part: Named, words: Mapping[str, Any], lang: str) -> str:
    if part.kind == "chapter":
        return str(words["chapter"].format(chapter=part.value))
    if part.kind == "recital":
        return str(words["recital"].format(recital=part.value))
    if part.kind == "decision_short":
        return str(words["decision_short"].format(number=part.value))
    if part.kind in ("edpb_guidelines", "wp29"):
        if part.kind == "edpb_guidelines" and part.value not in _data()["edpb_guidelines"]:
            raise CitationError(f"EDPB {part.value} is not listed in citations.json")
        return str(words["guidance"][part.kind].format(id=part.value))
    if part.kind == "court":
        if not part.value:
            return str(words["court_unnumbered"])
        return str(words["court"].format(case=part.value))
    authority = _authority(part.extra, lang)
    return str(words["authority_list"].format(authority=authority, date=part.value))


_COUNTRY_NOTE = re.compile(r"^(?P<name>.+?) \((?P<country>[A-Z][a-z]+)\)$")


def _authority(name: str, lang: str) -> str:
    """An authority's name, with the country that tells it apart in ``lang``:
    "Datatilsynet (Denmark)" is "Datatilsynet (Danmark)" in Norwegian."""
    found = _COUNTRY_NOTE.match(name)
    code = country_code(found["country"]) if found else None
    if found is None or code is None:
        return name
    return f"{found['name']} ({country_name(code, lang)})"
