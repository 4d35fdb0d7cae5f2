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
# 2026-12-01; 0.934 with rules-9; 0.979 with rules-16 (a name glued to a handle's digits,
# 2026-12-02). A fall below that is a regression; the project's target is a shortfall, below.
DIALOGUE_RECALL_MEASURED = 0.979


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
    reason="dialogue set recall 0.979 < 0.98 (2026-12-02). Left, with no digit unmasked: masks "
    "split where this writer split them at a pause (one mask over '공일공… 이이오팔' against two; "
    "the fourth outside set's writer kept one mask across such pauses)",
)
def test_dialogue_set_meets_the_recall_target(dialogue_samples: list[Sample]) -> None:
    assert score(dialogue_samples).recall >= RECALL_TARGET


# Figures of the sets kept apart (conftest), as measured; a fall is a regression.
# The dictation set, 2026-12-01 with rules-11: span recall 0.7416 and precision 0.8960 against
# labels that split a mask at every word, and 8 of its 105 rows with a number leaking digits (19
# with rules-10, when it arrived); 0.751 / 0.897 and 7 with rules-22. The whole-call set, 2026-12-01: recall 0.920, precision 0.909,
# 2 look-alike calls changed and 10 calls leaking with rules-14, when it arrived; 0.988 / 0.965,
# none changed and 1 leaking (a 15-digit account) with rules-15. The second whole-call set,
# 2026-12-02: 0.801 / 0.879, none changed and 11 leaking with rules-16, when it arrived; 0.820 /
# 0.894, none changed and 5 leaking with rules-17 (conftest), 0.823 / 0.897 and 4 with rules-18.
# The third, 2026-12-02: 0.898 / 0.954, none changed and 9 leaking with rules-17; 0.920 / 0.952
# and 5 with rules-18.
KEPT_APART_MEASURED = {
    "dictation": {"recall": 0.751, "precision": 0.897, "leaked": 7, "lookalikes": 40},
    "calls": {"recall": 0.988, "precision": 0.964, "leaked": 1, "lookalikes": 25},
    "calls2": {"recall": 0.823, "precision": 0.896, "leaked": 4, "lookalikes": 25},
    "calls3": {"recall": 0.919, "precision": 0.952, "leaked": 5, "lookalikes": 25},
}


@pytest.mark.parametrize("name", sorted(KEPT_APART_MEASURED))
def test_sets_kept_apart_keep_their_measured_figures(
    name: str, kept_apart_samples: dict[str, list[Sample]]
) -> None:
    result = score(kept_apart_samples[name])
    measured = KEPT_APART_MEASURED[name]
    assert result.lookalikes >= measured["lookalikes"] and result.lookalikes_changed == []
    assert result.recall >= measured["recall"], result.recall
    assert result.precision >= measured["precision"], result.precision
    assert len(result.leaked) <= measured["leaked"], result.leaked


@pytest.mark.xfail(
    strict=True,
    reason="7 of the dictation set's 105 rows with a number leak digits (2026-12-02): numbers "
    "with no whole number or kind named in the line ('끝자리 육육팔일 아니고 육육팔삼', a card's "
    "blocks with no '카드', a resident number asked for only as '뒷자리'), a single digit "
    "corrected",
)
def test_dictation_set_leaks_no_digit(dictation_samples: list[Sample]) -> None:
    assert score(dictation_samples).leaked == []


def test_no_digit_is_left_readable_in_the_earlier_sets(
    pii_samples: list[Sample], dialogue_samples: list[Sample]
) -> None:
    """What the earlier sets' span misses still leak: none on the samples written with the
    redactor or on the dialogue set, and on the outside set the 3 rows listed in conftest's
    account of each writer (numbers in two-digit pairs, a 15-digit account, one after "deposit";
    7 until rules-19 masked an address at an unknown provider and one split by the recognizer,
    rules-20 a final "유" for 6 and rules-21 spaces inside a written local part)."""
    assert score(dialogue_samples).leaked == []
    leaked = score(pii_samples).leaked
    assert len(leaked) <= (3 if len(pii_samples) > 1000 else 0), leaked


@pytest.mark.parametrize(
    ("text", "expected", "leaks"),
    [
        # two masks where the redactor draws one over "에": no digit left, not a leak
        ("번호 공일공에 삼삼칠일 팔팔이공", "번호 [전화번호]에 [전화번호]", False),
        # a group corrected with no number in the line to anchor it, left readable
        ("끝자리 칠칠일사 아니고 칠칠일오요", "끝자리 [전화번호] 아니고 [전화번호]요", True),
    ],
)
def test_a_leak_is_a_digit_left_readable(text: str, expected: str, leaks: bool) -> None:
    result = score([Sample(text, expected, "positive")])
    assert (result.leaked == [text]) is leaks, (redact(text).text, result.leaked)
