"""The rows of the dyad tables (`group_dyads`, `member_dyads`) as SQL over the stored documents."""

from __future__ import annotations


def _pairs(table: str, doc: str, item: str, id_key: str) -> str:
    """(item, lo, hi, f) for each pair of names two sides of a JSON document face each other
    with (f = 1: actor and recipient) or share (f = 2: two actors). A name is an id, unless
    unresolved ("TXT:..."), or an upper-case country: what `event_actors` can be searched by."""

    def ok(x: str) -> str:
        return (
            f"{x}.type = 'text' AND {x}.atom <> '' AND ({x}.key = '{id_key}'"
            f" AND substr({x}.atom, 1, 4) <> 'TXT:' OR {x}.key = 'country'"
            f" AND {x}.atom = upper({x}.atom))"
        )

    return (
        f"SELECT {item} AS item, min(l.atom, r.atom) AS lo, max(l.atom, r.atom) AS hi, 1 AS f"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.recipients') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')}"
        f" UNION ALL SELECT {item}, l.atom, r.atom, 2"
        f" FROM {table}, json_tree({doc}, '$.actors') l, json_tree({doc}, '$.actors') r"
        f" WHERE {{where}} AND {ok('l')} AND {ok('r')} AND l.atom < r.atom"
    )


# The rows of the dyad tables for the groups / members matching `{where}` (on alias g / m),
# as `dyad.grouping.logic.series.dyad_pairs` gives them when grouping writes. Frozen with migration
# 5, which fills the tables of a store grouped before it: a change needs a new migration.
# `expand` (an SQL function of the store's connections) reads a squeezed document or text.
GROUP_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(g.record), '$.date'),"
    " json_extract(expand(g.record), '$.first_seen')) AS day, g.id AS id, sum(DISTINCT p.f) AS how,"
    " json_extract(expand(g.record), '$.type'), json_extract(expand(g.record), '$.status'),"
    " json_extract(expand(g.record), '$.quad_class'), json_extract(expand(g.record), '$.goldstein')"
    f" FROM ({_pairs('event_groups g', 'expand(g.record)', 'g.id', 'id')}) p"
    " JOIN event_groups g ON g.id = p.item WHERE day IS NOT NULL GROUP BY g.id, p.lo, p.hi"
)
MEMBER_DYAD_ROWS = (
    "SELECT p.lo AS lo, p.hi AS hi, coalesce(json_extract(expand(m.member), '$.date'),"
    " json_extract(expand(m.member), '$.article_date')) AS day, m.event_id AS id,"
    " sum(DISTINCT p.f) AS how, json_extract(expand(m.member), '$.type'),"
    " json_extract(expand(m.member), '$.quad_class'),"
    " json_extract(expand(m.member), '$.goldstein'),"
    " json_extract(expand(m.member), '$.mentions')"
    f" FROM ({_pairs('group_members m', 'expand(m.member)', 'm.event_id', 'key')}) p"
    " JOIN group_members m ON m.event_id = p.item WHERE day IS NOT NULL"
    " GROUP BY m.event_id, p.lo, p.hi"
)

# The names an event's side can be searched by (as a member's parties give them): each actor
# id, and each upper-case country, per event and role.
_NAMES = (
    "SELECT event_id AS id, role, actor_id AS name FROM event_actors"
    " WHERE actor_id <> '' AND substr(actor_id, 1, 4) <> 'TXT:'"
    " UNION SELECT event_id, role, country FROM event_actors"
    " WHERE country <> '' AND country = upper(country)"
)
# The rows of `member_dyads` of every grouped event, from the events themselves (migration 10
# keeps no member documents): what `dyad.grouping.logic.series.member_dyads` gives.
MEMBER_DYAD_ROWS_LEAN = (
    f"SELECT p.lo, p.hi, coalesce(e.date, a.date) AS day, e.id, sum(DISTINCT p.f), e.type,"
    " e.quad_class, e.goldstein,"
    " max((SELECT count(*) FROM event_mentions x WHERE x.event_id = e.id), 1)"
    f" FROM (SELECT l.id AS id, min(l.name, r.name) AS lo, max(l.name, r.name) AS hi, 1 AS f"
    f" FROM ({_NAMES}) l JOIN ({_NAMES}) r ON r.id = l.id"
    " WHERE l.role = 'actor' AND r.role = 'recipient'"
    f" UNION ALL SELECT l.id, l.name, r.name, 2 FROM ({_NAMES}) l JOIN ({_NAMES}) r"
    " ON r.id = l.id WHERE l.role = 'actor' AND r.role = 'actor' AND l.name < r.name) p"
    " JOIN group_members m ON m.event_id = p.id JOIN events e ON e.id = p.id"
    " JOIN articles a ON a.key = e.article WHERE day IS NOT NULL GROUP BY e.id, p.lo, p.hi"
)
