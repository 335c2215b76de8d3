"""The tracker a reader follows, on hand-built events: who attends comes from status, one
meeting across its reports with a dated history, proposals are not meetings, a call is a
meeting of its two ends, one agreement across reports and what came of it, doubtful items
hidden and counted, one line each in the terminal."""

from __future__ import annotations

import datetime as dt

from dyad.cli.tracker_lines import tracker_lines
from dyad.evaluate.story_timeline import check_story
from dyad.grouping.logic import build_group, member_of
from dyad.grouping.logic.tracker import tracker
from dyad.model import ActorMention, Cue, Event, Evidence, Place, Span, to_dict

D = dt.date
SUD = ("GOV:RUR", "Ruritania (government)", "RUR", None)
SYL = ("GOV:SYL", "Sylvania (government)", "SYL", None)
FRE = ("GOV:FRE", "Freedonia (government)", "FRE", None)
ANNA = ("PER:anna_marsh", "Anna Marsh", "RUR", "President")
OTTO = ("PER:otto_brand", "Otto Brand", "SYL", "President")
IDA = ("PER:ida_voss", "Ida Voss", "RUR", "Foreign Minister")
CRITIC = ("PER:karl_ruhe", "Karl Ruhe", "RUR", None)
PRESS = ("ORG:sylvan_post", "Sylvan Post", None, "media")
JUNE15 = D(2031, 6, 15)
PORTO = Place(1, "Porto Lindo", "FRE", None, 0.0, 0.0, "PPLA")


def person(who) -> ActorMention:
    aid, name, country, title = who
    sector = "media" if title == "media" else "government"
    return ActorMention(Span(0, len(name), name), aid, name, country, sector,
                        title=None if title == "media" else title)  # fmt: skip


def event(
    key: str, kind: str, text: str, trigger: str, *, actors=(SUD,), recipients=(SYL,),
    date: dt.date | None = JUNE15, place: Place | None = PORTO, modality="actual",
    polarity="asserted", mode=None, confidence=0.8, dated=True, cue: str | None = None,
) -> Event:  # fmt: skip
    at = text.index(trigger)
    cues = ()
    if cue:  # the word that negates: "postponed", "declined"
        start = text.index(cue)
        cues = (Cue("polarity", Span(start, start + len(cue), cue), f"negation:{cue}"),)
    return Event(
        id=f"ev_{key}", article_id=key.split("_")[0], type=kind,
        actors=tuple(person(a) for a in actors), recipients=tuple(person(r) for r in recipients),
        evidence=(Evidence(Span(at, at + len(trigger), trigger), Span(0, len(text), text)),),
        mode=mode, date=date, date_source="text" if dated else "publication",
        date_granularity="day", place=place, place_source="text" if place else "none",
        modality=modality, polarity=polarity, confidence=confidence, cues=cues,
    )  # fmt: skip


def group(gid: str, ev: Event, published: dt.date):
    return build_group(gid, [member_of(ev, article_date=published, publisher="Wire")])


def kampala_like():
    """Talks proposed, scheduled for the 9th, postponed, held on the 15th; a president who
    will not come; a commenter; a vague mention; a phone call; an agreement carried out."""
    return [
        group("offer", event("a1_1", "CONSULT", "Freedonia proposed that Ruritania and Sylvania "
                             "resume direct negotiations in Porto Lindo", "negotiations",
                             date=D(2031, 6, 1)), D(2031, 6, 2)),
        group("set", event("a2_1", "CONSULT", "Ruritania and Sylvania will hold talks in Porto "
                           "Lindo on June 9", "hold talks", modality="planned",
                           date=D(2031, 6, 9)), D(2031, 6, 4)),
        group("moved", event("a3_1", "CONSULT", "The talks due on Tuesday were postponed to "
                             "June 15", "talks", polarity="negated", date=D(2031, 6, 9),
                             cue="postponed"),
              D(2031, 6, 8)),
        group("nocome", event("a4_1", "CONSULT", "President Anna Marsh will not attend the talks",
                              "attend", actors=(ANNA,), recipients=(), polarity="negated"),
              D(2031, 6, 13)),
        group("held", event("a5_1", "CONSULT", "Delegations led by Ida Voss and Otto Brand met "
                            "in Porto Lindo on Monday", "met", actors=(IDA,), recipients=(OTTO,)),
              D(2031, 6, 15)),
        group("vague", event("a6_1", "CONSULT", "Karl Ruhe said the talks were frank", "talks",
                             actors=(), recipients=(), place=None, dated=False,
                             date=D(2031, 6, 16)), D(2031, 6, 16)),
        group("critic", event("a6_2", "ACCUSE", "Karl Ruhe criticised the Sylvan Post",
                              "criticised", actors=(CRITIC,), recipients=(PRESS,),
                              date=D(2031, 6, 16)),
              D(2031, 6, 16)),
        group("call", event("a7_1", "CONSULT", "Anna Marsh held a phone call with Otto Brand",
                            "phone call", actors=(ANNA,), recipients=(OTTO,), mode="phone",
                            date=D(2031, 6, 18), place=None), D(2031, 6, 19)),
        group("deal", event("a5_2", "AGREE", "Ruritania and Sylvania agreed to exchange 120 "
                            "prisoners", "agreed", recipients=(SYL,), date=D(2031, 6, 16)),
              D(2031, 6, 17)),
        group("deal2", event("a8_1", "AGREE", "The agreement to free 120 prisoners was reached in "
                             "Porto Lindo", "agreement", actors=(), recipients=(),
                             date=D(2031, 6, 16)), D(2031, 6, 23)),
        group("swap", event("a9_1", "RETREAT", "Ruritania and Sylvania exchanged 120 prisoners "
                            "on Monday", "exchanged", mode="release", date=D(2031, 6, 29),
                            place=None), D(2031, 6, 30)),
    ]  # fmt: skip


def test_one_meeting_across_its_reports_with_a_dated_history() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    talks = next(m for m in view.meetings if m.channel == "in person")
    assert talks.status == "held" and talks.date == D(2031, 6, 15)
    steps = [(c.status, c.article_id, c.article_date) for c in talks.history]
    assert steps == [
        ("proposed", "a1", D(2031, 6, 2)), ("scheduled", "a2", D(2031, 6, 4)),
        ("postponed", "a3", D(2031, 6, 8)), ("held", "a5", D(2031, 6, 15)),
    ]  # fmt: skip
    assert {"offer", "set", "moved", "held", "vague"} <= set(talks.group_ids)


def test_attendees_come_from_participation_and_absence_from_denials() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    talks = next(m for m in view.meetings if m.channel == "in person")
    names = {a.name for a in talks.attendees}
    assert {"Ida Voss", "Otto Brand"} <= names
    assert "Anna Marsh" not in names and "Karl Ruhe" not in names and "Sylvan Post" not in names
    (absent,) = talks.absent
    assert absent.name == "Anna Marsh" and absent.article_id == "a4"
    assert absent.evidence == "President Anna Marsh will not attend the talks"


def test_someone_reported_both_ways_follows_the_latest_report() -> None:
    came = group("came", event("b9_1", "CONSULT", "Anna Marsh met the delegations in Porto "
                               "Lindo on Monday", "met", actors=(ANNA,), recipients=(SYL,)),
                 D(2031, 6, 16))  # fmt: skip
    view = tracker([*kampala_like(), came], as_of=D(2031, 6, 30))
    talks = next(m for m in view.meetings if m.channel == "in person")
    (anna,) = [a for a in talks.attendees if a.name == "Anna Marsh"]
    assert anna.contested and anna.article_id == "b9"
    assert not [a for a in talks.absent if a.name == "Anna Marsh"]


def test_a_phone_call_is_a_meeting_of_its_two_ends() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    (call,) = [m for m in view.meetings if m.channel == "phone"]
    assert call.status == "held" and [a.name for a in call.attendees] == [
        "Anna Marsh",
        "Otto Brand",
    ]


def test_a_mention_with_no_party_and_no_place_is_not_a_meeting() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    assert len(view.meetings) == 2  # the talks and the call; "the talks were frank" joined


def test_a_meeting_only_proposed_and_refused_is_a_rejected_proposal() -> None:
    groups = [
        group("host", event("c1_1", "CONSULT", "Freedonia offered on Monday to host talks in "
                            "Porto Lindo", "host", actors=(FRE,), recipients=(), mode="visit",
                            date=D(2031, 7, 6)), D(2031, 7, 7)),
        group("no", event("c2_1", "CONSULT", "Sylvania declined to attend", "attend",
                          actors=(SYL,), recipients=(), polarity="negated", date=D(2031, 7, 7),
                          dated=False, cue="declined"), D(2031, 7, 7)),
    ]  # fmt: skip
    view = tracker(groups, as_of=D(2031, 7, 8))
    assert view.meetings == ()
    (offer,) = view.proposals
    assert offer.type == "CONSULT" and offer.status == "rejected"


def test_an_agreement_is_one_item_linked_to_its_meeting_and_carried_out() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    (deal,) = view.agreements
    talks = next(m for m in view.meetings if m.channel == "in person")
    assert set(deal.group_ids) == {"deal", "deal2"}
    assert deal.meeting_id == talks.group_id
    assert deal.status == "carried out" and deal.carried_out[0].group_id == "swap"


def test_doubtful_items_are_hidden_and_counted() -> None:
    weak = group("weak", event("d1_1", "CONSULT", "Ruritania and Freedonia met in Varna on "
                               "Friday", "met", recipients=(FRE,), place=None,
                               date=D(2031, 6, 27), confidence=0.2), D(2031, 6, 28))  # fmt: skip
    groups = [*kampala_like(), weak]
    shown = tracker(groups, as_of=D(2031, 6, 30), min_confidence=0.5)
    everything = tracker(groups, as_of=D(2031, 6, 30))
    assert len(everything.meetings) == len(shown.meetings) + 1
    assert shown.hidden == 1 and shown.min_confidence == 0.5 and everything.hidden == 0


def test_the_terminal_view_is_one_line_each_within_100_columns() -> None:
    lines = tracker_lines(to_dict(tracker(kampala_like(), as_of=D(2031, 6, 30))))
    assert lines[1] == "Meetings and calls (2)"
    assert all(len(line) <= 100 for line in lines)
    assert any("absent Anna Marsh" in line for line in lines)


def test_story_checks_pass_and_fail_one_by_one() -> None:
    view = tracker(kampala_like(), as_of=D(2031, 6, 30))
    gold = {
        "meetings": [{
            "name": "talks", "channel": "in person", "place": "Porto Lindo",
            "date": "2031-06-15", "status": "held",
            "history": [{"status": "proposed", "article": "a1"},
                        {"status": "scheduled", "article": "a2"},
                        {"status": "postponed", "article": "a3"},
                        {"status": "held", "article": "a5"}],
            "attendees": ["Ida Voss", "SYL"], "absent": [{"who": "Anna Marsh", "article": "a4"}],
            "not_attendees": ["Karl Ruhe", "Freedonia"],
        }],
        "agreements": [{"what": "prisoners", "parties": ["Ruritania", "Sylvania"],
                        "date": "2031-06-16", "reached_at": "talks", "status": "carried out",
                        "carried_out": "2031-06-29"}],
    }  # fmt: skip
    checks = check_story(gold, view)
    assert checks and [label for label, good in checks if not good] == [
        "at most 1 meetings listed (found 2)"
    ]
