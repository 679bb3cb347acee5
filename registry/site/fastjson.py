"""json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False), byte for byte, faster.

With an indent the standard library falls back to its pure-Python encoder,
one generator step per token; this writes the same text with one list of
parts and the C encoder. A dict of scalars is one call of the C encoder with
the indent in its item separator; a list of such dicts (a table's rows, the
bulk of registry.json) is one call for the whole list, whose separators
between rows are then re-indented: no encoded string can hold a raw newline,
so the pattern that marks a boundary between rows occurs nowhere else.
Anything it does not know (floats, non-string keys, other types) goes to
json.dumps, so the output is always the same.
"""

import json
from itertools import chain
from json.encoder import encode_basestring

_INDENTS = ["\n" + "  " * n for n in range(64)]
_SCALARS = frozenset({str, int, bool, type(None)})
#: For a dict of scalars at each depth: the C encoder, with the newline and
#: indent of that depth as its item separator.
_FLAT = [json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=("," + _INDENTS[n + 1], ": ")).encode
         for n in range(63)]


def _is_flat(value: dict) -> bool:
    return all(type(v) in _SCALARS for v in value.values()) and all(type(k) is str for k in value)


def _rows(value: list, depth: int) -> str | None:
    """A non-empty list of non-empty dicts of scalars, encoded in one C call; None for any other list."""
    if not all(type(item) is dict and item for item in value):
        return None
    # Every key a string and every value a scalar, checked by C-level iteration.
    if set(map(type, chain.from_iterable(value))) != {str}:
        return None
    if not set(map(type, chain.from_iterable(map(dict.values, value)))) <= _SCALARS:
        return None
    item, row = _INDENTS[depth + 1], _INDENTS[depth + 2]
    text = _FLAT[depth + 1](value)  # '[{"a": 1,<row>"b": 2},<row>{"a": 3, ...}]'
    between_rows = "}," + row + "{"
    return ("[" + item + "{" + row
            + text[2:-2].replace(between_rows, item + "}," + item + "{" + row)
            + item + "}" + _INDENTS[depth] + "]")


class _Fallback(Exception):
    pass


def _encode(value, depth: int, out: list, append) -> None:
    kind = type(value)
    if kind is str:
        append(encode_basestring(value))
    elif value is None:
        append("null")
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif kind is int:
        append(int.__repr__(value))
    elif kind is dict:
        if not value:
            append("{}")
            return
        inner = _INDENTS[depth + 1]
        if _is_flat(value):
            text = _FLAT[depth](value)  # '{"a": 1,<indent>"b": 2}'
            append("{")
            append(inner)
            append(text[1:-1])
            append(_INDENTS[depth])
            append("}")
            return
        keys = sorted(value)
        if type(keys[0]) is not str or any(type(k) is not str for k in keys):
            raise _Fallback
        append("{")
        separator = inner
        for key in keys:
            append(separator)
            append(encode_basestring(key))
            append(": ")
            _encode(value[key], depth + 1, out, append)
            separator = "," + inner
        append(_INDENTS[depth])
        append("}")
    elif kind is list or kind is tuple:
        if not value:
            append("[]")
            return
        rows = _rows(value, depth) if kind is list else None
        if rows is not None:
            append(rows)
            return
        inner = _INDENTS[depth + 1]
        append("[")
        separator = inner
        for item in value:
            append(separator)
            _encode(item, depth + 1, out, append)
            separator = "," + inner
        append(_INDENTS[depth])
        append("]")
    else:
        raise _Fallback


def dumps(data) -> str:
    return dumps_at(data, 0)


def dumps_at(data, depth: int) -> str:
    """`data` encoded as it appears `depth` levels inside a document that dumps() writes."""
    out: list[str] = []
    try:
        _encode(data, depth, out, out.append)
    except (_Fallback, IndexError, TypeError):
        text = json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
        return text.replace("\n", _INDENTS[depth]) if depth else text
    return "".join(out)


def items_at(items: list, depth: int) -> list[str]:
    """Each item of a list that sits `depth` levels deep, as dumps_at(item, depth + 1) writes it.

    A table's rows are encoded in one call and then cut apart at the boundaries
    between rows, which (as in _rows) occur nowhere else in the text.
    """
    text = _rows(items, depth) if items else None
    if text is None:
        return [dumps_at(item, depth + 1) for item in items]
    item = _INDENTS[depth + 1]
    inner = text[len("[" + item):-len(_INDENTS[depth] + "]")]  # '{...<item>},<item>{...<item>}'
    return _cut(inner, "}," + item + "{")


def _cut(inner: str, boundary: str) -> list[str]:
    parts = inner.split(boundary)
    if len(parts) == 1:
        return parts
    return [parts[0] + "}", *("{" + p + "}" for p in parts[1:-1]), "{" + parts[-1]]


def document(parts: dict[str, str], lists: dict[str, list[str]]) -> str:
    """What dumps() writes for a dict whose values are encoded already: `parts` holds values
    encoded with dumps_at(value, 1), `lists` the items of lists, each with dumps_at(item, 2).
    (Put together in one join: registry.json is tens of megabytes.)"""
    names = sorted({*parts, *lists})
    if not names:
        return "{}"
    pieces = ["{"]
    for number, name in enumerate(names):
        pieces.append(("," if number else "") + _INDENTS[1] + encode_basestring(name) + ": ")
        if name not in lists:
            pieces.append(parts[name])
        elif lists[name]:
            pieces.append("[" + _INDENTS[2])
            pieces.append(("," + _INDENTS[2]).join(lists[name]))
            pieces.append(_INDENTS[1] + "]")
        else:
            pieces.append("[]")
    pieces.append(_INDENTS[0] + "}")
    return "".join(pieces)
