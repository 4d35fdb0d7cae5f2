"""Threshold tuning on synthetic labelled samples whose outcome is known by construction."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.taxonomy import Taxonomy
from routing.tuning import (
    TuningReport,
    TuningRow,
    TuningSample,
    load_tuning_samples,
    tune_thresholds,
    wilson_upper,
)

CONFIDENCES = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
MARGINS = (0.0, 0.2, 0.5)


def _samples() -> list[TuningSample]:
    """65 calls whose true route is faq, 15 whose true route is not.

    - 40 bus questions, right and confident (0.9, margin 0.8)
    - 10 bus questions mistaken for subway (0.65, margin 0.3): wrong if answered
    - 10 property-tax questions, right but unsure (0.55, margin 0.1)
    - 5 bus questions without any FAQ match: never answered
    - 5 taxi complaints (agent) mistaken for bus (0.7, margin 0.4): wrong if answered
    - 5 emergencies with P(emergency) 0.25 above the floor: never answered
    - 5 noise complaints predicted as such (agent): never answered
    """
    samples: list[TuningSample] = []
    samples += [
        TuningSample("transport.bus", [("transport.bus", 0.9), ("transport.subway", 0.1)], 0.9)
    ] * 40
    samples += [
        TuningSample("transport.bus", [("transport.subway", 0.65), ("transport.bus", 0.35)], 0.9)
    ] * 10
    samples += [
        TuningSample("tax.property", [("tax.property", 0.55), ("tax.vehicle", 0.45)], 0.9)
    ] * 10
    samples += [
        TuningSample("transport.bus", [("transport.bus", 0.95), ("transport.subway", 0.05)], None)
    ] * 5
    samples += [
        TuningSample(
            "transport.taxi_complaint",
            [("transport.bus", 0.7), ("transport.taxi_complaint", 0.3)],
            0.85,
        )
    ] * 5
    samples += [
        TuningSample("emergency.safety", [("transport.bus", 0.75), ("emergency.safety", 0.25)], 0.9)
    ] * 5
    samples += [
        TuningSample(
            "environment.noise", [("environment.noise", 0.9), ("transport.bus", 0.1)], None
        )
    ] * 5
    return samples  # fmt: skip


def _tune(taxonomy: Taxonomy, target: float, **kwargs: object) -> TuningReport:
    return tune_thresholds(
        samples=kwargs.pop("samples", _samples()),  # type: ignore[arg-type]
        confidences=CONFIDENCES,
        margins=MARGINS,
        target_wrong_rate=target,
        taxonomy=taxonomy,
        **kwargs,  # type: ignore[arg-type]
    )


def _row(report: TuningReport, confidence: float, margin: float) -> TuningRow:
    (row,) = [r for r in report.rows if (r.min_confidence, r.min_margin) == (confidence, margin)]
    return row


def test_every_grid_point_is_evaluated(taxonomy: Taxonomy) -> None:
    report = _tune(taxonomy, 0.02)
    assert len(report.rows) == len(CONFIDENCES) * len(MARGINS)
    assert (report.n_samples, report.n_faq_samples) == (80, 65)


@pytest.mark.parametrize(
    ("confidence", "margin", "automatic", "automated_faq", "wrong"),
    [
        (0.5, 0.0, 65, 60, 15),  # everything eligible is answered
        (0.5, 0.2, 55, 50, 15),  # the unsure tax questions (margin 0.1) drop out
        (0.6, 0.0, 55, 50, 15),
        (0.7, 0.0, 45, 40, 5),  # only the taxi complaints are still answered wrongly
        (0.7, 0.5, 40, 40, 0),
        (0.8, 0.0, 40, 40, 0),
        (0.95, 0.0, 0, 0, 0),  # the only 0.95 calls have no FAQ match
    ],
)
def test_rates_at_grid_points(
    confidence: float,
    margin: float,
    automatic: int,
    automated_faq: int,
    wrong: int,
    taxonomy: Taxonomy,
) -> None:
    row = _row(_tune(taxonomy, 0.02), confidence, margin)
    assert (row.automatic, row.automated_faq, row.wrong) == (automatic, automated_faq, wrong)
    assert row.automation_rate == pytest.approx(automated_faq / 65)
    assert row.wrong_rate == pytest.approx(wrong / automatic if automatic else 0.0)


def test_strict_target_proposes_the_most_automation_without_wrong_answers(
    taxonomy: Taxonomy,
) -> None:
    report = _tune(taxonomy, 0.02)
    proposed = report.proposed
    assert proposed is not None
    assert proposed.automation_rate == pytest.approx(40 / 65)
    assert proposed.wrong == 0
    # Several settings reach 40/65 without a wrong answer; ties go to the strictest.
    assert (proposed.min_confidence, proposed.min_margin) == (0.9, 0.5)


def test_wrong_answers_to_agent_calls_do_not_count_as_automation(taxonomy: Taxonomy) -> None:
    """At 12% the 0.7 setting qualifies, but its extra answers are all wrong taxi calls."""
    report = _tune(taxonomy, 0.12)
    assert _row(report, 0.7, 0.0).wrong_rate == pytest.approx(5 / 45)
    assert report.proposed is not None
    assert report.proposed.wrong == 0


def test_loose_target_trades_wrong_answers_for_automation(taxonomy: Taxonomy) -> None:
    report = _tune(taxonomy, 0.3)
    proposed = report.proposed
    assert proposed is not None
    assert (proposed.min_confidence, proposed.min_margin) == (0.5, 0.0)
    assert proposed.automation_rate == pytest.approx(60 / 65)
    assert proposed.wrong_rate == pytest.approx(15 / 65)


def test_no_setting_qualifies_when_every_answer_would_be_wrong(taxonomy: Taxonomy) -> None:
    wrong_only = [
        TuningSample("transport.bus", [("transport.subway", 0.9), ("transport.bus", 0.1)], 0.9)
    ] * 20
    report = _tune(taxonomy, 0.02, samples=wrong_only)
    assert report.proposed is None
    text = report.to_text()
    assert "No setting" in text
    assert "Lowest wrong-answer rate: 100.00%" in text


def test_emergency_floor_and_faq_similarity_gate_automation(taxonomy: Taxonomy) -> None:
    emergency = [
        TuningSample("transport.bus", [("transport.bus", 0.75), ("emergency.safety", 0.25)], 0.9)
    ] * 4
    weak_match = [
        TuningSample("transport.bus", [("transport.bus", 0.9), ("transport.subway", 0.1)], 0.75)
    ] * 6
    samples = emergency + weak_match
    strict = _row(_tune(taxonomy, 0.02, samples=samples), 0.5, 0.0)
    assert strict.automatic == 0
    loose = _row(
        _tune(taxonomy, 0.02, samples=samples, emergency_floor=0.3, min_faq_similarity=0.7),
        0.5,
        0.0,
    )
    assert loose.automatic == 10


def test_plain_tuples_are_accepted(taxonomy: Taxonomy) -> None:
    samples = [("transport.bus", [("transport.bus", 0.9)], 0.9)] * 3
    report = _tune(taxonomy, 0.02, samples=samples)
    assert report.proposed is not None and report.proposed.automated_faq == 3


def test_unknown_intents_are_rejected(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="sample 2: unknown true intent"):
        _tune(
            taxonomy,
            0.02,
            samples=[("transport.bus", [("transport.bus", 1.0)], 0.9), ("nope", [], None)],
        )
    with pytest.raises(ValueError, match="unknown predicted intent"):
        _tune(taxonomy, 0.02, samples=[("transport.bus", [("bus", 1.0)], 0.9)])


def test_text_report_names_the_proposal_and_warns_on_small_samples(taxonomy: Taxonomy) -> None:
    report = _tune(taxonomy, 0.02)
    text = report.to_text()
    assert "Proposed: min_confidence=0.90 min_margin=0.50" in text
    assert "<- proposed" in text
    # 0 wrong of 40 still leaves a 95% upper bound near 9%, far above a 2% target.
    assert "Caution" in text


def test_wilson_upper_bound() -> None:
    assert wilson_upper(0, 0) == 1.0
    assert 0 < wilson_upper(0, 40) < 0.1
    assert wilson_upper(0, 400) < wilson_upper(0, 40)
    for wrong, total in [(1, 10), (5, 50), (30, 100)]:
        assert wrong / total < wilson_upper(wrong, total) <= 1.0


def test_png_curve_is_written(taxonomy: Taxonomy, tmp_path: Path) -> None:
    path = _tune(taxonomy, 0.02).write_png(tmp_path / "plots" / "tuning.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 5000


def test_tsv_samples_load(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "eval.tsv"
    path.write_text(
        "true_intent\tintent_scores\tfaq_similarity\n"
        'transport.bus\t{"transport.bus": 0.9, "transport.subway": 0.1}\t0.91\n'
        'water.leak\t[["water.leak", 0.8], ["water.bill", 0.2]]\t\n',
        encoding="utf-8",
    )
    samples = load_tuning_samples(path)
    assert samples == [
        TuningSample("transport.bus", [("transport.bus", 0.9), ("transport.subway", 0.1)], 0.91),
        TuningSample("water.leak", [("water.leak", 0.8), ("water.bill", 0.2)], None),
    ]
    assert tune_thresholds(samples=samples, taxonomy=taxonomy).n_faq_samples == 1


def test_tsv_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "eval.tsv"
    path.write_text(
        "true_intent\tintent_scores\tfaq_similarity\n"
        'transport.bus\t{"transport.bus": 0.9}\t0.9\n'
        "transport.bus\t{not json}\t0.9\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"eval\.tsv: line 3"):
        load_tuning_samples(path)
    path.write_text("intent\tscores\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header must name"):
        load_tuning_samples(path)
