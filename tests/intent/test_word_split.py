"""Words a recognizer ran together are split into corpus words, and only those
(``models.intent.word_split``)."""

from __future__ import annotations

import pytest

from models.intent.sound_spelling import pronunciation_key
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
        "서울특별시청에서는",  # a known word and a lone syllable: a particle, not a word
        "주민등록등본qrcode인증서발급",  # more than half of it unknown
    ],
)
def test_known_short_or_mostly_unknown_words_stay(splitter: WordSplitter, word: str) -> None:
    assert splitter.pieces(word) is None
    assert splitter.split(f"네 {word} 요") == f"네 {word} 요"


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        # the recognizer's misspelling or a word the corpus lacks stays, as one piece
        ("수도요금이많이나왔는데요", ["수도", "요금이", "많이", "나왔는데요"]),
        ("청년수당말구요월세지원qr", ["청년", "수당", "말구요", "월세", "지원", "qr"]),
        ("수도요금이육만팔천원이나왔어요", ["수도", "요금이", "육만팔천원이", "나왔어요"]),
    ],
)
def test_the_known_words_of_a_partly_unknown_run_are_split_off(
    splitter: WordSplitter, word: str, pieces: list[str]
) -> None:
    assert splitter.pieces(word) == pieces


def test_a_misspelt_word_stays_whole_for_the_respeller() -> None:
    # "이" is a word, "이러케" is not: 이 + unknown 러케 costs as much as unknown 이러케, and
    # the less even cover wins, so the respeller gets the whole word to put right (이렇게)
    splitter = WordSplitter(["원래", "이", "러", "드문드문", "와요"])
    assert splitter.pieces("원래이러케드문드문와요") == ["원래", "이러케", "드문드문", "와요"]


def test_the_negation_markers_are_words_to_the_splitter() -> None:
    """Run together, "아니구요" was cut into 아니 + 구 + 요, all corpus words, and the next
    step no longer saw the caller say what the call is not about."""
    splitter = WordSplitter(["청년", "수당", "그런", "건", "아니", "구", "요", "월세", "지원"])
    assert splitter.pieces("청년수당그런건아니구요월세지원") == [
        "청년",
        "수당",
        "그런",
        "건",
        "아니구요",
        "월세",
        "지원",
    ]


def test_the_length_bound_is_counted_in_hangul_syllables(splitter: WordSplitter) -> None:
    assert MIN_SYLLABLES == 9
    eight = "월세지원언제신청"  # 8 syllables, all of them corpus words
    assert splitter.pieces(eight) is None
    assert splitter.pieces(eight + "해요") == ["월세", "지원", "언제", "신청해요"]


def test_a_spaced_line_of_known_words_is_left_exactly_as_it_is(splitter: WordSplitter) -> None:
    line = "  청년 수당 말구요,  월세 지원 언제 신청해요 "
    assert splitter.split(line) == line


def test_pieces_that_sound_like_corpus_words_count_as_words() -> None:
    """A recognizer's run is often misspelt too: "무르피" is 무릎이 as it sounds. Without the
    sound keys, three of its seven words are unknown, two of them side by side, more than half
    of the run, and it stays whole."""
    known = ["엄마가", "무릎이", "안", "좋으셔서", "계단을", "못", "오르세요"]
    run = "엄마가무르피안조으셔서게단을못오르세요"
    assert WordSplitter(known).pieces(run) is None
    sounding = WordSplitter(known, [pronunciation_key(word) for word in known])
    assert sounding.pieces(run) == [
        "엄마가",
        "무르피",
        "안",
        "조으셔서",
        "게단을",
        "못",
        "오르세요",
    ]


def test_a_piece_must_have_three_syllables_to_count_by_its_sound() -> None:
    # "게단" sounds like 계단 but is two syllables, too short to trust the sound alone: here
    # the run is more than half unknown and stays whole; spelt right it is split
    known = ["계단", "청년", "월세"]
    splitter = WordSplitter(known, [pronunciation_key(word) for word in known])
    assert splitter.pieces("청년게단게단월세게단") is None
    assert splitter.pieces("청년계단계단월세계단") == ["청년", "계단", "계단", "월세", "계단"]
