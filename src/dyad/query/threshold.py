"""The confidence under which events are doubtful: hidden by default, never deleted."""

from __future__ import annotations

from dyad.resolve.confidence import load_calibration
from dyad.settings import Settings


def shown_confidence(settings: Settings) -> float:
    """The `min_confidence` setting, else the threshold of the confidence model in use."""
    if settings.min_confidence is not None:
        return settings.min_confidence
    return load_calibration(settings.calibration).threshold
