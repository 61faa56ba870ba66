"""The content's vocabulary, each term written once as id -> label: answer kinds, sub-sectors and phases.

The schemas' enums (``schema.py``) and the labels on the pages (``render.py``) both come from here.
"""
from __future__ import annotations

#: Answer kinds: each maps the value of each of its controls to the control's visible label.
ANSWER_KINDS = {
    "tick": {"yes": "Selected"},
    "yes-no": {"yes": "Yes", "no": "No"},
    "yes-no-na": {"yes": "Yes", "no": "No", "na": "N/A"},
    "low-medium-high": {"low": "Low", "medium": "Medium", "high": "High"},
    "roles": {"consult": "Consult", "partner": "Partner", "beneficiary": "Beneficiary"},
    "text": {},
}

#: What progress counts (``progress.py``): kinds always asked as questions, kinds ticked as selections, and kinds
#: answered in free text (a question only when numbered, or when a page asks nothing else).
QUESTION_KINDS = ("yes-no", "yes-no-na", "low-medium-high", "roles")
SELECTION_KINDS = ("tick",)
FREE_TEXT_KINDS = ("text",)

#: The security sub-sectors an item or section is relevant to.
SUBSECTORS = {
    "security-sector-reform": "Security Sector Reform",
    "transnational-organized-crime": "Transnational and Organized Crime",
    "conflict-prevention": "Conflict Prevention",
    "stabilization": "Stabilization",
}

#: The project phases a tool is used in.
PHASES = {
    "programming": "Programming",
    "design": "Design",
    "implementation": "Implementation",
    "closure": "Closure",
}
