"""Cutting a release of the public data: the next number, today's time, a note, and the public
document as it is now, stored byte for byte and never changed afterwards (a release is never
corrected, retracted or undone: a mistake is corrected in the registry and a new release cut)."""

import json

from sqlmodel import Session, col, select

from registry.reading import export, releases
from registry.rules import clock, entries
from registry.rules.errors import RegistryError
from registry.storage import db
from registry.storage.models import Release
from registry.storage.rows import Reader
from registry.writing import changelog

#: Why a release is never corrected, retracted or undone: what corrections and undo say.
IMMUTABLE = "a release of the public data is never changed: published as it was released, it stays so"
IMMUTABLE_HINT = "correct the registry itself, then cut a new release with 'registry release --note TEXT'"


def latest(session: Session) -> Release | None:
    return session.exec(select(Release).order_by(col(Release.number).desc())).first()


def cut(session: Session, *, note: str, by: str | None = None) -> Release:
    """Cut the next release; refused when nothing public has changed since the last one (the
    first release is of whatever the registry holds)."""
    note = entries.check("release", "note", note, where="--note")
    if not note.strip():
        raise RegistryError("a release needs a note saying what it brings",
                            hint="e.g. --note 'accessions of 2026 and the eighth session'")
    previous = latest(session)
    doc = export.document(Reader.of(session))
    if previous is not None and not releases.unreleased(doc, previous.last_change):
        raise RegistryError(_nothing_new(previous),
                            hint="'registry log' shows the changes; a release is cut once the registry has changed")
    release = Release(number=previous.number + 1 if previous else 1, released_at=clock.now(), note=note,
                      last_change=releases.last_change(doc), document=releases.release_text(doc))
    session.add(release)
    db.flush(session, f"release {release.number}")
    entry = changelog.record(session, what="release.add", row=release, by=by,
                             summary=f"release {release.number} of the public data cut: {note}")
    entry.after = _without_document(entry.after)
    return release


def _nothing_new(previous: Release) -> str:
    return (f"nothing has changed since release {previous.number} "
            f"(cut on {previous.released_at:%Y-%m-%d}): no release is cut")


def _without_document(logged: str | None) -> str | None:
    """The log keeps the release's number, time and note: its document is kept once, in the release."""
    if logged is None:
        return None
    row = json.loads(logged)
    row.pop("document", None)
    return json.dumps(row, sort_keys=True, ensure_ascii=False)
