"""Rules made faster keep their answers: each fast path against the plain algorithm it
replaces, on generated tables (the plain one stays in the code for the cases it covers)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ropa.check.rules.record.quality import _copies, _copies_by_variants
from ropa.read.workbook import Row

_VALUES = st.sampled_from(["", "a", "b", "c", "hr", "it"])


@settings(max_examples=400, deadline=None)
@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda width: st.tuples(
            st.just(width), st.lists(st.tuples(*[_VALUES] * width), max_size=12)
        )
    )
)
def test_copies_one_field_at_a_time_match_the_variant_keys(
    case: tuple[int, list[tuple[str, ...]]],
) -> None:
    width, tuples = case  # no rows at all included
    table = [(Row(number, {}, {}), values) for number, values in enumerate(tuples, start=2)]
    fast = [(row.number, original.number) for row, original in _copies(table, width)]
    plain = [(row.number, original.number) for row, original in _copies_by_variants(table)]
    assert fast == plain
