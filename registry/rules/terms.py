"""The registry's vocabularies: the kinds of action, evidence and meeting.

Kept apart from models.py so that the pure rules (history.py, standing.py)
and the plain reading path (rows.py) can use them without loading the ORM.

The words for each term are English, as the command line and the change log's stored
summaries use them; they are marked for the catalogue (`N_`) and translated where the
site shows them (rules/language.py).
"""

from registry.rules.language import N_

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
#: Each role in words, as "attended as ...".
ROLE_WORDS = {"delegation": N_("a delegation"), "observer": N_("an observer"),
              "organisation": N_("an organisation")}

#: The open-data licence, unless the registry's settings name another (an SPDX identifier).
DEFAULT_LICENCE = "CC-BY-4.0"

#: Codes that name an organisation rather than a state: it attends meetings as an organisation.
ORGANISATIONS = ("EU",)

#: What a session adopts: its decisions, numbered within the session, are of these kinds.
DECISION_KINDS = ("declaration", "decision", "statement", "communique")
#: Each kind of decision in words (the stored kind is plain ASCII).
DECISION_WORDS = {"declaration": N_("declaration"), "decision": N_("decision"), "statement": N_("statement"),
                  "communique": N_("communiqué")}
#: The documents of a session.
DOCUMENT_KINDS = ("agenda", "report", "participants", "other")
#: The founding instrument's shared aims: policy targets, and operational goals that serve them.
TARGET_KINDS = ("policy-target", "operational-goal")
TARGET_WORDS = {"policy-target": N_("policy target"), "operational-goal": N_("operational goal")}
#: Where a country's commitment under a target stands, as it reported.
COMMITMENT_STATUSES = ("announced", "in-progress", "done")
COMMITMENT_WORDS = {"announced": N_("announced"), "in-progress": N_("in progress"), "done": N_("done")}

#: How the registry names countries by default: the UN's short names, ISO 3166's, or CLDR's
#: everyday English (rules/countries.py; the `name-convention` setting).
NAME_CONVENTIONS = ("un", "iso", "cldr")
