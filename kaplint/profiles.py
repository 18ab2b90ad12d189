"""Document types (profiles): each is checked against the expectations of its kind."""

PROFILES = ("web", "handout", "consent", "prep", "integration", "email")
DEFAULT_PROFILE = "web"
