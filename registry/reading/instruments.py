"""The instruments: the founding declaration and every later one."""

from registry.storage.rows import Reader, Row


def instruments(reader: Reader) -> list[Row]:
    """Every instrument, oldest first (by adoption date, then slug)."""
    return sorted(reader.records("instrument"), key=lambda i: (i.adopted, i.slug))
