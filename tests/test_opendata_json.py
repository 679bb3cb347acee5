"""The open data's JSON is written as json.dumps(sort_keys=True, indent=2, ensure_ascii=False)
would write it, whatever the registry holds, with <, > and & escaped so that it stays inert."""

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
