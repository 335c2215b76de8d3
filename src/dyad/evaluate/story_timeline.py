"""The tracker against analysts' timelines of the bundled multi-report stories.

Each folder of `dyad/data/examples/stories/` holds a story (`articles.jsonl`, one developing
story told by several outlets) and `gold.yaml`, its timeline as a careful analyst reads it:
meetings with attendees, absentees and dated status steps, proposals, demands with deadlines,
threats and what came of them, agreements and where they were reached. Each story is read by
the real pipeline into a temporary store, as `dyad ingest` does (grouping and stories
included), and the tracker of that store (doubtful items hidden, as a reader sees it) is
checked against the gold item by item. Every check passes or fails.

Metrics: `checks` (the share passed over all stories), per story its share and the number of
meetings listed against the real ones (`<story>_meetings_listed`, `<story>_meetings_real`;
at most 1.5 times as many listed is a check), and `<story>_one_story` (1.0 when the story
grouping put every article of the folder into one story; 0.0 otherwise). The details list
every failure. The gold is read from the package, so no data folder is needed.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import EvaluationError
from dyad.evaluate import EvalReport
from dyad.grouping.logic.values import Attendee, Meeting, Tracker

MAX_MEETINGS = 1.5  # meetings listed per real meeting, at most
Check = tuple[str, bool]


def bundled() -> Path:
    """The folder of bundled stories."""
    return Path(str(resources.files("dyad") / "data" / "examples" / "stories"))


def evaluate(data_dir: Path, *, split: str = "bundled", limit: int | None = None) -> EvalReport:
    """Score the tracker on each story folder under `data_dir` (the bundled ones)."""
    started = time.perf_counter()
    folders = sorted(p for p in Path(data_dir).iterdir() if (p / "gold.yaml").exists())
    if not folders:
        raise EvaluationError(f"no story with a gold.yaml under {data_dir}")
    metrics: dict[str, float] = {}
    failures: list[str] = []
    total = passed = 0
    for folder in folders[:limit]:
        gold = _load(folder / "gold.yaml")
        view, one_story = read_story(folder)
        checks = check_story(gold, view)
        ok = sum(1 for _, good in checks if good)
        total, passed = total + len(checks), passed + ok
        name = folder.name
        metrics[name] = ok / len(checks) if checks else 1.0
        metrics[f"{name}_meetings_listed"] = len(view.meetings)
        metrics[f"{name}_meetings_real"] = len(gold.get("meetings") or [])
        metrics[f"{name}_one_story"] = 1.0 if one_story else 0.0
        failures += [f"{name}: {label}" for label, good in checks if not good]
    metrics = {"checks": passed / total if total else 1.0, **metrics}
    return EvalReport(
        name="story",
        split=split,
        items=total,
        metrics=metrics,
        details={"failures": failures},
        seconds=time.perf_counter() - started,
    )


def read_story(folder: Path) -> tuple[Tracker, bool]:
    """The tracker of a story folder read into a fresh store, and whether it is one story."""
    from dyad.grouping.stored import stories, tracker
    from dyad.pipeline import run_ingest
    from dyad.settings import load_settings
    from dyad.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.db"
        with open_store(path) as db:
            run_ingest([folder], db, load_settings(store=str(path)))
            found = stories(db)
            return tracker(db), len(found) == 1


def check_story(gold: dict[str, Any], view: Tracker) -> list[Check]:
    """Every check of one story's gold against its tracker."""
    real = gold.get("meetings") or []
    limit = int(MAX_MEETINGS * len(real))
    checks: list[Check] = [
        (
            f"at most {limit} meetings listed (found {len(view.meetings)})",
            len(view.meetings) <= limit,
        ),
    ]
    found: dict[str, Meeting] = {}
    for meeting in real:
        checks += _meeting_checks(meeting, view, found)
    for proposal in gold.get("proposals") or []:
        checks += _item_checks("proposal", proposal, view.proposals, ("by", "to"), _proposal)
    for demand in gold.get("demands") or []:
        checks += _item_checks("demand", demand, view.demands, ("by", "of"), _demand)
    for threat in gold.get("threats") or []:
        checks += _item_checks("threat", threat, view.threats, ("by", "against"), _threat)
    for agreement in gold.get("agreements") or []:
        checks += _agreement_checks(agreement, view, found)
    return checks


def _meeting_checks(gold: dict[str, Any], view: Tracker, found: dict[str, Meeting]) -> list[Check]:
    name = gold["name"]
    match = [
        m
        for m in view.meetings
        if m.channel == gold.get("channel", "in person")
        and _near(m.date, gold["date"])
        and (gold.get("place") is None or m.place == gold["place"])
    ]
    if not match:
        return [(f"meeting {name!r} listed", False)]
    m = found[name] = match[0]
    steps = [(c.status, c.article_id) for c in m.history]
    want = [(s["status"], s["article"]) for s in gold.get("history") or []]
    checks = [
        (f"meeting {name!r} listed", True),
        (f"meeting {name!r} is {gold['status']} (found {m.status})", m.status == gold["status"]),
        (f"meeting {name!r} history {want} (found {steps})", not want or steps == want),
    ]
    return checks + _attendance_checks(name, gold, m)


def _attendance_checks(name: str, gold: dict[str, Any], m: Meeting) -> list[Check]:
    """Who attends the meeting, who is absent (and on whose report), who is neither."""
    attendees = gold.get("attendees") or []
    checks = [(f"{name!r}: {who} attends", _among(who, m.attendees)) for who in attendees]
    for absent in gold.get("absent") or []:
        who = absent["who"]
        row = next((a for a in m.absent if is_who(who, a.id, a.name, a.country)), None)
        checks.append((f"{name!r}: {who} absent", row is not None))
        checks.append((f"{name!r}: {who} not attending", not _among(who, m.attendees)))
        if row is not None and absent.get("article"):
            checks.append(
                (
                    f"{name!r}: {who} absent per {absent['article']} (found {row.article_id})",
                    row.article_id == absent["article"],
                )
            )
    for who in gold.get("not_attendees") or []:
        checks.append(
            (
                f"{name!r}: {who} neither attends nor is absent",
                not _among(who, m.attendees) and not _among(who, m.absent),
            )
        )
    return checks


def _item_checks(
    kind: str,
    gold: dict[str, Any],
    items: Sequence[Any],
    sides: tuple[str, str],
    more: Callable[[dict[str, Any], Any], list[Check]],
) -> list[Check]:
    label = f"{kind} {gold['what']!r}"
    match = [
        i
        for i in items
        if _near(i.date, gold["date"]) and _names_match(gold[sides[0]], getattr(i, sides[0]))
    ]
    if not match:
        return [(f"{label} listed", False)]
    item = match[0]
    checks = [(f"{label} listed", True)]
    if gold.get(sides[1]):
        checks.append(
            (
                f"{label} {sides[1]} {gold[sides[1]]} (found {getattr(item, sides[1])})",
                _names_match(gold[sides[1]], getattr(item, sides[1])),
            )
        )
    checks.append(
        (f"{label} status {gold['status']} (found {item.status})", item.status == gold["status"])
    )
    return checks + [(f"{label} {text}", good) for text, good in more(gold, item)]


def _proposal(gold: dict[str, Any], item: Any) -> list[Check]:
    return []


def _demand(gold: dict[str, Any], item: Any) -> list[Check]:
    checks = []
    if "deadline" in gold:
        checks.append(
            (
                f"deadline {gold['deadline']} (found {item.deadline})",
                item.deadline == gold["deadline"],
            )
        )
    if gold.get("rejected"):
        checks.append(("answered by a rejection", any(a.type == "REJECT" for a in item.answers)))
    return checks


def _threat(gold: dict[str, Any], item: Any) -> list[Check]:
    checks = [(f"is of {gold['kind']} (found {item.what})", item.what == gold["kind"])]
    if "conditional" in gold:
        checks.append(("conditional", item.conditional == gold["conditional"]))
    if gold.get("carried_out"):
        checks.append(_carried_out(gold, item))
    return checks


def _carried_out(gold: dict[str, Any], item: Any) -> Check:
    """Whether the item was carried out on the gold date (within the tolerance)."""
    dates = [x.date for x in item.carried_out]
    return (
        f"carried out on {gold['carried_out']} (found {dates})",
        any(_near(d, gold["carried_out"]) for d in dates),
    )


def _agreement_checks(
    gold: dict[str, Any], view: Tracker, found: dict[str, Meeting]
) -> list[Check]:
    label = f"agreement {gold['what']!r}"
    match = [
        a
        for a in view.agreements
        if _near(a.date, gold["date"]) and _names_match(gold["parties"], a.parties)
    ]
    if not match:
        return [(f"{label} listed", False)]
    a = match[0]
    checks = [
        (f"{label} listed", True),
        (f"{label} status {gold['status']} (found {a.status})", a.status == gold["status"]),
    ]
    if gold.get("reached_at"):
        meeting = found.get(gold["reached_at"])
        checks.append(
            (
                f"{label} reached at {gold['reached_at']!r}",
                meeting is not None and a.meeting_id == meeting.group_id,
            )
        )
    if gold.get("carried_out"):
        text, good = _carried_out(gold, a)
        checks.append((f"{label} {text}", good))
    if gold.get("min_articles"):
        checks.append(
            (
                f"{label} one item over {gold['min_articles']}+ articles (found {a.articles})",
                a.articles >= gold["min_articles"],
            )
        )
    return checks


def is_who(who: str, actor_id: str, name: str, country: str | None) -> bool:
    """Whether `who` (an ISO alpha-3 side, an actor id, or a name) is this actor."""
    if re.fullmatch(r"[A-Z]{3}", who):
        return country == who or actor_id.endswith(":" + who)
    if ":" in who:
        return actor_id == who
    return _plain(who) == _plain(name)


def _among(who: str, people: Sequence[Attendee]) -> bool:
    return any(is_who(who, a.id, a.name, a.country) for a in people)


def _names_match(want: str | list[str], names: Sequence[str]) -> bool:
    wanted = [want] if isinstance(want, str) else want
    return all(any(_plain(w) == _plain(n) for n in names) for w in wanted)


def _plain(name: str) -> str:
    """ "Sudan (government)" -> "sudan": the name without what the tracker adds."""
    return re.sub(r"\s*\(.*?\)\s*$", "", name).casefold().strip()


def _near(found: dt.date | None, want: dt.date | str, days: int = 1) -> bool:
    day = want if isinstance(want, dt.date) else dt.date.fromisoformat(str(want))
    return found is not None and abs((found - day).days) <= days


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise EvaluationError(f"{path}: not valid YAML ({e}); fix the gold file") from e
    if not isinstance(data, dict) or "meetings" not in data:
        raise EvaluationError(f"{path}: a gold timeline needs a `meetings` list (may be empty)")
    return data
