"""Where one build's wall time goes, step by step, without a profiler's overhead.

    python benchmarks/breakdown.py [-s SETTINGS] [-o OUTPUT]

Runs `python -m registry.site` in this process, on the registry and content
named by the environment (REGISTRY_DATABASE_URL, REGISTRY_CONTENT_DIR, as for
the build), with a timer around each step, and prints the seconds spent in
each. Steps nest: "pages rendered and written" and "data files" are parts of
"registry pages and data", which is part of "Pelican.run". Use it on a copy
(`invoke synthetic`), never on the real registry's output if it matters.
"""

import functools
import importlib
import sys
import time

START = time.perf_counter()
SPENT: dict[str, float] = {}

STEPS = [
    ("registry.site.build", "inputs_of", "stamp: hash content/, theme/, code"),
    ("registry.reading.snapshot", "position_of", "stamp: the registry's position"),
    ("registry.reading.snapshot", "take", "registry read (snapshot.take)"),
    ("pelican", "Pelican.run", "Pelican.run"),
    ("registry.site.generator", "RegistryGenerator.generate_context", "  registry pages listed, prose read"),
    ("registry.site.generator", "RegistryGenerator.generate_output", "  registry pages and data"),
    ("registry.site.cache", "digest", "    page keys (hash of each page's variables)"),
    ("pelican.writers", "Writer.write_file", "    pages rendered and written (Jinja2)"),
    ("registry.site.generator", "RegistryGenerator.write_data_files", "    data files (JSON, CSV, feed, calendar)"),
    ("registry.site.opendata", "dumps", "      of which JSON encoding"),
    ("registry.site.build", "keep_unchanged", "unchanged files given their old time"),
    ("registry.site.cache", "seal", "manifest written"),
    ("registry.site.build", "swap", "new folder swapped in, old one removed"),
]


def timed(module: str, name: str, label: str) -> None:
    owner = importlib.import_module(module)
    attribute = name
    if "." in name:
        cls, attribute = name.split(".")
        owner = getattr(owner, cls)
    original = getattr(owner, attribute)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, attribute, wrapper)


def main(argv: list[str]) -> int:
    for module, name, label in STEPS:
        timed(module, name, label)
    imported = time.perf_counter()
    from registry.site.__main__ import main as build

    code = build(argv)
    total = time.perf_counter() - START
    print(f"\n{'interpreter start to main (imports of the build module)':58} {imported - START:6.2f} s")
    for _, _, label in STEPS:
        if label in SPENT:
            print(f"{label:58} {SPENT[label]:6.2f} s")
    print(f"{'total (after interpreter start)':58} {total:6.2f} s")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
