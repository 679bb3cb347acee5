"""The registry's vocabularies: the kinds of action, evidence and meeting.

Kept apart from models.py so that the pure rules (history.py, standing.py)
and the plain reading path (rows.py) can use them without loading the ORM.
"""

#: Kinds of participation action. The joining kinds make a country a
#: participant from their date; a withdrawal ends its participation.
JOINING_ACTIONS = ("endorsement", "signature", "accession", "principles", "re-accession")
ACTIONS = JOINING_ACTIONS + ("withdrawal",)

#: What evidences an action.
#: A note verbale is the formal, unsigned diplomatic note by which most states notify.
EVIDENCE = ("meeting", "letter", "note-verbale", "notification", "other")

#: Kinds of instrument.
INSTRUMENT_KINDS = ("declaration", "joint-statement", "joint-declaration", "convention", "protocol",
                    "resolution", "other")

MEETING_KINDS = ("conference", "meeting")
MEETING_STATUSES = ("scheduled", "held", "cancelled")

#: In what role a country or an organisation attended a meeting: as a delegation of a
#: participant, as an observer, or as an invited organisation (the European Union).
ATTENDANCE_ROLES = ("delegation", "observer", "organisation")

#: The open-data licence, unless the registry's settings name another (an SPDX identifier).
DEFAULT_LICENCE = "CC-BY-4.0"

#: Codes that name an organisation rather than a state: it attends meetings as an organisation.
ORGANISATIONS = ("EU",)

#: What a session adopts: its decisions, numbered within the session, are of these kinds.
DECISION_KINDS = ("declaration", "decision", "statement", "communique")
#: Each kind of decision in words (the stored kind is plain ASCII).
DECISION_WORDS = {"declaration": "declaration", "decision": "decision", "statement": "statement",
                  "communique": "communiqué"}
#: The documents of a session.
DOCUMENT_KINDS = ("agenda", "report", "participants", "other")
#: The founding instrument's shared aims: policy targets, and operational goals that serve them.
TARGET_KINDS = ("policy-target", "operational-goal")
#: Where a country's commitment under a target stands, as it reported.
COMMITMENT_STATUSES = ("announced", "in-progress", "done")

#: How the registry names countries by default: the UN's short names, ISO 3166's, or CLDR's
#: everyday English (rules/countries.py; the `name-convention` setting).
NAME_CONVENTIONS = ("un", "iso", "cldr")
