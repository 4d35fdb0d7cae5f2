"""Numbers printed with some digits hidden, read off a document or a screen.

A certificate prints "850101-1******", an app shows "010-****-5678" or "3333-12-****567": what
is left still points at one person (a birth date and sex, a phone's last four), so the whole
printed number is masked as its kind. Only written forms count (a star said aloud is not a
digit), and the hidden characters must be inside the number's own shape, so "별표 세 개" or a
rating "★★★" is never read as one.
"""

from __future__ import annotations

import re

from callcenter.privacy.numbers import ACCOUNT_CONTEXT, CARD_CONTEXT, Context, birth_date_ok

Span = tuple[int, int, str]

_HIDDEN = "*＊●"
_D = rf"[\d{_HIDDEN}]"  # a digit or a hidden one
_EDGE_BEFORE = rf"(?<![\d{_HIDDEN}-])"
_EDGE_AFTER = rf"(?![\d{_HIDDEN}])"
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "rrn",
        re.compile(
            rf"{_EDGE_BEFORE}(?P<front>\d{{6}})-(?:[1-8]|[{_HIDDEN}])(?:{_D}){{6}}{_EDGE_AFTER}"
        ),
    ),
    ("phone", re.compile(rf"{_EDGE_BEFORE}0\d{{1,2}}-(?:{_D}){{3,4}}-(?:{_D}){{4}}{_EDGE_AFTER}")),
    (
        "card",
        re.compile(
            rf"{_EDGE_BEFORE}\d{{4}}-(?:{_D}){{4}}-(?:{_D}){{4}}-(?:{_D}){{3,4}}{_EDGE_AFTER}"
        ),
    ),
    (
        "account",
        re.compile(rf"{_EDGE_BEFORE}\d{{2,6}}-(?:{_D}){{2,6}}-(?:{_D}){{3,8}}{_EDGE_AFTER}"),
    ),
)
# The kind named before a card or an account, which share their shapes with reference numbers.
_NAMED: dict[str, re.Pattern[str]] = {"card": CARD_CONTEXT, "account": ACCOUNT_CONTEXT}
_CUE_WINDOW = 30
# A phone, card or account with fewer digits left after its first group is no one's
# ("010-****-****"); a resident number's front is a birth date, and is masked whatever follows.
_MIN_VISIBLE_AFTER_FIRST = 3


def find_hidden_spans(text: str) -> list[Span]:
    """Printed numbers with hidden digits, as (start, end, type); the first shape wins."""
    found: list[Span] = []
    for kind, shape in _SHAPES:
        for m in shape.finditer(text):
            number = m.group()
            if not any(ch in _HIDDEN for ch in number):
                continue  # a whole number: the other finders read it
            if any(s < m.end() and m.start() < e for s, e, _ in found):
                continue
            if kind == "rrn" and not birth_date_ok(m.group("front")):
                continue
            rest = number.split("-", 1)[1]
            if kind != "rrn" and sum(ch.isdigit() for ch in rest) < _MIN_VISIBLE_AFTER_FIRST:
                continue
            named = _NAMED.get(kind)
            if named is not None and not Context(text, m.start(), m.end()).near(
                named, before=_CUE_WINDOW
            ):
                continue
            found.append((m.start(), m.end(), kind))
    return sorted(found)
