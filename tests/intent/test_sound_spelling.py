"""Korean spelled as it sounds: the standard pronunciation rules, written out, and nothing else."""

from __future__ import annotations

import random

import pytest

from models.intent.sound_spelling import PieceKeys, pronunciation_key, sound_spelled


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("있어요", "이써요"),  # liaison
        ("먹어요", "머거요"),
        ("없어요", "업서요"),  # a double final splits
        ("읽어요", "일거요"),
        ("앉아요", "안자요"),
        ("좋아요", "조아요"),  # silent ㅎ
        ("많이", "마니"),
        ("싫어요", "시러요"),
        ("같이", "가치"),  # palatalization
        ("굳이", "구지"),
        ("합니다", "함니다"),  # nasalization
        ("국민", "궁민"),
        ("있는", "인는"),
        ("연락처", "열락처"),  # liquidization
        ("설날", "설랄"),
        ("종로구", "종노구"),
        ("좋고", "조코"),  # aspiration
        ("않다", "안타"),
        ("축하", "추카"),
        ("입학", "이팍"),
        ("할게요", "할께요"),  # tense after -ㄹ
        ("갈거예요", "갈꺼예요"),
    ],
)
def test_boundary_sound_changes_are_written_out(written: str, heard: str) -> None:
    assert sound_spelled(written, random.Random(0), rate=1.0, vowel_rate=0.0) == heard


def test_words_are_separate_and_syllables_without_a_rule_stay() -> None:
    # No liaison across a space, no change where no rule applies (가 + 요, 버 + 스).
    text = "밥 이 버스 가요"
    assert sound_spelled(text, random.Random(0), rate=1.0, vowel_rate=0.0) == text


def test_merged_vowels_swap_only_within_their_group() -> None:
    rng = random.Random(0)
    seen = {sound_spelled("돼", rng, rate=0.0, vowel_rate=1.0) for _ in range(60)}
    assert seen == {"되", "뒈"}
    assert sound_spelled("세금 내요", rng, rate=0.0, vowel_rate=1.0) == "새금 네요"
    assert sound_spelled("희망", rng, rate=0.0, vowel_rate=1.0) == "히망"
    assert sound_spelled("우리의 의견", rng, rate=0.0, vowel_rate=1.0) == "우리에 의견"


def test_zero_rates_change_nothing_and_everything_but_hangul_is_kept() -> None:
    line = "어 7011번 버스가 010-2345-6789 로 연락 주신다 했는데, 안 돼요? OK"
    assert sound_spelled(line, random.Random(0), rate=0.0, vowel_rate=0.0) == line
    rng = random.Random(3)
    for _ in range(50):
        out = sound_spelled(line, rng, rate=1.0)
        assert len(out) == len(line)
        for before, after in zip(line, out, strict=True):
            if not "가" <= before <= "힣":
                assert after == before
            else:
                assert "가" <= after <= "힣"


def test_rates_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(ValueError, match="rate"):
        sound_spelled("있어요", random.Random(0), rate=1.5)
    with pytest.raises(ValueError, match="vowel_rate"):
        sound_spelled("있어요", random.Random(0), rate=0.5, vowel_rate=-0.1)


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("있어요", "이써요"),
        ("없어요", "업서요"),
        ("숨을", "수믈"),
        ("넘어갈려고", "너머갈려고"),
        ("합니다", "함니다"),
        ("좋고", "조코"),
        ("괜찮아", "괜차나"),
        ("종로구", "종노구"),
        ("할게요", "할께요"),
        ("않", "안"),  # a final as it sounds at the end of a word
        ("결제", "결재"),  # merged vowels
        ("돼요", "되요"),
        ("계단", "게단"),
        ("전화해봤어", "저놔해봤어"),  # ㅎ fading after ㄴ
        ("예방접종", "예방접쫑"),  # tense after a stop
        ("나의", "나에"),
        ("문의", "무니"),
    ],
)
def test_words_that_sound_alike_share_a_key(written: str, heard: str) -> None:
    assert pronunciation_key(written) == pronunciation_key(heard)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("나갔어", "나가서"),  # past tense is heard
        ("바꾸니까", "바구니가"),  # tense after a vowel is heard
        ("불", "풀"),
        ("살", "쌀"),
        ("안", "앙"),
        ("예요", "에요"),  # 예 after no consonant keeps its glide
    ],
)
def test_words_that_sound_different_keep_different_keys(one: str, other: str) -> None:
    assert pronunciation_key(one) != pronunciation_key(other)


def test_a_word_and_its_sound_spelling_share_a_key_almost_always(
    shipped_train_texts: list[str],
) -> None:
    """Every rule ``sound_spelled`` writes, the key undoes; the one gap is 의 after ㅇ, written
    에 by the noise and folded to 이 by the key, both of which people say."""
    rng = random.Random(0)
    words = sorted({word for text in shipped_train_texts for word in text.split()})
    differ = [
        word
        for word in words
        for rate in (0.5, 1.0)
        if pronunciation_key(sound_spelled(word, rng, rate=rate, vowel_rate=0.5))
        != pronunciation_key(word)
    ]
    assert len(words) > 10_000
    assert len(differ) / (2 * len(words)) < 0.002, differ[:20]
    assert all("의" in word for word in differ), [w for w in differ if "의" not in w]


def test_the_key_keeps_what_is_not_hangul() -> None:
    assert pronunciation_key("470번 N26") == "470번 N26"
    assert pronunciation_key("") == ""


@pytest.mark.parametrize(
    "word",
    [
        "엄마가무르피안조으셔서게단을못오르세요",  # liaison, ㅖ after a consonant
        "전화해봤는데연락이없어서문의드려요",  # ㅎ fading, nasal, ㄴ+ㄹ, 의 after a final
        "좋고않다축하해요나의같이학교",  # aspirated, palatalized, tense after a stop
        "qr코드로12가3456조회",  # letters and digits between syllables
    ],
)
def test_piece_keys_are_the_keys_of_the_pieces(word: str) -> None:
    keys = PieceKeys(word)
    for begin in range(len(word)):
        for end in range(begin + 1, len(word) + 1):
            assert keys.key(begin, end) == pronunciation_key(word[begin:end]), word[begin:end]
