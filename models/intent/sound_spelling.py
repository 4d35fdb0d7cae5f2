"""Korean written as it sounds: the homophone slips of a recognizer or a hurried typist.

Korean spelling keeps a word's form; speech changes it at syllable boundaries. A recognizer
(or a person typing what they hear) writes the sound, so "있어요" comes out "이써요",
"합니다" "함니다", "종로구" "종노구", "좋고" "조코", and vowels that merged in Seoul speech
swap freely (ㅐ/ㅔ, 되/돼/뒈, 의/에). The training lines are spelled correctly, so without
such copies a slip is a feature the model has never seen: measured 2026-11-30 on model
fa63ce6b8b85, ㅐ/ㅔ and 되/돼 swaps in 30% of syllables cost dev 0.8 points and dropped
final consonants 1.2-2.4 points.

The rules are the standard pronunciation rules (liaison, nasalization, liquidization,
aspiration, palatalization, tensing after -ㄹ) applied inside a word, each at a seeded rate,
plus the vowel merges. They ignore morpheme boundaries, so they sometimes misspell a word in
a way nobody would ("맛없어" -> "마섭서" instead of "마덥서"); as training noise that is harmless.
"""

from __future__ import annotations

import functools
import random
from itertools import pairwise

_BASE, _LAST = 0xAC00, 0xD7A3
# The letters in Unicode's syllable order: a syllable is (initial, medial, final) indices
# into these (a final of index 0 is none).
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def _i(letter: str) -> int:
    return _INITIALS.index(letter)


def _f(letter: str) -> int:
    return _FINALS.index(letter)


def _v(letter: str) -> int:
    return _MEDIALS.index(letter)


F_NONE = 0
# Liaison: a single final moves to the next syllable as the same consonant.
_SINGLE_TO_INITIAL = {_f(c): _i(c) for c in "ㄱㄲㄴㄷㄹㅁㅂㅅㅆㅈㅊㅋㅌㅍ"}
# A double final splits: (the final left behind, the initial that moves).
_DOUBLE_SPLIT = {
    _f(double): (_f(stays), _i(moves))
    for double, stays, moves in (
        ("ㄳ", "ㄱ", "ㅅ"),
        ("ㄵ", "ㄴ", "ㅈ"),
        ("ㄺ", "ㄹ", "ㄱ"),
        ("ㄻ", "ㄹ", "ㅁ"),
        ("ㄼ", "ㄹ", "ㅂ"),
        ("ㄽ", "ㄹ", "ㅅ"),
        ("ㄾ", "ㄹ", "ㅌ"),
        ("ㄿ", "ㄹ", "ㅍ"),
        ("ㅄ", "ㅂ", "ㅅ"),
    )
}
# ㄶ and ㅀ: the ㅎ is silent, the ㄴ/ㄹ moves on.
_SILENT_H = {_f("ㄶ"): _i("ㄴ"), _f("ㅀ"): _i("ㄹ")}
# Nasalization before ㄴ/ㅁ: the final's sound class becomes ㅇ, ㄴ or ㅁ.
_NASAL = {
    **dict.fromkeys(map(_f, "ㄱㄲㄳㄺㅋ"), _f("ㅇ")),
    **dict.fromkeys(map(_f, "ㄷㅅㅆㅈㅊㅌㅎ"), _f("ㄴ")),
    **dict.fromkeys(map(_f, "ㅂㅄㅍㄿ"), _f("ㅁ")),
}
# Aspiration: ㅎ meeting a plain stop makes it aspirated, whichever side the ㅎ is on.
_ASPIRATED = {
    _i(plain): _i(aspirated) for plain, aspirated in zip("ㄱㄷㅈㅂ", "ㅋㅌㅊㅍ", strict=True)
}
_H_FINAL_LEAVES = {_f("ㅎ"): F_NONE, _f("ㄶ"): _f("ㄴ"), _f("ㅀ"): _f("ㄹ")}
_STOP_FINAL_TO_ASPIRATED = {_f(stop): _ASPIRATED[_i(stop)] for stop in "ㄱㄷㅂㅈ"}
# Palatalization: ㄷ/ㅌ moving onto ㅣ is said ㅈ/ㅊ.
_PALATAL = {_i("ㄷ"): _i("ㅈ"), _i("ㅌ"): _i("ㅊ")}
# Vowels that sound alike in Seoul speech: ㅐ/ㅔ, ㅒ/ㅖ, ㅙ/ㅞ/ㅚ.
_VOWEL_GROUPS = (("ㅐ", "ㅔ"), ("ㅒ", "ㅖ"), ("ㅙ", "ㅞ", "ㅚ"))
_VOWEL_MATES = {
    _v(v): tuple(_v(m) for m in group if m != v) for group in _VOWEL_GROUPS for v in group
}
# Syllables after -ㄹ that are said tense and often written so: 할게 -> 할께, 갈거 -> 갈꺼.
_TENSE_AFTER_R = frozenset("게거걸건겁")

Syllable = list[int]  # [initial, medial, final]
_M, _F = len(_MEDIALS), len(_FINALS)


def is_syllable(ch: str) -> bool:
    """Whether ``ch`` is a precomposed Hangul syllable (가-힣)."""
    return _BASE <= ord(ch) <= _LAST


def _split(ch: str) -> Syllable | None:
    if not is_syllable(ch):
        return None
    code = ord(ch) - _BASE
    return [code // (_M * _F), (code // _F) % _M, code % _F]


def _join(s: Syllable) -> str:
    return chr(_BASE + (s[0] * _M + s[1]) * _F + s[2])


def _across(a: Syllable, b: Syllable, b_text: str) -> bool:
    """Apply the one boundary rule that fits ``a`` then ``b``, in place; whether one did."""
    final, initial = a[2], b[0]
    if final == F_NONE:
        return False
    if initial == _i("ㅇ"):  # liaison (and palatalization before ㅣ), silent ㅎ
        if final == _f("ㅎ"):
            a[2] = F_NONE
        elif final in _SILENT_H:
            a[2], b[0] = F_NONE, _SILENT_H[final]
        elif final in _DOUBLE_SPLIT:
            a[2], b[0] = _DOUBLE_SPLIT[final]
        elif final in _SINGLE_TO_INITIAL:
            moved = _SINGLE_TO_INITIAL[final]
            if b[1] == _v("ㅣ") and moved in _PALATAL:  # 같이 -> 가치
                moved = _PALATAL[moved]
            a[2], b[0] = F_NONE, moved
        else:
            return False
        return True
    if initial in (_i("ㄴ"), _i("ㅁ")) and final in _NASAL:
        a[2] = _NASAL[final]
        return True
    if initial == _i("ㄹ") and final == _f("ㄴ"):  # 연락 -> 열락
        a[2] = _f("ㄹ")
        return True
    if initial == _i("ㄴ") and final == _f("ㄹ"):  # 설날 -> 설랄
        b[0] = _i("ㄹ")
        return True
    if initial == _i("ㄹ") and final in (_f("ㅁ"), _f("ㅇ")):  # 종로 -> 종노
        b[0] = _i("ㄴ")
        return True
    if initial in _ASPIRATED and final in _H_FINAL_LEAVES:  # 좋고 -> 조코, 않다 -> 안타
        a[2], b[0] = _H_FINAL_LEAVES[final], _ASPIRATED[initial]
        return True
    if initial == _i("ㅎ") and final in _STOP_FINAL_TO_ASPIRATED:  # 축하 -> 추카
        a[2], b[0] = F_NONE, _STOP_FINAL_TO_ASPIRATED[final]
        return True
    if final == _f("ㄹ") and b_text in _TENSE_AFTER_R:
        b[0] = _i("ㄲ")
        return True
    return False


def _vowel_slip(s: Syllable, rng: random.Random, *, first: bool) -> None:
    if s[1] in _VOWEL_MATES:
        s[1] = rng.choice(_VOWEL_MATES[s[1]])
    elif s[1] == _v("ㅢ") and s[0] == _i("ㅇ") and not first:  # the particle/ending 의 said as 에
        s[1] = _v("ㅔ")
    elif s[1] == _v("ㅢ") and s[0] != _i("ㅇ"):  # 희망 -> 히망
        s[1] = _v("ㅣ")


def sound_spelled(
    text: str, rng: random.Random, *, rate: float, vowel_rate: float | None = None
) -> str:
    """``text`` with each boundary sound change written out at ``rate``, and each merged vowel
    swapped at ``vowel_rate`` (half of ``rate`` unless given); spaces, digits and everything
    not Hangul stay as they are, and so does every word boundary."""
    vowel_rate = rate / 2 if vowel_rate is None else vowel_rate
    for name, value in (("rate", rate), ("vowel_rate", vowel_rate)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be in [0, 1], got {value}")
    out: list[str] = []
    for word in text.split(" "):
        syllables = [_split(ch) for ch in word]
        for i in range(len(word) - 1):
            a, b = syllables[i], syllables[i + 1]
            if a is not None and b is not None and rng.random() < rate:
                _across(a, b, word[i + 1])
        for i, s in enumerate(syllables):
            if s is not None and rng.random() < vowel_rate:
                _vowel_slip(s, rng, first=i == 0)
        out.append(
            "".join(ch if s is None else _join(s) for ch, s in zip(word, syllables, strict=True))
        )
    return " ".join(out)


# For the key: every final as it sounds before a consonant or at the end of a word.
_CODA = {
    **dict.fromkeys(map(_f, "ㅅㅆㅈㅊㅌㅎ"), _f("ㄷ")),
    **dict.fromkeys(map(_f, "ㄲㅋㄳㄺ"), _f("ㄱ")),
    **dict.fromkeys(map(_f, "ㅍㅄㄿ"), _f("ㅂ")),
    **dict.fromkeys(map(_f, "ㄵㄶ"), _f("ㄴ")),
    **dict.fromkeys(map(_f, "ㄼㄽㄾㅀ"), _f("ㄹ")),
    _f("ㄻ"): _f("ㅁ"),
}
_PLAIN = {_i(tense): _i(plain) for tense, plain in zip("ㄲㄸㅃㅆㅉ", "ㄱㄷㅂㅅㅈ", strict=True)}
_STOPS = frozenset(map(_f, "ㄱㄷㅂ"))
_FADING_H_AFTER = frozenset(map(_f, "ㄴㄹㅁㅇ"))
_KEY_VOWEL = {
    _v(vowel): _v(folded) for vowel, folded in zip("ㅐㅒㅙㅚㅢ", "ㅔㅖㅞㅞㅣ", strict=True)
}


def _key_across(a: Syllable, b: Syllable, b_text: str) -> None:
    """:func:`_across`, plus two changes speech makes that are too loose to write as noise:
    ㅎ fading after ㄴ/ㄹ/ㅁ/ㅇ (전화 is said 저놔, 영화 영와) and the tense initial after a
    stop, where plain and tense sound alike (학교/학꾜, 접종/접쫑)."""
    if b[0] == _i("ㅎ") and a[2] in _FADING_H_AFTER:
        if a[2] == _f("ㅇ"):
            b[0] = _i("ㅇ")
        else:
            a[2], b[0] = F_NONE, _SINGLE_TO_INITIAL[a[2]]
        return
    _across(a, b, b_text)
    if _CODA.get(a[2], a[2]) in _STOPS or a[2] == _f("ㄹ"):
        b[0] = _PLAIN.get(b[0], b[0])


def pronunciation_key(word: str) -> str:
    """One spelling for every way ``word`` may be written as it sounds.

    Every boundary rule of :func:`sound_spelled` is applied, finals are neutralized and the
    merged vowels folded, so "있어요" and "이써요", "않" and "안", "결재" and "결제", "할께" and
    "할게", "계단" and "게단" share a key. Several real words share one too ("낫다", "낮다"): the
    key says how a word may sound, not which word it is.
    """
    syllables = [_split(ch) for ch in word]
    for before, s in pairwise(syllables):
        if (
            before is not None
            and before[2] == F_NONE
            and s is not None
            and s[:2] == [_i("ㅇ"), _v("ㅢ")]
        ):
            s[1] = _v("ㅔ")  # 나의 is said 나에 (after a final, 문의 is said 무니: ㅢ -> ㅣ below)
    for i in range(len(word) - 1):
        a, b = syllables[i], syllables[i + 1]
        if a is not None and b is not None:
            _key_across(a, b, word[i + 1])
    for s in syllables:
        if s is not None:
            s[1] = _KEY_VOWEL.get(s[1], s[1])
            if s[1] == _v("ㅖ") and s[0] != _i("ㅇ"):  # 계단 is said 게단
                s[1] = _v("ㅔ")
            s[2] = _CODA.get(s[2], s[2])
    return "".join(ch if s is None else _join(s) for ch, s in zip(word, syllables, strict=True))


# Keys of one or two characters, which recur from word to word (see PieceKeys).
_short_key = functools.lru_cache(maxsize=1 << 16)(pronunciation_key)


class PieceKeys:
    """The pronunciation key of every piece ``word[begin:end]`` of one word, without keying
    each piece anew.

    Every rule of :func:`pronunciation_key` reads two neighbouring characters as written, so a
    syllable's share of a piece's key depends only on whether the piece goes on to its left
    and to its right. With a neighbour on both sides it is that syllable of the whole word's
    key; the other three variants come from the syllable alone and the pairs it is in. The word
    splitter asks for some 150 pieces of a clause run together (``models.intent.word_split``):
    keying each piece took the split of the probes' lines, every space removed, to 2.7 ms a
    line; with these keys it takes 0.5 ms, the same splits (2026-12-01). The keys of the
    5.1 million pieces of up to 14 characters of every corpus line and word are the same."""

    def __init__(self, word: str) -> None:
        self._inner = pronunciation_key(word)
        self._alone = [_short_key(ch) for ch in word]
        pairs = [_short_key(word[i : i + 2]) for i in range(len(word) - 1)]
        self._starts = [pair[0] for pair in pairs]  # syllable i, the piece going on to its right
        self._ends = ["", *(pair[1] for pair in pairs)]  # syllable i, going on to its left

    def key(self, begin: int, end: int) -> str:
        """``pronunciation_key(word[begin:end])``, for ``begin < end``."""
        if end - begin == 1:
            return self._alone[begin]
        return self._starts[begin] + self._inner[begin + 1 : end - 1] + self._ends[end - 1]
