"""The open data's JSON is written as json.dumps(sort_keys=True, indent=2, ensure_ascii=False)
would write it, whatever the registry holds, with <, > and & escaped so that it stays inert; its
CSV reads back cell for cell, whatever the registry holds, and never as a formula."""

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.site import opendata

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_the_json_is_what_json_dumps_writes_made_inert(data):
    written = opendata.dumps(data)
    expected = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    assert written == expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
    assert json.loads(written) == data
    assert "<" not in written and ">" not in written and "&" not in written


CELLS = st.lists(st.lists(st.none() | st.integers() | st.text(), min_size=1, max_size=4), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(CELLS)
def test_a_csv_reads_back_after_its_byte_order_mark_with_formulas_shown_as_text(rows):
    written = opendata.encoded("data/any.csv", opendata.csv_text(rows))
    assert written.startswith(b"\xef\xbb\xbf") and not written[3:].startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    assert read == [[opendata.safe_cell(cell) for cell in row] for row in rows]
    assert not [cell for row in read for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
