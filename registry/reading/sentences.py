"""The change log in the public's words: one plain sentence for each logged change.

The log keeps, for each write, what was done ("action.withdrawal", "report.correct"), the
entry before and after (JSON) and the reason. The public reads none of that as such: the home
page, the /changes/ pages and the change feed show the sentence made here from it, for
example "Viet Nam withdrew from the Global Alliance on 30 September 2026." or "Correction
(1 December 2026): the date France's 2016 report was received was changed from 30 June to
1 July 2016." Countries are named, instruments, meetings, targets and indicators go by their
titles, dates are written one way ("1 July 2016"); ids, slugs, field and setting names never
appear. The before and after values stay private: only the sentence is published.

Each sentence, and each part of one that is put into another (an entry, a field, a date), is
one message of the site's catalogue with named placeholders (rules/language.py), so that the
sentences are written in the language in use: the site reads the log once in each of its
languages, and a translation may order the words as its language does. Titles, notes and
reasons are data and stay as the secretariat wrote them; countries are named in the language
in use; the command line is English.

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

from babel.numbers import format_decimal

from registry.reading.licences import licence
from registry.rules import countries, language, terms
from registry.rules.errors import RegistryError
from registry.rules.language import N_, _, ngettext, word
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
    text: str  # the sentence, in the language in use when the log was read
    reason: str  # the reason the secretariat gave, as given ("" if none)

    @property
    def anchor(self) -> str:
        return f"change-{self.id}"

    @property
    def year(self) -> int:
        return self.at.year

    @property
    def reason_text(self) -> str:
        """The reason as a sentence of its own ("Reason: date stamp misread."), or "", in the
        language in use (the reason itself as given)."""
        reason = " ".join(self.reason.split())
        if not reason:
            return ""
        return _("Reason: %(reason)s") % {"reason": reason} + ("" if reason[-1] in ".!?" else ".")


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


def usual_name(iso2: str) -> str:
    """A country's usual name (the UN's) in the language in use."""
    return countries.name(iso2, language.current())


def in_words(reader: Reader, log: list[Row], country: Callable[[str], str] = usual_name) -> list[Told]:
    """The public sentences of `log` (in its order), leaving out what the public is not told;
    countries named by `country` (the registry's naming, as the site names them), the words in
    the language in use."""
    names = names_of(reader, country)
    found = (sentence(change, names) for change in log)
    return [entry for entry in found if entry is not None]


def names_of(reader: Reader, country: Callable[[str], str] = usual_name) -> Names:
    settings = reader.table("alliance")
    alliance = settings[0] if settings else {}
    announcement = alliance.get("announcement_due")
    return Names(
        alliance=the_alliance(alliance.get("short_name") or alliance.get("name")),
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
                country=change.country, topic=topic(change.what), text=capital(text), reason=change.reason)


def _text(change: Row, words: "Words") -> str | None:
    kind, _dot, verb = change.what.partition(".")
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
    elif change.what == "country_name.clear" and before is not None:
        text = _name_cleared(words, before)
    else:
        made = MADE.get(change.what) or (MADE["action"] if kind == "action" else None)
        if made is None or after is None:  # a kind of change not known here, or no entry to tell of
            return words.in_general(change.country)
        text = made(words, after, before or {})
    return text


def _values(logged: str | None) -> dict[str, Any] | None:
    found = json.loads(logged) if logged else None
    return found if isinstance(found, dict) else None


#: What each kind of entry is about, in a word (the feed's categories: terms, not translated).
TOPICS = {
    "action": "membership", "report": "reports", "meeting": "meetings", "attendance": "meetings",
    "decision": "meetings", "document": "meetings", "instrument": "instruments", "settings": "settings",
    "alliance": "settings", "commitment": "commitments", "target": "aims", "indicator": "aims",
    "indicator-value": "aims", "indicator_value": "aims", "release": "open data", "country_name": "names",
}


def topic(what: str) -> str:
    kind, _dot, verb = what.partition(".")
    if verb in ("correct", "retract", "undo"):
        return "corrections"
    return TOPICS.get(kind, "registry")


# -- words -------------------------------------------------------------------------------


def the(title: str) -> str:
    """A title as the object of a sentence: "the Prague declaration" (titles are data: a
    translation may quote them rather than give them an article)."""
    if title[:4].lower() == "the ":
        return _("%(title_beginning_with_the)s") % {"title_beginning_with_the": title}
    return _("the %(title)s") % {"title": title}


def the_alliance(name: str | None) -> str:
    """The alliance as the object of a sentence, by its short name: "the Global Alliance"."""
    if not name:
        return _("the alliance")
    if name[:4].lower() == "the ":
        return the(name)
    return _("the %(alliance)s") % {"alliance": name}


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(value: str | date | None) -> str:
    day = _day(value)
    if day is None and value is not None:
        raise ValueError(f"not a date: {value!r}")
    return language.long_date(day) if day else _("no date")


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
        return language.day_and_month(one), long_date(two)
    return long_date(first), long_date(second)


def days(starts: str | None, ends: str | None) -> str:
    """A meeting's days: "on 20 April 2009", "from 10 to 11 December 2014"."""
    first, last = _day(starts), _day(ends)
    if not first:
        return ""
    if not last or last == first:
        return _("on %(date)s") % {"date": long_date(first)}
    if (first.year, first.month) == (last.year, last.month):
        return _("from %(first_day)s to %(last_date)s") % {"first_day": first.day, "last_date": long_date(last)}
    one, two = two_dates(first, last)
    return _("from %(first_date)s to %(last_date)s") % {"first_date": one, "last_date": two}


def possessive(name: str) -> str:
    """A country as the owner of what follows: "France's", "Philippines'" (a translation that
    names the owner after the thing owned gives the name alone)."""
    if name.endswith("s"):
        return _("%(owner_ending_in_s)s'") % {"owner_ending_in_s": name}
    return _("%(owner)s's") % {"owner": name}


def quoted(text: Any) -> str:
    return _("“%(quoted)s”") % {"quoted": text}


def number(value: Any) -> str:
    """A figure as people write it: 12,500 or 12.5 (12 500 in French)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            return language.number(int(value))
        return format_decimal(value, locale=language.LOCALES[language.current()], decimal_quantization=False)
    return str(value)


def listed(clauses: list[str]) -> str:
    """The clauses of one sentence, one after the other: "...; ..."."""
    text = clauses[0] if clauses else ""
    for clause in clauses[1:]:
        text = _("%(clauses)s; %(clause)s") % {"clauses": text, "clause": clause}
    return text


#: A country's action on an instrument other than the founding one, by kind of action.
ACTED = {
    "endorsement": N_("%(country)s endorsed %(instrument)s on %(date)s."),
    "signature": N_("%(country)s signed %(instrument)s on %(date)s."),
    "accession": N_("%(country)s acceded to %(instrument)s on %(date)s."),
    "principles": N_("%(country)s agreed on the principles of %(instrument)s on %(date)s."),
    "re-accession": N_("%(country)s acceded again to %(instrument)s on %(date)s."),
    "withdrawal": N_("%(country)s withdrew from %(instrument)s on %(date)s."),
}
ACTED_OTHERWISE = N_("%(country)s took part in %(instrument)s on %(date)s.")
#: Joining the alliance, by the kind of action taken on its founding instrument.
JOINED = {
    "endorsement": N_("%(country)s joined %(alliance)s on %(date)s, endorsing %(instrument)s."),
    "signature": N_("%(country)s joined %(alliance)s on %(date)s, signing %(instrument)s."),
    "accession": N_("%(country)s joined %(alliance)s on %(date)s, acceding to %(instrument)s."),
    "principles": N_("%(country)s joined %(alliance)s on %(date)s, agreeing on the principles of %(instrument)s."),
    "re-accession": N_("%(country)s rejoined %(alliance)s on %(date)s, acceding again to %(instrument)s."),
}
JOINED_OTHERWISE = N_("%(country)s joined %(alliance)s on %(date)s, taking part in %(instrument)s.")
#: An action as an entry of the record (corrections, retractions, undoing).
ACTION_ENTRIES = {
    "endorsement": N_("%(whose)s endorsement of %(instrument)s on %(date)s"),
    "signature": N_("%(whose)s signature of %(instrument)s on %(date)s"),
    "accession": N_("%(whose)s accession to %(instrument)s on %(date)s"),
    "principles": N_("%(whose)s agreement on the principles of %(instrument)s on %(date)s"),
    "re-accession": N_("%(whose)s re-accession to %(instrument)s on %(date)s"),
    "withdrawal": N_("%(whose)s withdrawal from %(instrument)s on %(date)s"),
}
ACTION_ENTRY_OTHERWISE = N_("%(whose)s participation in %(instrument)s on %(date)s")
EVIDENCE = {"meeting": N_("at a meeting"), "letter": N_("a letter"), "note-verbale": N_("a note verbale"),
            "notification": N_("a notification"), "other": N_("other evidence")}
ROLES = terms.ROLE_WORDS
#: Attending a meeting in a role other than a delegation's.
ATTENDED_AS = {"observer": N_("%(country)s attended %(meeting)s as an observer."),
               "organisation": N_("%(country)s attended %(meeting)s as an organisation.")}
MEETING_STATUSES = {"scheduled": N_("scheduled"), "held": N_("held"), "cancelled": N_("cancelled")}
#: A meeting's status set back or changed (its being held has a sentence of its own).
STATUS_NOW = {"scheduled": N_("%(meeting)s is now scheduled."), "cancelled": N_("%(meeting)s is now cancelled.")}
DECISION_KINDS = terms.DECISION_WORDS
#: A session's decision, by kind.
ADOPTED = {
    "declaration": N_("%(meeting)s adopted the declaration %(title)s."),
    "decision": N_("%(meeting)s adopted the decision %(title)s."),
    "statement": N_("%(meeting)s adopted the statement %(title)s."),
    "communique": N_("%(meeting)s adopted the communiqué %(title)s."),
}
DECISION_ENTRIES = {
    "declaration": N_("the declaration %(title)s of %(meeting)s"),
    "decision": N_("the decision %(title)s of %(meeting)s"),
    "statement": N_("the statement %(title)s of %(meeting)s"),
    "communique": N_("the communiqué %(title)s of %(meeting)s"),
}
ACTION_NOUNS = {"endorsement": N_("endorsement"), "signature": N_("signature"), "accession": N_("accession"),
                "principles": N_("agreement on the principles"), "re-accession": N_("re-accession"),
                "withdrawal": N_("withdrawal")}
DOCUMENTS = {"agenda": N_("the agenda"), "report": N_("the report"), "participants": N_("the list of participants"),
             "other": N_("a document")}
#: A session's document, by kind.
DOCUMENT_ADDED = {
    "agenda": N_("The agenda of %(meeting)s was added to the record: %(title)s."),
    "report": N_("The report of %(meeting)s was added to the record: %(title)s."),
    "participants": N_("The list of participants of %(meeting)s was added to the record: %(title)s."),
    "other": N_("A document of %(meeting)s was added to the record: %(title)s."),
}
TARGET_KINDS = terms.TARGET_WORDS
TARGET_ADDED = {
    "policy-target": N_("A policy target of %(instrument)s was added to the record: %(title)s."),
    "operational-goal": N_("An operational goal of %(instrument)s was added to the record: %(title)s."),
}
COMMITMENTS = terms.COMMITMENT_WORDS
#: A country's commitment, by where it stands.
COMMITTED = {
    "announced": N_("%(country)s announced a commitment under %(target)s, in its %(cycle)s."),
    "in-progress": N_("%(country)s reported a commitment under %(target)s as in progress, in its %(cycle)s."),
    "done": N_("%(country)s reported a commitment under %(target)s as done, in its %(cycle)s."),
}
#: The kinds of each kind of entry, in words.
KINDS = {"action": ACTION_NOUNS, "target": TARGET_KINDS, "document": DOCUMENTS, "decision": DECISION_KINDS}
CONVENTIONS = {"un": N_("the United Nations' short names"), "iso": N_("the short names of ISO 3166"),
               "cldr": N_("everyday English names (Unicode CLDR)")}
ANOTHER_CONVENTION = N_("another convention")

#: Fields named in words, for every kind of entry ("the date", "the host country").
FIELDS = {
    "date": N_("the date"), "kind": N_("the kind"), "evidence": N_("the evidence"), "meeting": N_("the meeting"),
    "source": N_("the source"), "note": N_("the note"), "written_as": N_("the name as the document wrote it"),
    "received": N_("the date received"), "url": N_("the link"), "title": N_("the title"),
    "adopted": N_("the date of adoption"), "place": N_("the place of adoption"), "issuer": N_("the issuer"),
    "citation": N_("the citation"), "starts": N_("the first day"), "ends": N_("the last day"),
    "city": N_("the city"), "host": N_("the host country"), "status": N_("the status"),
    "outcome": N_("the outcome document"), "role": N_("the role"), "number": N_("the number"),
    "text": N_("the text"), "instrument": N_("the instrument"), "dated": N_("the date"),
    "cycle": N_("the reporting cycle"), "year": N_("the year"), "value": N_("the value"), "unit": N_("the unit"),
    "growth_percent": N_("the yearly growth asked for"), "target": N_("the target"), "country": N_("the country"),
}
#: The same fields after their entry has been named ("Kenya's accession ...: its date ...").
ITS = {
    "date": N_("its date"), "kind": N_("its kind"), "evidence": N_("its evidence"), "meeting": N_("its meeting"),
    "source": N_("its source"), "note": N_("its note"), "written_as": N_("its name as the document wrote it"),
    "received": N_("its date received"), "url": N_("its link"), "title": N_("its title"),
    "adopted": N_("its date of adoption"), "place": N_("its place of adoption"), "issuer": N_("its issuer"),
    "citation": N_("its citation"), "starts": N_("its first day"), "ends": N_("its last day"),
    "city": N_("its city"), "host": N_("its host country"), "status": N_("its status"),
    "outcome": N_("its outcome document"), "role": N_("its role"), "number": N_("its number"),
    "text": N_("its text"), "instrument": N_("its instrument"), "dated": N_("its date"),
    "cycle": N_("its reporting cycle"), "year": N_("its year"), "value": N_("its value"), "unit": N_("its unit"),
    "growth_percent": N_("its yearly growth asked for"), "target": N_("its target"), "country": N_("its country"),
}
#: A field or setting this module does not know.
A_DETAIL, A_SETTING = N_("a detail"), N_("a setting")
DATES = ("date", "received", "adopted", "starts", "ends", "dated")
DATE_SETTINGS = ("announcement_due", "first_report_due", "first_conference_by", "records_kept_since")
#: Fields whose values are long or not words (links, files, notes): told as changed, not shown.
UNSHOWN = ("source", "note", "url", "citation", "text", "outcome")
#: The settings, in words.
SETTINGS = {
    "name": N_("the alliance's name"), "short_name": N_("the alliance's short name"),
    "founding_instrument": N_("the alliance's founding instrument"),
    "announcement_due": N_("the date the announcement of efforts was due"),
    "first_report_due": N_("the date the first implementation report was due"),
    "report_interval_years": N_("the years between implementation reports"),
    "first_conference_by": N_("the date by which the first conference session was due"),
    "conference_interval_years": N_("the years between conference sessions"),
    "records_kept_since": N_("the date from which the registry keeps the reporting record"),
    "contact": N_("the secretariat's contact for corrections"), "licence": N_("the open data's licence"),
    "name_convention": N_("how countries are named"),
}


#: Settings told in a sentence of their own.
SET_AS = {
    "announcement_due": N_("the announcement of efforts was set as due on %(value)s."),
    "first_report_due": N_("the first implementation report was set as due on %(value)s."),
    "report_interval_years": N_("implementation reports were set as due every %(value)s."),
    "first_conference_by": N_("the first conference session was set as due by %(value)s."),
    "conference_interval_years": N_("conference sessions were set as due every %(value)s."),
    "name_convention": N_("countries are now named by %(value)s."),
}


class Words:
    """The sentences' parts, for one change (made on `on`), in the language in use."""

    def __init__(self, names: Names, on: date):
        self.names, self.on = names, on

    # -- names of things ---------------------------------------------------------------------

    def country(self, iso2: str | None) -> str:
        return self.names.country(iso2) if iso2 else _("a country")

    def instrument(self, slug: str | None) -> str:
        title = self.names.instruments.get(slug or "")
        return the(title) if title else _("an instrument")

    def meeting(self, slug: str | None) -> str:
        found = self.names.meetings.get(slug or "")
        return found["title"] if found else _("a meeting")

    def target(self, slug: str | None) -> str:
        found = self.names.targets.get(slug or "")
        return quoted(found["title"]) if found else _("a target")

    def indicator(self, slug: str | None) -> str:
        found = self.names.indicators.get(slug or "")
        return quoted(found["title"]) if found else _("an indicator")

    def report(self, values: dict[str, Any]) -> str:
        """A report as an entry: "France's 2016 report"."""
        whose = possessive(self.country(values.get("country")))
        year = self.cycle_year(values.get("cycle"))
        if year is None:
            return _("%(whose)s announcement of efforts") % {"whose": whose}
        return _("%(whose)s %(year)s report") % {"whose": whose, "year": year}

    def cycle(self, slug: Any) -> str:
        """A report by its cycle: "2016 report", "announcement of efforts"."""
        year = self.cycle_year(slug)
        return _("announcement of efforts") if year is None else _("%(year)s report") % {"year": year}

    def the_cycle(self, slug: Any) -> str:
        """A cycle as a value: "the 2016 report", "the announcement of efforts"."""
        year = self.cycle_year(slug)
        return _("the announcement of efforts") if year is None else _("the %(year)s report") % {"year": year}

    def cycle_year(self, slug: Any) -> str | None:
        """The year of an implementation cycle ("report-2013" is 2013); None for the announcement."""
        text = str(slug or "")
        if text and text == self.names.announcement:
            return None
        year = re.search(r"\d{4}", text)
        return year.group() if year else "a"

    def joining(self, values: dict[str, Any]) -> str:
        """An action as an entry: "Viet Nam's accession to the Declaration ... on 12 August 2026"."""
        kind = values.get("kind", "")
        place = self.names.alliance if kind == "withdrawal" and self.founding(values) \
            else self.instrument(values.get("instrument"))
        return _(ACTION_ENTRIES.get(kind, ACTION_ENTRY_OTHERWISE)) % {
            "whose": possessive(self.country(values.get("country"))), "instrument": place,
            "date": long_date(values.get("date"))}

    def founding(self, values: dict[str, Any]) -> bool:
        return values.get("instrument") is not None and values.get("instrument") == self.names.founding

    def entry(self, entity: str, values: dict[str, Any]) -> str:
        """An entry of the registry in words, for corrections, retractions and undoing."""
        if entity == "action":
            return self.joining(values)
        if entity == "report":
            return self.report(values)
        if entity == "attendance":
            return _("%(whose)s attendance at %(meeting)s") % {
                "whose": possessive(self.country(values.get("country"))),
                "meeting": self.meeting(values.get("meeting"))}
        if entity == "instrument":
            title = values.get("title")
            return the(title) if title else _("the instrument")
        if entity == "meeting":
            return values.get("title") or _("a meeting")
        if entity == "decision":
            kind = values.get("kind") or "decision"
            said = {"title": quoted(values.get("title")), "meeting": self.meeting(values.get("meeting"))}
            if kind in DECISION_ENTRIES:
                return _(DECISION_ENTRIES[kind]) % said
            return _("the %(kind)s %(title)s of %(meeting)s") % {**said, "kind": word(DECISION_KINDS, kind)}
        if entity == "document":
            return _("the document %(title)s of %(meeting)s") % {
                "title": quoted(values.get("title")), "meeting": self.meeting(values.get("meeting"))}
        if entity == "target":
            return quoted(values.get("title"))
        if entity == "commitment":
            return _("%(whose)s commitment under %(target)s in its %(cycle)s") % {
                "whose": possessive(self.country(values.get("country"))), "target": self.target(values.get("target")),
                "cycle": self.cycle(values.get("cycle"))}
        if entity == "indicator":
            return _("the indicator %(title)s") % {"title": quoted(values.get("title"))}
        if entity == "indicator_value":
            return _("the %(year)s value of %(indicator)s") % {
                "year": values.get("year"), "indicator": self.indicator(values.get("indicator"))}
        return _("an entry")

    def value(self, entity: str, field: str, value: Any) -> str:
        """A field's value in words."""
        if value in (None, ""):
            return _("none")
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
            return self.the_cycle(value)
        if field in ("value", "growth_percent", "number", "year"):
            return number(value)
        words = {"evidence": EVIDENCE, "role": ROLES, "status": MEETING_STATUSES | COMMITMENTS,
                 "kind": KINDS.get(entity, {})}
        if field in words:
            return word(words[field], value)
        return quoted(value)

    def setting_value(self, field: str, value: Any) -> str:
        if field == "founding_instrument":
            return self.instrument(value)
        if field == "licence":
            return licence(str(value))["name"]
        if field == "name_convention":
            return _(CONVENTIONS.get(value, ANOTHER_CONVENTION))
        if field.endswith("_years"):
            count = value if isinstance(value, int) and not isinstance(value, bool) else 1 if value == 1 else 2
            return ngettext("%(num)s year", "%(num)s years", count) % {"num": number(value)}
        if field.endswith(("_due", "_by", "_since")):
            return long_date(value)
        return quoted(value)

    def field(self, entity: str, field: str, values: dict[str, Any]) -> str:
        """A field of an entry, in words: "the date France's 2016 report was received"."""
        if entity == "alliance":
            return _(SETTINGS.get(field, A_SETTING))
        if entity == "report" and field == "received":
            return _("the date %(report)s was received") % {"report": self.report(values)}
        if entity == "indicator_value" and field == "value":
            return self.entry(entity, values)
        return _("%(field)s of %(entry)s") % {"field": _(FIELDS.get(field, A_DETAIL)),
                                              "entry": self.entry(entity, values)}

    def changes(self, entity: str, before: dict[str, Any], after: dict[str, Any], *, back: bool = False) -> str:
        """What changed between two versions of an entry, field by field."""
        told = []
        fields = [f for f in after if f != "id" and before.get(f) != after.get(f)]
        # One field is named with its entry; several, after it ("Kenya's accession ...: its date ...").
        with_entry = len(fields) == 1 or entity == "alliance"
        for field in fields:
            old, new = before.get(field), after.get(field)
            named = self.field(entity, field, before) if with_entry else _(ITS.get(field, A_DETAIL))
            if field in UNSHOWN and entity != "alliance":
                state = (N_("%(field)s was added") if old in (None, "") else
                         N_("%(field)s was removed") if new in (None, "") else
                         N_("%(field)s was changed back") if back else N_("%(field)s was changed"))
                told.append(_(state) % {"field": named})
            elif (field in DATES or field in DATE_SETTINGS and entity == "alliance") and _day(old) and _day(new):
                one, two = two_dates(old, new)
                message = N_("%(field)s was changed back from %(old_date)s to %(new_date)s") if back \
                    else N_("%(field)s was changed from %(old_date)s to %(new_date)s")
                told.append(_(message) % {"field": named, "old_date": one, "new_date": two})
            elif old in (None, ""):
                message = N_("%(field)s was changed back from none to %(new)s") if back \
                    else N_("%(field)s was changed from none to %(new)s")
                told.append(_(message) % {"field": named, "new": self.value(entity, field, new)})
            elif new in (None, ""):
                message = N_("%(field)s was changed back from %(old)s to none") if back \
                    else N_("%(field)s was changed from %(old)s to none")
                told.append(_(message) % {"field": named, "old": self.value(entity, field, old)})
            else:
                message = N_("%(field)s was changed back from %(old)s to %(new)s") if back \
                    else N_("%(field)s was changed from %(old)s to %(new)s")
                told.append(_(message) % {"field": named, "old": self.value(entity, field, old),
                                          "new": self.value(entity, field, new)})
        if len(fields) > 1 and entity != "alliance":
            return _("%(entry)s: %(changes)s") % {"entry": self.entry(entity, before), "changes": listed(told)}
        return listed(told)

    # -- sentences ---------------------------------------------------------------------------

    def correction(self, entity: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        what = self.changes(entity, before or {}, after or {}) \
            or _("%(entry)s was checked, and nothing in it changed") % {"entry": self.entry(entity, after or {})}
        return _("Correction (%(date)s): %(what)s.") % {"date": long_date(self.on), "what": what}

    def retraction(self, entity: str, before: dict[str, Any] | None) -> str:
        return _("Retraction (%(date)s): %(entry)s was removed from the record.") % {
            "date": long_date(self.on), "entry": self.entry(entity, before or {})}

    def undoing(self, entity: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
        if after is None:
            what = _("%(entry)s was taken out of the record again") % {"entry": self.entry(entity, before or {})}
        elif before is None:
            what = _("%(entry)s was put back in the record") % {"entry": self.entry(entity, after)}
        else:
            what = self.changes(entity, before, after, back=True) \
                or _("%(entry)s was left as it was") % {"entry": self.entry(entity, after)}
        return _("An earlier change was undone (%(date)s): %(what)s.") % {"date": long_date(self.on), "what": what}

    def settings(self, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
        """A change of the settings, in words; None when nothing the public reads changed."""
        before, after = before or {}, after or {}
        told = [self.setting(field, after) for field in SETTINGS if before.get(field) != after.get(field)]
        return " ".join(capital(t) for t in told) or None

    def setting(self, field: str, values: dict[str, Any]) -> str:
        given = values.get(field)
        if field == "founding_instrument":
            return _("the alliance's founding instrument was set to %(instrument)s: its participants are the "
                     "members.") % {"instrument": self.setting_value(field, given)}
        if field == "records_kept_since":
            if not given:
                return _("the registry no longer says from when it keeps the reporting record.")
            return _("the registry keeps the reporting record from %(date)s: a report due before then that it "
                     "lacks is shown as “no record”, not as overdue.") % {"date": self.setting_value(field, given)}
        if given in (None, ""):
            return _("%(setting)s was removed.") % {"setting": _(SETTINGS[field])}
        value = self.setting_value(field, given)
        if field in SET_AS:
            return _(SET_AS[field]) % {"value": value}
        return _("%(setting)s was set to %(value)s.") % {"setting": _(SETTINGS[field]), "value": value}

    def in_general(self, iso2: str | None) -> str:
        if iso2:
            return _("The record of %(country)s was updated.") % {"country": self.country(iso2)}
        return _("The registry was updated.")


# -- a new entry, by kind of change ------------------------------------------------------------


def _action(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    kind = values.get("kind", "")
    said = {"country": words.country(values.get("country")), "date": long_date(values.get("date")),
            "instrument": words.instrument(values.get("instrument")), "alliance": words.names.alliance}
    if not words.founding(values):
        return _(ACTED.get(kind, ACTED_OTHERWISE)) % said
    if kind == "withdrawal":
        return _("%(country)s withdrew from %(alliance)s on %(date)s.") % said
    return _(JOINED.get(kind, JOINED_OTHERWISE)) % said


def _report(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    year = words.cycle_year(values.get("cycle"))
    said = {"whose": possessive(words.country(values.get("country"))), "year": year,
            "date": long_date(values.get("received"))}
    if year is None:
        return _("%(whose)s announcement of efforts was received on %(date)s.") % said
    return _("%(whose)s %(year)s report was received on %(date)s.") % said


def _where(values: dict[str, Any]) -> str:
    """Where and when a meeting meets: "in Washington from 10 to 11 December 2014" ("" if unknown)."""
    when = days(values.get("starts"), values.get("ends"))
    if values.get("city") and when:
        return _("in %(city)s %(days)s") % {"city": values["city"], "days": when}
    if values.get("city"):
        return _("in %(city)s") % {"city": values["city"]}
    return when


def _meeting_title(values: dict[str, Any]) -> str:
    return values.get("title") or _("a meeting")


def _scheduled(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    host = words.country(values["host"]) if values.get("host") else ""
    said = {"meeting": _meeting_title(values), "where": _where(values), "host": host}
    starts = _day(values.get("starts"))
    if starts and starts < words.on:  # a past meeting entered for the record (it has days: where is said)
        message = N_("%(meeting)s, held %(where)s, hosted by %(host)s, was added to the record.") if host \
            else N_("%(meeting)s, held %(where)s, was added to the record.")
    elif said["where"]:
        message = N_("%(meeting)s was scheduled to meet %(where)s, hosted by %(host)s.") if host \
            else N_("%(meeting)s was scheduled to meet %(where)s.")
    else:
        message = N_("%(meeting)s was scheduled to meet, hosted by %(host)s.") if host \
            else N_("%(meeting)s was scheduled to meet.")
    return _(message) % said


def _status(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    said = {"meeting": _meeting_title(values), "where": _where(values)}
    if values.get("status") == "held":
        message = N_("%(meeting)s took place %(where)s.") if said["where"] else N_("%(meeting)s took place.")
    else:
        message = STATUS_NOW.get(values.get("status", ""), N_("%(meeting)s is now changed."))
    return _(message) % said


def _outcome(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    return _("The outcome of %(meeting)s was published on its page.") % {"meeting": _meeting_title(values)}


def _cancelled(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    said = {"meeting": _meeting_title(values), "where": _where(values)}
    message = N_("%(meeting)s, which was to meet %(where)s, was cancelled.") if said["where"] \
        else N_("%(meeting)s, which was to meet, was cancelled.")
    return _(message) % said


def _postponed(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    return _("%(meeting)s was postponed: it was to meet %(was)s, and now meets %(now)s.") % {
        "meeting": _meeting_title(values), "was": days(before.get("starts"), before.get("ends")),
        "now": days(values.get("starts"), values.get("ends"))}


def _attended(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    role = values.get("role")
    said = {"country": words.country(values.get("country")), "meeting": words.meeting(values.get("meeting"))}
    if not role or role == "delegation":
        message = N_("%(country)s attended %(meeting)s.")
    elif role in ATTENDED_AS:
        message = ATTENDED_AS[role]
    elif role in ROLES:
        message, said["role"] = N_("%(country)s attended %(meeting)s as %(role)s."), _(ROLES[role])
    else:
        message = N_("%(country)s attended %(meeting)s as a participant.")
    return _(message) % said


def _decided(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    meeting = words.meeting(values.get("meeting"))
    if values.get("instrument"):  # the decision is the instrument's adoption: the instrument says it
        return _("%(meeting)s adopted %(instrument)s.") % {
            "meeting": meeting, "instrument": words.instrument(values["instrument"])}
    kind = values.get("kind") or "decision"
    said = {"meeting": meeting, "title": quoted(values.get("title"))}
    if kind in ADOPTED:
        return _(ADOPTED[kind]) % said
    return _("%(meeting)s adopted the %(kind)s %(title)s.") % {**said, "kind": word(DECISION_KINDS, kind)}


def _document(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    message = DOCUMENT_ADDED.get(values.get("kind", ""), DOCUMENT_ADDED["other"])
    return _(message) % {"meeting": words.meeting(values.get("meeting")), "title": quoted(values.get("title"))}


def _committed(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    said = {"country": words.country(values.get("country")), "target": words.target(values.get("target")),
            "cycle": words.cycle(values.get("cycle"))}
    status = str(values.get("status"))
    if status in COMMITTED:
        return _(COMMITTED[status]) % said
    if status in COMMITMENTS:
        return _("%(country)s reported a commitment under %(target)s as %(status)s, in its %(cycle)s.") % {
            **said, "status": _(COMMITMENTS[status])}
    return _("%(country)s reported a commitment under %(target)s as changed, in its %(cycle)s.") % said


def _measured(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    found = words.names.indicators.get(values.get("indicator") or "", {})
    said = {"indicator": words.indicator(values.get("indicator")), "year": values.get("year"),
            "value": number(values.get("value")), "unit": found.get("unit")}
    if found.get("unit"):
        return _("The value of %(indicator)s for %(year)s was recorded: %(value)s %(unit)s.") % said
    return _("The value of %(indicator)s for %(year)s was recorded: %(value)s.") % said


def _indicator(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    return _("A new indicator, %(title)s, was added to measure %(target)s.") % {
        "title": quoted(values.get("title")), "target": words.target(values.get("target"))}


def _target(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    message = TARGET_ADDED.get(values.get("kind", ""),
                               N_("A target of %(instrument)s was added to the record: %(title)s."))
    return _(message) % {"instrument": words.instrument(values.get("instrument")),
                         "title": quoted(values.get("title"))}


def _instrument(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    title = values.get("title")
    said = {"instrument": the(title) if title else _("the instrument"), "place": values.get("place"),
            "date": long_date(values.get("adopted"))}
    if values.get("place"):
        return _("%(instrument)s, adopted in %(place)s on %(date)s, was added to the record.") % said
    return _("%(instrument)s, adopted on %(date)s, was added to the record.") % said


def _named(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    # Named by its usual (UN) name: the registry's own naming now gives the new form.
    said = {"country": usual_name(values.get("country", "")), "name": quoted(values.get("name")),
            "was": quoted(before.get("name"))}
    if before.get("name"):
        return _("At its request, %(country)s is named %(name)s in the registry, instead of %(was)s.") % said
    return _("At its request, %(country)s is named %(name)s in the registry.") % said


def _name_cleared(words: Words, before: dict[str, Any]) -> str:
    return _("The registry no longer names %(country)s %(name)s: it is named as the registry names every "
             "country.") % {"country": usual_name(before.get("country", "")), "name": quoted(before.get("name"))}


def _released(words: Words, values: dict[str, Any], before: dict[str, Any]) -> str:
    if values.get("note"):
        return _("Release %(number)s of the open data was published: %(note)s.") % {
            "number": values.get("number"), "note": values["note"].rstrip(".")}
    return _("Release %(number)s of the open data was published.") % {"number": values.get("number")}


#: A sentence for each kind of change that adds or changes an entry (corrections, retractions,
#: undoing and settings have their own); "action" stands for every kind of action.
MADE = {
    "action": _action, "report.record": _report, "meeting.schedule": _scheduled, "meeting.status": _status,
    "meeting.outcome": _outcome, "meeting.cancel": _cancelled, "meeting.postpone": _postponed,
    "meeting.attend": _attended, "decision.add": _decided, "document.add": _document,
    "commitment.add": _committed, "indicator.record": _measured, "indicator.add": _indicator,
    "target.add": _target, "instrument.add": _instrument, "release.add": _released,
    "country_name.set": _named,
}
