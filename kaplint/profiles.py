"""Document types (profiles): each is checked against the expectations of its kind.

``transactional`` is for short operational messages (appointment reminders,
receipts, text messages): their wording is checked like any other text
(claims, terminology, language, readability), but no disclosure element is
expected of them, because a reminder that never offers treatment cannot be
expected to carry a consent form's warnings. A project that wants an element
there anyway sets its level (``[tool.kaplint.disclosures.<element>]
transactional = "warning"``).
"""

PROFILES = ("web", "handout", "consent", "prep", "integration", "email", "transactional")
DEFAULT_PROFILE = "web"

# Texts shorter than this many words (a text message, a reminder, a receipt line) get no disclosure
# checklist under any profile: a checklist built for pages and handouts would report most of the
# catalogue missing on a two-line message. ``disclosure-min-words`` in the configuration changes it;
# 0 checks every text. The shortest real patient page measured has about 50 words.
DEFAULT_DISCLOSURE_MIN_WORDS = 40
