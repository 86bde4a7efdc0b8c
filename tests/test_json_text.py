"""ropa.write.json_text.dumps writes what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from ropa.write.json_text import dumps


class Level(enum.IntEnum):
    HIGH = 3


class Text(str):
    pass


CASES: list[Any] = [
    {},
    [],
    "plain",
    {"a": [], "b": {}, "c": [[], {}], "d": [{"e": None}]},
    {
        "activities": [
            {
                "activity_id": "A-1",
                "name": 'Löner \u2013 \u201cpayroll\u201d "quoted" \\ back\nslash\t\x01',
                "data_subjects": ["Employees", "Job applicants"],
                "last_reviewed": dt.date(2026, 11, 30),
                "_source": {"file": Path("x.xlsx"), "row": 5, "share": 0.1},
            }
        ],
        "_meta": {"generated": dt.datetime(2026, 11, 30, 12, 0), "counts": (1, 2.5, -3)},
    },
    {7: "int key", 2.5: "float key", True: "bool key", None: "none key", "s": float("nan")},
    [float("inf"), float("-inf"), 1e300, -0.0, 10**30, True, False, None],
    {"enum": Level.HIGH, "text": Text("sub"), "ordered": OrderedDict(b=1, a=[2])},
    [[[["deep", {"x": [1, {"y": {}}]}]]]],
]


@pytest.mark.parametrize("value", CASES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2, default=str)


def test_refuses_the_keys_json_refuses() -> None:
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})
