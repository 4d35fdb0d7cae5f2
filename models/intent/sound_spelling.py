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

import random

_BASE, _LAST = 0xAC00, 0xD7A3
_MEDIALS, _FINALS = 21, 28

# Initial consonant indices.
I_G, I_GG, I_N, I_D, I_R, I_M, I_B, I_S, I_SS, I_NG, I_J, I_CH, I_K, I_T, I_P, I_H = (
    0,
    1,
    2,
    3,
    5,
    6,
    7,
    9,
    10,
    11,
    12,
    14,
    15,
    16,
    17,
    18,
)
# Final consonant index -> the initial it becomes when it moves to the next syllable
# (liaison); for a double final, (the final left behind, the initial that moves).
_SINGLE_TO_INITIAL = {
    1: I_G, 2: I_GG, 4: I_N, 7: I_D, 8: I_R, 16: I_M, 17: I_B, 19: I_S, 20: I_SS,
    22: I_J, 23: I_CH, 24: I_K, 25: I_T, 26: I_P,
}  # fmt: skip
_DOUBLE_SPLIT = {
    3: (1, I_S),  # ㄳ
    5: (4, I_J),  # ㄵ
    9: (8, I_G),  # ㄺ
    10: (8, I_M),  # ㄻ
    11: (8, I_B),  # ㄼ
    12: (8, I_S),  # ㄽ
    13: (8, I_T),  # ㄾ
    14: (8, I_P),  # ㄿ
    18: (17, I_S),  # ㅄ
}
F_NONE, F_G, F_N, F_D, F_R, F_M, F_B, F_NG, F_H = 0, 1, 4, 7, 8, 16, 17, 21, 27
_F_NH, _F_RH = 6, 15  # ㄶ, ㅀ: the ㅎ is silent, the ㄴ/ㄹ moves on
# Nasalization before ㄴ/ㅁ: the final's sound class becomes ㅇ, ㄴ or ㅁ.
_NASAL = {
    **dict.fromkeys((1, 2, 3, 9, 24), F_NG),  # ㄱ ㄲ ㄳ ㄺ ㅋ
    **dict.fromkeys((7, 19, 20, 22, 23, 25, 27), F_N),  # ㄷ ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ
    **dict.fromkeys((17, 18, 26, 14), F_M),  # ㅂ ㅄ ㅍ ㄿ
}
# Aspiration: ㅎ meeting a plain stop makes it aspirated, whichever side the ㅎ is on.
_ASPIRATED = {I_G: I_K, I_D: I_T, I_J: I_CH, I_B: I_P}
_STOP_FINAL_TO_ASPIRATED = {F_G: I_K, F_D: I_T, F_B: I_P, 22: I_CH}  # ㄱ ㄷ ㅂ ㅈ before ㅎ
# Vowels that sound alike in Seoul speech: ㅐ/ㅔ, ㅒ/ㅖ, ㅙ/ㅞ/ㅚ.
_VOWEL_GROUPS = ((1, 5), (3, 7), (10, 15, 11))
_VOWEL_MATES = {v: tuple(m for m in group if m != v) for group in _VOWEL_GROUPS for v in group}
V_I, V_UI = 20, 19
# Syllables after -ㄹ that are said tense and often written so: 할게 -> 할께, 갈거 -> 갈꺼.
_TENSE_AFTER_R = frozenset("게거걸건겁")

Syllable = list[int]  # [initial, medial, final]


def _split(ch: str) -> Syllable | None:
    code = ord(ch)
    if not _BASE <= code <= _LAST:
        return None
    code -= _BASE
    return [code // (_MEDIALS * _FINALS), (code // _FINALS) % _MEDIALS, code % _FINALS]


def _join(s: Syllable) -> str:
    return chr(_BASE + (s[0] * _MEDIALS + s[1]) * _FINALS + s[2])


def _across(a: Syllable, b: Syllable, b_text: str) -> bool:
    """Apply the one boundary rule that fits ``a`` then ``b``, in place; whether one did."""
    final, initial = a[2], b[0]
    if final == F_NONE:
        return False
    if initial == I_NG:  # liaison (and palatalization before ㅣ), silent ㅎ
        if final == F_H:
            a[2] = F_NONE
        elif final in (_F_NH, _F_RH):
            a[2], b[0] = F_NONE, I_N if final == _F_NH else I_R
        elif final in _DOUBLE_SPLIT:
            a[2], b[0] = _DOUBLE_SPLIT[final]
        elif final in _SINGLE_TO_INITIAL:
            moved = _SINGLE_TO_INITIAL[final]
            if b[1] == V_I and moved in (I_D, I_T):
                moved = I_J if moved == I_D else I_CH
            a[2], b[0] = F_NONE, moved
        else:
            return False
        return True
    if initial in (I_N, I_M) and final in _NASAL:
        a[2] = _NASAL[final]
        return True
    if initial == I_R and final == F_N:  # 연락 -> 열락
        a[2] = F_R
        return True
    if initial == I_N and final == F_R:  # 설날 -> 설랄
        b[0] = I_R
        return True
    if initial == I_R and final in (F_M, F_NG):  # 종로 -> 종노
        b[0] = I_N
        return True
    if initial in _ASPIRATED and final in (F_H, _F_NH, _F_RH):  # 좋고 -> 조코, 않다 -> 안타
        a[2] = {F_H: F_NONE, _F_NH: F_N, _F_RH: F_R}[final]
        b[0] = _ASPIRATED[initial]
        return True
    if initial == I_H and final in _STOP_FINAL_TO_ASPIRATED:  # 축하 -> 추카
        a[2], b[0] = F_NONE, _STOP_FINAL_TO_ASPIRATED[final]
        return True
    if final == F_R and b_text in _TENSE_AFTER_R:
        b[0] = I_GG
        return True
    return False


def _vowel_slip(s: Syllable, rng: random.Random, *, first: bool) -> None:
    if s[1] in _VOWEL_MATES:
        s[1] = rng.choice(_VOWEL_MATES[s[1]])
    elif s[1] == V_UI and s[0] == I_NG and not first:  # the particle/ending 의 said as 에
        s[1] = 5
    elif s[1] == V_UI and s[0] != I_NG:  # 희망 -> 히망
        s[1] = V_I


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
