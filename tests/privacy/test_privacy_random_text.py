"""The redactor on random text made of the words its rules read: digits said every way, markers,
separators, kinds of number named, corrections, particles. Whatever a recognizer writes, it must
not fail, must give spans that fit the text in order, and must keep every mask it made when its
output is redacted again (a log line quoting a transcript is). On such word salad a second pass
may mask more, as digits it masked no longer stand between the pieces it would join; on the
labelled samples it changes nothing (``test_privacy_samples``)."""

from __future__ import annotations

import random

from callcenter.privacy import redact
from callcenter.privacy.redaction import MASKS

WORDS = [
    "공",
    "일",
    "이",
    "삼",
    "사",
    "오",
    "육",
    "칠",
    "팔",
    "구",
    "영",
    "하나",
    "둘",
    "셋",
    "넷",
    "다섯",
    "원",
    "투",
    "플러스",
    "+",
    "골뱅이",
    "@",
    "점",
    "닷",
    "컴",
    "네이버",
    "지메일",
    "케이알",
    "코",
    "웹",
    "에이",
    "비",
    "씨",
    "디",
    "이메일",
    "메일로",
    "메일은",
    "주민번호",
    "앞자리",
    "뒷자리",
    "뒤에는",
    "카드",
    "끝자리",
    "끝",
    "네",
    "자리",
    "계좌",
    "은행",
    "국민은행",
    "번호",
    "전화번호",
    "010",
    "1234",
    "5678",
    "-",
    "아니",
    "말고",
    "요",
    "이요",
    "구요",
    "에",
    "하고",
    "그리고",
    "…",
    "영수증에",
    "적어",
    "고지서",
    "접수번호",
    "버스",
    "번",
    "분",
    "시",
    "abc",
    "kim",
    "gmail",
    "com",
    ".",
    "0",
    "12",
]


def test_random_text_gives_ordered_spans_and_keeps_its_masks() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 25)))
        if rng.random() < 0.3:  # words run together, as a recognizer leaves them
            text = text.replace(" ", "", rng.randrange(0, 5))
        result = redact(text)
        last = 0
        for span in result.spans:
            assert last <= span.start < span.end <= len(text), (text, span)
            last = span.end
        again = redact(result.text).text
        for mask in set(MASKS.values()):
            assert again.count(mask) >= result.text.count(mask), text
