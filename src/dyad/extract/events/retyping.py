"""A trigger's type by who takes part: a verb of force said of people who bear no arms is
words ("Trump attacked Clinton": ACCUSE, the trigger's `spoken` type), and a restriction
done to people who bear arms is force ("to besiege ISIS", "purge the region of ISIS":
ASSAULT, its `armed` type). Both types are data, in the codebook's trigger entries."""

from __future__ import annotations

from collections.abc import Sequence

from dyad.extract.events.codebook import Codebook, EventType, Trigger
from dyad.model import ActorMention

__all__ = ["retype"]

_TALKING_SECTORS = ("party", "campaign", "media", "opposition", "legislature", "elites")
_ARMED_SECTORS = ("military", "police", "rebels", "insurgents", "terrorists")


def retype(
    trigger: Trigger,
    actors: Sequence[ActorMention],
    recipients: Sequence[ActorMention],
    codebook: Codebook,
) -> tuple[EventType, str] | None:
    """The type the trigger takes for these actors and recipients, with the reason
    ("spoken" or "armed"), or None when it keeps its own."""
    if trigger.spoken is not None and actors and all(_unarmed(a) for a in actors):
        return codebook.type(trigger.spoken), "spoken"
    if trigger.armed is not None and any(r.sector in _ARMED_SECTORS for r in recipients):
        return codebook.type(trigger.armed), "armed"
    return None


def _unarmed(actor: ActorMention) -> bool:
    """A person or a party, campaign, legislature or outlet who bears no arms."""
    talking = actor.kind == "person" or actor.sector in _TALKING_SECTORS
    return talking and actor.sector not in _ARMED_SECTORS
