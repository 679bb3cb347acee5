"""Every field of an instrument reaches every layer: the command line, the library, corrections,
the open data and its schema, and the instrument's page.

The fields come from the model (registry/storage/models.py), so a field added
there and forgotten in any layer fails here, naming the layer. How a field is
added is told in docs/development.md ("Adding a field").
"""

import inspect
import json
from datetime import date

import pytest

from registry.storage.models import Instrument
from registry.writing import corrections, instruments

#: The fields that name the entry rather than describe it.
IDENTITY = ("id", "slug")
FIELDS = [name for name in Instrument.model_fields if name not in IDENTITY]


def value_for(name: str) -> str:
    """A value for the field that no page would show by chance."""
    annotation = Instrument.model_fields[name].annotation
    if annotation in (date, date | None):
        return "2011-11-11"
    if name == "kind":
        return "convention"
    return f"{name.replace('_', ' ').title()} 7421"


def test_the_command_line_takes_every_field(cli):
    help_text = cli("instrument", "add", "--help").stdout
    missing = [name for name in FIELDS if f"--{name.replace('_', '-')}" not in help_text]
    assert missing == [], f"`registry instrument add` has no option for {missing}"


def test_the_library_takes_every_field():
    parameters = inspect.signature(instruments.add).parameters
    assert [name for name in FIELDS if name not in parameters] == []


def test_every_field_can_be_corrected():
    assert sorted(corrections.correctable("instrument")) == sorted(FIELDS)


@pytest.mark.sqlite_only
def test_every_field_is_shown_on_the_page_and_published_in_the_open_data(seeded, build_site, tmp_path):
    values = {name: value_for(name) for name in FIELDS}
    options = [part for name, value in values.items() for part in (f"--{name.replace('_', '-')}", value)]
    added = seeded("instrument", "add", "field-test", *options)
    assert added.exit_code == 0, added.stderr
    build_site()
    output = tmp_path / "output"
    page = (output / "instruments" / "field-test" / "index.html").read_text(encoding="utf-8")
    shown = {"2011-11-11": "11 November 2011"}
    assert [name for name, value in values.items() if shown.get(value, value) not in page] == []
    published = json.loads((output / "data" / "registry.json").read_text(encoding="utf-8"))
    row = next(i for i in published["instruments"] if i["slug"] == "field-test")
    assert {name: row.get(name) for name in FIELDS} == values
    schema = json.loads((output / "data" / "registry.schema.json").read_text(encoding="utf-8"))
    described = schema["properties"]["instruments"]["items"]["properties"]
    assert [name for name in FIELDS if name not in described] == []
