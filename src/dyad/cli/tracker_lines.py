"""The tracker as a reader scans it in a terminal: one line per item, at most `WIDTH` wide.

    Meetings and calls (3)
      2026-06-15 held        Kampala: Sudan, South Sudan, Joseph Okello, Rebecca Akuol
                             absent Khalid Mirghani · proposed 06-02 → scheduled 06-04 → held 06-15

Each item is one line; a meeting's dated history is its second, indented line.
"""

from __future__ import annotations

import re
from typing import Any

WIDTH = 100
SECTIONS = ("meetings", "agreements", "demands", "threats", "proposals")
TITLES = {
    "meetings": "Meetings and calls",
    "agreements": "Agreements",
    "demands": "Demands and ultimatums",
    "threats": "Threats",
    "proposals": "Proposals",
}


def tracker_lines(found: dict[str, Any], *, width: int = WIDTH) -> list[str]:
    """The lines of a tracker (`to_dict` of a `Tracker`)."""
    lines = [_heading(found)]
    if found.get("truncated"):
        newest = f"the newest {found['groups']} groups"
        lines.append(f"read from {newest} only, last seen {found['since']} or later")
    for section in SECTIONS:
        items = found.get(section) or []
        lines.append(f"{TITLES[section]} ({len(items)})")
        for item in items:
            lines += [_fit(line, width) for line in LINES[section](item)]
    return lines


def _heading(found: dict[str, Any]) -> str:
    head = f"as of {found['as_of'] or '—'}"
    if found.get("story_id"):
        head += f" · story {found['story_id']}"
    if found.get("hidden"):
        head += (
            f" · {found['hidden']} doubtful items hidden (confidence under "
            f"{found['min_confidence']}; --doubtful shows them)"
        )
    return head


def _meeting(m: dict[str, Any]) -> list[str]:
    where = m["place"] or ("by phone" if m["channel"] == "phone" else "place unknown")
    if m["channel"] == "phone" and m["place"]:
        where = f"by phone ({m['place']})"
    absent = f"absent {_names(m['absent'])} · " if m["absent"] else ""
    steps = " → ".join(f"{c['status']} {(c['article_date'] or '?')[5:]}" for c in m["history"])
    articles = f"{m['articles']} article" + ("s" if m["articles"] != 1 else "")
    return [
        f"{_head(m)} {where}: {_names(m['attendees'])}",
        f"  {'':<10} {'':<11} {absent}{steps} · {articles}",
    ]


def _agreement(a: dict[str, Any]) -> list[str]:
    return [f"{_head(a)} {_names(a['parties'])}{_carried(a)} · {_short(a['summary'])}"]


def _demand(d: dict[str, Any]) -> list[str]:
    deadline = f" by {d['deadline']}" if d["deadline"] else ""
    return [f"{_head(d)} {_names(d['by'])} → {_names(d['of'])}{deadline} · {_short(d['summary'])}"]


def _threat(t: dict[str, Any]) -> list[str]:
    what = (t["what"] or "a threat") + (" (conditional)" if t["conditional"] else "")
    return [
        f"{_head(t)} {_names(t['by'])} → {_names(t['against'])}: {what}{_carried(t)} · "
        f"{_short(t['summary'])}"
    ]


def _proposal(p: dict[str, Any]) -> list[str]:
    return [f"{_head(p)} {_names(p['by'])} → {_names(p['to'])} · {_short(p['summary'])}"]


def _head(item: dict[str, Any]) -> str:
    """The item's date and status, in columns."""
    return f"  {item['date'] or '—':<10} {item['status']:<11}"


def _carried(item: dict[str, Any]) -> str:
    """The tail naming the dates something carried the item out, if any."""
    done = ", ".join(x["date"] or "?" for x in item["carried_out"])
    return f" · carried out {done}" if done else ""


LINES = {
    "meetings": _meeting,
    "agreements": _agreement,
    "demands": _demand,
    "threats": _threat,
    "proposals": _proposal,
}


def _names(people: list[Any]) -> str:
    names = [p["name"] if isinstance(p, dict) else p for p in people]
    plain = dict.fromkeys(re.sub(r" \((government|military|police)\)$", "", n) for n in names)
    return ", ".join(plain) or "—"


def _short(text: str) -> str:
    return " ".join(text.split())


def _fit(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"
