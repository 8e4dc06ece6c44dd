"""Retrieval-backed assistant for Chinese civil enforcement law.

Flow: sources → corpus (articles, notes) → index → retrieval → answer → guard → service → cli/api/ui.
"""

__version__ = "0.1.0"
