"""Make the preset dictionaries the store squeezes its documents with (`dyad.store.squeeze`),
one per kind of document, from the bundled example articles as this Dyad stores them.

    python scripts/squeeze_dictionaries.py NUMBER   # writes src/dyad/data/squeeze/NUMBER-KIND.bin

A shipped dictionary never changes: stored values depend on it. This script refuses to write
over one; a new set takes new numbers (the first free one and the next ones), and
`dyad.store.squeeze.LATEST` then names them. Each dictionary is the end (32,000 bytes, what
deflate can look back at) of the example documents of its kind joined in a fixed shuffled
order: the key names, common values and their shapes a single document has not seen yet.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "src" / "dyad" / "data" / "squeeze"
SIZE = 32_000
# kind: the SQL reading every stored document of that kind (a group of one event keeps no
# record or profile since migration 13)
KINDS = {
    "event": "SELECT body FROM events",
    "group": "SELECT record FROM event_groups WHERE record IS NOT NULL",
    "profile": "SELECT profile FROM event_groups WHERE profile IS NOT NULL",
    "rest": "SELECT rest FROM articles",
    "text": "SELECT text FROM articles",
}


def main() -> None:
    first = int(sys.argv[1])
    targets = {kind: FOLDER / f"{first + i}-{kind}.bin" for i, kind in enumerate(KINDS)}
    taken = [p for p in FOLDER.glob("*.bin") if int(p.name.split("-")[0]) >= first]
    if taken:
        sys.exit(f"{taken[0]} exists: shipped dictionaries never change; pick a new number")
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store
    from dyad.store.squeeze import expand

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(store=f"{tmp}/examples.db")
        with open_store(settings.store) as store:
            run_ingest([str(ROOT / "src" / "dyad" / "data" / "examples")], store, settings)
        conn = sqlite3.connect(settings.store)
        FOLDER.mkdir(parents=True, exist_ok=True)
        for kind, sql in KINDS.items():
            documents = [str(expand(r[0])) for r in conn.execute(sql)]
            random.Random(1).shuffle(documents)
            joined = "".join(documents).encode("utf-8")[-SIZE:]
            targets[kind].write_bytes(joined)
            print(f"{targets[kind].name}: {len(joined):,} bytes from {len(documents)} documents")


if __name__ == "__main__":
    main()
