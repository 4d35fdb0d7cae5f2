"""Put a word spelled as it sounds back into the spelling the corpus uses.

A recognizer writes what it hears: "수믈 않 쉬어요" for "숨을 안 쉬어요", "저놔해봤어" for
"전화해봤어". Such a word is unknown to everything trained or written on correctly spelled
text: the encoder's pieces, the n-gram features, the emergency cue lists. Words that sound
alike share a :func:`~models.intent.sound_spelling.pronunciation_key`, so a word that the
vocabulary lacks is replaced by the most frequent vocabulary word with its key, and left as it
is when there is none.

Known words are never touched, even when a more frequent word sounds the same ("갖고" stays,
though "같고" shares its key): the vocabulary is the training corpus, which already holds the
slips its writers made on purpose ("되요", "과태로"), and a word the models have seen needs no
help. Measured 2026-11-30 on the 418 hand-respelt probe lines against the same lines spelt
correctly: of 1183 respelt words, 704 came back exactly, 7 became another word and the rest
stayed as written (their correct form is not in the corpus either); 12 of the 6630 words of
the two clean probes were changed.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from models.intent.corpus import Corpus
from models.intent.sound_spelling import is_syllable, pronunciation_key

# Part of the model version: a change to how keys are made changes what a saved respeller does.
RESPELLING_VERSION = 1

# A word is its core and the punctuation around it; masks such as "[전화번호]" are not words.
_WORD = re.compile(r"^([^\w\[]*)(.*?)([^\w\]]*)$", re.DOTALL)


def word_core(word: str) -> tuple[str, str, str]:
    """A word as (punctuation before, the word itself, punctuation after)."""
    match = _WORD.match(word)
    assert match is not None  # every string matches
    return match.group(1), match.group(2), match.group(3)


class Respeller:
    """Maps unknown words to the known word that sounds the same (see the module docstring)."""

    def __init__(self, forms: dict[str, str], known: frozenset[str]) -> None:
        self._forms = forms  # pronunciation key -> the most frequent known word with that key
        self._known = known

    @property
    def known(self) -> frozenset[str]:
        """Every word of the corpus, as written (without the punctuation around it)."""
        return self._known

    @property
    def sound_keys(self) -> frozenset[str]:
        """The pronunciation keys of the corpus words: a word with one of them sounds known."""
        return frozenset(self._forms)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Respeller:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(core for word in text.split() if (core := word_core(word)[1]))
        by_key: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
        for word, count in counts.items():
            if any(is_syllable(ch) for ch in word):
                by_key[pronunciation_key(word)].append((-count, word))
        forms = {key: min(candidates)[1] for key, candidates in by_key.items()}
        return cls(forms, frozenset(counts))

    def respell_word(self, word: str) -> str:
        before, core, after = word_core(word)
        if not core or core in self._known or not any(is_syllable(ch) for ch in core):
            return word
        known = self._forms.get(pronunciation_key(core))
        return word if known is None else before + known + after

    def respell(self, text: str) -> str:
        """``text`` with each unknown word that sounds like a known one replaced; the words,
        their order and the spaces between them stay, so word ``i`` of the result is word
        ``i`` of ``text``."""
        return " ".join(self.respell_word(word) for word in text.split(" "))

    def respell_corpus(self, corpus: Corpus) -> Corpus:
        examples = tuple(replace(e, text=self.respell(e.text)) for e in corpus.examples)
        return replace(corpus, examples=examples)

    def save(self, path: Path) -> None:
        payload = {"forms": self._forms, "known": sorted(self._known)}
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Respeller:
        payload = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(payload["forms"]), frozenset(payload["known"]))
