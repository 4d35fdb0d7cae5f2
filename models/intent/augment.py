"""Recognizer-style variants of training lines, so the model does not learn the writers' spacing.

The corpus is written by people who space Korean correctly; a speech recognizer does not. It
joins words ("신청하려고하는데요"), splits them ("주민 등록 등본"), and reads numbers out or
not ("7011번", "칠공일일번"). Measured 2026-11-30 on model 78896ae054cd: removing every space
from dev and the two probe sets cost the fused model 2.4-2.8 points of top-1 and its encoder
branch 8-12 points (dev 0.964 -> 0.866), because the encoder's tokens change with the spacing.
A seeded, respaced copy of part of the training lines teaches both branches that spacing says
nothing about the intent. Optionally half of the copies are also spelled as they sound
(``models.intent.sound_spelling``): recognizers and hurried typists write "이써요" for "있어요".
"""

from __future__ import annotations

import random
import re

from models.intent.corpus import Corpus, Example
from models.intent.sound_spelling import is_syllable, sound_spelled

# Part of the intent model's version: bump when a change here changes what a seed produces.
VARIANTS_VERSION = 2
# A phone or account number (digit groups joined by hyphens) or a single run of digits.
_DIGITS = re.compile(r"\d+(?:-\d+)+|\d+")
_SINO = "영일이삼사오육칠팔구"
_UNITS = ((1000, "천"), (100, "백"), (10, "십"))


def sino_korean(number: int) -> str:
    """A whole number read the Sino-Korean way, as a recognizer writes it out (0-9999 by
    place value; longer runs digit by digit, as people read phone and car numbers)."""
    if number == 0:
        return "영"
    if number >= 10000:
        return _digit_by_digit(str(number))
    out = []
    for value, unit in _UNITS:
        count, number = divmod(number, value)
        if count:
            out.append(("" if count == 1 else _SINO[count]) + unit)
    if number:
        out.append(_SINO[number])
    return "".join(out)


def _digit_by_digit(digits: str) -> str:
    """Phone, account and car numbers are read one digit at a time, zero as 공."""
    return "".join("공" if d == "0" else _SINO[int(d)] for d in digits)


def _read_number(match: re.Match[str]) -> str:
    digits = match.group()
    if "-" in digits:
        return " ".join(_digit_by_digit(group) for group in digits.split("-"))
    # A leading zero (bus 0017) is read digit by digit; sino_korean does the same for long runs.
    if digits.startswith("0"):
        return _digit_by_digit(digits)
    return sino_korean(int(digits))


def respace(text: str, rng: random.Random) -> str:
    """Drop some spaces and insert a few between Hangul syllables; each line gets its own
    rates, from a light slip to no spaces at all."""
    drop = rng.choice((0.3, 0.6, 1.0))
    insert = rng.choice((0.0, 0.04, 0.08))
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " ":
            if rng.random() >= drop:
                out.append(ch)
            continue
        out.append(ch)
        after = text[i + 1] if i + 1 < len(text) else ""
        if is_syllable(ch) and after and is_syllable(after) and rng.random() < insert:
            out.append(" ")
    return "".join(out).strip()


# Per-line rates of ``sound_spelled``: a slip or two, about half the chances, all of them.
SOUND_SPELLING_RATES = (0.25, 0.5, 1.0)


def recognizer_variant(text: str, rng: random.Random, *, sound_spelling: bool = False) -> str:
    """``text`` as a recognizer might write it: respaced, numbers read out in half of the
    lines that have them, and with ``sound_spelling`` half of the lines spelled as they sound
    (without it, a seed gives the same variants as before sound spelling existed)."""
    # Sound spelling first: a number the recognizer writes out is spelled the standard way.
    if sound_spelling and rng.random() < 0.5:
        text = sound_spelled(text, rng, rate=rng.choice(SOUND_SPELLING_RATES))
    if _DIGITS.search(text) and rng.random() < 0.5:
        text = _DIGITS.sub(_read_number, text)
    return respace(text, rng)


def with_recognizer_variants(
    corpus: Corpus, *, share: float, seed: int, sound_spelling: bool = False
) -> Corpus:
    """The corpus plus a recognizer variant of a seeded ``share`` of its lines (a variant equal
    to its original is left out); ``sound_spelling`` as in ``recognizer_variant``."""
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share must be in [0, 1], got {share}")
    rng = random.Random(seed)
    extra: list[Example] = []
    for example in corpus.examples:
        if rng.random() < share:
            variant = recognizer_variant(example.text, rng, sound_spelling=sound_spelling)
            if variant and variant != example.text:
                extra.append(Example(text=variant, intent=example.intent))
    return Corpus(examples=corpus.examples + tuple(extra), source=corpus.source)
