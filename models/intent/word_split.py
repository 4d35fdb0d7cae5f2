"""Split a run of words a recognizer wrote together back into the corpus words it is made of.

A recognizer, or a caller typing in a hurry, may write a whole clause without a space:
"청년수당말구요월세지원언제신청해요". Training sees respaced copies of every line
(``models.intent.augment``), yet removing every space still cost the fused model 0 to 1.7
points of top-1 on dev and the probes, and its encoder branch 3 to 16 (model 96f68be4deed,
2026-11-30): e5's pieces of a long run differ from those of the words it joins. The reading
step after it, ``models.intent.negation``, needs the words too: on the negation probe with
every space removed the model scored 0.845 against 0.986 spaced.

A word is split only when all three hold, so that text a person spaced is left alone:
- the training corpus never has it as a word (``Respeller.known``);
- it has at least ``MIN_SYLLABLES`` Hangul syllables: a correctly spaced Korean word seldom
  has more than eight ("서울특별시청에서"), a clause run together almost always does
  ("신청하려고하는데요");
- it is covered entirely by corpus words; of the covers, the one with the fewest pieces wins
  (ties: the less even one, so a long known word is not cut in two).
Measured 2026-11-30 on model 96f68be4deed with every space removed, top-1 against the same
reading without the split: dev 0.981 -> 0.987, probes a to f 0.959 -> 0.971, 0.947 -> 0.957,
0.983 -> 0.983, 0.961 -> 0.966, 0.990 -> 0.998, 0.981 -> 0.981, misspelt 0.902 -> 0.904,
negation 0.845 -> 0.944; probe g 0.959 -> 0.957. On the same splits spaced as written, not one
answer changed (with a threshold of six syllables, one line of the misspelt probe went wrong).
"""

from __future__ import annotations

from collections.abc import Iterable

from models.intent.respelling import word_core
from models.intent.sound_spelling import is_syllable

# Part of the reading's version (``IntentClassifier.reading_version``).
SPLITTING_VERSION = 1
MIN_SYLLABLES = 9
# The longest piece tried; longer corpus words are never part of a run worth splitting.
MAX_PIECE = 12


class WordSplitter:
    """Splits unknown run-together words into known ones (see the module docstring)."""

    def __init__(self, known: Iterable[str]) -> None:
        self._known = frozenset(known)

    def pieces(self, word: str) -> list[str] | None:
        """The known words ``word`` is made of, or None when it is known, short, or cannot be
        covered by known words alone."""
        if word in self._known or sum(map(is_syllable, word)) < MIN_SYLLABLES:
            return None
        n = len(word)
        # best[i]: (pieces, -sum of squared piece lengths) of the best cover of word[:i].
        unreachable = (n + 1, 0)
        best = [unreachable] * (n + 1)
        start = [0] * (n + 1)
        best[0] = (0, 0)
        for end in range(1, n + 1):
            for begin in range(max(0, end - MAX_PIECE), end):
                if best[begin] == unreachable or word[begin:end] not in self._known:
                    continue
                count, evenness = best[begin]
                candidate = (count + 1, evenness - (end - begin) ** 2)
                if candidate < best[end]:
                    best[end], start[end] = candidate, begin
        if best[n] == unreachable:
            return None
        out: list[str] = []
        end = n
        while end > 0:
            out.append(word[start[end] : end])
            end = start[end]
        return out[::-1]

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
