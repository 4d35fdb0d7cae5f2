"""Split a run of words a recognizer wrote together back into the corpus words it is made of.

A recognizer, or a caller typing in a hurry, may write a whole clause without a space:
"청년수당말구요월세지원언제신청해요". Training sees respaced copies of every line
(``models.intent.augment``), yet removing every space still cost the fused model 0 to 1.7
points of top-1 on dev and the probes, and its encoder branch 3 to 16 (model 96f68be4deed,
2026-11-30): e5's pieces of a long run differ from those of the words it joins. The reading
step after it, ``models.intent.negation``, needs the words too: on the negation probe with
every space removed the model scored 0.845 against 0.986 spaced.

A word is split only when all of these hold, so that text a person spaced is left alone:
- the training corpus never has it as a word (``Respeller.known``; the negation markers, which
  the next step reads, count as known: "그런건아니구요" must give 아니구요, not 아니 + 구 + 요);
- it has at least ``MIN_SYLLABLES`` Hangul syllables: a correctly spaced Korean word seldom
  has more than eight ("서울특별시청에서"), a clause run together almost always does
  ("신청하려고하는데요");
- at least half of its characters are corpus words. The rest, a bus number read out, a
  misspelling, a word the corpus lacks, stays as unknown pieces of at least two characters
  between them ("육칠일육이", "이러케"; a lone unknown syllable is a particle or an ending, so
  "서울특별시청에서는" stays whole). Of the covers, the cheapest wins: a piece costs one, and
  each character of an unknown piece one more, so that a known word is never given up for an
  unknown run and a run is not cut into many short words to avoid a longer unknown one
  (ties: the less even cover, so a long known word is not cut in two). A piece of three or
  more syllables that sounds like a corpus word (``pronunciation_key``: "무르피", "게량기를")
  counts as a word for one and a half: a recognizer's run is often misspelt as well, and the
  respelling puts the piece right afterwards.
Measured 2026-11-30 on model 96f68be4deed with every space removed, top-1 against the same
reading without the split: dev 0.981 -> 0.987, probes a to f 0.959 -> 0.971, 0.947 -> 0.957,
0.983 -> 0.983, 0.961 -> 0.966, 0.990 -> 0.998, 0.981 -> 0.981, misspelt 0.902 -> 0.904,
negation 0.845 -> 0.944; probe g 0.959 -> 0.957. On the same splits spaced as written, not one
answer changed (with a threshold of six syllables, one line of the misspelt probe went wrong).
Version 2 (unknown pieces, negation markers), measured 2026-12-01 on e3e9c8dcae6a built on an
AMD EPYC, every space removed, against version 1: dev 0.985 -> 0.990, probes a to i 0.966 ->
0.964, 0.957 -> 0.957, 0.988 -> 0.986, 0.966 -> 0.976, 0.998 -> 0.998, 0.979 -> 0.976,
0.967 -> 0.976, 0.955 -> 0.962, 0.978 -> 0.983, misspelt 0.902 -> 0.907, negation 0.944 ->
0.986; spaceless now scores within 0.5 points of spaced on every split but misspelt (-3.6).
Spaced as written, 7 of the 4,981 lines were split differently and no answer changed.
Version 3 (pieces that sound known), same model and machine: misspelt 0.907 -> 0.933, probe a
0.964 -> 0.966, probe d 0.976 -> 0.971 (two dialect lines, "…앞에서는거맞습니꺼", cut into
pieces that only sound like corpus words), every other split unchanged; spaced, no answer
changed. Its two settings were chosen on dev alone, spaceless as written and spaceless after
``sound_spelled`` (rate 0.5): 0.990 and 0.972 with version 2; 0.990 and 0.985 with three
syllables and a cost of 1.5 (two syllables: 0.988 and 0.988; a cost of 2: the same as 1.5,
and the lower kept; 3: 0.990 and 0.982).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate
from typing import NamedTuple

from models.intent.negation import MARKER_WORDS
from models.intent.respelling import word_core
from models.intent.sound_spelling import PieceKeys, is_syllable

# Part of the reading's version (``IntentClassifier.reading_version``).
SPLITTING_VERSION = 3
MIN_SYLLABLES = 9
# The longest piece tried; longer corpus words are never part of a run worth splitting.
MAX_PIECE = 12
# An unknown piece is at least this long, and all of them together at most this share.
MIN_UNKNOWN = 2
MAX_UNKNOWN_SHARE = 0.5
# A piece of at least MIN_SOUNDED syllables that sounds like a corpus word counts as one, for a
# little more than a word as written; the respelling then writes it as the corpus does.
MIN_SOUNDED = 3
SOUNDS_KNOWN_COST = 1.5


class _Cover(NamedTuple):
    """The cost of a cover of a word's prefix, compared as a tuple: cost, then evenness."""

    cost: float
    evenness: int  # minus the sum of the squared piece lengths
    unknown: int  # characters in unknown pieces


class WordSplitter:
    """Splits unknown run-together words into known ones (see the module docstring)."""

    def __init__(self, known: Iterable[str], sound_keys: Iterable[str] = ()) -> None:
        self._known = frozenset(known) | MARKER_WORDS
        self._sound_keys = frozenset(sound_keys)  # pronunciation keys of the known words

    def _word_cost(
        self, word: str, begin: int, end: int, keys: PieceKeys | None, syllables: list[int]
    ) -> float | None:
        """What ``word[begin:end]`` costs as a word: a known one 1, one of Hangul syllables
        that sounds like a known one ``SOUNDS_KNOWN_COST``; None when it is neither.
        ``syllables[i]`` counts the syllables of ``word[:i]``."""
        if word[begin:end] in self._known:
            return 1.0
        if (
            keys is not None
            and end - begin >= MIN_SOUNDED
            and syllables[end] - syllables[begin] == end - begin
            and keys.key(begin, end) in self._sound_keys
        ):
            return SOUNDS_KNOWN_COST
        return None

    def pieces(self, word: str) -> list[str] | None:
        """The pieces ``word`` is made of, or None when it is known, short, mostly unknown, or
        would stay one piece."""
        if word in self._known or sum(map(is_syllable, word)) < MIN_SYLLABLES:
            return None
        n = len(word)
        keys = PieceKeys(word) if self._sound_keys else None
        syllables = [0, *accumulate(map(is_syllable, word))]
        # best[(i, u)]: the cheapest cover of word[:i] whose last piece is unknown when u;
        # came_from[(i, u)]: where that last piece began, and whether the one before was unknown.
        best: dict[tuple[int, bool], _Cover] = {(0, False): _Cover(0, 0, 0)}
        came_from: dict[tuple[int, bool], tuple[int, bool]] = {}
        for end in range(1, n + 1):
            for begin in range(max(0, end - MAX_PIECE), end):
                length = end - begin
                word_cost = self._word_cost(word, begin, end, keys, syllables)
                for after_unknown in (False, True):
                    cover = best.get((begin, after_unknown))
                    if cover is None:
                        continue
                    kinds = [(False, word_cost)] if word_cost is not None else []
                    if length >= MIN_UNKNOWN and not after_unknown:  # unknown pieces never touch
                        kinds.append((True, 1.0 + length))
                    for unknown, cost in kinds:
                        candidate = _Cover(
                            cover.cost + cost,
                            cover.evenness - length**2,
                            cover.unknown + (length if unknown else 0),
                        )
                        state = (end, unknown)
                        if state not in best or candidate < best[state]:
                            best[state], came_from[state] = candidate, (begin, after_unknown)
        ends = [state for state in ((n, False), (n, True)) if state in best]
        if not ends:
            return None
        state = min(ends, key=best.__getitem__)
        if best[state].unknown > MAX_UNKNOWN_SHARE * n:
            return None
        out: list[str] = []
        while state[0] > 0:
            previous = came_from[state]
            out.append(word[previous[0] : state[0]])
            state = previous
        return out[::-1] if len(out) > 1 else None

    def split(self, text: str) -> str:
        """``text`` with each splittable word replaced by its pieces; punctuation around a
        word stays on the outer pieces, and every other word is kept as written."""
        words: list[str] = []
        for word in text.split(" "):
            before, core, after = word_core(word)
            parts = self.pieces(core) if core else None
            if parts is None:
                words.append(word)
                continue
            parts[0], parts[-1] = before + parts[0], parts[-1] + after
            words.extend(parts)
        return " ".join(words)
