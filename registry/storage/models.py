"""The registry's tables: one SQLModel class per concept.

Only facts the secretariat enters are stored. Everything derived from them
(who is a member on a date, what a country owes, what is overdue) is computed
by the domain modules, never stored twice.

Table models skip Pydantic validation when constructed, so every rule the
domain modules enforce is also backed by a database constraint here.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from registry.rules.terms import (  # noqa: F401
    ACTIONS,
    ATTENDANCE_ROLES,
    COMMITMENT_STATUSES,
    DECISION_KINDS,
    DEFAULT_LICENCE,
    DOCUMENT_KINDS,
    EVIDENCE,
    JOINING_ACTIONS,
    MEETING_KINDS,
    MEETING_STATUSES,
    NAME_CONVENTIONS,
    TARGET_KINDS,
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _iso2(column: str) -> str:
    return f"length({column}) = 2 AND upper({column}) = {column}"


class Alliance(SQLModel, table=True):
    """The registry's settings: one row naming the alliance and its rules."""

    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(_one_of("name_convention", NAME_CONVENTIONS), name="alliance_name_convention"),
    )

    id: int = Field(default=1, primary_key=True)
    name: str
    short_name: str = ""
    founding_instrument: str | None = Field(default=None, foreign_key="instrument.slug")
    announcement_due: date | None = None
    first_report_due: date | None = None
    report_interval_years: int = Field(default=2, sa_column_kwargs={"nullable": False})
    first_conference_by: date | None = None
    conference_interval_years: int = Field(default=2, sa_column_kwargs={"nullable": False})
    #: Reports due before this date that the registry lacks are "no record",
    #: not "overdue": the registry did not keep the record then.
    records_kept_since: date | None = None
    contact: str = ""
    #: The licence of the published data, as an SPDX identifier.
    licence: str = Field(default=DEFAULT_LICENCE, sa_column_kwargs={"nullable": False})
    #: How countries are named where no preferred form is recorded: un, iso or cldr.
    name_convention: str = Field(default="un", sa_column_kwargs={"nullable": False})


class Instrument(SQLModel, table=True):
    """A text that countries endorse, sign or accede to."""

    __table_args__ = (CheckConstraint("length(slug) > 0", name="slug_not_empty"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    title: str
    kind: str = "declaration"
    adopted: date
    place: str = ""
    issuer: str = ""
    citation: str = ""


class Action(SQLModel, table=True):
    """One dated step in a country's participation in an instrument."""

    __table_args__ = (
        CheckConstraint(_one_of("kind", ACTIONS), name="action_kind"),
        CheckConstraint(_one_of("evidence", EVIDENCE), name="action_evidence"),
        CheckConstraint(_iso2("country"), name="action_country_iso2"),
        Index("ix_action_instrument_country_date", "instrument", "country", "date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    instrument: str = Field(foreign_key="instrument.slug")
    country: str = Field(index=True)
    kind: str
    date: date
    evidence: str = "notification"
    meeting: str | None = Field(default=None, foreign_key="meeting.slug")
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    #: The country's name as the source document wrote it ("Turkey", "Vietnam"), if recorded.
    written_as: str = ""


class Meeting(SQLModel, table=True):
    """A conference session of the alliance, or another meeting the record names."""

    __table_args__ = (
        CheckConstraint(_one_of("kind", MEETING_KINDS), name="meeting_kind"),
        CheckConstraint(_one_of("status", MEETING_STATUSES), name="meeting_status"),
        CheckConstraint("ends >= starts", name="meeting_dates_in_order"),
        CheckConstraint(
            "(kind = 'conference') = (number IS NOT NULL)", name="conference_has_number"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    kind: str = "conference"
    number: int | None = Field(default=None, unique=True)
    title: str
    starts: date
    ends: date
    city: str = ""
    host: str | None = None
    status: str = "scheduled"
    #: Path of the outcome document, relative to the site's content folder.
    outcome: str | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Attendance(SQLModel, table=True):
    """A country (or the European Union) that attended a meeting, and in what role."""

    __table_args__ = (
        UniqueConstraint("meeting", "country", name="attendance_once"),
        CheckConstraint(_iso2("country"), name="attendance_country_iso2"),
        CheckConstraint(_one_of("role", ATTENDANCE_ROLES), name="attendance_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting: str = Field(foreign_key="meeting.slug", index=True)
    country: str = Field(index=True)
    role: str = Field(default="delegation", sa_column_kwargs={"nullable": False})
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Report(SQLModel, table=True):
    """A report a country submitted for a reporting cycle."""

    __table_args__ = (
        UniqueConstraint("country", "cycle", name="report_once_per_cycle"),
        CheckConstraint(_iso2("country"), name="report_country_iso2"),
    )

    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(index=True)
    #: The cycle's slug: the year its report falls due ("2013", "2014", ...).
    cycle: str
    received: date
    url: str = ""
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Decision(SQLModel, table=True):
    """What a session decided or adopted, numbered within the session."""

    __table_args__ = (
        UniqueConstraint("meeting", "number", name="decision_number_once"),
        CheckConstraint(_one_of("kind", DECISION_KINDS), name="decision_kind"),
        CheckConstraint("number > 0", name="decision_number_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting: str = Field(foreign_key="meeting.slug", index=True)
    number: int
    kind: str = "decision"
    title: str
    #: The decision's text, in Markdown.
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    #: The instrument it adopted, if it adopted one.
    instrument: str | None = Field(default=None, foreign_key="instrument.slug")
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Document(SQLModel, table=True):
    """A document of a session: its agenda, its report, its list of participants."""

    __table_args__ = (CheckConstraint(_one_of("kind", DOCUMENT_KINDS), name="document_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting: str = Field(foreign_key="meeting.slug", index=True)
    kind: str = "other"
    title: str
    dated: date | None = None
    url: str = ""


class Target(SQLModel, table=True):
    """A shared policy target or operational goal of an instrument, in its order there."""

    __table_args__ = (CheckConstraint(_one_of("kind", TARGET_KINDS), name="target_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    instrument: str = Field(foreign_key="instrument.slug")
    kind: str
    number: int
    title: str
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Commitment(SQLModel, table=True):
    """What a country announced or reported doing under a target, in a reporting cycle."""

    __table_args__ = (
        CheckConstraint(_iso2("country"), name="commitment_country_iso2"),
        CheckConstraint(_one_of("status", COMMITMENT_STATUSES), name="commitment_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(index=True)
    target: str = Field(foreign_key="target.slug", index=True)
    #: The reporting cycle it was announced or reported in ("2013", "2014", ...).
    cycle: str
    text: str = Field(sa_column=Column(Text, nullable=False))
    status: str = "announced"
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Indicator(SQLModel, table=True):
    """A measure of an operational goal, and the yearly growth the goal asks of it."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    target: str = Field(foreign_key="target.slug")
    title: str
    unit: str = ""
    #: The growth the goal asks for, in percent a year (10 for "at least 10% yearly").
    growth_percent: float | None = None
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class IndicatorValue(SQLModel, table=True):
    """An indicator's value for one year, with where it was published."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator", "year", name="indicator_value_once_a_year"),)

    id: int | None = Field(default=None, primary_key=True)
    indicator: str = Field(foreign_key="indicator.slug", index=True)
    year: int
    value: float
    source: str = Field(sa_column=Column(Text, nullable=False))


class CountryName(SQLModel, table=True):
    """A country's own preferred form of its name, recorded with a reason and a source."""

    __tablename__ = "country_name"
    __table_args__ = (
        UniqueConstraint("country", name="country_name_once"),
        CheckConstraint(_iso2("country"), name="country_name_iso2"),
    )

    id: int | None = Field(default=None, primary_key=True)
    country: str
    name: str
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Release(SQLModel, table=True):
    """A numbered, dated release of the public data, kept as it was released."""

    __table_args__ = (CheckConstraint("number > 0", name="release_number_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    released_at: datetime
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    #: The last change to the registry that the release includes.
    last_change: int | None = None
    #: The public data as released, byte for byte.
    document: str = Field(sa_column=Column(Text, nullable=False))


class Change(SQLModel, table=True):
    """One write to the registry: who did what, before and after, and why."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    by: str
    #: What was done, as a dotted verb: "action.add", "report.correct", ...
    what: str
    #: The entry's kind and id, e.g. "action" and 12.
    entity: str
    entity_id: int | None = None
    country: str | None = Field(default=None, index=True)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
