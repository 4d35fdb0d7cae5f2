from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import XLMRobertaModel

from models.cache import is_complete
from models.encoder.embedding import mean_pool
from models.hardware import cpu_model
from models.intent import classifier as classifier_module
from models.intent.classifier import InferenceOptions, IntentClassifier, resolve_precision
from models.intent.train import choose_lexical_weight, model_version, train_intent_model
from models.taxonomy import load_taxonomy

LABELS = load_taxonomy().ids
FP32 = InferenceOptions(dtype="float32")


def test_builds_a_complete_versioned_directory(
    tiny_model: Path, tiny_cache: Path, make_toy_rows
) -> None:
    assert is_complete(tiny_model)
    assert tiny_model.parent == tiny_cache / "intent"
    meta = json.loads((tiny_model / "metadata.json").read_text())
    assert meta["version"] == tiny_model.name
    assert meta["labels"] == LABELS
    assert meta["data"]["train_examples"] == len(make_toy_rows(0))
    # Training also saw a respaced copy of (almost) every line; counts stay the written ones.
    assert (
        0.8 * len(make_toy_rows(0)) <= meta["data"]["recognizer_variants"] <= len(make_toy_rows(0))
    )
    assert meta["data"]["train_counts"]["water.leak"] == 12
    assert meta["data"]["train_counts"]["tax.vehicle"] == 0
    dev = meta["dev_metrics"]
    for stage in ("uncalibrated", "calibrated"):
        assert 0.0 <= dev[stage]["ece"] <= 1.0
        assert 0.0 <= dev[stage]["accuracy"] <= 1.0
    # The temperature is fitted to minimise dev NLL, so it can only lower it.
    assert dev["calibrated"]["nll"] <= dev["uncalibrated"]["nll"] + 1e-9
    assert meta["environment"]["torch"] == torch.__version__
    # Weights differ by processor, so the model names the one that built it.
    assert meta["environment"]["cpu"] == cpu_model()
    assert [r["epoch"] for r in meta["history"]] == [0, 1, 2]
    card = (tiny_model / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert meta["version"] in card
    assert f"on\n  {cpu_model()}" in card
    assert "emergency.safety | 12 | 12" in card


def test_is_idempotent(
    tiny_model: Path, tiny_cache: Path, tiny_encoder: Path, toy_data, tiny_config
) -> None:
    weights = tiny_model / "intent_layers.safetensors"
    stamp = weights.stat().st_mtime_ns
    messages: list[str] = []
    again = train_intent_model(
        encoder_dir=tiny_encoder,
        train_path=toy_data[0],
        dev_path=toy_data[1],
        cache_dir=tiny_cache,
        config=tiny_config,
        progress=messages.append,
    )
    assert again == tiny_model
    assert weights.stat().st_mtime_ns == stamp
    assert messages == [f"intent model {tiny_model.name} already built: {tiny_model}"]


def test_version_follows_data_config_and_encoder(
    tmp_path: Path, tiny_encoder: Path, toy_data, make_tsv, make_toy_rows, tiny_config
) -> None:
    train, dev = toy_data

    def version(*, train_path: Path = train, **config_changes: object) -> str:
        return model_version(
            train_path=train_path,
            dev_path=dev,
            config=replace(tiny_config, **config_changes),
            encoder_dir=tiny_encoder,
            labels=LABELS,
        )

    base = version()
    assert base != version(train_path=make_tsv(tmp_path / "train.tsv", make_toy_rows(1)))
    assert base != version(seed=1)
    assert base != version(recognizer_variants=0.0)
    assert base != version(respell=False)
    # Speed settings and a byte-identical copy of the data share the build.
    assert base == version(num_threads=2)
    assert base == version(train_path=make_tsv(tmp_path / "same.tsv", make_toy_rows(0)))


def test_changed_corpus_builds_a_new_version(
    tmp_path: Path,
    tiny_model: Path,
    tiny_cache: Path,
    tiny_encoder: Path,
    toy_data,
    make_tsv,
    make_toy_rows,
    tiny_config,
) -> None:
    changed = make_tsv(tmp_path / "train.tsv", make_toy_rows(1))
    other = train_intent_model(
        encoder_dir=tiny_encoder,
        train_path=changed,
        dev_path=toy_data[1],
        cache_dir=tiny_cache,
        config=tiny_config,
    )
    assert other != tiny_model
    assert is_complete(other) and is_complete(tiny_model)
    assert IntentClassifier.load(other).version == other.name


def test_loaded_classifier_predicts_calibrated_distributions(tiny_model: Path) -> None:
    clf = IntentClassifier.load(tiny_model, options=FP32)
    assert clf.version == tiny_model.name
    assert clf.labels == LABELS
    texts = ["버스 노선 알려주세요", "수도관이 터졌어요 빨리요", "건물에서 불이 났어요"]
    predictions = clf.predict(texts)
    assert [p.intent for p in predictions] == ["transport.bus", "water.leak", "emergency.safety"]
    for p in predictions:
        values = [s for _, s in p.scores]
        assert [label for label, _ in p.scores] != LABELS  # sorted by score, not label order
        assert sorted(label for label, _ in p.scores) == sorted(LABELS)
        assert values == sorted(values, reverse=True)
        assert sum(values) == pytest.approx(1.0)
        assert p.confidence == values[0]
        assert p.margin == pytest.approx(values[0] - values[1])
        assert p.top(3) == p.scores[:3]
    probs = clf.predict_proba(texts)
    from models.intent.calibration import softmax

    assert np.allclose(probs, softmax(clf.logits(texts), clf.temperature))
    assert clf.predict([]) == []


def test_words_spelt_as_they_sound_are_read_as_the_corpus_spells_them(tiny_model: Path) -> None:
    """The model reads "터져써요" as its training line's "터졌어요": same scores, same embedding;
    a word of the corpus and a word nothing sounds like are read as written."""
    clf = IntentClassifier.load(tiny_model, options=FP32)
    heard, written = "수도관이 터져써요", "수도관이 터졌어요"
    assert clf.respell(heard) == written
    assert clf.respell("버스 노선 알려주세요 qwerty") == "버스 노선 알려주세요 qwerty"
    np.testing.assert_allclose(clf.predict_proba([heard]), clf.predict_proba([written]))
    (p_heard,), e_heard = clf.predict_and_embed([heard])
    np.testing.assert_allclose(e_heard, clf.embed([written]), atol=1e-6)
    assert p_heard.intent == "water.leak"
    # without the respeller the spelling is a different input
    clf._respeller = None
    assert not np.allclose(clf.embed([heard]), clf.embed([written]), atol=1e-3)


def test_the_model_reads_a_line_without_the_topic_it_negates(tiny_model: Path) -> None:
    """Both branches and the query embedding see the line without the negated topic; routing's
    word-for-word second look (``respell``) keeps every word."""
    clf = IntentClassifier.load(tiny_model, options=FP32)
    said, meant = "수도요금 얘기는 아니고요 수도관이 터졌어요", "수도관이 터졌어요"
    assert clf.reading(said) == meant
    assert clf.respell(said) == said
    np.testing.assert_allclose(clf.predict_proba([said]), clf.predict_proba([meant]))
    np.testing.assert_allclose(clf.embed([said]), clf.embed([meant]), atol=1e-6)


def test_the_model_reads_words_run_together_as_the_corpus_words_they_join(
    tiny_model: Path,
) -> None:
    """Both branches and the query embedding see a line written without spaces as its corpus
    words; routing's word-for-word second look (``respell``) gets it as written."""
    clf = IntentClassifier.load(tiny_model, options=FP32)
    said, meant = "집앞도로에물이새요", "집 앞 도로에 물이 새요"
    assert clf.reading(said) == meant
    assert clf.respell(said) == said
    assert clf.reading_version == "negation-2.split-3"
    np.testing.assert_allclose(clf.predict_proba([said]), clf.predict_proba([meant]))
    np.testing.assert_allclose(clf.embed([said]), clf.embed([meant]), atol=1e-6)
    # without the split the run is a different input
    clf._splitter = None
    assert not np.allclose(clf.embed([said]), clf.embed([meant]), atol=1e-3)
    assert clf.reading_version == "negation-2"


def test_korean_typed_as_separate_letters_is_read_as_syllables(tiny_model: Path) -> None:
    clf = IntentClassifier.load(tiny_model, options=FP32)
    texts = ["수도관이 터졌어요", "버스 노선 알려주세요"]
    letters = [unicodedata.normalize("NFD", t) for t in texts]
    assert letters != texts
    np.testing.assert_allclose(clf.predict_proba(letters), clf.predict_proba(texts))
    for kind in ("query", "passage"):
        np.testing.assert_allclose(
            clf.embed(letters, kind=kind), clf.embed(texts, kind=kind), atol=1e-6
        )


def test_one_utterance_runs_a_traced_graph_with_the_eager_numbers(tiny_model: Path) -> None:
    traced = IntentClassifier.load(tiny_model, options=FP32)
    eager = IntentClassifier.load(tiny_model, options=replace(FP32, trace_single=False))
    assert traced._one is not None and traced._one_embedded is not None
    assert eager._one is None
    texts = [
        "버스",
        "수도관이 터졌어요",
        "어 저기요 집 앞 도로에 물이 계속 새는데 어디에 신고해야 돼요",
    ]
    for text in texts:  # lengths the trace was not recorded with
        np.testing.assert_allclose(traced.logits([text]), eager.logits([text]), atol=1e-5)
        (p_traced,), e_traced = traced.predict_and_embed([text])
        (p_eager,), e_eager = eager.predict_and_embed([text])
        np.testing.assert_allclose(p_traced.scores[0][1], p_eager.scores[0][1], atol=1e-5)
        assert p_traced.intent == p_eager.intent
        np.testing.assert_allclose(e_traced, e_eager, atol=1e-5)
    # a batch (padded, eager) gives what the traced singles give
    singles = np.vstack([traced.logits([t]) for t in texts])
    np.testing.assert_allclose(traced.logits(texts), singles, atol=1e-5)


def test_refuses_an_incomplete_directory(tiny_model: Path, tmp_path: Path) -> None:
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "intent_config.json").write_bytes((tiny_model / "intent_config.json").read_bytes())
    with pytest.raises(FileNotFoundError, match="not a complete intent model"):
        IntentClassifier.load(partial)


def test_padding_does_not_change_predictions(tiny_model: Path) -> None:
    clf = IntentClassifier.load(tiny_model, options=FP32)
    alone = clf.predict_proba(["버스 노선 알려주세요"])
    batch = clf.predict_proba(
        ["버스 노선 알려주세요", "집 앞 도로에 물이 새요 좀요 빨리요 네 네 네"]
    )
    assert np.allclose(alone[0], batch[0], atol=1e-5)


def test_embeddings_come_from_the_original_encoder(tiny_model: Path, tiny_encoder: Path) -> None:
    clf = IntentClassifier.load(tiny_model, options=FP32)
    texts = ["버스 노선 알려주세요", "가스 냄새가 심하게 나요"]
    got = clf.embed(texts, kind="passage")
    assert got.shape == (2, 32)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)

    original = XLMRobertaModel.from_pretrained(str(tiny_encoder), add_pooling_layer=False).eval()
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tiny_encoder))
    with torch.inference_mode():
        for row, text in enumerate(texts):
            enc = tok("passage: " + text, return_tensors="pt")
            hidden = original(**enc).last_hidden_state
            want = torch.nn.functional.normalize(mean_pool(hidden, enc["attention_mask"]), dim=-1)
            assert np.allclose(got[row], want[0].numpy(), atol=1e-5)
    # The fine-tuned layer differs from the original one, so the classifier's own pooled
    # state is not what embed() returns.
    queries = clf.embed(texts, kind="query")
    assert not np.allclose(queries, got, atol=1e-3)
    predictions, joint = clf.predict_and_embed(texts)
    assert np.allclose(joint, queries, atol=1e-5)
    assert [p.intent for p in predictions] == [p.intent for p in clf.predict(texts)]
    with pytest.raises(ValueError, match="kind"):
        clf.embed(texts, kind="document")  # type: ignore[arg-type]


def test_an_untuned_top_layer_runs_once_for_intent_and_embedding(
    tiny_model: Path, tiny_encoder: Path, tiny_cache: Path, toy_data, tiny_config
) -> None:
    tuned = IntentClassifier.load(tiny_model, options=FP32)
    best_epoch = json.loads((tiny_model / "metadata.json").read_text())["best_epoch"]
    assert tuned.shared_top == (best_epoch == 0)
    # No fine-tuning epoch: the tuned copy keeps the encoder's weights, so dev's choice is the
    # linear probe and one pass of the top layer gives both answers.
    path = train_intent_model(
        encoder_dir=tiny_encoder,
        train_path=toy_data[0],
        dev_path=toy_data[1],
        cache_dir=tiny_cache,
        config=replace(tiny_config, epochs=0),
    )
    for options in (FP32, InferenceOptions(dtype="int8")):
        clf = IntentClassifier.load(path, options=options)
        assert clf.shared_top
        texts = ["사람이 쓰러졌어요", "마을버스 배차 간격 좀요", "수도관이 터졌어요 빨리요"]
        predictions, joint = clf.predict_and_embed(texts)
        two_passes = clf.predict(texts)
        assert np.allclose(joint, clf.embed(texts, kind="query"), atol=1e-5)
        for one, two in zip(predictions, two_passes, strict=True):
            assert one.intent == two.intent
            assert abs(one.confidence - two.confidence) < 1e-4


def test_encoder_branch_alone_without_lexical_features(
    tiny_encoder: Path, tiny_cache: Path, toy_data, tiny_config
) -> None:
    path = train_intent_model(
        encoder_dir=tiny_encoder,
        train_path=toy_data[0],
        dev_path=toy_data[1],
        cache_dir=tiny_cache,
        config=replace(tiny_config, lexical_weights=(0.0,), trainable_layers=0, epochs=0),
    )
    assert not (path / "lexical.pkl").exists()
    clf = IntentClassifier.load(path)
    assert clf.lexical_weight == 0.0
    # With no tuned layer the head sits on the original e5 embedding: same pooled vector.
    texts = ["사람이 쓰러졌어요", "마을버스 배차 간격"]
    probs = clf.predict_proba(texts)
    assert [clf.labels[i] for i in probs.argmax(axis=1)] == ["emergency.safety", "transport.bus"]


def test_class_weights_must_name_known_intents(
    tiny_encoder: Path, tmp_path: Path, toy_data, tiny_config
) -> None:
    with pytest.raises(ValueError, match=r"unknown intents: \['emergency'\]"):
        train_intent_model(
            encoder_dir=tiny_encoder,
            train_path=toy_data[0],
            dev_path=toy_data[1],
            cache_dir=tmp_path,
            config=replace(tiny_config, class_weights=(("emergency", 3.0),)),
        )
    assert not (tmp_path / "intent").exists() or not any((tmp_path / "intent").iterdir())


def test_bfloat16_inference_agrees_with_float32(tiny_model: Path) -> None:
    texts = ["버스 노선 알려주세요", "수도관이 터졌어요", "사람이 쓰러졌어요 빨리요"]
    exact = IntentClassifier.load(tiny_model, options=FP32)
    half = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="bfloat16"))
    assert half.dtype == torch.bfloat16 and exact.dtype == torch.float32
    assert np.allclose(half.predict_proba(texts), exact.predict_proba(texts), atol=0.05)
    cosines = (half.embed(texts) * exact.embed(texts)).sum(axis=1)
    assert (cosines > 0.99).all()


def test_int8_inference_agrees_with_float32_and_names_its_precision(tiny_model: Path) -> None:
    texts = ["버스 노선 알려주세요", "수도관이 터졌어요", "사람이 쓰러졌어요 빨리요"]
    exact = IntentClassifier.load(tiny_model, options=FP32)
    quant = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="int8"))
    assert quant.precision == "int8" and exact.precision == "float32"
    # FAQ embeddings stored under one precision are not reused under another
    assert quant.embedding_version != exact.embedding_version
    assert quant.embedding_version.startswith(exact.version)
    p_quant, p_exact = quant.predict_proba(texts), exact.predict_proba(texts)
    assert not np.array_equal(p_quant, p_exact)  # it really runs quantized
    assert np.allclose(p_quant, p_exact, atol=0.1)
    cosines = (quant.embed(texts) * exact.embed(texts)).sum(axis=1)
    assert (cosines > 0.98).all()


def test_int8_keeps_the_feed_forward_output_projections_in_float32(tiny_model: Path) -> None:
    """They read the activations after the GELU, whose outliers one scale per call crushes:
    quantized, they cost the shipped model a dev emergency (``int8_layer_names``)."""
    quant = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="int8"))
    width = quant._network.encoder.config.intermediate_size
    kinds = {
        name: type(module)
        for name, module in quant._network.named_modules()
        if isinstance(module, torch.nn.Linear | torch.ao.nn.quantized.dynamic.Linear)
    }
    kept = {name for name, kind in kinds.items() if kind is torch.nn.Linear}
    layers = quant._network.encoder.config.num_hidden_layers + len(quant._network.tuned)
    assert kept == {
        name for name in kinds if name.endswith(".output.dense") and ".attention." not in name
    }
    assert len(kept) == layers
    assert all(quant._network.get_submodule(name).in_features == width for name in kept)
    assert "head" in kinds and kinds["head"] is torch.ao.nn.quantized.dynamic.Linear


def test_int8_reads_each_line_alone_so_its_neighbours_do_not_move_its_confidence(
    tiny_model: Path,
) -> None:
    """Dynamic quantization takes one activation scale over the whole input, padding included:
    batched, a line's confidence moved with the lines beside it, by up to 0.29 on the shipped
    model's dev lines. A batch must give each line what it gets alone, intent, confidence and
    embedding."""
    quant = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="int8"))
    line = "버스 막차 몇 시예요"
    neighbours = [
        "어 저기요 제가 어제 저녁에 지하철 이호선 타고 가다가 가방을 선반에 두고 내렸는데요",
        "불법 주차",
        "아이고 내가 나이가 팔십인데 혼자 살아서 밥을 해 먹기가 힘들어서 그래요 도와줄 데 있나",
    ]
    alone = quant.predict_proba([line])[0]
    for batch in ([line, *neighbours], [*neighbours, line]):
        batched = quant.predict_proba(batch)[batch.index(line)]
        # Exactly: a bulk run reads each line through the service's own traced graph.
        assert np.array_equal(batched, alone), np.abs(batched - alone).max()
    predictions, embeddings = quant.predict_and_embed([line, *neighbours])
    alone_prediction, alone_embedding = quant.predict_and_embed([line])
    assert predictions[0] == alone_prediction[0]
    assert np.array_equal(embeddings[0], alone_embedding[0])
    assert np.allclose(quant.embed([line, *neighbours])[0], quant.embed([line])[0], atol=1e-5)
    # FAQ embeddings stored when int8 still batched them are made again
    assert quant.embedding_version == f"{quant.version}-int8-alone"


def test_int8_bulk_runs_each_line_through_the_traced_graph(tiny_model: Path) -> None:
    """Read one at a time anyway, int8 lines go through the graph the service uses, not eager
    batches of one (1.4 times the lines per second on the shipped model, the same numbers), so
    evaluation and the test suite are not slowest where the CPU lacks bfloat16."""
    quant = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="int8"))
    calls: list[int] = []
    for name in ("_one", "_one_embedded"):
        graph = getattr(quant, name)
        assert graph is not None

        def counted(ids, graph=graph):  # type: ignore[no-untyped-def]
            calls.append(ids.shape[0])
            return graph(ids)

        setattr(quant, name, counted)
    texts = ["버스 막차 몇 시예요", "불법 주차 신고요", "수도관이 터졌어요"]
    quant.predict_proba(texts)
    assert calls == [1, 1, 1]
    quant.predict_and_embed(texts)
    assert calls == [1] * 6


@pytest.mark.parametrize(("native_bf16", "precision"), [(True, "bfloat16"), (False, "int8")])
def test_auto_picks_the_precision_that_meets_the_latency_budget(
    tiny_model: Path, monkeypatch: pytest.MonkeyPatch, native_bf16: bool, precision: str
) -> None:
    """bfloat16 where the CPU computes it natively; int8, not float32, elsewhere (float32 missed
    20 ms per utterance on AVX2-only CPUs). Explicit settings are taken as they are."""
    monkeypatch.setattr(classifier_module, "cpu_has_native_bf16", lambda: native_bf16)
    assert resolve_precision("auto") == precision
    assert [resolve_precision(d) for d in ("float32", "bfloat16", "int8")] == [
        "float32",
        "bfloat16",
        "int8",
    ]
    auto = IntentClassifier.load(tiny_model, options=InferenceOptions(dtype="auto"))
    assert auto.precision == precision
    quantized = any(
        isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in auto._network.modules()
    )
    assert quantized == (precision == "int8")


def test_the_lexical_weight_is_chosen_by_calibrated_nll_not_by_accuracy() -> None:
    """Near 99% on dev, accuracies differ by a line or two and the winner changed with the
    processor the model was built on; NLL reads every line's probabilities. Here the encoder
    alone is right on five of six lines but sure of itself on the sixth, which it gets wrong;
    with the n-gram branch two lines go wrong, narrowly, and the sure mistake is fixed."""
    e5 = np.log(
        [[0.6, 0.2, 0.2], [0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6],
         [0.9, 0.05, 0.05]]
    )  # fmt: skip
    lexical = np.array(
        [[0.8, 0.1, 0.1], [0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1], [0.1, 0.7, 0.2],
         [0.01, 0.01, 0.98]]
    )  # fmt: skip
    weight, trials = choose_lexical_weight(e5, lexical, np.array([0, 0, 1, 1, 2, 2]), (0.0, 1.0))
    by_weight = {t["weight"]: t for t in trials}
    assert by_weight[0.0]["accuracy"] > by_weight[1.0]["accuracy"]
    assert by_weight[1.0]["nll"] < by_weight[0.0]["nll"]
    assert weight == 1.0
