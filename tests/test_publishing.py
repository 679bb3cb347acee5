"""Publishing: `invoke publish`, `invoke deploy [--dry-run]`, `invoke preview`, `registry log
--since-publish` and `invoke serve --port`, run as real invoke tasks in new processes against a
registry in a temporary folder (never the repository's).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SITE_URL = "https://registry.example.org/alliance"


def environment(folder: Path, **extra: str) -> dict[str, str]:
    """The registry in `folder`, the project's content, the site built into `folder`/output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    env.update(REGISTRY_DATABASE_URL=f"sqlite:///{folder / 'registry.db'}", REGISTRY_OUTPUT_DIR=str(folder / "output"),
               REGISTRY_CONTENT_DIR=str(PROJECT / "content"), REGISTRY_USER="publishing-test", **extra)
    return env


def checked(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert "Traceback" not in result.stderr, result.stderr
    assert "unexpected failure" not in result.stderr, result.stderr
    return result


def invoke(folder: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """`invoke -r PROJECT ARGS` from `folder`, as `cd /srv/registry && invoke -r /path/to/project ...`."""
    return checked(subprocess.run([sys.executable, "-m", "invoke", "-r", str(PROJECT), *args], cwd=folder,
                                  env=environment(folder, **extra), capture_output=True, text=True, timeout=300))


def registry(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return checked(subprocess.run([sys.executable, "-m", "registry", *args], cwd=folder, env=environment(folder),
                                  capture_output=True, text=True, timeout=120))


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory):
    """A registry made once by `registry init --seed`; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("seeded")
    result = registry(folder, "init", "--seed")
    assert result.returncode == 0, result.stderr
    return folder / "registry.db"


@pytest.fixture
def site(tmp_path, seeded_file):
    """A folder holding a copy of the seeded registry, where the tasks run; the repository's own
    publish record must not be touched."""
    record = PROJECT / ".published.json"
    before = record.read_bytes() if record.exists() else None
    for name in ("registry.db", "registry.db-wal"):
        if (seeded_file.parent / name).exists():
            shutil.copyfile(seeded_file.parent / name, tmp_path / name)
    yield tmp_path
    assert (record.read_bytes() if record.exists() else None) == before, "the repository's publish record changed"


def last_change(folder: Path) -> int:
    return json.loads(registry(folder, "log", "--limit", "1", "--json").stdout)[0]["id"]


def links(page: Path) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", [None, "", "registry.example.org", "ftp://registry.example.org", "http://"])
def test_publish_refuses_without_an_http_site_url(site, url):
    extra = {} if url is None else {"REGISTRY_SITE_URL": url}
    result = invoke(site, "publish", **extra)
    assert result.returncode == 1
    said = "REGISTRY_SITE_URL is not set" if not url else f"REGISTRY_SITE_URL is {url!r}, not an http(s) address"
    assert f"Error: {said}, so the published site would link to the wrong address; nothing was built." in result.stderr
    assert "REGISTRY_SITE_URL=https://" in result.stderr  # how to set it
    assert sorted(p.name for p in site.iterdir()) == ["registry.db"], "nothing was built"


def test_deploy_refuses_without_a_site_url_or_a_target(site):
    result = invoke(site, "deploy", "--target", str(site / "www"))
    assert result.returncode == 1 and "REGISTRY_SITE_URL is not set" in result.stderr
    result = invoke(site, "deploy", REGISTRY_SITE_URL=SITE_URL)
    assert result.returncode == 1 and "no deploy target" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["registry.db"], "nothing was built, copied or recorded"


def test_since_publish_without_a_record_is_refused(site):
    result = registry(site, "log", "--since-publish")
    assert result.returncode == 1
    assert f"no publish is recorded in {site.resolve() / '.published.json'}" in result.stderr
    assert "invoke deploy" in result.stderr  # what records one
    assert invoke(site, "preview").returncode == 1


def test_deploy_records_what_was_published_and_preview_lists_what_changed_since(site):
    if shutil.which("rsync") is None:
        pytest.skip("rsync is not installed (apt-get install rsync; .ci/run installs it)")
    www = site / "www"
    www.mkdir()

    # A dry run builds, lists what it would copy, and copies and records nothing.
    dry = invoke(site, "deploy", "--target", f"{www}/", "--dry-run", REGISTRY_SITE_URL=SITE_URL)
    assert dry.returncode == 0, dry.stderr
    assert "index.html" in dry.stdout  # rsync's list of what it would copy
    assert f"dry run: nothing was copied to {www}/" in dry.stdout
    assert not any(www.iterdir())
    assert not (site / ".published.json").exists()

    # A real deploy copies the published build, with every link absolute under the site's address.
    position = last_change(site)
    real = invoke(site, "deploy", "--target", f"{www}/", REGISTRY_SITE_URL=SITE_URL)
    assert real.returncode == 0, real.stderr
    assert f"published {SITE_URL} to {www}/; noted in {site.resolve() / '.published.json'}" in real.stdout
    for page in ("index.html", "members/index.html", "members/fr/index.html"):
        assert (www / page).read_bytes() == (site / "output" / page).read_bytes()
        address = f"{SITE_URL}/{page.removesuffix('index.html')}"
        found = [link for link in links(www / page) if not link.startswith("#")]
        # The theme's links are absolute; a relative link written in content/'s prose still lands under it.
        assert sum(link.startswith(SITE_URL + "/") for link in found) > len(found) * 0.9, (page, found)
        assert all(urljoin(address, link).startswith(SITE_URL + "/") for link in found), (page, found)
        assert "localhost" not in (www / page).read_text(encoding="utf-8")
    assert f'href="{SITE_URL}/members/"' in (www / "index.html").read_text(encoding="utf-8")
    record = json.loads((site / ".published.json").read_text(encoding="utf-8"))
    assert record["last_change"] == position
    assert record["target"] == f"{www}/" and record["site_url"] == SITE_URL
    assert registry(site, "log", "--since-publish", "--json").stdout.strip() == "[]"

    # A change made after the publish is listed by `registry log --since-publish` and `invoke preview`.
    joined = registry(site, "join", "PE", "--date", "2016-08-01", "--yes")
    assert joined.returncode == 0, joined.stderr
    since = json.loads(registry(site, "log", "--since-publish", "--json").stdout)
    assert [(c["id"], c["what"]) for c in since] == [(position + 1, "action.accession")]
    assert "Peru (PE)" in since[0]["summary"] and "2016-08-01" in since[0]["summary"]
    shown = registry(site, "log", "--since-publish")
    assert shown.returncode == 0, shown.stderr
    assert "Peru (PE)" in shown.stdout
    assert f"1 change since the site was published on {record['at']} to {www}/." in shown.stdout
    preview = invoke(site, "preview")
    assert preview.returncode == 0, preview.stderr
    assert "Peru (PE)" in preview.stdout and "1 change since the site was published" in preview.stdout
    assert not (www / "members" / "pe").exists(), "the published site does not show it yet"

    # The next deploy (target from REGISTRY_DEPLOY_TARGET) publishes it, and nothing is left to list.
    again = invoke(site, "deploy", REGISTRY_SITE_URL=SITE_URL, REGISTRY_DEPLOY_TARGET=f"{www}/")
    assert again.returncode == 0, again.stderr
    assert (www / "members" / "pe" / "index.html").is_file()
    assert json.loads((site / ".published.json").read_text(encoding="utf-8"))["last_change"] == position + 1
    assert json.loads(registry(site, "log", "--since-publish", "--json").stdout) == []
    assert "0 changes since the site was published" in invoke(site, "preview").stdout


def test_the_record_is_found_from_a_subfolder(site):
    """The record sits beside the registry, so every folder that finds the registry finds it."""
    (site / ".published.json").write_text(json.dumps({"last_change": last_change(site) - 1, "at": "2026-01-01T00:00:00",
                                                      "target": "server:/var/www/", "site_url": SITE_URL}))
    deep = site / "sub" / "deeper"
    deep.mkdir(parents=True)
    env = {k: v for k, v in environment(site).items() if k != "REGISTRY_DATABASE_URL"}
    result = checked(subprocess.run([sys.executable, "-m", "registry", "log", "--since-publish", "--json"], cwd=deep,
                                    env=env, capture_output=True, text=True, timeout=120))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_on_a_taken_port_says_so(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke(site, "serve", "--port", str(port))
    assert result.returncode == 1
    assert f"port {port} is taken" in result.stderr
    assert f"--port {port + 1}" in result.stderr  # what to do instead
    assert "Traceback" not in result.stderr + result.stdout


def test_serve_serves_the_output_on_the_port_given(site):
    (site / "output").mkdir()
    (site / "output" / "index.html").write_text("<!doctype html><title>built</title>\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "invoke", "-r", str(PROJECT), "serve", "--port", str(port)],
                              cwd=site, env=environment(site), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
                    assert b"<title>built</title>" in response.read()
                    break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "invoke serve did not answer within 30 seconds"
                time.sleep(0.2)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"at http://localhost:{port}/" in out
