"""The change log in the public's words: one plain sentence for each logged change.

The log keeps, for each write, what was done ("action.withdrawal", "report.correct"), the
entry before and after (JSON) and the reason. The public reads none of that as such: the home
page, the /changes/ pages and the change feed show the sentence made here from it, for
example "Viet Nam withdrew from the Global Alliance on 30 September 2026." or "Correction
(1 December 2026): the date France's 2016 report was received was changed from 30 June to
1 July 2016." Countries are named, instruments, meetings, targets and indicators go by their
titles, dates are written one way ("1 July 2016"); ids, slugs, field and setting names never
appear. The before and after values stay private: only the sentence is published.

What is left out: a settings change that changes nothing the public sees (the same value
set again, or a setting this module does not know). A change of a kind this module does not
know is told in general words ("The record of France was updated.") rather than left out, so
that the public log never skips a write.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from registry.reading.licences import licence
from registry.rules import countries, terms
from registry.rules.errors import RegistryError
from registry.storage.rows import Reader, Row


@dataclass(frozen=True)
class Told:
    """One logged change as the public reads it."""

    id: int
    at: datetime
    entity: str  # the kind of entry changed, and its id: where the site shows it (never published)
    entity_id: int | None
    country: str | None  # the country the log files it under (as `registry log --country` does)
    topic: str  # what part of the record it is about, in a word: membership, reports, meetings, ...
    text: str  # the sentence
    reason: str  # the reason the secretariat gave, as given ("" if none)

    @property
    def anchor(self) -> str:
        return f"change-{self.id}"

    @property
    def year(self) -> int:
        return self.at.year

    @property
    def reason_text(self) -> str:
        """The reason as a sentence of its own ("Reason: date stamp misread."), or ""."""
        reason = " ".join(self.reason.split())
        if not reason:
            return ""
        return f"Reason: {reason}" + ("" if reason[-1] in ".!?" else ".")


@dataclass(frozen=True)
class Names:
    """What the sentences name entries by, read once: titles by slug, the alliance's name."""

    alliance: str  # "the Global Alliance"
    founding: str | None  # the founding instrument's slug
    announcement: str | None  # the announcement cycle's slug, if the alliance has one
    instruments: dict[str, str]
    meetings: dict[str, dict[str, Any]]
    targets: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    country: Callable[[str], str]  # a country's name, as the site names it


def in_words(reader: Reader, log: list[Row], country: Callable[[str], str] = countries.name) -> list[Told]:
    """The public sentences of `log` (in its order), leaving out what the public is not told;
    countries named by `country` (the registry's naming, as the site names them)."""
    names = names_of(reader, country)
    found = (sentence(change, names) for change in log)
    return [entry for entry in found if entry is not None]


def names_of(reader: Reader, country: Callable[[str], str] = countries.name) -> Names:
    settings = reader.table("alliance")
    alliance = settings[0] if settings else {}
    short = alliance.get("short_name") or alliance.get("name") or "alliance"
    announcement = alliance.get("announcement_due")
    return Names(
        alliance=the(short),
        founding=alliance.get("founding_instrument"),
        announcement=announcement[:4] if announcement else None,
        instruments={i["slug"]: i["title"] for i in reader.table("instrument")},
        meetings={m["slug"]: m for m in reader.table("meeting")},
        targets={t["slug"]: t for t in reader.table("target")},
        indicators={i["slug"]: i for i in reader.table("indicator")},
        country=country,
    )


def sentence(change: Row, names: Names) -> Told | None:
    """The sentence of one logged change; None when the public is not told of it."""
    words = Words(names, change.at.date())
    try:
        text = _text(change, words)
    except (AttributeError, LookupError, TypeError, ValueError, RegistryError):
        # A log restored from an export made by hand may hold values of other shapes: say it in general.
        text = words.in_general(change.country)
    if text is None:
        return None
    return Told(id=change.id, at=change.at, entity=change.entity, entity_id=change.entity_id,
                country=change.country, topic=topic(change.what), text=text, reason=change.reason)


def _text(change: Row, words: "Words") -> str | None:
    kind, _, verb = change.what.partition(".")
    before = _values(change.before)
    after = _values(change.after)
    text: str | None
    if verb == "correct":
        text = words.correction(change.entity, before, after)
    elif verb == "retract":
        text = words.retraction(change.entity, before)
    elif verb == "undo":
        text = words.undoing(change.entity, before, after)
    elif change.what == "settings.change":
        text = words.settings(before, after)
    else:
        made = MADE.get(change.what) or (MADE["action"] if kind == "action" else None)
        if made is None or after is None:  # a kind of change not known here, or no entry to tell of
            return words.in_general(change.country)
        text = made(words, after, before or {})
    return text


def _values(logged: str | None) -> dict[str, Any] | None:
    found = json.loads(logged) if logged else None
    return found if isinstance(found, dict) else None


#: What each kind of entry is about, in a word (the feed's categories).
TOPICS = {
    "action": "membership", "report": "reports", "meeting": "meetings", "attendance": "meetings",
    "decision": "meetings", "document": "meetings", "instrument": "instruments", "settings": "settings",
    "alliance": "settings", "commitment": "commitments", "target": "aims", "indicator": "aims",
    "indicator-value": "aims", "indicator_value": "aims", "release": "open data",
}


def topic(what: str) -> str:
    kind, _, verb = what.partition(".")
    if verb in ("correct", "retract", "undo"):
        return "corrections"
    return TOPICS.get(kind, "registry")


# -- words -------------------------------------------------------------------------------


def the(title: str) -> str:
    """A title as the object of a sentence: "the Prague declaration", "the Global Alliance"."""
    return title if title[:4].lower() == "the " else f"the {title}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(value: str | date | None) -> str:
    day = _day(value)
    if day is None and value is not None:
        raise ValueError(f"not a date: {value!r}")
    return f"{day:%-d %B %Y}" if day else "no date"


def _day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def two_dates(first: str | date | None, second: str | date | None) -> tuple[str, str]:
    """Two dates of one sentence ("from 30 June to 1 July 2016"): the year is said once when
    both fall in it."""
    one, two = _day(first), _day(second)
    if one and two and one.year == two.year and one != two:
        return f"{one:%-d %B}", long_date(two)
    return long_date(first), long_date(second)


def days(starts: str | None, ends: str | None) -> str:
    """A meeting's days: "on 20 April 2009", "from 10 to 11 December 2014"."""
    first, last = _day(starts), _day(ends)
    if not first:
        return ""
    if not last or last == first:
        return f"on {long_date(first)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"from {first.day} to {long_date(last)}"
    return "from {} to {}".format(*two_dates(first, last))


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def quoted(text: Any) -> str:
    return f"“{text}”"


def number(value: Any) -> str:
    """A figure as people write it: 12,500 or 12.5."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return str(value)


#: How a country takes part in an instrument: (as a verb, as a noun, as "by ..." with the instrument).
ACTIONS = {
    "endorsement": ("endorsed", "endorsement of", "endorsing"),
    "signature": ("signed", "signature of", "signing"),
    "accession": ("acceded to", "accession to", "acceding to"),
    "principles": ("agreed on the principles of", "agreement on the principles of", "agreeing on the principles of"),
    "re-accession": ("acceded again to", "re-accession to", "acceding again to"),
    "withdrawal": ("withdrew from", "withdrawal from", "withdrawing from"),
}
EVIDENCE = {"meeting": "at a meeting", "letter": "a letter", "note-verbale": "a note verbale",
            "notification": "a notification", "other": "other evidence"}
ROLES = {"delegation": "a delegation", "observer": "an observer", "organisation": "an organisation"}
MEETING_STATUSES = {"scheduled": "scheduled", "held": "held", "cancelled": "cancelled"}
DECISION_KINDS = terms.DECISION_WORDS
ACTION_NOUNS = {"endorsement": "endorsement", "signature": "signature", "accession": "accession",
                "principles": "agreement on the principles", "re-accession": "re-accession",
                "withdrawal": "withdrawal"}
DOCUMENTS = {"agenda": "the agenda", "report": "the report", "participants": "the list of participants",
             "other": "a document"}
TARGET_KINDS = {"policy-target": "policy target", "operational-goal": "operational goal"}
COMMITMENTS = {"announced": "announced", "in-progress": "in progress", "done": "done"}
#: The kinds of each kind of entry, in words.
KINDS = {"action": ACTION_NOUNS, "target": TARGET_KINDS, "document": DOCUMENTS, "decision": DECISION_KINDS}
CONVENTIONS = {"un": "the United Nations' short names", "iso": "the short names of ISO 3166",
               "cldr": "everyday English names (Unicode CLDR)"}

#: Fields named in words, for every kind of entry ("the date", "the host country").
FIELDS = {
    "date": "the date", "kind": "the kind", "evidence": "the evidence", "meeting": "the meeting",
    "source": "the source", "note": "the note", "written_as": "the name as the document wrote it",
    "received": "the date received", "url": "the link", "title": "the title", "adopted": "the date of adoption",
    "place": "the place of adoption", "issuer": "the issuer", "citation": "the citation",
    "starts": "the first day", "ends": "the last day", "city": "the city", "host": "the host country",
    "status": "the status", "outcome": "the outcome document", "role": "the role", "number": "the number",
    "text": "the text", "instrument": "the instrument", "dated": "the date", "cycle": "the reporting cycle",
    "year": "the year", "value": "the value", "unit": "the unit", "growth_percent": "the yearly growth asked for",
    "target": "the target", "country": "the country",
}
DATES = ("date", "received", "adopted", "starts", "ends", "dated")
DATE_SETTINGS = ("announcement_due", "first_report_due", "first_conference_by", "records_kept_since")
#: Fields whose values are long or not words (links, files, notes): told as changed, not shown.
UNSHOWN = ("source", "note", "url", "citation", "text", "outcome")
#: The settings, in words.
SETTINGS = {
    "name": "the alliance's name", "short_name": "the alliance's short name",
    "founding_instrument": "the alliance's founding instrument",
    "announcement_due": "the date the announcement of efforts was due",
    "first_report_due": "the date the first implementation report was due",
    "report_interval_years": "the years between implementation reports",
    "first_conference_by": "the date by which the first conference session was due",
    "conference_interval_years": "the years between conference sessions",
    "records_kept_since": "the date from which the registry keeps the reporting record",
    "contact": "the secretariat's contact for corrections", "licence": "the open data's licence",
    "name_convention": "how countries are named",
}


#: Settings told in a sentence of their own.
SET_AS = {
    "announcement_due": "the announcement of efforts was set as due on {}.",
    "first_report_due": "the first implementation report was set as due on {}.",
    "report_interval_years": "implementation reports were set as due every {}.",
    "first_conference_by": "the first conference session was set as due by {}.",
    "conference_interval_years": "conference sessions were set as due every {}.",
    "name_convention": "countries are now named by {}.",
}


class Words:
    """The sentences' parts, for one change (made on `on`)."""

    def __init__(self, names: Names, on: date):
        self.names, self.on = names, on

    # -- names of things ---------------------------------------------------------------------

    def country(self, iso2: str | None) -> str:
        return self.names.country(iso2) if iso2 else "a country"

    def instrument(self, slug: str | None) -> str:
        title = self.names.instruments.get(slug or "")
        return the(title) if title else "an instrument"

    def meeting(self, slug: str | None) -> str:
        found = self.names.meetings.get(slug or "")
        return found["title"] if found else "a meeting"

    def target(self, slug: str | None) -> str:
        found = self.names.targets.get(slug or "")
        return quoted(found["title"]) if found else "a target"

    def indicator(self, slug: str | None) -> str:
        found = self.names.indicators.get(slug or "")
        return quoted(found["title"]) if found else "an indicator"

    def report(self, values: dict[str, Any]) -> str:
        return f"{possessive(self.country(values.get('country')))} {self.cycle(values.get('cycle'))}"

    def cycle(self, slug: Any) -> str:
        """A report by its cycle: "2016 report", "announcement of efforts"."""
        year = self.cycle_year(slug)
        return "announcement of efforts" if year is None else f"{year} report"

    def cycle_year(self, slug: Any) -> str | None:
        """The year of an implementation cycle ("report-2013" is 2013); None for the announcement."""
        text = str(slug or "")
        if text and text == self.names.announcement:
            return None
        year = re.search(r"\d{4}", text)
        return year.group() if year else "a"

    def joining(self, values: dict[str, Any]) -> str:
        """An action as a noun: "Viet Nam's accession to the Declaration ... on 12 August 2026"."""
        kind = values.get("kind", "")
        noun = ACTIONS.get(kind, ("", "participation in", ""))[1]
        place = self.names.alliance if kind == "withdrawal" and self.founding(values) \
            else self.instrument(values.get("instrument"))
        return f"{possessive(self.country(values.get('country')))} {noun} {place} on {long_date(values.get('date'))}"

    def founding(self, values: dict[str, Any]) -> bool:
        return values.get("instrument") is not None and values.get("instrument") == self.names.founding

    def entry(self, entity: str, values: dict[str, Any]) -> str:
        """An entry of the registry in words, for corrections, retractions and undoing."""
        if entity == "action":
            return self.joining(values)
        if entity == "report":
            return self.report(values)
        if entity == "attendance":
            who = possessive(self.country(values.get("country")))
            return f"{who} attendance at {self.meeting(values.get('meeting'))}"
        if entity == "instrument":
            return the(values.get("title") or "instrument")
        if entity == "meeting":
            return values.get("title") or "a meeting"
        if entity == "decision":
            kind = DECISION_KINDS.get(values.get("kind", ""), values.get("kind") or "decision")
            return f"the {kind} {quoted(values.get('title'))} of {self.meeting(values.get('meeting'))}"
        if entity == "document":
            return f"the document {quoted(values.get('title'))} of {self.meeting(values.get('meeting'))}"
        if entity == "target":
            return quoted(values.get("title"))
        if entity == "commitment":
            return (f"{possessive(self.country(values.get('country')))} commitment under "
                    f"{self.target(values.get('target'))} in its {self.cycle(values.get('cycle'))}")
        if entity == "indicator":
            return f"the indicator {quoted(values.get('title'))}"
        if entity == "indicator_value":
            return f"the {values.get('year')} value of {self.indicator(values.get('indicator'))}"
        return "an entry"

    def value(self, entity: str, field: str, value: Any) -> str:
        """A field's value in words."""
        if value in (None, ""):
            return "none"
        if entity == "alliance":
            return self.setting_value(field, value)
        if field in DATES:
            return long_date(value)
        if field in ("host", "country"):
            return self.country(value)
        if field == "instrument":
            return self.instrument(value)
        if field == "meeting":
            return self.meeting(value)
        if field == "target":
            return self.target(value)
        if field == "indicator":
            return self.indicator(value)
        if field == "cycle":
            return f"the {self.cycle(value)}"
        if field in ("value", "growth_percent", "number", "year"):
            return number(value)
        words = {"evidence": EVIDENCE, "role": ROLES, "status": MEETING_STATUSES | COMMITMENTS,
                 "kind": KINDS.get(entity, {})}
        if field in words:
            return words[field].get(value, str(value).replace("-", " "))
        return quoted(value)

    def setting_value(self, field: str, value: Any) -> str:
        if field == "founding_instrument":
            return self.instrument(value)
        if field == "licence":
            return licence(str(value))["name"]
        if field == "name_convention":
            return CONVENTIONS.get(value, "another convention")
        if field.endswith("_years"):
            return f"{number(value)} year{'s' if value != 1 else ''}"
        if field.endswith(("_due", "_by", "_since")):
            return long_date(value)
        return quoted(value)

    def field(self, entity: str, field: str, values: dict[str, Any]) -> str:
        """A field of an entry, in words: "the date France's 2016 report was received"."""
        if entity == "alliance":
            return SETTINGS.get(field, "a setting")
        if entity == "report" and field == "received":
            return f"the date {self.report(values)} was received"
        if entity == "indicator_value" and field == "value":
            return self.entry(entity, values)
        return f"{FIELDS.get(field, 'a detail')} of {self.entry(entity, values)}"

    def changes(self, entity: str, before: dict[str, Any], after: dict[str, Any], *, back: bool = False) -> str:
        """What changed between two versions of an entry, field by field."""
        told = []
        changed = "changed back" if back else "changed"
        fields = [f for f in after if f != "id" and before.get(f) != after.get(f)]
        for field in fields:
            old, new = before.get(field), after.get(field)
            # One field is named with its entry; several, after it ("Kenya's accession ...: its date ...").
            named = self.field(entity, field, before) if len(fields) == 1 or entity == "alliance" \
                else FIELDS.get(field, "a detail").replace("the ", "its ", 1)
            if field in UNSHOWN and entity != "alliance":
                state = "added" if old in (None, "") else "removed" if new in (None, "") else changed
                told.append(f"{named} was {state}")
            elif (field in DATES or field in DATE_SETTINGS and entity == "alliance") and _day(old) and _day(new):
                told.append("{} was {} from {} to {}".format(named, changed, *two_dates(old, new)))
            else:
                told.append(f"{named} was {changed} from {self.value(entity, field, old)} "
                            f"to {self.value(entity, field, new)}")
        if len(fields) > 1 and entity != "alliance":
            return f"{self.entry(entity, before)}: " + "; ".join(told)
        return "; ".join(told)

    # -- sentences ---------------------------------------------------------------------------

    def correction(self, entity: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        what = self.changes(entity, before or {}, after or {}) \
            or f"{self.entry(entity, after or {})} was checked, and nothing in it changed"
        return f"Correction ({long_date(self.on)}): {what}."

    def retraction(self, entity: str, before: dict[str, Any] | None) -> str:
        return f"Retraction ({long_date(self.on)}): {self.entry(entity, before or {})} was removed from the record."

    def undoing(self, entity: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        if after is None:
            what = f"{self.entry(entity, before or {})} was taken out of the record again"
        elif before is None:
            what = f"{self.entry(entity, after)} was put back in the record"
        else:
            what = self.changes(entity, before, after, back=True) or f"{self.entry(entity, after)} was left as it was"
        return f"An earlier change was undone ({long_date(self.on)}): {what}."

    def settings(self, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
        """A change of the settings, in words; None when nothing the public reads changed."""
        before, after = before or {}, after or {}
        told = [self.setting(field, after) for field in SETTINGS if before.get(field) != after.get(field)]
        return " ".join(capital(t) for t in told) or None

    def setting(self, field: str, values: dict[str, Any]) -> str:
        value = self.setting_value(field, values.get(field))
        if field == "founding_instrument":
            return f"the alliance's founding instrument was set to {value}: its participants are the members."
        if field == "records_kept_since":
            if not values.get(field):
                return "the registry no longer says from when it keeps the reporting record."
            return (f"the registry keeps the reporting record from {value}: a report due before then that it "
                    "lacks is shown as “no record”, not as overdue.")
        if values.get(field) in (None, ""):
            return f"{SETTINGS[field]} was removed."
        if field in SET_AS:
            return SET_AS[field].format(value)
        return f"{SETTINGS[field]} was set to {value}."

    def in_general(self, iso2: str | None) -> str:
        return f"The record of {self.country(iso2)} was updated." if iso2 else "The registry was updated."


# -- a new entry, by kind of change ------------------------------------------------------------


def _action(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    kind = values.get("kind", "")
    verb, _noun, by = ACTIONS.get(kind, ("took part in", "", "taking part in"))
    who, on = words.country(values.get("country")), long_date(values.get("date"))
    instrument = words.instrument(values.get("instrument"))
    if not words.founding(values):
        return f"{who} {verb} {instrument} on {on}."
    if kind == "withdrawal":
        return f"{who} withdrew from {words.names.alliance} on {on}."
    joined = "rejoined" if kind == "re-accession" else "joined"
    return f"{who} {joined} {words.names.alliance} on {on}, {by} {instrument}."


def _report(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    return f"{capital(words.report(values))} was received on {long_date(values.get('received'))}."


def _where(values: dict[str, Any]) -> str:
    city = f" in {values['city']}" if values.get("city") else ""
    return f"{city} {days(values.get('starts'), values.get('ends'))}".rstrip()


def _scheduled(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    host = f", hosted by {words.country(values['host'])}" if values.get("host") else ""
    title = values.get("title") or "A meeting"
    starts = _day(values.get("starts"))
    if starts and starts < words.on:  # a past meeting entered for the record
        return f"{title}, held{_where(values)}{host}, was added to the record."
    return f"{title} was scheduled to meet{_where(values)}{host}."


def _status(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    title = values.get("title") or "A meeting"
    if values.get("status") == "held":
        return f"{title} took place{_where(values)}."
    return f"{title} is now {MEETING_STATUSES.get(values.get('status', ''), 'changed')}."


def _outcome(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    return f"The outcome of {values.get('title') or 'a meeting'} was published on its page."


def _cancelled(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    return f"{values.get('title') or 'A meeting'}, which was to meet{_where(values)}, was cancelled."


def _postponed(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    was = days(before.get("starts"), before.get("ends"))
    now = days(values.get("starts"), values.get("ends"))
    return f"{values.get('title') or 'A meeting'} was postponed: it was to meet {was}, and now meets {now}."


def _attended(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    role = values.get("role")
    as_what = f" as {ROLES.get(role, 'a participant')}" if role and role != "delegation" else ""
    return f"{words.country(values.get('country'))} attended {words.meeting(values.get('meeting'))}{as_what}."


def _decided(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    kind = DECISION_KINDS.get(values.get("kind", ""), values.get("kind") or "decision")
    if values.get("instrument"):  # the decision is the instrument's adoption: the instrument says it
        return f"{words.meeting(values.get('meeting'))} adopted {words.instrument(values['instrument'])}."
    return f"{words.meeting(values.get('meeting'))} adopted the {kind} {quoted(values.get('title'))}."


def _document(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    which = DOCUMENTS.get(values.get("kind", ""), "a document")
    return (f"{capital(which)} of {words.meeting(values.get('meeting'))} was added to the record: "
            f"{quoted(values.get('title'))}.")


def _committed(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    who, under = words.country(values.get("country")), words.target(values.get("target"))
    cycle = words.cycle(values.get("cycle"))
    status = str(values.get("status"))
    if status == "announced":
        return f"{who} announced a commitment under {under}, in its {cycle}."
    return f"{who} reported a commitment under {under} as {COMMITMENTS.get(status, 'changed')}, in its {cycle}."


def _measured(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    found = words.names.indicators.get(values.get("indicator") or "", {})
    unit = f" {found['unit']}" if found.get("unit") else ""
    return (f"The value of {words.indicator(values.get('indicator'))} for {values.get('year')} was recorded: "
            f"{number(values.get('value'))}{unit}.")


def _indicator(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    return f"A new indicator, {quoted(values.get('title'))}, was added to measure {words.target(values.get('target'))}."


def _target(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    kind = TARGET_KINDS.get(values.get("kind", ""), "target")
    article = "An" if kind[0] in "aeiou" else "A"
    return (f"{article} {kind} of {words.instrument(values.get('instrument'))} was added to the record: "
            f"{quoted(values.get('title'))}.")


def _instrument(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    place = f" in {values['place']}" if values.get("place") else ""
    return (f"{capital(the(values.get('title') or 'instrument'))}, adopted{place} on "
            f"{long_date(values.get('adopted'))}, was added to the record.")


def _released(words: Words, values: dict[str, Any], _: dict[str, Any]) -> str:
    note = f": {values['note'].rstrip('.')}" if values.get("note") else ""
    return f"Release {values.get('number')} of the open data was published{note}."


#: A sentence for each kind of change that adds or changes an entry (corrections, retractions,
#: undoing and settings have their own); "action" stands for every kind of action.
MADE = {
    "action": _action, "report.record": _report, "meeting.schedule": _scheduled, "meeting.status": _status,
    "meeting.outcome": _outcome, "meeting.cancel": _cancelled, "meeting.postpone": _postponed,
    "meeting.attend": _attended, "decision.add": _decided, "document.add": _document,
    "commitment.add": _committed, "indicator.record": _measured, "indicator.add": _indicator,
    "target.add": _target, "instrument.add": _instrument, "release.add": _released,
}
