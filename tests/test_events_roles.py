"""Who did it when the trigger names no subject of its own, and what a noun trigger's phrases
say, on real parses of sentences about fictional countries (`find_events` alone: actor
mentions are built by hand, as in `test_events`)."""

from __future__ import annotations

import pytest

from dyad.extract.events import find_events, load_codebook
from dyad.model import ActorMention, EventMention, Span
from test_events import ARTICLE_DATE, actors_in, names

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def at(nlp, codebook, text: str, trigger: str, actors=None) -> EventMention:
    """The one event of `text` whose trigger starts with `trigger`."""
    found = find_events(
        nlp(text),
        codebook,
        actors=actors_in(text) if actors is None else actors,
        times=(),
        article_date=ARTICLE_DATE,
    )
    chosen = [e for e in found if e.trigger.text.startswith(trigger)]
    assert len(chosen) == 1, [(e.type, e.trigger.text) for e in found]
    return chosen[0]


def rules(event: EventMention) -> list[str]:
    return [c.rule for c in event.cues if c.field == "actor"]


class TestGerundAfterPreposition:
    @pytest.mark.parametrize(
        ("text", "trigger", "actors", "recipients"),
        [
            # the governing verb's subject: "X said after meeting Y"
            (
                "Freedonia said after meeting with Sylvania that talks would go on.",
                "meeting",
                ["Freedonia"],
                ["Sylvania"],
            ),
            # through an adjective: "X appeared closer to meeting Y"
            (
                "Freedonia appeared closer to meeting Sylvania.",
                "meeting",
                ["Freedonia"],
                ["Sylvania"],
            ),
            # after "for" / "of", the one thanked or accused did it
            ("Freedonia thanked Sylvania for backing the plan.", "backing", ["Sylvania"], []),
            (
                "Freedonia accused Sylvania of carrying out attacks on Elbonia.",
                "carrying",
                ["Sylvania"],
                ["Elbonia"],
            ),
        ],
    )
    def test_doer_of_the_gerund(self, nlp, codebook, text, trigger, actors, recipients):
        event = at(nlp, codebook, text, trigger)
        assert names(event.actors) == actors
        assert names(event.recipients) == recipients
        assert rules(event) == ["controller"] * len(actors)


class TestUnderstoodSubjectFurtherUp:
    def test_a_gerund_of_a_state_noun_is_done_by_the_verbs_subject(self, nlp, codebook):
        # "in the habit of": the noun only says the subject's state, the subject backs
        text = "Freedonia is not in the habit of supporting Sylvania."
        event = at(nlp, codebook, text, "supporting")
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Sylvania"]
        assert rules(event) == ["controller"]

    def test_a_noun_with_phrases_of_its_own_is_no_state(self, nlp, codebook):
        # "the cost of" has its own "to" phrase: no one is said to be backing
        text = "Freedonia spoke in the debate about the cost to Elbonia of supporting Sylvania."
        event = at(nlp, codebook, text, "supporting")
        assert names(event.actors) != ["Freedonia"]

    def test_an_infinitive_restating_an_infinitive_shares_its_doer(self, nlp, codebook):
        # "to support Y" restates "to back up Y", whose doer is the one showing the willingness
        text = "Freedonia has shown a willingness to back up Sylvania, to support Sylvania."
        event = at(nlp, codebook, text, "support")
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Sylvania"]


class TestParticiples:
    @pytest.mark.parametrize(
        ("text", "trigger", "actors"),
        [
            # the noun a present participle hangs on does it
            (
                "Reports of Sylvania troops firing on Elbonia alarmed Freedonia.",
                "firing",
                ["Sylvania"],
            ),
            # a document does nothing: its author does
            ("Freedonia published a statement condemning Sylvania.", "condemning", ["Freedonia"]),
        ],
    )
    def test_doer_of_a_present_participle(self, nlp, codebook, text, trigger, actors):
        assert names(at(nlp, codebook, text, trigger).actors) == actors


class TestObjectControl:
    def test_the_object_before_the_infinitive_acts(self, nlp, codebook):
        text = "Freedonia instructed Sylvania to continue negotiating with Elbonia."
        event = at(nlp, codebook, text, "negotiating")
        assert names(event.actors) == ["Sylvania"]
        assert names(event.recipients) == ["Elbonia"]

    def test_an_object_that_is_no_actor_leaves_the_event_without_one(self, nlp, codebook):
        # "its envoys" hold the talks: not Freedonia, whom the sentence does not say talks
        event = at(nlp, codebook, "Freedonia told its envoys to hold talks with Sylvania.", "hold")
        assert event.actors == ()
        assert names(event.recipients) == ["Sylvania"]


class TestPassiveAgents:
    def test_coordinated_participles_share_the_agent(self, nlp, codebook):
        event = at(nlp, codebook, "The envoy was shot and killed by Sylvania.", "shot")
        assert names(event.actors) == ["Sylvania"]
        assert rules(event) == ["agent"]

    def test_a_participle_on_the_noun_names_its_doer(self, nlp, codebook):
        text = "The meetings held by Freedonia with Sylvania were productive."
        event = at(nlp, codebook, text, "meetings")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["by"]


class TestNounPhrases:
    def test_a_request_from_someone_is_theirs(self, nlp, codebook):
        event = at(nlp, codebook, "Sylvania rejected a request from Freedonia.", "request")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["from"]

    def test_of_names_the_doer_of_a_request(self, nlp, codebook):
        event = at(nlp, codebook, "Sylvania ignored the request of Freedonia.", "request")
        assert names(event.actors) == ["Freedonia"]

    def test_of_names_who_is_arrested(self, nlp, codebook):
        event = at(nlp, codebook, "Freedonia protested the arrest of Firefly.", "arrest")
        assert event.actors == ()
        assert names(event.recipients) == ["Firefly"]

    def test_the_possessor_of_an_arrest_is_who_is_arrested(self, nlp, codebook):
        event = at(nlp, codebook, "Freedonia condemned Firefly's arrest.", "arrest")
        assert event.actors == ()
        assert names(event.recipients) == ["Firefly"]

    def test_the_possessor_of_an_attack_is_who_attacks(self, nlp, codebook):
        event = at(nlp, codebook, "Sylvania's attack on Elbonia failed.", "attack")
        assert names(event.actors) == ["Sylvania"]
        assert names(event.recipients) == ["Elbonia"]

    def test_anti_names_the_target_of_a_protest(self, nlp, codebook):
        event = at(nlp, codebook, "Freedonia held an anti-Sylvania protest.", "held")
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Sylvania"]

    def test_a_bracketed_agency_in_a_dateline_is_no_actor(self, nlp, codebook):
        text = "ELBONIA CITY (Firefly) — Freedonia held talks with Sylvania."
        agency = Span(text.index("Firefly"), text.index("Firefly") + 7, "Firefly")
        mentions = [m for m in actors_in(text) if m.name != "Firefly"]
        mentions.append(ActorMention(agency, "MED:firefly", "Firefly", None, "media"))
        mentions.sort(key=lambda m: m.span.start)
        event = at(nlp, codebook, text, "held", actors=mentions)
        assert names(event.actors) == ["Freedonia"]  # the parse makes the agency a subject


class TestLightVerbs:
    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("Freedonia spoke after the attack on Sylvania.", "attack"),  # the scene
            ("Freedonia called the attack an act of terror.", "attack"),  # a judgement
            ("Freedonia described the protest as peaceful.", "protest"),
        ],
    )
    def test_a_verb_that_does_not_perform_the_noun_gives_no_actor(
        self, nlp, codebook, text, trigger
    ):
        assert at(nlp, codebook, text, trigger).actors == ()

    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("Freedonia sought an independent investigation in Sylvania.", "investigation"),
            ("Freedonia needs humanitarian aid.", "aid"),
        ],
    )
    def test_who_asks_for_the_noun_does_not_do_it(self, nlp, codebook, text, trigger):
        assert "Freedonia" not in names(at(nlp, codebook, text, trigger).actors)

    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("Freedonia wants an agreement with Sylvania.", "agreement"),  # parties
            ("Freedonia wants a ceasefire with Sylvania.", "ceasefire"),  # a partner
        ],
    )
    def test_who_seeks_what_has_parties_takes_part(self, nlp, codebook, text, trigger):
        assert names(at(nlp, codebook, text, trigger).actors) == ["Freedonia"]

    def test_a_verb_that_performs_it_gives_its_subject(self, nlp, codebook):
        text = "Freedonia carried out a series of airstrikes on Sylvania."
        event = at(nlp, codebook, text, "airstrikes")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["light-verb"]

    def test_the_agent_of_a_passive_verb_performs_the_noun(self, nlp, codebook):
        text = "The rebel bases were hit by Freedonia in airstrikes on Sunday."
        event = at(nlp, codebook, text, "airstrikes")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["light-verb"]


class TestWhInfinitive:
    def test_who_decides_which_to_endorse_endorses(self, nlp, codebook):
        text = "Freedonia is still deciding which candidate to endorse."
        event = at(nlp, codebook, text, "endorse")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["controller"]


def mention(text: str, words: str, sector: str | None, kind: str = "group") -> ActorMention:
    start = text.index(words)
    return ActorMention(Span(start, start + len(words), words), None, words, None, sector, kind)


class TestReportingAuthority:
    def test_an_authority_reporting_an_agentless_arrest_made_it(self, nlp, codebook):
        text = "Two journalists were detained in Sylvania on Monday, the police said."
        mentions = [mention(text, "journalists", "media"), mention(text, "police", "police")]
        event = at(nlp, codebook, text, "detained", actors=mentions)
        assert names(event.actors) == ["police"]
        assert rules(event) == ["reporter"]
        assert names(event.recipients) == ["journalists"]

    def test_a_reporter_who_is_no_authority_did_not_do_it(self, nlp, codebook):
        text = "Two journalists were detained in Sylvania on Monday, their lawyer Firefly said."
        mentions = [mention(text, "journalists", "media"), mention(text, "Firefly", None, "person")]
        event = at(nlp, codebook, text, "detained", actors=mentions)
        assert event.actors == ()


class TestMovedForces:
    def test_forces_moved_by_an_agentless_passive_stand_for_who_moved_them(self, nlp, codebook):
        text = "Freedonian troops were deployed along the border."
        mentions = [mention(text, "Freedonian troops", "military")]
        event = at(nlp, codebook, text, "deployed", actors=mentions)
        assert names(event.actors) == ["Freedonian troops"]
        assert rules(event) == ["moved-forces"]

    def test_people_moved_are_no_actor(self, nlp, codebook):
        text = "The hostages were released on Monday."
        mentions = [mention(text, "hostages", "civilians")]
        event = at(nlp, codebook, text, "released", actors=mentions)
        assert event.actors == ()


class TestRelativeClause:
    def test_an_infinitive_in_a_relative_clause_is_done_by_its_noun(self, nlp, codebook):
        text = "The decision is risky for Firefly, who refused to endorse Sylvania last week."
        event = at(nlp, codebook, text, "endorse")
        assert names(event.actors) == ["Firefly"]
        assert rules(event) == ["controller"]


class TestReducedPassive:
    def test_the_noun_a_charge_hangs_on_is_charged_and_did_the_act(self, nlp, codebook):
        text = "A policeman charged with killing Firefly appeared in court in Sylvania."
        mentions = [mention(text, "policeman", "police"), mention(text, "Firefly", None, "person")]
        charge = at(nlp, codebook, text, "charged", actors=mentions)
        assert names(charge.recipients) == ["policeman"]
        killing = at(nlp, codebook, text, "killing", actors=mentions)
        assert names(killing.actors) == ["policeman"]
        assert names(killing.recipients) == ["Firefly"]

    def test_the_one_arresting_did_not_make_the_accusation(self, nlp, codebook):
        text = "The police arrested a man accused of attacking Firefly."
        mentions = [mention(text, "police", "police"), mention(text, "Firefly", None, "person")]
        accusation = at(nlp, codebook, text, "accused", actors=mentions)
        assert accusation.actors == ()

    def test_a_place_taken_is_no_recipient(self, nlp, codebook):
        text = "Sylvania wants the old town, captured by Freedonia in 1967."
        event = at(nlp, codebook, text, "captured")
        assert names(event.actors) == ["Freedonia"]
        assert "Sylvania" not in names(event.recipients)

    def test_a_thing_the_participle_hangs_on_is_no_recipient(self, nlp, codebook):
        text = "The Firefly report released on Monday criticised Sylvania."
        mentions = [mention(text, "Firefly", None, "organisation"), mention(text, "Sylvania", None)]
        event = at(nlp, codebook, text, "released", actors=mentions)
        assert event.recipients == ()


class TestChargeContent:
    def test_the_victim_of_the_act_charged_is_not_the_one_charged(self, nlp, codebook):
        text = "The officer was accused of beating Firefly."
        mentions = [mention(text, "Firefly", None, "person")]
        accusation = at(nlp, codebook, text, "accused", actors=mentions)
        assert accusation.recipients == ()
        beating = at(nlp, codebook, text, "beating", actors=mentions)
        assert names(beating.recipients) == ["Firefly"]

    def test_an_active_accusation_still_takes_the_accused(self, nlp, codebook):
        text = "Freedonia accused Sylvania of shelling Elbonia."
        event = at(nlp, codebook, text, "accused")
        assert names(event.recipients) == ["Sylvania"]


class TestHeldToAccount:
    @pytest.mark.parametrize(
        ("text", "trigger", "actors"),
        [
            # the one punished or blamed "for" an event noun did it, not the verb's subject
            ("Freedonia punished Sylvania for attacks on Elbonia.", "attacks", ["Sylvania"]),
            ("Freedonia blamed Sylvania for the attack on Elbonia.", "attack", ["Sylvania"]),
            # with no object, the "against" phrase names whom the verb holds to account
            (
                "Freedonia vowed to retaliate against Sylvania for interference in the vote.",
                "interference",
                ["Sylvania"],
            ),
        ],
    )
    def test_the_one_held_to_account_did_it(self, nlp, codebook, text, trigger, actors):
        event = at(nlp, codebook, text, trigger)
        assert names(event.actors) == actors
        assert rules(event) == ["cause-object"]

    @pytest.mark.parametrize(
        ("text", "trigger"),
        [
            ("Freedonia called for talks with Sylvania.", "talks"),  # no one held to account
            ("Freedonia won praise for the ceasefire.", "ceasefire"),  # praise is no party
        ],
    )
    def test_without_a_party_held_to_account_nothing_is_read(self, nlp, codebook, text, trigger):
        event = at(nlp, codebook, text, trigger)
        assert "cause-object" not in rules(event)
        assert "Sylvania" not in names(event.actors)


class TestOwnersOfTheDeed:
    @pytest.mark.parametrize(
        "text",
        [
            "Freedonia claimed responsibility for the attack on Sylvania.",
            "Freedonia accepted the blame for the attack on Sylvania.",
            "Freedonia was behind the attack on Sylvania.",
            "Freedonia is believed to be behind the attack on Sylvania.",  # a controller
        ],
    )
    def test_who_claims_or_is_behind_the_deed_did_it(self, nlp, codebook, text):
        event = at(nlp, codebook, text, "attack")
        assert names(event.actors) == ["Freedonia"]
        assert rules(event) == ["owner"]
        assert names(event.recipients) == ["Sylvania"]

    @pytest.mark.parametrize(
        "text",
        [
            "Freedonia denied responsibility for the attack on Sylvania.",  # no owning verb
            "Freedonia stood behind the attack on Sylvania.",  # no form of "be"
        ],
    )
    def test_who_only_mentions_the_responsibility_owns_nothing(self, nlp, codebook, text):
        assert at(nlp, codebook, text, "attack").actors == ()


class TestRelativePronounRecipient:
    def test_who_was_shot_stands_for_the_noun_the_clause_hangs_on(self, nlp, codebook):
        text = "Protesters honoured Firefly, who was shot in June by a Freedonia officer."
        event = at(nlp, codebook, text, "shot")
        assert names(event.actors) == ["Freedonia"]
        assert names(event.recipients) == ["Firefly"]

    def test_whom_as_object_stands_for_the_noun_the_clause_hangs_on(self, nlp, codebook):
        text = "Freedonia released Firefly, whom Sylvania had arrested in May."
        event = at(nlp, codebook, text, "arrested")
        assert names(event.actors) == ["Sylvania"]
        assert names(event.recipients) == ["Firefly"]

    def test_a_relative_subject_is_still_the_actor(self, nlp, codebook):
        text = "Sylvania praised Firefly, who had criticised Freedonia."
        event = at(nlp, codebook, text, "criticised")
        assert names(event.actors) == ["Firefly"]
        assert names(event.recipients) == ["Freedonia"]


class TestNamesInApposition:
    def test_names_after_a_group_description_are_the_recipients(self, nlp, codebook):
        text = "The minister met opposition leaders Rufus Firefly and Trentino Chicolini on Monday."
        mentions = [
            mention(text, "minister", "government"),
            mention(text, "opposition leaders", "opposition"),
            mention(text, "Rufus Firefly", None, "person"),
            mention(text, "Trentino Chicolini", None, "person"),
        ]
        event = at(nlp, codebook, text, "met", actors=mentions)
        assert names(event.actors) == ["minister"]
        assert names(event.recipients) == ["Rufus Firefly", "Trentino Chicolini"]

    def test_a_named_actor_keeps_its_own_name_before_an_apposition(self, nlp, codebook):
        # "Sylvania, a Freedonia ally": Sylvania is no description, its apposition says more
        text = "Ruritania attacked Sylvania, a Freedonia ally, on Monday."
        mentions = [
            mention(text, "Ruritania", None, "country"),
            mention(text, "Sylvania", None, "country"),
            mention(text, "Freedonia", None, "country"),
        ]
        event = at(nlp, codebook, text, "attacked", actors=mentions)
        assert names(event.recipients) == ["Sylvania"]

    def test_a_description_without_apposition_stands_for_itself(self, nlp, codebook):
        text = "The minister met opposition leaders on Monday."
        mentions = [
            mention(text, "minister", "government"),
            mention(text, "opposition leaders", "opposition"),
        ]
        event = at(nlp, codebook, text, "met", actors=mentions)
        assert names(event.recipients) == ["opposition leaders"]
