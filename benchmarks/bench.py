"""The site's benchmark: `invoke bench` (or `python benchmarks/bench.py`).

Builds synthetic registries (small, large; see synthetic.py) in a temporary
folder, never the real registry, and measures in one run, each figure the
median of several runs:

- a cold build of the site (output and build cache empty): wall time, peak memory;
- a rebuild after one new accession: wall time, files rewritten and files whose
  bytes changed (unchanged files must keep their bytes and modification time);
- a rebuild with nothing changed;
- a rebuild after an edit to the prose (a full build, taking unchanged pages from the last);
- the same pages built by plain Pelican from Markdown, and by Jinja2 alone (the floor);
- `registry status` and `registry export` on the large registry, interpreter start included;
- pages per second at each size.

Every build, reference build and command runs in a child process; peak memory
is the largest total PSS of that child and its own children (run_child). The
site's build renders in one process per CPU; CPU seconds (user + system, all
processes) are reported beside wall times, so that the work done can be
compared with the single-process references too. Prints a table and writes
benchmarks/results.json.
"""

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import reference  # noqa: E402
import synthetic  # noqa: E402

PYTHON = sys.executable
TODAY = synthetic.TODAY.isoformat()



def run_child(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a command; returns wall seconds, peak memory in MB and CPU seconds, of it and its children.

    Peak memory is the largest total proportional set size (PSS) of the
    command's process tree, sampled every 50 ms: a build that renders in
    forked helpers is charged for each helper's own pages, and pages they
    share are counted once. (ru_maxrss would report the largest single
    process, and would count this script's own high-water mark, which Linux
    carries across fork and exec.)
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeMemory(child.pid)
    sampler.start()
    errors = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)  # usage includes the children it waited for
    wall = time.perf_counter() - start
    sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{errors}")
    return wall, sampler.peak_kb / 1024, usage.ru_utime + usage.ru_stime


class TreeMemory(threading.Thread):
    """Samples the total PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            self.peak_kb = max(self.peak_kb, sum(map(pss_kb, tree(self.pid))))
            self.finished.wait(self.interval)

    def stop(self) -> None:
        self.finished.set()
        self.join()


def tree(root: int) -> list[int]:
    """The process and every descendant still running."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    # The parent pid is the 2nd field after the parenthesised command name.
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def files_state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under `folder`: (inode, mtime_ns, hash of the bytes)."""
    state = {}
    for path in folder.rglob("*"):
        if path.is_file():
            info = path.stat()
            digest = hashlib.sha1(path.read_bytes()).digest()
            state[path.relative_to(folder).as_posix()] = (info.st_ino, info.st_mtime_ns, digest)
    return state


def compare(before: dict, after: dict) -> dict[str, int]:
    written = changed = 0
    for name, (_, mtime, data) in after.items():
        old = before.get(name)
        if old is None or old[2] != data:
            changed += 1
        if old is None or old[1] != mtime:
            written += 1
    same_bytes_rewritten = sum(1 for name, (ino, mtime, data) in after.items()
                               if name in before and before[name][2] == data
                               and before[name][1] != mtime)
    changed_names = sorted(n for n, (_, _, data) in after.items() if n not in before or before[n][2] != data)
    return {"files": len(after), "written": written, "bytes_changed": changed,
            "bytes_changed_sample": changed_names[:12],
            "unchanged_but_rewritten": same_bytes_rewritten,
            "removed": len(set(before) - set(after))}


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


class Registry:
    """One synthetic registry in its own folder, with its environment."""

    def __init__(self, work: Path, size: str):
        self.size = size
        self.folder = work / size
        self.content = self.folder / "content"
        self.output = self.folder / "output"
        self.url = f"sqlite:///{self.folder / 'registry.db'}"
        self.env = dict(os.environ, REGISTRY_DATABASE_URL=self.url, REGISTRY_CONTENT_DIR=str(self.content),
                        REGISTRY_TODAY=TODAY, REGISTRY_USER="benchmark", REGISTRY_OUTPUT_DIR=str(self.output))
        self.folder.mkdir(parents=True)
        saved = {k: os.environ.get(k) for k in ("REGISTRY_CONTENT_DIR", "REGISTRY_DATABASE_URL")}
        os.environ.update(REGISTRY_CONTENT_DIR=str(self.content), REGISTRY_DATABASE_URL=self.url)
        try:
            start = time.perf_counter()
            self.counts = synthetic.create(self.url, size, self.content)
            self.generate_seconds = round(time.perf_counter() - start, 2)
            self._prose()
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        self.joins = self._candidates()

    def _prose(self) -> None:
        """Prose with references, so the build resolves and converts Markdown as a real site does."""
        (self.content / "instruments").mkdir(exist_ok=True)
        (self.content / "home.md").write_text(
            "The alliance rests on the {instrument:founding-charter}. Its first session was "
            "{session:conference-1}.\n", encoding="utf-8")
        (self.content / "pages").mkdir(exist_ok=True)
        (self.content / "pages" / "about.md").write_text(
            "Title: About the alliance\n\n## Who\n\nCountries such as {country:"
            + self._first_member() + "} take part.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
        (self.content / "data.md").write_text("The open data files.\n", encoding="utf-8")
        (self.content / "instruments" / "founding-charter.md").write_text(
            "## Summary\n\nThe *founding* charter, adopted at {session:conference-1}.\n", encoding="utf-8")

    def _first_member(self) -> str:
        doc = synthetic.document(self.size)
        return next(a["country"] for a in doc["actions"] if a["instrument"] == "founding-charter")

    def _candidates(self) -> list[tuple[str, str]]:
        """(country, instrument) pairs with no action yet: new accessions to record."""
        import sqlite3

        connection = sqlite3.connect(self.folder / "registry.db")
        taken = set(connection.execute("SELECT country, instrument FROM action"))
        countries = sorted({c for (c,) in connection.execute("SELECT DISTINCT country FROM action")})
        slugs = [s for (s,) in connection.execute("SELECT slug FROM instrument ORDER BY slug")
                 if s != "founding-charter"]
        connection.close()
        return [(c, s) for s in slugs for c in countries if (c, s) not in taken]

    def build(self) -> tuple[float, float, float]:
        return run_child([PYTHON, "-m", "registry.site", "-s", str(PROJECT / "pelicanconf.py"),
                          "-o", str(self.output)], self.env)

    def clean(self) -> None:
        """Remove the output and everything the build keeps beside it (e.g. a cache)."""
        for path in [*self.folder.glob(f"*{self.output.name}*"), self.folder / ".site-cache"]:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def join(self, n: int) -> None:
        country, instrument = self.joins[n]
        day = (synthetic.TODAY - timedelta(days=10 + n)).isoformat()
        run_child([PYTHON, "-m", "registry", "join", country, "--instrument", instrument, "--date", day,
                   "--source", "benchmark"], self.env)

    def pages(self) -> int:
        return sum(1 for _ in self.output.rglob("*.html"))


def measure_site(reg: Registry, runs: int) -> dict:
    cold, peak, cpu = [], [], []
    for _ in range(runs):
        reg.clean()
        wall, mb, seconds = reg.build()
        cold.append(wall)
        peak.append(mb)
        cpu.append(seconds)
    pages = reg.pages()
    files = sum(1 for p in reg.output.rglob("*") if p.is_file())
    # Nothing changed.
    unchanged, unchanged_counts = [], []
    for _ in range(runs):
        before = files_state(reg.output)
        time.sleep(0.01)
        wall, _, _ = reg.build()
        unchanged.append(wall)
        unchanged_counts.append(compare(before, files_state(reg.output)))
    # One new accession (to an instrument other than the founding one).
    accession, accession_counts = [], []
    for n in range(runs):
        reg.join(n)
        before = files_state(reg.output)
        time.sleep(0.01)
        wall, _, _ = reg.build()
        accession.append(wall)
        accession_counts.append(compare(before, files_state(reg.output)))
    # An edit to the prose: a full build, which takes every unchanged page from the last one.
    prose, prose_counts = [], []
    for n in range(runs):
        with open(reg.content / "pages" / "about.md", "a", encoding="utf-8") as about:
            about.write(f"\nEdited for run {n}.\n")
        before = files_state(reg.output)
        time.sleep(0.01)
        wall, _, _ = reg.build()
        prose.append(wall)
        prose_counts.append(compare(before, files_state(reg.output)))
    return {
        "pages": pages, "files": files,
        "cold_build_s": median(cold), "cold_build_runs_s": [round(x, 3) for x in cold],
        "cold_build_cpu_s": median(cpu),
        "cold_peak_mb": round(max(peak), 1),
        "pages_per_s": round(pages / statistics.median(cold), 1),
        "rebuild_unchanged_s": median(unchanged), "rebuild_unchanged_files": unchanged_counts[-1],
        "rebuild_one_accession_s": median(accession), "rebuild_one_accession_runs_s": [round(x, 3) for x in accession],
        "rebuild_one_accession_files": accession_counts,
        "rebuild_prose_edit_s": median(prose), "rebuild_prose_edit_files": prose_counts,
    }


def measure_references(reg: Registry, runs: int) -> dict:
    pickle_file = reg.folder / "pages.pickle"
    markdown = reg.folder / "markdown"
    env = reg.env
    subprocess.run([PYTHON, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import reference; "
                    "from pathlib import Path; reference.export_pages(Path(sys.argv[2]), Path(sys.argv[3])); "
                    "reference.write_markdown(Path(sys.argv[3]), Path(sys.argv[4]))",
                    str(HERE), str(reg.content), str(pickle_file), str(markdown)], env=env, check=True)
    settings = reference.pelican_settings(reg.folder / "plainconf.py", markdown)
    floor, floor_peak, floor_cpu, plain, plain_peak = [], [], [], [], []
    paired, paired_cpu = [], []
    for _ in range(runs):
        # Each floor run right after a cold build of the site, so that both see the machine
        # in the same state: on a shared machine speed drifts by a third within minutes.
        reg.clean()
        wall, _, seconds = reg.build()
        paired.append(wall)
        paired_cpu.append(seconds)
        out = reg.folder / "floor-output"
        shutil.rmtree(out, ignore_errors=True)
        wall, mb, seconds = run_child([PYTHON, str(HERE / "jinja_floor.py"), str(pickle_file), str(out)], env)
        floor.append(wall)
        floor_peak.append(mb)
        floor_cpu.append(seconds)
    identical = _identical(reg.folder / "floor-output", reg.output)
    for _ in range(runs):
        out = reg.folder / "pelican-output"
        shutil.rmtree(out, ignore_errors=True)
        wall, mb, _ = run_child([PYTHON, "-m", "pelican", str(markdown), "-s", str(settings), "-o", str(out)], env)
        plain.append(wall)
        plain_peak.append(mb)
    return {"jinja_floor_s": median(floor), "jinja_floor_peak_mb": round(max(floor_peak), 1),
            "jinja_floor_cpu_s": median(floor_cpu),
            "paired_build_s": median(paired), "paired_build_cpu_s": median(paired_cpu),
            "jinja_floor_pages_identical_to_site": identical,
            "plain_pelican_s": median(plain), "plain_pelican_peak_mb": round(max(plain_peak), 1)}


def _identical(floor: Path, site: Path) -> str:
    names = [p.relative_to(floor) for p in floor.rglob("*.html")]
    same = sum(1 for n in names if (site / n).exists() and (site / n).read_bytes() == (floor / n).read_bytes())
    return f"{same}/{len(names)}"


def measure_commands(reg: Registry, runs: int) -> dict:
    registry = [PYTHON, "-m", "registry"]
    status = [run_child(registry + ["status"], reg.env)[0] for _ in range(runs)]
    export = [run_child(registry + ["export", "--output", str(reg.folder / "export.json")], reg.env)[0]
              for _ in range(runs)]
    bare = [run_child([PYTHON, "-c", "pass"], reg.env)[0] for _ in range(runs)]
    return {"status_s": median(status), "export_s": median(export), "python_start_s": median(bare)}


ROWS = [
    ("pages (HTML)", "pages", ""),
    ("files written", "files", ""),
    ("cold build", "cold_build_s", "s"),
    ("cold build CPU time (all processes)", "cold_build_cpu_s", "s"),
    ("cold build peak memory", "cold_peak_mb", "MB"),
    ("pages per second (cold)", "pages_per_s", ""),
    ("rebuild, nothing changed", "rebuild_unchanged_s", "s"),
    ("rebuild after one accession", "rebuild_one_accession_s", "s"),
    ("  files rewritten/bytes changed, each run", "accession_files", ""),
    ("  files rewritten, nothing changed", "unchanged_files", ""),
    ("rebuild after a prose edit (a full build)", "rebuild_prose_edit_s", "s"),
    ("  files rewritten/bytes changed, each run", "prose_files", ""),
    ("reference: Jinja2-only floor", "jinja_floor_s", "s"),
    ("  cold build, each run just before the floor's", "paired_build_s", "s"),
    ("reference: floor CPU time", "jinja_floor_cpu_s", "s"),
    ("reference: floor peak memory", "jinja_floor_peak_mb", "MB"),
    ("  floor pages identical to the site's", "jinja_floor_pages_identical_to_site", ""),
    ("reference: plain Pelican (Markdown)", "plain_pelican_s", "s"),
    ("reference: plain Pelican peak memory", "plain_pelican_peak_mb", "MB"),
    ("build / floor (wall, paired runs)", "vs_floor", "x"),
    ("build / floor (CPU time, paired runs)", "cpu_vs_floor", "x"),
    ("plain Pelican / build", "pelican_vs_build", "x"),
    ("registry status (with interpreter start)", "status_s", "s"),
    ("registry export (with interpreter start)", "export_s", "s"),
    ("bare interpreter start", "python_start_s", "s"),
]


def table(results: dict) -> str:
    sizes = list(results["sizes"])
    lines = [f"{'':44}" + "".join(f"{s:>20}" for s in sizes)]
    for label, key, unit in ROWS:
        cells = []
        for s in sizes:
            value = results["sizes"][s].get(key, "")
            cells.append(f"{value}{' ' + unit if unit and value != '' else ''}")
        if any(cells):
            lines.append(f"{label:44}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,large")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median); default 3")
    parser.add_argument("--no-references", action="store_true", help="skip plain Pelican and the Jinja2 floor")
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    # Measure the code as an installed package runs: `pip install` compiles the
    # bytecode, whereas an editable checkout under PYTHONDONTWRITEBYTECODE
    # would compile every module again in every child.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(PROJECT / "registry")], check=True,
                   stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="registry-bench-"))
    results = {"date": date.today().isoformat(), "python": platform.python_version(),
               "machine": f"{platform.machine()}, {os.cpu_count()} CPUs", "runs": args.runs,
               "today": TODAY, "sizes": {}}
    try:
        for size in args.sizes.split(","):
            print(f"[{size}] generating the registry ...", flush=True)
            reg = Registry(work, size)
            row = {"generate_s": reg.generate_seconds, "rows": reg.counts}
            print(f"[{size}] site builds ...", flush=True)
            row |= measure_site(reg, args.runs)
            # One figure per run: the first accession also changes every page's "Data as of"
            # footer; later ones in the same minute do not (the footer shows minutes).
            row["accession_files"] = ", ".join(f"{r['written']}/{r['bytes_changed']}"
                                               for r in row["rebuild_one_accession_files"])
            row["prose_files"] = ", ".join(f"{r['written']}/{r['bytes_changed']}"
                                           for r in row["rebuild_prose_edit_files"])
            nothing = row["rebuild_unchanged_files"]
            row["unchanged_files"] = f"{nothing['written']}/{nothing['bytes_changed']}"
            if not args.no_references:
                print(f"[{size}] reference builds ...", flush=True)
                row |= measure_references(reg, args.runs)
                row["vs_floor"] = round(row["paired_build_s"] / row["jinja_floor_s"], 2)
                row["cpu_vs_floor"] = round(row["paired_build_cpu_s"] / row["jinja_floor_cpu_s"], 2)
                row["pelican_vs_build"] = round(row["plain_pelican_s"] / row["cold_build_s"], 2)
            print(f"[{size}] registry status and export ...", flush=True)
            row |= measure_commands(reg, max(args.runs, 5) if size == "small" else args.runs + 2)
            results["sizes"][size] = row
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print(f"\nwritten {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
