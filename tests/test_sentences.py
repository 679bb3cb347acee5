"""The change log in the public's words (registry/reading/sentences.py).

Every write command is driven once on a scratch registry, then every logged change is read as
the public reads it: a sentence with no slug, no id, no "=", no field or setting name, naming
the country, instrument or meeting in words, with its reason beside it; and read again in French,
as the French site reads it: every sentence translated, with no English left but the data.
"""

import re
from datetime import date

import pytest
from conftest import PROJECT

from registry.reading import changes, licences, sentences
from registry.rules import countries, language
from registry.storage import rows

#: Each write command once (and the correction, retraction and undo of entries of each kind).
WRITES = [
    "join KE --date 2015-05-04 --source 'letter of 4 May 2015' --evidence letter",
    "withdraw KE --date 2020-01-31 --source 'notification of 2 January 2020'",
    "join KE --date 2022-03-01",
    f"import {PROJECT / 'docs/examples/accessions.csv'}",
    "instrument add lanzarote-2007 --title 'Council of Europe Convention on the Protection of Children against "
    "Sexual Exploitation and Sexual Abuse' --adopted 2007-10-25 --place Lanzarote --kind convention",
    "join FR --date 2007-10-25 --instrument lanzarote-2007 --kind signature",
    "settings set records-kept-since 2016-01-01 --reason 'reports before 2016 were not recorded'",
    "settings set contact secretariat@example.org --reason 'a new address'",
    "settings set licence CC0-1.0 --reason 'public domain from now on'",
    "settings set short-name 'Global Alliance' --reason 'set again, unchanged'",
    "report record FR --cycle 2016 --received 2016-06-30 --url https://example.org/reports/fr-2016.pdf",
    "report record DE --cycle 2016 --received 2016-05-02",
    "session schedule --number 1 --starts 2014-12-10 --ends 2014-12-11 --city Washington "
    "--host 'United States of America'",
    "session attend conference-1 FR DE",
    "session attend conference-1 CA --role observer",
    "session held conference-1",
    "session outcome conference-1 sessions/conference-1.md",
    "session decide conference-1 --kind declaration --title 'Washington declaration'",
    "session document conference-1 --kind agenda --title 'Agenda of the first session' --date 2014-11-20",
    "session schedule --number 2 --starts 2099-03-01 --city Rome",
    "session postpone conference-2 --starts 2099-06-01 --reason 'postponed by the host'",
    "session schedule --number 3 --starts 2099-09-01",
    "session cancel conference-3 --reason 'the host withdrew its invitation'",
    "commitment add FR --target identify-victims --cycle 2014 --text 'A national victim identification unit' "
    "--status done",
    "indicator record icse-identified-victims --year 2015 --value 10000 --source 'INTERPOL, ICSE figures for 2015'",
    "correct report FR 2016 received=2016-07-01 --reason 'date stamp misread' --yes",
    "correct meeting conference-1 city=Brussels --reason 'moved by the host' --yes",
    "correct instrument lanzarote-2007 place=Lanzarote --reason 'checked' --yes",
    "correct attendance conference-1 DE role=observer --reason 'list of participants' --yes",
    "correct decision conference-1 1 title='Washington Declaration' --reason 'capitals' --yes",
    "retract attendance conference-1 CA --reason 'recorded for the wrong meeting' --yes",
    "retract report DE 2016 --reason 'recorded for the wrong country' --yes",
    "country-name set TR 'Republic of Türkiye' --reason 'its note verbale of 3 March 2026'",
    "country-name clear TR --reason 'its note verbale of 4 April 2026'",
    "release --note 'the record as of the first conference'",
]


def _write_all(cli, content) -> None:
    (content / "sessions").mkdir(exist_ok=True)
    (content / "sessions" / "conference-1.md").write_text("Title: Outcome\n\nThe session met.\n")
    for command in WRITES:
        result = cli(command)
        assert result.exit_code == 0, (command, result.stderr)
    logged = cli("log --json").json()
    join = next(c for c in logged if c["what"] == "action.accession" and c["country"] == "KE")
    commitment = next(c for c in logged if c["what"] == "commitment.add")
    value = next(c for c in logged if c["what"] == "indicator.record")
    for command in [
        f"correct action {join['entity_id']} date=2015-05-14 source='letter of 14 May 2015' "
        "--reason 'date misread from the letter' --yes",
        f"correct commitment {commitment['entity_id']} status=in-progress --reason 'as reported' --yes",
        f"correct indicator-value {value['entity_id']} value=12500 --reason 'revised figures' --yes",
    ]:
        result = cli(command)
        assert result.exit_code == 0, (command, result.stderr)
    last = cli("log --json --limit 1").json()[0]
    assert cli(f"undo {last['id']} --reason 'the old figure stands' --yes").exit_code == 0


@pytest.fixture
def written(seeded, tmp_path):
    _write_all(seeded, tmp_path / "content")
    with rows.reading() as reader:
        log = changes.entries(reader)
        told = {t.id: t for t in sentences.in_words(reader, log)}
        slugs = {r["slug"] for table in ("instrument", "meeting", "target", "indicator") for r in reader.table(table)}
        titles = [r["title"] for table in ("instrument", "meeting", "target", "indicator", "decision", "document")
                  for r in reader.table(table)] + [name for name, _ in licences.KNOWN.values()]
    return log, told, slugs, titles


#: What the public must never read: the log's field names and the settings' names.
TECHNICAL = re.compile(r"\b(entity|entity_id|written_as|growth_percent|records[-_]kept[-_]since|short[-_]name"
                       r"|founding[-_]instrument|first[-_]report[-_]due|name[-_]convention|action\.\w+"
                       r"|\w+\.(correct|retract|undo|record|add))\b")


def _without_words(text: str, titles: list[str]) -> str:
    """The sentence without the titles, dates, years and figures it may rightly hold."""
    for title in sorted(titles, key=len, reverse=True):
        text = text.replace(title, "")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    text = re.sub(r"\b\d{1,3}(,\d{3})+\b", "", text)  # a figure: 12,500
    text = re.sub(rf"\b(1er|\d{{1,2}}) ({months})\b", "", text)
    text = re.sub(r"\bfrom \d{1,2} to\b", "", text)  # "from 10 to 11 December 2014"
    text = re.sub(r"\bRelease \d+\b", "", text)  # a release is named by its number, as the site names it
    return re.sub(r"\b\d{4}\b", "", text)


def test_every_kind_of_change_reads_as_a_sentence_without_ids_slugs_or_field_names(written):
    log, told, slugs, titles = written
    kinds = {c.what for c in log}
    assert {"action.accession", "action.withdrawal", "action.re-accession", "action.signature", "report.record",
            "meeting.schedule", "meeting.attend", "meeting.status", "meeting.outcome", "meeting.cancel",
            "meeting.postpone", "decision.add", "document.add", "commitment.add", "indicator.record",
            "instrument.add", "settings.change", "report.correct", "meeting.correct", "action.correct",
            "attendance.retract", "report.retract", "indicator_value.undo", "country_name.set",
            "country_name.clear", "release.add"} <= kinds
    for change in log:
        if change.id not in told:
            continue
        text = told[change.id].text
        assert "=" not in text and "_" not in text, text
        assert not TECHNICAL.search(text), text
        assert not [word for word in re.findall(r"[\w-]+", text) if word in slugs], text
        assert not re.search(r"\d", _without_words(text, titles)), text
        assert text[0].isupper() and text.endswith("."), text
        assert not text.startswith(("The record of", "The registry was updated")), text  # never a catch-all
        if change.entity in ("action", "report", "attendance", "commitment"):
            assert countries.name(change.country) in text, text
    told_of = {c.what: told[c.id].text for c in log if c.id in told}
    assert "Brussels" in told_of["meeting.correct"] and "Conference session 1" in told_of["meeting.correct"]
    assert "Council of Europe Convention" in told_of["instrument.correct"]
    assert told_of["country_name.set"] == "At its request, Türkiye is named “Republic of Türkiye” in the registry."
    assert told_of["country_name.clear"] == ("The registry no longer names Türkiye “Republic of Türkiye”: it is named "
                                             "as the registry names every country.")


def test_typical_changes_in_exact_words(written):
    log, told, _, _ = written
    by_what: dict[str, list] = {}
    for change in log:
        by_what.setdefault(change.what, []).append(change)

    def words(what: str, index: int = 0) -> str:
        return told[by_what[what][index].id].text

    def on(what: str) -> str:
        return f"{by_what[what][0].at:%-d %B %Y}"

    assert words("action.withdrawal") == "Kenya withdrew from the Global Alliance on 31 January 2020."
    assert words("action.re-accession") == (
        "Kenya rejoined the Global Alliance on 1 March 2022, acceding again to the Declaration on the Launch of "
        "the Global Alliance against child sexual abuse online.")
    assert words("action.signature") == (
        "France signed the Council of Europe Convention on the Protection of Children against Sexual Exploitation "
        "and Sexual Abuse on 25 October 2007.")
    assert words("report.correct") == (
        f"Correction ({on('report.correct')}): the date France's 2016 report was received was changed "
        "from 30 June to 1 July 2016.")
    assert told[by_what["report.correct"][0].id].reason_text == "Reason: date stamp misread."
    assert words("meeting.postpone") == (
        "Conference session 2 was postponed: it was to meet on 1 March 2099, and now meets on 1 June 2099.")
    attended = {told[c.id].text for c in by_what["meeting.attend"]}
    assert {"France attended Conference session 1.", "Canada attended Conference session 1 as an observer."} \
        <= attended
    assert words("attendance.retract") == (
        f"Retraction ({on('attendance.retract')}): Canada's attendance at Conference session 1 was removed from "
        "the record.")
    assert words("indicator_value.undo") == (
        f"An earlier change was undone ({on('indicator_value.undo')}): the 2015 value of “Victims "
        "identified in INTERPOL's ICSE database” was changed back from 12,500 to 10,000.")


def test_settings_the_public_reads_and_those_it_does_not(written):
    log, told, _, _ = written
    first = min(c.id for c in log if c.what == "action.accession" and c.country == "KE")
    settings = [c for c in log if c.what == "settings.change" and c.id > first]
    said = [told[c.id].text if c.id in told else None for c in reversed(settings)]
    assert said == [
        "The registry keeps the reporting record from 1 January 2016: a report due before then that it lacks is "
        "shown as “no record”, not as overdue.",
        "The secretariat's contact for corrections was set to “secretariat@example.org”.",
        "The open data's licence was set to Creative Commons Zero v1.0 Universal.",
        None,  # the short name set again, unchanged: nothing to tell
    ]


def test_a_date_pair_names_its_year_once_and_a_meetings_days_read_naturally():
    assert sentences.two_dates("2016-06-30", "2016-07-01") == ("30 June", "1 July 2016")
    assert sentences.two_dates("2015-12-31", "2016-01-01") == ("31 December 2015", "1 January 2016")
    assert sentences.days("2014-12-10", "2014-12-11") == "from 10 to 11 December 2014"
    assert sentences.days("2014-11-30", "2014-12-01") == "from 30 November to 1 December 2014"
    assert sentences.days("2009-04-20", "2009-04-20") == "on 20 April 2009"
    assert sentences.long_date(date(2016, 7, 1)) == "1 July 2016"


def test_a_change_of_an_unknown_kind_or_shape_is_told_in_general_words():
    from datetime import datetime

    from registry.storage.rows import Row

    names = sentences.Names(alliance="the Global Alliance", founding="launch", announcement=None, instruments={},
                            meetings={}, targets={}, indicators={}, country=countries.name)

    def told(what: str, after: str | None, country: str | None = "FR") -> str | None:
        change = Row(id=7, at=datetime(2026, 1, 5), what=what, entity=what.split(".")[0], entity_id=3,
                     country=country, before=None, after=after, reason="")
        found = sentences.sentence(change, names)
        return found.text if found else None

    assert told("action.accession", "[1, 2]") == "The record of France was updated."
    assert told("action.accession", '{"country": "FR", "date": 5}') == "The record of France was updated."
    assert told("shelf.add", '{"id": 3}', country=None) == "The registry was updated."
    assert told("action.accession", '{"country": "FR", "kind": "accession", "instrument": "launch", '
                                     '"date": "2016-01-02"}') == \
        "France joined the Global Alliance on 2 January 2016, acceding to an instrument."


@pytest.fixture
def written_in_french(written):
    """The same log read as the French site reads it, with what the secretariat typed (data: titles,
    notes, units, cities, preferred names) that may rightly stay in English."""
    log, told, slugs, titles = written
    with rows.reading() as reader, language.use("fr"):
        told_fr = {t.id: t for t in sentences.in_words(reader, log)}
        reasons = {t.id: t.reason_text for t in told_fr.values()}
        data = titles + [r["note"] for r in reader.table("release") if r["note"]] \
            + [i["unit"] for i in reader.table("indicator") if i["unit"]] \
            + [m["city"] for m in reader.table("meeting") if m["city"]]
    return log, told, told_fr, reasons, slugs, data


#: English words no French sentence holds once its data is taken out.
ENGLISH = re.compile(r"\b(the|was|were|is|of|and|its|from|to|by|in|as|now|added|removed|record|changed|joined"
                     r"|withdrew|attended|report|meeting|Retraction|Reason|none|no date)\b")


def _without_french_words(text: str, data: list[str]) -> str:
    """The French sentence without its data, quotations, dates, years and figures."""
    for title in sorted(data, key=len, reverse=True):
        text = text.replace(title, "")
    text = re.sub(r"«[^»]*»", "", text)  # titles and values quoted as data
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    text = re.sub(r"\b\d{1,3}([\u202f\u00a0 ]\d{3})+\b", "", text)  # a figure: 12 500
    text = re.sub(rf"\b(1er|\d{{1,2}}) ({months})\b", "", text)
    text = re.sub(r"\bdu \d{1,2} au\b", "", text)  # "du 10 au 11 décembre 2014"
    text = re.sub(r"\bédition \d+\b", "", text)
    return re.sub(r"\b\d{4}\b", "", text)


def test_every_kind_of_change_reads_as_a_french_sentence(written_in_french):
    log, told, told_fr, reasons, slugs, data = written_in_french
    assert told_fr.keys() == told.keys()  # the same changes are told, and left out, in either language
    for change in log:
        if change.id not in told_fr:
            continue
        text = told_fr[change.id].text
        assert text.strip() and text[0].isupper() and text.endswith("."), text
        assert text != told[change.id].text, text  # translated
        assert "=" not in text and "_" not in text, text
        assert not TECHNICAL.search(text), text
        assert not [word for word in re.findall(r"[\w-]+", text) if word in slugs], text
        left = _without_french_words(text, data)
        assert not re.search(r"\d", left), text
        assert not ENGLISH.search(left), text
        assert not re.search(r"[“”]", text) and not re.search(r"\S[:;]", left), text  # French quotes and spacing
        assert not text.startswith(("The record of", "The registry was updated")), text
        if change.entity in ("action", "report", "attendance", "commitment"):
            assert countries.name(change.country, "fr") in text, text
        if change.reason:
            assert reasons[change.id].startswith("Motif\u00a0: "), reasons[change.id]


def test_typical_changes_in_french(written_in_french):
    log, _, told_fr, reasons, _, _ = written_in_french

    def words(what: str) -> str:
        return next(told_fr[c.id].text for c in log if c.what == what)

    assert words("action.withdrawal") == "Kenya\u00a0: retrait de la Global Alliance le 31 janvier 2020."
    corrected = next(c for c in log if c.what == "report.correct")
    with language.use("fr"):
        day = language.long_date(corrected.at.date())
    assert words("report.correct") == (
        f"Correction ({day}) : la date de réception (France, rapport 2016) est désormais le 1er juillet 2016 "
        "(auparavant : le 30 juin).").replace(" :", "\u00a0:")
    assert reasons[corrected.id] == "Motif\u00a0: date stamp misread."
    with language.use("fr"):
        assert sentences.days("2014-12-10", "2014-12-11") == "du 10 au 11 décembre 2014"
        assert sentences.two_dates("2016-06-30", "2016-07-01") == ("30 juin", "1er juillet 2016")
        assert sentences.number(12500) == "12\u202f500"
    assert sentences.number(12500) == "12,500"  # English outside
