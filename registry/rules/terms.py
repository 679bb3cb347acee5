"""The registry's vocabularies: the kinds of action, evidence and meeting.

Kept apart from models.py so that the pure rules (history.py, standing.py)
and the plain reading path (rows.py) can use them without loading the ORM.
"""

#: Kinds of participation action. The joining kinds make a country a
#: participant from their date; a withdrawal ends its participation.
JOINING_ACTIONS = ("endorsement", "signature", "accession", "principles", "re-accession")
ACTIONS = JOINING_ACTIONS + ("withdrawal",)

#: What evidences an action.
EVIDENCE = ("meeting", "letter", "notification", "other")

#: Kinds of instrument.
INSTRUMENT_KINDS = ("declaration", "joint-statement", "joint-declaration", "convention", "protocol",
                    "resolution", "other")

MEETING_KINDS = ("conference", "meeting")
MEETING_STATUSES = ("scheduled", "held", "cancelled")
