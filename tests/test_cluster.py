"""The grouping stage on hand-built values: status words, matching rules, incremental and
deterministic assignment, group counts and honest status, stories, series, the tracker."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dyad.grouping.logic import assign, build_group, member_of, status_word
from dyad.grouping.logic.match import (
    THRESHOLD,
    new_profile,
    profile_from_json,
    profile_to_json,
    score,
)
from dyad.grouping.logic.members import content_tokens, deadline_of
from dyad.grouping.logic.series import group_items, mention_items, period_of, series
from dyad.grouping.logic.stories import ArticleProfile, similar, story_id_for
from dyad.grouping.logic.tracker import tracker
from dyad.model import (
    ActorMention,
    Cue,
    Event,
    Evidence,
    Place,
    Source,
    Span,
    TimeExpression,
)

D = dt.date
RUR = ("GOV:RUR", "Ruritania", "RUR")
SYL = ("GOV:SYL", "Sylvania", "SYL")
FRE = ("GOV:FRE", "Freedonia", "FRE")
PER = ("PER:anna_marsh", "Anna Marsh", "RUR")
PORTO = Place(1, "Porto Lindo", "SYL", None, 0.0, 0.0, "PPLA")
MAY6 = D(2031, 5, 6)
VARNA = Place(2, "Varnholt", "FRE", None, 0.0, 0.0, "PPLA")


def actor(who: tuple[str, str, str], title: str | None = None) -> ActorMention:
    aid, name, country = who
    return ActorMention(Span(0, len(name), name), aid, name, country, "government", title=title)


def event(
    n: str, article: str, kind: str, actors=(RUR,), recipients=(SYL,), *, date=MAY6,
    text: str = "Ruritanian and Sylvanian envoys met in Porto Lindo for talks on the border",
    place: Place | None = PORTO, modality: str = "actual", polarity: str = "asserted",
    source: str | None = None, mode: str | None = None, cues=(), expression=None,
    trigger: str | None = None, **kw,
) -> Event:  # fmt: skip
    sentence = Span(0, len(text), text)
    at = text.index(trigger) if trigger else 0
    word = Span(at, at + len(trigger or text[:5]), trigger or text[:5])
    return Event(
        id=f"ev_{article}_{n}", article_id=article, type=kind,
        actors=tuple(actor(a) for a in actors), recipients=tuple(actor(r) for r in recipients),
        evidence=(Evidence(word, sentence),), mode=mode, date=date,
        date_source="text" if date else "none", date_granularity="day" if date else None,
        place=place, place_source="text" if place else "none", modality=modality,
        polarity=polarity, attribution=(Source(source, "outlet"),) if source else (),
        cues=tuple(cues), date_expression=expression, **kw,
    )  # fmt: skip


def member(ev: Event, published: dt.date, publisher: str = "Daily Ruritanian"):
    return member_of(ev, article_date=published, publisher=publisher)


def no_lookup(_member, _keys):
    return []


def group_all(members):
    assignments, _touched = assign(members, no_lookup)
    by_group: dict[str, list] = {}
    index = {m.event_id: m for m in members}
    for a in assignments:
        by_group.setdefault(a.group_id, []).append(index[a.event_id])
    return assignments, {gid: build_group(gid, ms) for gid, ms in by_group.items()}


# --- status words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "polarity", "modality", "historical", "cue", "word"),
    [
        ("CONSULT", "asserted", "actual", False, None, "held"),
        ("ASSAULT", "asserted", "actual", False, None, "happened"),
        ("CONSULT", "asserted", "planned", False, None, "planned"),
        ("CONSULT", "asserted", "requested", False, None, "proposed"),
        ("REQUEST", "asserted", "requested", False, None, "requested"),
        ("CONSULT", "negated", "actual", False, "refused", "refused"),
        ("CONSULT", "negated", "planned", False, "cancelled", "cancelled"),
        ("CONSULT", "negated", "actual", False, "postponed", "postponed"),
        ("CONSULT", "negated", "planned", False, "not", "not held"),
        ("SANCTION", "negated", "actual", False, "not", "negated"),
        ("CONSULT", "asserted", "actual", True, None, "historical"),
    ],
)
def test_status_word(kind, polarity, modality, historical, cue, word) -> None:
    cues = [Cue("polarity", Span(0, len(cue), cue), f"refusal:{cue}")] if cue else []
    ev = event("1", "a", kind, polarity=polarity, modality=modality, cues=cues)
    ev = Event(**{**{f: getattr(ev, f) for f in ev.__slots__}, "historical": historical})
    assert status_word(ev) == word


def test_deadline_comes_from_a_deadline_expression_not_a_range() -> None:
    by = TimeExpression(Span(0, 9, "by May 12"), "date", "2031-05-12", D(2031, 5, 12),
                        D(2031, 5, 12), "day", role="deadline")  # fmt: skip
    week = TimeExpression(Span(0, 17, "earlier this week"), "range", None, D(2031, 5, 5),
                          D(2031, 5, 7), "week")  # fmt: skip
    demand = event("1", "a", "REQUEST", expression=by, date=D(2031, 5, 1))
    assert deadline_of(demand) == D(2031, 5, 12)
    ranged = event("2", "a", "REQUEST", expression=week, date=D(2031, 5, 5), date_end=D(2031, 5, 7))
    assert deadline_of(ranged) is None
    assert deadline_of(event("3", "a", "CONSULT")) is None


def test_content_tokens_drop_stopwords_and_stem() -> None:
    tokens = content_tokens("The envoys said they were meeting in Porto Lindo on Friday")
    assert "envoy" in tokens and "meet" in tokens and "lindo" in tokens
    assert not {"the", "said", "friday", "they"} & set(tokens)


# --- matching rules -----------------------------------------------------------------------

BASE = event("1", "a1", "CONSULT", source="Wire")


@pytest.mark.parametrize(
    ("other", "joins"),
    [
        (event("2", "a2", "CONSULT"), True),
        (event("2", "a2", "CONSULT", actors=(SYL,), recipients=(RUR,)), True),  # joint act
        (event("2", "a2", "CONSULT", date=D(2031, 5, 7)), True),  # a day off
        (event("2", "a2", "CONSULT", place=None), True),  # place unknown
        (event("2", "a2", "AGREE"), False),  # another type
        (event("2", "a2", "CONSULT", date=D(2031, 6, 20)), False),  # weeks apart
        (event("2", "a2", "CONSULT", place=VARNA), False),  # another city
        (event("2", "a2", "CONSULT", mode="phone"), True),  # the group has no mode yet
        (event("2", "a2", "CONSULT", actors=(PER,), recipients=(), polarity="negated",
               text="Anna Marsh will not attend the talks in Porto Lindo"), False),
    ],
)  # fmt: skip
def test_hard_rules_and_threshold(other: Event, joins: bool) -> None:
    profile = new_profile("g", member(BASE, D(2031, 5, 6)))
    value = score(member(other, D(2031, 5, 7)), profile)
    assert (value is not None and value >= THRESHOLD) is joins, value


def test_directed_acts_need_the_same_direction() -> None:
    accuse = event("1", "a1", "ACCUSE", text="Ruritania accused Sylvania of shelling the border")
    back = event("2", "a2", "ACCUSE", actors=(SYL,), recipients=(FRE,),
                 text="Sylvania accused Freedonia of shelling the border")  # fmt: skip
    profile = new_profile("g", member(accuse, D(2031, 5, 6)))
    assert score(member(back, D(2031, 5, 6)), profile) is None


def test_profile_json_round_trip() -> None:
    profile = new_profile("g", member(BASE, D(2031, 5, 6)))
    assert profile_from_json(profile_to_json(profile)) == profile


# --- assignment ---------------------------------------------------------------------------


def reports_of_one_meeting():
    return [
        member(event("1", "a1", "CONSULT", modality="planned", source="Wire",
                     text="Ruritanian and Sylvanian envoys will meet in Porto Lindo on Tuesday"),
               D(2031, 5, 2), "Daily Ruritanian"),
        member(event("1", "a2", "CONSULT", text="Envoys of Ruritania and Sylvania met in Porto "
                     "Lindo on Tuesday for border talks"), D(2031, 5, 6), "Sylvan Post"),
        member(event("1", "a3", "CONSULT", actors=(SYL,), recipients=(RUR,), source="Wire",
                     text="Sylvania and Ruritania held border talks in Porto Lindo"),
               D(2031, 5, 7), "Freedonian Times"),
        member(event("2", "a3", "CONSULT", date=D(2029, 3, 1), place=VARNA,
                     text="The two sides last met in Varnholt in 2029"),
               D(2031, 5, 7), "Freedonian Times"),
    ]  # fmt: skip


def test_one_happening_reported_by_several_articles_is_one_group_with_counts() -> None:
    _, groups = group_all(reports_of_one_meeting())
    assert len(groups) == 2
    talks = next(g for g in groups.values() if g.articles == 3)
    assert talks.mentions == 3
    assert talks.sources == 4  # Wire, and three publishers
    assert talks.first_seen == D(2031, 5, 2) and talks.last_seen == D(2031, 5, 7)
    assert talks.date == D(2031, 5, 6) and talks.place == "Porto Lindo"
    assert [c.status for c in talks.history] == ["planned", "held"]
    assert talks.history[1].article_id == "a2" and talks.status == "held"


def test_assignment_is_deterministic_and_ids_are_stable() -> None:
    members = reports_of_one_meeting()
    first, _ = group_all(members)
    shuffled = members[:]
    random.Random(7).shuffle(shuffled)
    again, _ = group_all(shuffled)
    assert sorted((a.event_id, a.group_id) for a in first) == sorted(
        (a.event_id, a.group_id) for a in again
    )
    founders = {a.group_id for a in first if a.founded}
    assert founders == {a.group_id for a in first}


def test_two_similar_events_are_kept_apart() -> None:
    text = "An earthquake struck near {} killing dozens"
    quakes = [
        member(event("1", "b1", "ASSAULT", actors=(), recipients=(), place=PORTO,
                     date=D(2031, 4, 2), text=text.format("Porto Lindo")), D(2031, 4, 2)),
        member(event("1", "b2", "ASSAULT", actors=(), recipients=(), place=VARNA,
                     date=D(2031, 4, 9), text=text.format("Varnholt")), D(2031, 4, 9)),
        member(event("1", "b3", "ASSAULT", actors=(), recipients=(), place=PORTO,
                     date=D(2031, 4, 2), text=text.format("Porto Lindo")), D(2031, 4, 3)),
    ]  # fmt: skip
    _, groups = group_all(quakes)
    assert sorted(g.articles for g in groups.values()) == [1, 2]


def test_one_article_sentence_moves_as_one_unit() -> None:
    text = "Ruritanian and Sylvanian delegations met in Porto Lindo with Freedonia mediating"
    members = [
        member(event("1", "c1", "CONSULT", text=text), D(2031, 5, 6)),
        member(event("2", "c1", "CONSULT", actors=(FRE,), recipients=(), text=text),
               D(2031, 5, 6)),
    ]  # fmt: skip
    assignments, _ = group_all(members)
    assert len({a.group_id for a in assignments}) == 1


# --- honest status ------------------------------------------------------------------------


def test_contradictory_reports_stay_visible() -> None:
    members = [
        *reports_of_one_meeting()[:2],
        member(event("1", "a9", "CONSULT", polarity="negated", source="Rumour Mill",
                     text="Ruritanian and Sylvanian envoys did not meet in Porto Lindo"),
               D(2031, 5, 8), "Rumour Mill"),
    ]  # fmt: skip
    _, groups = group_all(members)
    (talks,) = groups.values()
    assert talks.status == "not held"
    assert talks.contested == ("held",)
    assert [s.status for s in talks.statuses] == ["planned", "held", "not held"]


def test_a_stale_plan_does_not_undo_an_outcome() -> None:
    members = [
        *reports_of_one_meeting()[:2],
        member(event("1", "a8", "CONSULT", modality="planned",
                     text="Ruritanian and Sylvanian envoys were to meet in Porto Lindo"),
               D(2031, 5, 8), "Late Gazette"),
    ]  # fmt: skip
    _, groups = group_all(members)
    (talks,) = groups.values()
    assert talks.status == "held"
    assert [c.status for c in talks.history] == ["planned", "held"]
    assert len(talks.statuses) == 3 and talks.contested == ()


# --- series -------------------------------------------------------------------------------


def test_series_counts_groups_once_and_mentions_each() -> None:
    members = reports_of_one_meeting()
    _, groups = group_all(members)
    by_group = series(group_items(groups.values(), "RUR", "SYL"), freq="week")
    by_mention = series(mention_items(members, "RUR", "SYL"), freq="week")
    assert sum(p.total for p in by_group) == 2  # the talks, and the 2029 meeting
    assert sum(p.total for p in by_mention) == 4
    assert all(p.period.weekday() == 0 for p in by_group)


def test_series_fills_empty_periods_and_leaves_out_what_did_not_happen() -> None:
    denied = member(event("1", "d1", "CONSULT", polarity="negated"), D(2031, 5, 6))
    held = member(event("1", "d2", "CONSULT", date=D(2031, 5, 9),
                        text="Envoys met in Porto Lindo"), D(2031, 5, 9))  # fmt: skip
    groups = [build_group("g1", [denied]), build_group("g2", [held])]
    points = series(group_items(groups, "SYL", "RUR"), start=D(2031, 5, 6), end=D(2031, 5, 9))
    assert [p.total for p in points] == [0, 0, 0, 1]
    assert points[-1].quad_classes == {} and points[-1].types == {"CONSULT": 1}
    assert period_of(D(2031, 5, 8), "week") == D(2031, 5, 5)


def test_series_keeps_a_and_b_on_opposite_sides() -> None:
    joint = member(event("1", "e1", "SANCTION", actors=(RUR, SYL), recipients=(FRE,)),
                   D(2031, 5, 6))  # fmt: skip
    group = build_group("g", [joint])
    assert group_items([group], "RUR", "SYL") == []
    assert len(group_items([group], "RUR", "FRE")) == 1


# --- stories ------------------------------------------------------------------------------


def test_articles_naming_the_same_countries_in_a_month_are_one_story() -> None:
    a = ArticleProfile.of("a", D(2031, 5, 1), {"RUR": 4, "SYL": 3, "FRE": 1})
    b = ArticleProfile.of("b", D(2031, 5, 20), {"SYL": 2, "RUR": 2})
    c = ArticleProfile.of("c", D(2031, 5, 2), {"RUR": 2, "FRE": 5, "USA": 3})
    late = ArticleProfile.of("d", D(2031, 8, 1), {"RUR": 4, "SYL": 3})
    assert similar(a, b) and not similar(a, c) and not similar(a, late)
    assert story_id_for([b, a]) == story_id_for([a]) != story_id_for([b])


# --- tracker ------------------------------------------------------------------------------


def horn_groups():
    def g(gid, ev, published, publisher="Wire"):
        return build_group(gid, [member(ev, published, publisher)])

    deadline = TimeExpression(Span(0, 9, "by May 3"), "date", "2031-05-03", D(2031, 5, 3),
                              D(2031, 5, 3), "day", role="deadline")  # fmt: skip
    return [
        build_group("talks", reports_of_one_meeting()[:2]),
        g("absent", event("1", "f1", "CONSULT", actors=(PER,), recipients=(),
                          polarity="negated", date=D(2031, 5, 2),
                          text="Anna Marsh will not attend the talks in Porto Lindo",
                          trigger="attend"),
          D(2031, 5, 2)),
        g("ultimatum", event("1", "f2", "REQUEST", recipients=(SYL,), mode="yield",
                             date=D(2031, 4, 26), expression=deadline,
                             text="Ruritania demanded that Sylvania withdraw by May 3"),
          D(2031, 4, 27)),
        g("demand", event("1", "f3", "REQUEST", recipients=(SYL,), mode="yield",
                          date=D(2031, 5, 4), text="Ruritania asked Sylvania to free the crew"),
          D(2031, 5, 4)),
        g("freed", event("1", "f4", "CONCEDE", actors=(SYL,), recipients=(RUR,),
                         date=D(2031, 5, 5), text="Sylvania freed the crew"), D(2031, 5, 5)),
        g("threat", event("1", "f5", "THREATEN", actors=(FRE,), recipients=(SYL,),
                          mode="restrict", date=D(2031, 5, 1),
                          text="Freedonia threatened sanctions on Sylvania"), D(2031, 5, 1)),
        g("threat2", event("1", "f6", "THREATEN", actors=(RUR,), recipients=(SYL,),
                           mode="restrict", date=D(2031, 5, 1),
                           text="Ruritania threatened sanctions on Sylvania"), D(2031, 5, 1)),
        g("sanction", event("1", "f7", "SANCTION", actors=(RUR,), recipients=(SYL,),
                            date=D(2031, 5, 9), text="Ruritania imposed sanctions on Sylvania"),
          D(2031, 5, 9)),
        g("offer", event("1", "f8", "AGREE", actors=(FRE,), recipients=(), date=D(2031, 5, 1),
                         text="Freedonia offered to mediate", trigger="offered"), D(2031, 5, 1)),
        g("accept", event("1", "f9", "AGREE", actors=(SYL,), recipients=(FRE,),
                          date=D(2031, 5, 2), text="Sylvania accepted the offer"),
          D(2031, 5, 2)),
    ]  # fmt: skip


def test_tracker_reads_meetings_demands_threats_and_proposals() -> None:
    view = tracker(horn_groups(), as_of=D(2031, 5, 10))
    talks = next(m for m in view.meetings if m.group_id == "talks")
    assert talks.status == "held" and [c.status for c in talks.history] == ["scheduled", "held"]
    assert [a.name for a in talks.absent] == ["Anna Marsh"]
    assert all(m.group_id != "absent" for m in view.meetings)
    demands = {d.group_id: d for d in view.demands}
    assert demands["ultimatum"].status == "expired" and demands["ultimatum"].ultimatum
    assert demands["demand"].status == "met"
    threats = {t.group_id: t for t in view.threats}
    assert threats["threat"].status == "open"
    assert threats["threat2"].status == "carried out"
    assert threats["threat2"].carried_out[0].group_id == "sanction"
    (offer,) = view.proposals
    assert offer.group_id == "offer" and offer.status == "accepted"
    assert offer.answers[0].group_id == "accept"


def test_a_rejected_proposal() -> None:
    groups = [
        *horn_groups()[:-1],
        build_group("no", [member(event("1", "g1", "REJECT", actors=(SYL,), recipients=(FRE,),
                                        date=D(2031, 5, 3), text="Sylvania rejected the offer"),
                                  D(2031, 5, 3))])
    ]  # fmt: skip
    (offer,) = tracker(groups, as_of=D(2031, 5, 10)).proposals
    assert offer.status == "rejected"


def test_a_deadline_not_yet_passed_is_open() -> None:
    view = tracker(horn_groups(), as_of=D(2031, 5, 2))
    demands = {d.group_id: d for d in view.demands}
    assert demands["ultimatum"].status == "open"
