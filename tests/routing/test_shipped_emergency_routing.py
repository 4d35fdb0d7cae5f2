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
from models.intent.corpus import load_corpus
from models.taxonomy import load_taxonomy
from routing.policy import decide
from tests.conftest import HELD_OUT_SPLITS, base_settings


@pytest.mark.parametrize("split", HELD_OUT_SPLITS)
def test_every_held_out_emergency_is_escalated(split: str, loaded_models: LoadedModels) -> None:
    settings = base_settings()
    taxonomy = load_taxonomy()
    urgent = {i for i, intent in taxonomy.intents.items() if intent.route == "urgent"}
    corpus = load_corpus(PROJECT_ROOT / "models" / "data" / split, labels=taxonomy.ids)
    texts = [e.text for e in corpus.examples if e.intent in urgent]
    assert len(texts) >= 10
    predictions = loaded_models.classifier.predict(texts)
    not_escalated = [
        text
        for text, prediction in zip(texts, predictions, strict=True)
        if decide(
            transcript=text,
            language="ko",
            asr=None,
            intent_scores=prediction.scores,
            faq_matches=[],
            taxonomy=taxonomy,
            config=policy_config(settings),
        ).type
        != "urgent"
    ]
    assert not not_escalated, not_escalated
