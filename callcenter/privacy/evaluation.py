"""Score the redactor against labelled samples (text, expected redacted text, kind).

Labels are written the way a reviewer thinks, as the redacted text they expect,
so spans are recovered by aligning that text with the input: each mask in the
expected text stands for the input substring it replaced.  A predicted span
counts only if start, end and type all match.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from callcenter.privacy.digits import DIGIT_WORDS
from callcenter.privacy.redaction import MASKS, redact

_TYPE_OF_MASK = {mask: kind for kind, mask in MASKS.items()}
_MASK_RE = re.compile("|".join(re.escape(m) for m in MASKS.values()))


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    expected: str
    kind: str  # positive | lookalike | mixed


@dataclass(slots=True)
class Score:
    expected: int = 0
    predicted: int = 0
    correct: int = 0
    lookalikes: int = 0
    lookalikes_changed: list[str] = field(default_factory=list)
    text_mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    # Samples where a digit or letter the reviewer masked is left readable: what a leak is,
    # whatever the writer's convention for where one mask ends and the next begins.
    leaked: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def load_samples(path: Path) -> list[Sample]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        return [Sample(r["text"], r["expected"], r["kind"]) for r in reader]


def expected_spans(text: str, expected: str) -> set[tuple[int, int, str]]:
    """Spans of ``text`` that the masks in ``expected`` replaced."""
    pattern: list[str] = []
    types: list[str] = []
    pos = 0
    for m in _MASK_RE.finditer(expected):
        pattern.append(re.escape(expected[pos : m.start()]))
        pattern.append("(.+?)")
        types.append(_TYPE_OF_MASK[m.group()])
        pos = m.end()
    pattern.append(re.escape(expected[pos:]))
    match = re.fullmatch("".join(pattern), text, re.DOTALL)
    if match is None:
        raise ValueError(f"expected text does not align with its input: {expected!r}")
    return {(match.start(k + 1), match.end(k + 1), t) for k, t in enumerate(types)}


def score(samples: Iterable[Sample]) -> Score:
    result = Score()
    for sample in samples:
        redaction = redact(sample.text)
        predicted = {(s.start, s.end, s.type) for s in redaction.spans}
        # Two masks separated only by a space ("[전화번호] [주민번호]") align with the
        # input in several ways; when our text equals the expected text, ours is one
        # of them and is taken as the reference.
        if redaction.text == sample.expected:
            gold = set(predicted)
        else:
            gold = expected_spans(sample.text, sample.expected)
        result.expected += len(gold)
        result.predicted += len(predicted)
        result.correct += len(gold & predicted)
        if sample.kind == "lookalike":
            result.lookalikes += 1
            if redaction.text != sample.text:
                result.lookalikes_changed.append(sample.text)
        if redaction.text != sample.expected:
            result.text_mismatches.append((sample.text, sample.expected, redaction.text))
            if _left_readable(sample.text, gold, predicted):
                result.leaked.append(sample.text)
    return result


def _telling(char: str) -> bool:
    """A character that gives part of a number or an address away: a digit, a Latin letter,
    a Sino-Korean digit said."""
    return (char.isascii() and char.isalnum()) or char in DIGIT_WORDS


def _left_readable(
    text: str, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]
) -> bool:
    covered = {i for start, end, _ in predicted for i in range(start, end)}
    return any(
        _telling(text[i]) and i not in covered for start, end, _ in gold for i in range(start, end)
    )
