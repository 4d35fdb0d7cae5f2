"""Span-level recall and precision on each labelled sample set (tests/data/pii_samples*.tsv).

Targets are the project's: recall >= 0.98, precision >= 0.95, and no change at all to
look-alike rows.  A span counts only when start, end and type all match.
"""

from __future__ import annotations

from collections import Counter

import pytest

from callcenter.privacy import redact
from callcenter.privacy.evaluation import Sample, expected_spans, score

RECALL_TARGET = 0.98
PRECISION_TARGET = 0.95


def test_sample_set_is_what_the_evaluation_needs(pii_samples: list[Sample]) -> None:
    kinds = Counter(s.kind for s in pii_samples)
    assert set(kinds) == {"positive", "lookalike", "mixed"}
    assert len(pii_samples) >= 150
    assert len({s.text for s in pii_samples}) == len(pii_samples), "duplicate rows"
    assert kinds["positive"] >= 80 and kinds["lookalike"] >= 50 and kinds["mixed"] >= 10
    types = Counter()
    for s in pii_samples:
        spans = expected_spans(s.text, s.expected)  # raises if a label does not align
        assert (s.kind == "lookalike") == (not spans), s.text
        if s.kind == "mixed":
            assert s.text != s.expected and spans, s.text
        types.update(t for *_, t in spans)
    assert set(types) == {"rrn", "phone", "card", "account", "email"}
    assert min(types.values()) >= 15, types


def test_recall_precision_and_lookalikes_meet_targets(pii_samples: list[Sample]) -> None:
    result = score(pii_samples)
    figures = (
        f"recall={result.recall:.4f} ({result.correct}/{result.expected}) "
        f"precision={result.precision:.4f} ({result.correct}/{result.predicted}) "
        f"lookalikes changed={len(result.lookalikes_changed)}/{result.lookalikes}"
    )
    print(figures)
    assert result.recall >= RECALL_TARGET, figures
    assert result.precision >= PRECISION_TARGET, figures
    assert result.lookalikes_changed == [], figures


# The dialogue set (conftest): recall 0.975 (237 of 243 masks) since rules-10 (a correction
# while a number is dictated, groups said again when asked, "그리고" between two masks), measured
# 2026-12-01; 0.934 with rules-9. A fall below that is a regression; the project's target is a
# shortfall, below.
DIALOGUE_RECALL_MEASURED = 0.975


def test_dialogue_set_keeps_precision_lookalikes_and_its_measured_recall(
    dialogue_samples: list[Sample],
) -> None:
    result = score(dialogue_samples)
    assert result.precision >= PRECISION_TARGET, result.precision
    assert result.lookalikes >= 30 and result.lookalikes_changed == []
    assert result.recall >= DIALOGUE_RECALL_MEASURED, result.recall
    for sample in dialogue_samples:
        once = redact(sample.text).text
        assert redact(once).text == once


@pytest.mark.xfail(
    strict=True,
    reason="dialogue set recall 0.975 < 0.98 (2026-12-01). Left, with no digit unmasked: masks "
    "split where this writer split them at a pause (one mask over '공일공… 이이오팔' against two; "
    "the fourth outside set's writer kept one mask across such pauses), and a Hangul name glued "
    "to an address ('지은0811@…')",
)
def test_dialogue_set_meets_the_recall_target(dialogue_samples: list[Sample]) -> None:
    assert score(dialogue_samples).recall >= RECALL_TARGET
