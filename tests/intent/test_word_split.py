"""Words a recognizer ran together are split into corpus words, and only those
(``models.intent.word_split``)."""

from __future__ import annotations

import pytest

from models.intent.word_split import MIN_SYLLABLES, WordSplitter

KNOWN = [
    "청년",
    "수당",
    "말구요",
    "월세",
    "지원",
    "언제",
    "신청해요",
    "신청",
    "해요",
    "주민등록등본",
    "떼려고",
    "하는데요",
    "서울특별시청에서",
    "수도",
    "요금이",
    "많이",
    "나왔어요",
]


@pytest.fixture()
def splitter() -> WordSplitter:
    return WordSplitter(KNOWN)


def test_a_clause_run_together_is_split_into_its_words(splitter: WordSplitter) -> None:
    assert (
        splitter.split("청년수당말구요월세지원언제신청해요")
        == "청년 수당 말구요 월세 지원 언제 신청해요"
    )
    # only the run is split; the words around it stay as written, unknown ones included
    assert (
        splitter.split("어 저기 주민등록등본떼려고하는데요 qr코드")
        == "어 저기 주민등록등본 떼려고 하는데요 qr코드"
    )


def test_the_fewest_pieces_win(splitter: WordSplitter) -> None:
    # "신청해요" is known, so it is not cut into "신청" + "해요"
    assert splitter.pieces("월세지원언제신청해요") == ["월세", "지원", "언제", "신청해요"]


def test_punctuation_stays_on_the_outer_pieces(splitter: WordSplitter) -> None:
    assert splitter.split('"월세지원언제신청해요?"') == '"월세 지원 언제 신청해요?"'


@pytest.mark.parametrize(
    "word",
    [
        "서울특별시청에서",  # a known word, however long
        "수도요금이많이",  # coverable, but a spaced word can be this long
        "수도요금이많이나왔는데요",  # long, but "나왔는데요" is not a corpus word
        "청년수당말구요월세지원qr",  # a piece that is not Hangul and not known
    ],
)
def test_known_short_or_partly_unknown_words_stay(splitter: WordSplitter, word: str) -> None:
    assert splitter.pieces(word) is None
    assert splitter.split(f"네 {word} 요") == f"네 {word} 요"


def test_the_length_bound_is_counted_in_hangul_syllables(splitter: WordSplitter) -> None:
    assert MIN_SYLLABLES == 9
    eight = "월세지원언제신청"  # 8 syllables, all of them corpus words
    assert splitter.pieces(eight) is None
    assert splitter.pieces(eight + "해요") == ["월세", "지원", "언제", "신청해요"]


def test_a_spaced_line_of_known_words_is_left_exactly_as_it_is(splitter: WordSplitter) -> None:
    line = "  청년 수당 말구요,  월세 지원 언제 신청해요 "
    assert splitter.split(line) == line
