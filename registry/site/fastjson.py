"""json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False), byte for byte, faster.

With an indent the standard library falls back to its pure-Python encoder,
one generator step per token; this writes the same text with one list of
parts and the C string encoder. Anything it does not know (floats, non-string
keys, other types) goes to json.dumps, so the output is always the same.
"""

import json
from json.encoder import encode_basestring

_INDENTS = ["\n" + "  " * n for n in range(64)]
_SCALARS = frozenset({str, int, bool, type(None)})
#: For a dict of scalars at each depth: the C encoder, with the newline and
#: indent of that depth as its item separator.
_FLAT = [json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=("," + _INDENTS[n + 1], ": ")).encode
         for n in range(63)]


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
        if all(type(v) in _SCALARS for v in value.values()) and all(type(k) is str for k in value):
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
    out: list[str] = []
    try:
        _encode(data, 0, out, out.append)
    except (_Fallback, IndexError, TypeError):
        return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    return "".join(out)
