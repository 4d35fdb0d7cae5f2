"""Evaluating the intent model beside the TF-IDF baseline on one labelled TSV file.

Both predictors see the same examples in the same run, so the comparison cannot drift with
data versions. Besides the headline numbers it reports what routing cares about: how well
confidence is calibrated, which intents get confused with which, and whether every
emergency call is recognised.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from models.intent.calibration import ECE_BINS, expected_calibration_error, negative_log_likelihood
from models.intent.corpus import load_corpus
from models.intent.prediction import IntentPredictor

EMERGENCY_INTENT = "emergency.safety"
TOP_CONFUSED = 15


def summary_metrics(probs: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    probs = np.asarray(probs, dtype=np.float64)
    targets = np.asarray(targets)
    pred = probs.argmax(axis=1)
    top3 = np.argsort(-probs, axis=1, kind="stable")[:, :3]
    return {
        "accuracy": float((pred == targets).mean()),
        "macro_f1": float(f1_score(targets, pred, average="macro", zero_division=0)),
        "top3_accuracy": float((top3 == targets[:, None]).any(axis=1).mean()),
        "nll": negative_log_likelihood(probs, targets),
        "ece": expected_calibration_error(probs, targets, bins=ECE_BINS),
    }


def detailed_metrics(probs: np.ndarray, targets: np.ndarray, labels: Sequence[str]) -> dict:
    """Summary, per-intent scores, most confused pairs and emergency recall.

    Macro-F1 averages over the intents present in the data (as true or predicted label), so
    an evaluation set that leaves some intents out is not punished for them.
    """
    labels = list(labels)
    pred = np.asarray(probs).argmax(axis=1)
    present = sorted(set(targets.tolist()) | set(pred.tolist()))
    precision, recall, f1, support = precision_recall_fscore_support(
        targets, pred, labels=list(range(len(labels))), zero_division=0
    )
    per_intent = {
        labels[i]: {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i in range(len(labels))
        if support[i] > 0 or i in present
    }
    matrix = confusion_matrix(targets, pred, labels=list(range(len(labels))))
    off = [
        (int(matrix[t, p]), labels[t], labels[p])
        for t in range(len(labels))
        for p in range(len(labels))
        if t != p and matrix[t, p] > 0
    ]
    off.sort(key=lambda x: (-x[0], x[1], x[2]))
    result = summary_metrics(probs, targets)
    result["macro_f1"] = float(
        f1_score(targets, pred, labels=present, average="macro", zero_division=0)
    )
    emergency = per_intent.get(EMERGENCY_INTENT)
    result.update(
        {
            "examples": len(targets),
            "emergency_recall": emergency["recall"] if emergency and emergency["support"] else None,
            "per_intent": per_intent,
            "confused_pairs": [
                {"true": t, "predicted": p, "count": c} for c, t, p in off[:TOP_CONFUSED]
            ],
            "confusion_matrix": matrix.tolist(),
        }
    )
    return result


def evaluate(
    *,
    classifier: IntentPredictor,
    baseline: IntentPredictor | None,
    data_path: Path,
    png_path: Path | None,
    serve: Callable[[Sequence[str], np.ndarray], np.ndarray] | None = None,
) -> dict:
    """Metrics of the model and the baseline on ``data_path``; the model's confusion matrix
    goes to ``png_path``. ``serve``, when given, turns the texts and the model's probabilities
    into what the service reports for them (the service's own rules on top of the model, which
    this package does not know); its figures come beside the model's as ``served``."""
    labels = list(classifier.labels)
    if baseline is not None and list(baseline.labels) != labels:
        raise ValueError("classifier and baseline label sets differ")
    corpus = load_corpus(data_path, labels=labels)
    index = {label: i for i, label in enumerate(labels)}
    targets = np.array([index[x] for x in corpus.intents])
    texts = corpus.texts

    result: dict = {
        "data": {
            "path": str(data_path),
            "examples": len(corpus),
            "counts": {k: v for k, v in sorted(corpus.counts().items())},
        },
        "labels": labels,
        "ece_bins": ECE_BINS,
    }
    probs = classifier.predict_proba(texts)
    model = detailed_metrics(probs, targets, labels)
    result["model"] = {"version": classifier.version, **model}
    if serve is not None:
        served_probs = serve(texts, probs)
        served = detailed_metrics(served_probs, targets, labels)
        result["served"] = {
            **{k: served[k] for k in ("accuracy", "macro_f1", "top3_accuracy", "ece")},
            "emergency_recall": served["emergency_recall"],
            "top_changed": int((served_probs.argmax(axis=1) != probs.argmax(axis=1)).sum()),
        }
    if baseline is not None:
        base = detailed_metrics(baseline.predict_proba(texts), targets, labels)
        result["baseline"] = {"version": baseline.version, **base}
        result["model_minus_baseline"] = {
            k: model[k] - base[k] for k in ("accuracy", "macro_f1", "top3_accuracy", "ece")
        }
    if png_path is not None:
        plot_confusion(
            np.array(model["confusion_matrix"]),
            labels,
            png_path=Path(png_path),
            title=f"intent model {classifier.version}: accuracy {model['accuracy']:.3f} "
            f"on {len(corpus)} examples ({Path(data_path).name})",
        )
        result["png_path"] = str(png_path)
    return result


def plot_confusion(
    matrix: np.ndarray, labels: Sequence[str], *, png_path: Path, title: str
) -> None:
    """Row-normalised colours (recall per true intent), raw counts written in the cells."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(labels)
    rows = matrix.sum(axis=1, keepdims=True)
    rates = np.divide(matrix, rows, out=np.zeros(matrix.shape, dtype=float), where=rows > 0)
    size = max(6.0, 0.42 * n + 3)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(rates, cmap="Blues", vmin=0.0, vmax=1.0)
    ax.set_xticks(range(n), labels=labels, rotation=90, fontsize=8)
    ax.set_yticks(range(n), labels=labels, fontsize=8)
    ax.set_xlabel("predicted intent")
    ax.set_ylabel("true intent")
    ax.set_title(title, fontsize=10)
    for t in range(n):
        for p in range(n):
            if matrix[t, p]:
                colour = "white" if rates[t, p] > 0.6 else ("black" if t == p else "firebrick")
                ax.text(p, t, str(matrix[t, p]), ha="center", va="center", fontsize=6, color=colour)
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="share of true intent")
    fig.tight_layout()
    png_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(png_path, dpi=110)
    plt.close(fig)
