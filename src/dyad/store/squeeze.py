"""Small JSON documents compressed one by one (`squeeze`), and read back (`expand`).

Deflate alone saves little on a document of a kilobyte: most of it is key names and common
values it has not yet seen. A preset dictionary holding them does: group records, profiles
and members shrink by about three quarters. The first byte of a squeezed value names its
dictionary; a shipped dictionary never changes (stored values depend on it), a new one takes
the next number. `expand` passes text through, so SQL can read old and new rows alike: the
store registers it as the SQL function `expand(value)`.

Dictionary 1 (`SHARED`, below) was written by hand for every kind of document. Since
migration 12 each kind has its own (`LATEST`), made from the bundled examples' documents of
that kind by `scripts/squeeze_dictionaries.py` and shipped in `dyad/data/squeeze`: on 300
news articles an event's packed record shrinks from 242 to about 150 bytes.
"""

from __future__ import annotations

import functools
import zlib
from pathlib import Path

_GROUP = (
    '{"id":"grp_","type":"","mode":null,"actors":[{"id":"","name":"","country":null,'
    '"sector":null,"title":null,"members":1}],"recipients":[{"id":"","name":"","country":"",'
    '"sector":"","title":null,"members":1}],"date":"","date_end":null,"place":null,'
    '"place_country":null,"place_id":null,"status":"happened","contested":[],"history":'
    '[{"status":"happened","article_id":"","article_date":"","event_id":"ev_","source":""}],'
    '"statuses":[{"event_id":"ev_","article_id":"","article_date":"","status":"happened",'
    '"source":"","mentions":1,"actors":[""],"recipients":[""],"trigger":"","evidence":"",'
    '"confidence":0.5}],"mentions":1,"articles":1,"sources":1,"source_names":[""],'
    '"first_seen":"","last_seen":"","event_ids":["ev_"],"article_ids":[""],"cameo":"",'
    '"quad_class":1,"goldstein":0.0,"deadline":null,"story_id":null,"summary":"","triggers":'
    '[""],"confidence":0.5,"date_source":"publication","place_source":"none"}'
)
_PROFILE = (
    '{"id":"grp_","type":"","modes":[],"actor_keys":[""],"actor_countries":[""],'
    '"recipient_keys":[""],"recipient_countries":[""],"polarities":["asserted"],"date_min":"",'
    '"date_max":"","tolerance":3,"place_ids":[],"place_countries":[],"tokens":{"":1},"size":1}'
)
_MEMBER = (
    '{"event_id":"ev_","article_id":"","article_date":"","type":"","actors":[{"key":"",'
    '"name":"","country":null,"sector":"government","title":null,"kind":"person"}],'
    '"recipients":[{"key":"","name":"","country":null,"sector":null,"title":null,'
    '"kind":"organisation"}],"mode":null,"date":"","date_end":null,"granularity":"day",'
    '"date_source":"publication","deadline":null,"place_id":null,"place_name":null,'
    '"place_country":null,"place_admin1":null,"place_source":"none","polarity":"asserted",'
    '"modality":"actual","historical":false,"status":"happened","mentions":1,"sources":'
    '["unnamed"],"publisher":"","tokens":[""],"trigger":"","sentence":"","cameo":"",'
    '"quad_class":1,"goldstein":0.0,"parent_id":null,"confidence":0.5}'
)
_VALUES = (
    '"negated","planned","possible","hypothetical","conditional","requested","threatened",'
    '"military","opposition","rebels","civilians","media","business","IGO","NGO","country",'
    '"group","dictionary","coreference","memory","ner","title","subject","object","outlet",'
    '"actor","unnamed","publisher","article","text","cue","frame","dateline","exact",'
    '"approximate","unresolved","date","range","week","month","year","PCLI","PPLA","PPLC",'
    '"dyad/data/codebook.yaml:","/VERB","/NOUN","GOV:","PER:","IGO:","TXT:",null,false,true,'
    '"actual","asserted","government","organisation","person","publication","none","day"'
)
SHARED = 1
_FOLDER = Path(__file__).resolve().parent.parent / "data" / "squeeze"
# The dictionary new documents of each kind are squeezed with: an event's packed record
# (`events.body`), a group's record and its profile, an article's packed `rest`, its text.
LATEST = {"event": 2, "group": 3, "profile": 4, "rest": 5, "text": 6}


@functools.cache
def dictionary(number: int) -> bytes:
    """Preset dictionary `number` (1, or a file `NUMBER-KIND.bin` of `dyad/data/squeeze`)."""
    if number == SHARED:
        return (_VALUES + _PROFILE + _MEMBER + _GROUP).encode("utf-8")
    found = list(_FOLDER.glob(f"{number}-*.bin"))
    if len(found) != 1:
        raise ValueError(f"no squeeze dictionary {number} in {_FOLDER}: reinstall dyad")
    return found[0].read_bytes()


def squeeze(text: str, kind: str | None = None) -> bytes:
    """`text` deflated with the dictionary of its `kind` (see `LATEST`; None: the shared one,
    as the migrations before 12 wrote), its number first."""
    number = SHARED if kind is None else LATEST[kind]
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=dictionary(number))
    return bytes([number]) + packer.compress(text.encode("utf-8")) + packer.flush()


def expand(value: bytes | str | None) -> str | None:
    """The text `squeeze` was given; text (a row written before squeezing) as it is."""
    if value is None or isinstance(value, str):
        return value
    reader = zlib.decompressobj(-15, zdict=dictionary(value[0]))
    return (reader.decompress(value[1:]) + reader.flush()).decode("utf-8")
