"""Small JSON documents compressed one by one (`squeeze`), and read back (`expand`).

Deflate alone saves little on a document of a kilobyte: most of it is key names and common
values it has not yet seen. A preset dictionary holding them (`DICTIONARIES`) does: group
records, profiles and members shrink by about three quarters. The first byte of a squeezed
value names its dictionary; a shipped dictionary never changes (stored values depend on it), a
new one takes the next number. `expand` passes text through, so SQL can read old and new rows
alike: the store registers it as the SQL function `expand(value)`.
"""

from __future__ import annotations

import zlib

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
DICTIONARIES: dict[int, bytes] = {1: (_VALUES + _PROFILE + _MEMBER + _GROUP).encode("utf-8")}
_LATEST = 1


def squeeze(text: str) -> bytes:
    """`text` deflated with the latest dictionary, its number first."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, zdict=DICTIONARIES[_LATEST])
    return bytes([_LATEST]) + packer.compress(text.encode("utf-8")) + packer.flush()


def expand(value: bytes | str | None) -> str | None:
    """The text `squeeze` was given; text (a row written before squeezing) as it is."""
    if value is None or isinstance(value, str):
        return value
    reader = zlib.decompressobj(-15, zdict=DICTIONARIES[value[0]])
    return (reader.decompress(value[1:]) + reader.flush()).decode("utf-8")
