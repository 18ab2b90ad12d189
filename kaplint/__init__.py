"""kaplint: a linter for patient materials about ketamine treatment and KAP."""

__version__ = "0.1.0"
