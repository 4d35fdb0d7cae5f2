"""Choosing the automatic-answer thresholds from labelled calls.

Raising ``min_confidence`` / ``min_margin`` trades automation (calls answered without an
agent) for fewer wrong answers. Since a wrong answer about a fine or a benefit costs more than
a handoff, the proposal is the setting with the most automation whose wrong-answer rate stays
within a target, not a balance of the two.

The simulation mirrors the FAQ branch of :func:`routing.policy.decide` on what a labelled
evaluation set has: the classifier's scores and the best FAQ similarity. It cannot see
transcripts, so agent requests, emergency *cues* and ASR quality are not simulated; emergency
*probabilities* are (a call above the emergency floor is never answered automatically).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from models.taxonomy import Taxonomy, load_taxonomy
from routing.policy import THRESHOLD_TOLERANCE, summarize_scores, urgent_probability

DEFAULT_CONFIDENCES: tuple[float, ...] = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))
DEFAULT_MARGINS: tuple[float, ...] = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


class TuningSample(NamedTuple):
    true_intent: str
    intent_scores: Sequence[tuple[str, float]]
    faq_similarity: float | None  # best FAQ match of the predicted intent; None if none


@dataclass(frozen=True, slots=True)
class TuningRow:
    min_confidence: float
    min_margin: float
    automatic: int  # samples answered automatically (any true route)
    automated_faq: int  # samples whose true route is faq that were answered automatically
    automation_rate: float  # automated_faq / samples whose true route is faq
    wrong: int  # automatic answers whose predicted intent is not the true intent
    wrong_rate: float  # wrong / automatic (0 when nothing is automatic)
    wrong_rate_upper: float  # Wilson 95% upper bound of wrong_rate


@dataclass(frozen=True, slots=True)
class TuningReport:
    rows: tuple[TuningRow, ...]
    proposed: TuningRow | None  # None: no setting automates anything within the target
    target_wrong_rate: float
    n_samples: int
    n_faq_samples: int
    min_faq_similarity: float

    def to_text(self) -> str:
        lines = [
            f"samples: {self.n_samples} (true route faq: {self.n_faq_samples}); "
            f"min_faq_similarity {self.min_faq_similarity:.2f}; "
            f"target wrong-answer rate <= {self.target_wrong_rate:.1%}",
            "",
            f"{'conf':>5} {'margin':>6} {'auto':>6} {'automation':>10} {'wrong':>6} "
            f"{'wrong%':>7} {'upper95':>7}",
        ]
        for row in self.rows:
            mark = "  <- proposed" if row == self.proposed else ""
            lines.append(
                f"{row.min_confidence:>5.2f} {row.min_margin:>6.2f} {row.automatic:>6d} "
                f"{row.automation_rate:>10.1%} {row.wrong:>6d} {row.wrong_rate:>7.2%} "
                f"{row.wrong_rate_upper:>7.2%}{mark}"
            )
        lines.append("")
        if self.proposed is None:
            lowest = min(
                (r for r in self.rows if r.automatic > 0),
                key=lambda r: r.wrong_rate,
                default=None,
            )
            lines.append(
                "No setting answers any call automatically within the target wrong-answer rate."
            )
            if lowest is not None:
                lines.append(
                    f"Lowest wrong-answer rate: {lowest.wrong_rate:.2%} at min_confidence "
                    f"{lowest.min_confidence:.2f}, min_margin {lowest.min_margin:.2f} "
                    f"({lowest.automation_rate:.1%} automation). Keep the current settings "
                    "and improve the classifier or the FAQ before automating more."
                )
        else:
            p = self.proposed
            lines.append(
                f"Proposed: min_confidence={p.min_confidence:.2f} min_margin={p.min_margin:.2f} "
                f"-> automation {p.automation_rate:.1%}, wrong answers {p.wrong_rate:.2%} "
                f"({p.wrong} of {p.automatic})."
            )
            if p.wrong_rate_upper > self.target_wrong_rate:
                lines.append(
                    f"Caution: with {p.automatic} automatic answers the 95% upper bound of the "
                    f"wrong-answer rate is {p.wrong_rate_upper:.2%}, above the target; "
                    "label more calls before relying on this setting."
                )
        return "\n".join(lines)

    def write_png(self, path: Path | str) -> Path:
        """Automation vs wrong-answer rate, one curve per margin (points: confidence grid)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        path = Path(path)
        figure = Figure(figsize=(7, 5), dpi=110)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot(1, 1, 1)
        for margin in sorted({r.min_margin for r in self.rows}):
            rows = sorted(
                (r for r in self.rows if r.min_margin == margin), key=lambda r: r.min_confidence
            )
            axes.plot(
                [100 * r.wrong_rate for r in rows],
                [100 * r.automation_rate for r in rows],
                marker="o",
                markersize=3,
                label=f"margin ≥ {margin:.2f}",
            )
        axes.axvline(100 * self.target_wrong_rate, color="grey", linestyle="--", label="target")
        if self.proposed is not None:
            axes.plot(
                [100 * self.proposed.wrong_rate],
                [100 * self.proposed.automation_rate],
                marker="*",
                markersize=16,
                color="black",
                linestyle="none",
                label=(
                    f"proposed ({self.proposed.min_confidence:.2f}, {self.proposed.min_margin:.2f})"
                ),
            )
        axes.set_xlabel("wrong automatic answers (%)")
        axes.set_ylabel("FAQ calls answered automatically (%)")
        axes.set_title("Automatic-answer thresholds: automation vs wrong answers")
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize=7, loc="lower right")
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, format="png")
        return path


def tune_thresholds(
    *,
    samples: Sequence[TuningSample | tuple[str, Sequence[tuple[str, float]], float | None]],
    confidences: Sequence[float] = DEFAULT_CONFIDENCES,
    margins: Sequence[float] = DEFAULT_MARGINS,
    target_wrong_rate: float = 0.02,
    min_faq_similarity: float = 0.8,
    emergency_floor: float = 0.2,
    taxonomy: Taxonomy | None = None,
) -> TuningReport:
    """Evaluate every (confidence, margin) grid point and propose the best within the target.

    A sample is answered automatically at a grid point when its predicted (top) intent is
    routed to the FAQ, P(urgent intents) is below ``emergency_floor``, its best FAQ similarity
    reaches ``min_faq_similarity``, and its confidence and margin reach the grid point.
    The proposal maximizes automation subject to wrong_rate <= target; ties go to the lower
    wrong rate, then to the stricter thresholds.
    """
    taxonomy = taxonomy or load_taxonomy()
    if not samples:
        raise ValueError("no samples to tune on")
    if not 0 <= target_wrong_rate < 1:
        raise ValueError("target_wrong_rate must be in [0, 1)")

    # Per sample: (true route is faq, eligible for automation, wrong if answered, conf, margin)
    prepared: list[tuple[bool, bool, bool, float, float]] = []
    for number, sample in enumerate(samples, start=1):
        true_intent, scores, similarity = sample
        if true_intent not in taxonomy.intents:
            raise ValueError(f"sample {number}: unknown true intent {true_intent!r}")
        summary = summarize_scores(scores)
        top = taxonomy.intents.get(summary.top_intent or "")
        if summary.top_intent is not None and top is None:
            raise ValueError(f"sample {number}: unknown predicted intent {summary.top_intent!r}")
        eligible = (
            top is not None
            and top.route == "faq"
            and urgent_probability(scores, taxonomy) < emergency_floor
            and similarity is not None
            and similarity >= min_faq_similarity - THRESHOLD_TOLERANCE
        )
        prepared.append(
            (
                taxonomy.intents[true_intent].route == "faq",
                eligible,
                summary.top_intent != true_intent,
                summary.confidence,
                summary.margin,
            )
        )

    n_faq = sum(1 for is_faq, *_ in prepared if is_faq)
    rows = []
    for confidence in confidences:
        for margin in margins:
            automatic = automated_faq = wrong = 0
            for is_faq, eligible, is_wrong, conf, marg in prepared:
                if (
                    eligible
                    and conf >= confidence - THRESHOLD_TOLERANCE
                    and marg >= margin - THRESHOLD_TOLERANCE
                ):
                    automatic += 1
                    automated_faq += int(is_faq)
                    wrong += int(is_wrong)
            rows.append(
                TuningRow(
                    min_confidence=float(confidence),
                    min_margin=float(margin),
                    automatic=automatic,
                    automated_faq=automated_faq,
                    automation_rate=automated_faq / n_faq if n_faq else 0.0,
                    wrong=wrong,
                    wrong_rate=wrong / automatic if automatic else 0.0,
                    wrong_rate_upper=wilson_upper(wrong, automatic),
                )
            )

    qualifying = [r for r in rows if r.automated_faq > 0 and r.wrong_rate <= target_wrong_rate]
    proposed = (
        max(
            qualifying,
            key=lambda r: (r.automation_rate, -r.wrong_rate, r.min_confidence, r.min_margin),
        )
        if qualifying
        else None
    )
    return TuningReport(
        rows=tuple(rows),
        proposed=proposed,
        target_wrong_rate=target_wrong_rate,
        n_samples=len(prepared),
        n_faq_samples=n_faq,
        min_faq_similarity=min_faq_similarity,
    )


def wilson_upper(failures: int, trials: int, *, z: float = 1.96) -> float:
    """Upper end of the Wilson score interval: how bad the rate could plausibly be."""
    if trials == 0:
        return 1.0
    p = failures / trials
    denominator = 1 + z * z / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return min(1.0, (centre + spread) / denominator)


def load_tuning_samples(path: Path | str) -> list[TuningSample]:
    """Read samples from a TSV with a header row and three columns.

    ``true_intent``; ``intent_scores``: JSON, either an object ``{"intent": p, ...}`` or a list
    of ``[intent, p]`` pairs; ``faq_similarity``: a number, or empty when no entry matched.
    """
    path = Path(path)
    samples: list[TuningSample] = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        needed = {"true_intent", "intent_scores", "faq_similarity"}
        if reader.fieldnames is None or not needed <= {f.strip() for f in reader.fieldnames}:
            raise ValueError(f"{path.name}: header must name {', '.join(sorted(needed))}")
        for row in reader:
            where = f"{path.name}: line {reader.line_num}"
            try:
                raw_scores = json.loads(row["intent_scores"])
                pairs = raw_scores.items() if isinstance(raw_scores, dict) else raw_scores
                scores = [(str(intent), float(p)) for intent, p in pairs]
                cell = (row["faq_similarity"] or "").strip()
                similarity = float(cell) if cell else None
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{where}: {exc}") from None
            samples.append(TuningSample(row["true_intent"].strip(), scores, similarity))
    return samples
