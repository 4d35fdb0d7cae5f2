"""Set aside the topic a caller says their call is *not* about.

Callers clear a misunderstanding before they ask: "공공임대 얘기는 아니구요 …", "청년 수당
말구요 …", "주차 딱지 얘기는 아니고요 단속하던 공무원 말투가 …". The negated words are
another intent's strongest keywords, so both branches of the classifier read them as the
request: on the outside-writer probes (a, b, c, d and the misspelt set), the 57 lines with
such a negation scored 77% top-1 against 96% for the rest (model 1adfe5ee8600, 2026-11-30).
The caller has said what the call is not about, so the model reads the line without those
words: 89% of those 57 lines, none of the probes' other lines changed their answer, and on a
probe written for this way of talking (``intents_probe_negation.tsv``, written after the
first version of these rules) 0.901 -> 0.958, then 0.986 once clauses made nouns ("등본 떼는
게 아니라") were included. The training corpus is read as written: the step only removes
words, and the model learned from lines that kept them.

Only a short phrase right before the negation is dropped: a noun phrase of at most three bare
words, or a clause made a noun by 거/건/게 of at most four; a word with a particle or a verb
ending belongs to the rest of the sentence
("재산세 고지서를 종이 말고 이메일로" drops 종이, "여권은 구청 말고 동사무소에서도 돼요" keeps
여권은, "물에서 냄새가 나요 소독약 냄새 말고 흙냄새" keeps its first clause). "버리지 말고"
(don't throw away) is a verb, not a negated topic, and stays.
"""

from __future__ import annotations

import re

NEGATION_VERSION = 1

# The words that say "not that": 말고/말구 and 아니고/아니구/아니라 with the endings callers
# put on them. A set, not a pattern, because the word splitter must know them as words too:
# run together, "그런건아니구요" was cut into 아니 + 구 + 요, all three corpus words, and the
# negation was lost (``models.intent.word_split``).
_ENDINGS = ("", "요", "여", "예")
MARKER_WORDS = frozenset(
    [stem + ending for stem in ("말고", "말구") for ending in (*_ENDINGS, "는", "는요")]
    + [stem + ending for stem in ("아니고", "아니구", "아니라") for ending in _ENDINGS]
)
_TRAILING_PUNCT = ".,!?…~"
# "다름이 아니라", "다른 게 아니고": "the thing is", not a negation of anything.
_FIXED = re.compile(r"다름이?|다른")
# The negated phrase grows back only over bare words. A word ending in a particle or a verb
# ending (충전을, 고지서를, 미루려면, 해요, 사는데) belongs to the rest of the sentence:
# "교통카드 충전을 현금 말고 신용카드로" negates 현금, not 교통카드.
_STOP = re.compile(r"[을를이가은는도에서로의고면데요다까죠네며랑나야게해.,!?…~]$")
# ... except the verb of a clause made a noun by 거/건/게 ("등본 떼는 거 말고요", "버리려는 게
# 아니고요"): the clause is what is negated.
_DUMMY_NOUN = re.compile(r"거|건|게|것|걸|얘기[는가]?")
_CLAUSE_END = re.compile(r"[요다까죠네.,!?…~]$")
_MAX_WORDS = 3  # a bare noun phrase ("청년 월세 지원 말고요")
_MAX_CLAUSE_WORDS = 4  # a clause made a noun ("택시 기사 신고하려는 건 아니고요")


def _adnominal(word: str) -> bool:
    """Does ``word`` end like a verb modifying the next word (떼는, 그런, 버릴)?"""
    last = word[-1:]
    if not "가" <= last <= "힣":
        return False
    return last in "는은던" or (ord(last) - 0xAC00) % 28 in (4, 8)  # final ㄴ or ㄹ


def _is_marker(word: str) -> bool:
    return word.rstrip(_TRAILING_PUNCT) in MARKER_WORDS


def _negated_start(words: list[str], marker: int) -> int | None:
    """Index of the first word of the phrase the marker negates, or None to keep it all."""
    if marker == 0:
        return None
    before = words[marker - 1]
    if before.endswith("지") and words[marker].startswith("말"):
        return None  # "버리지 말고": a verb's negative, not a negated topic
    if _FIXED.fullmatch(before) or (marker > 1 and _FIXED.fullmatch(words[marker - 2])):
        return None
    start = marker - 1
    limit = _MAX_WORDS
    while start > 0 and marker - start < limit:
        prev = words[start - 1]
        modifies_dummy = _DUMMY_NOUN.fullmatch(words[start]) is not None and _adnominal(prev)
        if modifies_dummy and not _CLAUSE_END.search(prev):
            limit = _MAX_CLAUSE_WORDS
        elif _STOP.search(prev):
            break
        start -= 1
    return start


def drop_negated_topics(text: str) -> str:
    """``text`` without the topics it says it is not about; unchanged when nothing is negated
    or too little would remain."""
    words = text.split()
    keep = [True] * len(words)
    for k, word in enumerate(words):
        if not _is_marker(word):
            continue
        start = _negated_start(words, k)
        if start is None:
            continue
        for j in range(start, k + 1):
            keep[j] = False
    if all(keep):
        return text
    remaining = [w for w, kept in zip(words, keep, strict=True) if kept]
    if len(remaining) < 2:
        return text
    return " ".join(remaining)
