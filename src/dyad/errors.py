"""Dyad's exceptions. Every error a user can cause is a `DyadError`:

    DyadError
    ├── InputError          an input file or record cannot be read (names file and line)
    │   └── FilterError     a query's filter or range is invalid (names the parameter)
    ├── KnowledgeError      a codebook, actor dictionary or gazetteer file is invalid (file:line)
    ├── StoreError          the database cannot be opened, migrated or written
    ├── SettingsError       a setting has a bad value (names the setting and its source)
    ├── TooSlowError        reading one article took longer than the max_seconds budget
    └── EvaluationError     gold data is missing or malformed

Messages say what went wrong, where, and what to do.
"""

from __future__ import annotations


class DyadError(Exception):
    """The root of every error Dyad raises on purpose."""


class InputError(DyadError):
    """An input file or record cannot be read."""


class FilterError(InputError):
    """A filter, page or range of a query is invalid; `parameter` names it (as the HTTP API
    spells it) and the message says what is allowed."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class KnowledgeError(DyadError):
    """A knowledge file (codebook, actors, gazetteer) is invalid."""


class StoreError(DyadError):
    """The store cannot be opened, migrated or written."""


class SettingsError(DyadError):
    """A setting has a bad value."""


class TooSlowError(DyadError):
    """Reading one article took longer than its time budget (the `max_seconds` setting)."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(f"stopped in {stage} after the {seconds:g} s budget")
        self.stage = stage
        self.seconds = seconds


class EvaluationError(DyadError):
    """Gold data for an evaluation is missing or malformed."""
