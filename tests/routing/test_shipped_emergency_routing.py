"""Every emergency line of the held-out sets is escalated by the shipped model and policy, also
when it is misspelt the way a recognizer writes what it hears.

The rule detector alone misses some of them (it sees surface forms: "수믈 않 쉬어요" is not
"숨을 안 쉬어요"), so this is the test that the classifier's urgent floor covers what the rules
cannot; no FAQ match is given, since an emergency must not depend on one.
"""

from __future__ import annotations

import pytest

from callcenter.config import PROJECT_ROOT
from callcenter.services import LoadedModels, policy_config
from models.intent.corpus import NEGATION_PROBE, SMALL_PROBES, URGENT_PROBES, load_corpus
from models.taxonomy import load_taxonomy
from routing.policy import decide
from tests.conftest import HELD_OUT_SPLITS, base_settings


def _routes(split: str, loaded_models: LoadedModels) -> list[tuple[str, bool, str]]:
    """(text, labelled an emergency, route type) for each line of a held-out split, routed the
    way the pipeline routes it: with the classifier's sound-respelt reading as ``heard``."""
    settings = base_settings()
    taxonomy = load_taxonomy()
    urgent = {i for i, intent in taxonomy.intents.items() if intent.route == "urgent"}
    corpus = load_corpus(PROJECT_ROOT / "models" / "data" / split, labels=taxonomy.ids)
    classifier = loaded_models.classifier
    predictions = classifier.predict(corpus.texts)
    return [
        (
            example.text,
            example.intent in urgent,
            decide(
                transcript=example.text,
                language="ko",
                asr=None,
                intent_scores=prediction.scores,
                faq_matches=[],
                taxonomy=taxonomy,
                config=policy_config(settings),
                heard=classifier.respell(example.text),
            ).type,
        )
        for example, prediction in zip(corpus.examples, predictions, strict=True)
    ]


# Emergencies that neither the classifier nor the cues send out (2026-12-01): a pet given away
# because "저는 이제 떠날 거라서요", which could as well be a move.
NOT_ESCALATED = {
    "intents_probe_urgent5.tsv": [
        "우리 강아지 입양 보낼 데 좀 알려주세요 오늘 밤까지 보내야 돼요 저는 이제 떠날 거라서요"
    ],
}


@pytest.mark.parametrize(
    "split",
    [
        pytest.param(
            split,
            marks=pytest.mark.xfail(strict=True, reason=f"not escalated: {NOT_ESCALATED[split]}"),
        )
        if split in NOT_ESCALATED
        else split
        for split in (*HELD_OUT_SPLITS, NEGATION_PROBE, *SMALL_PROBES, *URGENT_PROBES)
    ],
)
def test_every_held_out_emergency_is_escalated(split: str, loaded_models: LoadedModels) -> None:
    assert not _not_escalated(split, loaded_models)


@pytest.mark.parametrize("split", sorted(NOT_ESCALATED))
def test_known_unescalated_emergencies_are_the_only_ones(
    split: str, loaded_models: LoadedModels
) -> None:
    assert _not_escalated(split, loaded_models) == NOT_ESCALATED[split]


def _not_escalated(split: str, loaded_models: LoadedModels) -> list[str]:
    routes = _routes(split, loaded_models)
    emergencies = [(text, route) for text, emergency, route in routes if emergency]
    assert len(emergencies) >= 5  # the negation and short probes hold 5 and 9
    return [text for text, route in emergencies if route != "urgent"]


# Urgent probe 4's look-alikes are sadness, grief and funerals: 7 of its 99 go out (four with
# the emergency intent on top: a late father's body-donation pledge, a funeral planned "while
# I am still well", a loose footbridge rail, a proposal after a suicide in the neighbourhood).
# Urgent probe 6's are symptoms past or mild and public places after the event: 6 of 100, all
# with the emergency intent on top ("회사 때문에 죽겠어요", "한강물 온도 지금 몇도예요 낚시
# 가려고요", a mother who fell last month).
# Urgent probe 7's are crimes already over, quarrels said to be only loud, drunks asleep, broken
# door locks and stray dogs: 17 of 100, 16 by the classifier (a neighbour who sings drunk "위협하거나
# 그런 건 없는데", P(emergency) 0.92; a broken door lock, 0.94). Urgent probe 8's are things broken
# with nobody hurt or inside and questions before a season: 8 of 100, all by the classifier (a lift
# out of order "갇힌 사람은 없는데", a tree down on a path "다친 사람은 없구요", both 1.0).
# Urgent probe 9's are people out of reach for an ordinary reason and lost pets: 12 of 100, all by
# the classifier (a dog that slipped its lead, 0.98; a call-out the day before that found a father
# asleep, 0.97; mail piling up at a flat whose tenant moved out, 0.87). Urgent probe 10's are
# advice asked with no danger now: 9 of 100, all by the classifier (thanks for firefighters
# yesterday, 1.0; a gas timer for a forgetful mother, 0.80; "if I ever smell gas", 0.99).
# Urgent probe 19's are children's and very old callers' ordinary troubles: 9 of 96, 6 with the
# emergency intent on top (a grandmother who cries every day and talks to nobody, 1.0; a widow who
# calls to talk on her husband's memorial day, 0.99; "엄마한테 이제 죽었어요" about a test).
SOUNDS_ALARMING_SHORT_OF_TARGET = {
    "intents_probe_urgent4.tsv": 7,
    "intents_probe_urgent6.tsv": 6,
    "intents_probe_urgent7.tsv": 17,
    "intents_probe_urgent8.tsv": 8,
    "intents_probe_urgent9.tsv": 12,
    "intents_probe_urgent10.tsv": 9,
    "intents_probe_urgent19.tsv": 9,
}
# The counts above are of the model built and run in bfloat16 on an AMD EPYC with AVX-512 BF16.
# Built on an AMD EPYC with AVX2 only (Zen 3, 2026-12-01), where it runs in int8, the same data
# and settings give other weights (the lexical weight chosen on dev is 3.0 there, not 4.0; its
# calibrated dev NLL differs from 4.0's in the fourth decimal) and send out one to two more on
# three of the sets. A guard against the code getting worse, not a target, so it is kept per build.
SOUNDS_ALARMING_INT8_BUILD = {
    **SOUNDS_ALARMING_SHORT_OF_TARGET,
    "intents_probe_urgent6.tsv": 7,
    "intents_probe_urgent8.tsv": 10,
    "intents_probe_urgent10.tsv": 10,
}


def _escalated_lookalikes(split: str, loaded_models: LoadedModels) -> tuple[list[str], int]:
    routes = _routes(split, loaded_models)
    others = [(text, route) for text, emergency, route in routes if not emergency]
    assert len(others) >= 80
    return [text for text, route in others if route == "urgent"], len(others)


@pytest.mark.parametrize(
    "split",
    [
        pytest.param(
            split,
            marks=pytest.mark.xfail(
                strict=True,
                reason=f"{SOUNDS_ALARMING_SHORT_OF_TARGET[split]} look-alikes escalated "
                "(2026-12-01 and 12-02), most with the emergency intent on top",
            ),
        )
        if split in SOUNDS_ALARMING_SHORT_OF_TARGET
        else split
        for split in URGENT_PROBES
    ],
)
def test_calls_that_only_sound_alarming_are_rarely_escalated(
    split: str, loaded_models: LoadedModels
) -> None:
    """The urgent probes' look-alikes (a fire last week, "더워 죽겠어요", a smell one "can't
    breathe" for, an elevator rescue already over): a false transfer costs an emergency line a
    call, so more than 1 in 20 misses the target."""
    escalated, others = _escalated_lookalikes(split, loaded_models)
    assert len(escalated) <= others // 20, escalated


@pytest.mark.parametrize("split", sorted(SOUNDS_ALARMING_SHORT_OF_TARGET))
def test_look_alikes_short_of_the_target_do_not_get_worse(
    split: str, loaded_models: LoadedModels
) -> None:
    escalated, _ = _escalated_lookalikes(split, loaded_models)
    int8 = loaded_models.classifier.precision == "int8"
    measured = (SOUNDS_ALARMING_INT8_BUILD if int8 else SOUNDS_ALARMING_SHORT_OF_TARGET)[split]
    assert len(escalated) <= measured, escalated
