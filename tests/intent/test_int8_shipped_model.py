"""The int8 setting on the shipped model: the latency option must not change the answers.

int8 is offered for CPUs without native bfloat16, where it cuts latency by a third to a half
(bench/results/intent.json). What it may cost in accuracy is measured there; what this test holds is that
it answers like float32 on the dev split, so a deployment that turns it on keeps its routes.
The int8 model is asked one line at a time, as the service asks it: dynamic quantization
scales each batch's activations together, so a batch of 32 can hide what one line does.
"""

from __future__ import annotations

import numpy as np

from callcenter.config import PROJECT_ROOT
from callcenter.setup import intent_model_dir
from models.intent.classifier import InferenceOptions, IntentClassifier
from models.intent.corpus import load_corpus
from models.taxonomy import load_taxonomy
from tests.conftest import base_settings

DEV = "models/data/intents_dev.tsv"


def test_int8_model_answers_like_float32_on_dev() -> None:
    model_dir = intent_model_dir(base_settings())
    labels = load_taxonomy().ids
    dev = load_corpus(PROJECT_ROOT / DEV, labels=labels)
    targets = np.array([labels.index(i) for i in dev.intents])
    exact = IntentClassifier.load(model_dir, options=InferenceOptions(dtype="float32"))
    quant = IntentClassifier.load(model_dir, options=InferenceOptions(dtype="int8", batch_size=1))
    p_exact, p_quant = exact.predict_proba(dev.texts), quant.predict_proba(dev.texts)
    agree = (p_exact.argmax(1) == p_quant.argmax(1)).mean()
    acc_exact = (p_exact.argmax(1) == targets).mean()
    acc_quant = (p_quant.argmax(1) == targets).mean()
    assert agree >= 0.97, agree
    assert acc_quant >= acc_exact - 0.015, (acc_quant, acc_exact)
    emergency = labels.index("emergency.safety")
    is_emergency = targets == emergency
    assert (p_quant[is_emergency].argmax(1) == emergency).all()
