"""Recognizer-style training variants: they change spacing, number spelling and the spelling of
sounds, nothing else."""

from __future__ import annotations

import random

import pytest

from models.intent.augment import (
    recognizer_variant,
    respace,
    sino_korean,
    with_recognizer_variants,
)
from models.intent.corpus import Corpus, Example

LINES = [
    "어 저기요 7011번 버스가 오늘 아침에 정류장을 그냥 지나쳐 버렸어요",
    "주민등록등본 떼려면 동사무소 가야 돼요?",
    "아버지가 기초수급자이신데 이번 달 생계비가 안 들어왔어요",
    "010-2345-6789로 연락 주시면 됩니다",
]


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        (0, "영"),
        (7, "칠"),
        (10, "십"),
        (15, "십오"),
        (101, "백일"),
        (1000, "천"),
        (2025, "이천이십오"),
        (7011, "칠천십일"),
        (9999, "구천구백구십구"),
        (12345, "일이삼사오"),
    ],
)
def test_numbers_are_read_the_sino_korean_way(number: int, spoken: str) -> None:
    assert sino_korean(number) == spoken


def test_respacing_keeps_every_other_character() -> None:
    rng = random.Random(3)
    for line in LINES * 20:
        variant = respace(line, rng)
        assert variant.replace(" ", "") == line.replace(" ", "")
        assert "  " not in variant and variant == variant.strip()


def test_respacing_both_joins_and_splits_words() -> None:
    rng = random.Random(0)
    variants = [respace(line, rng) for line in LINES * 30]
    spaces = [v.count(" ") for v in variants]
    originals = [line.count(" ") for line in LINES * 30]
    assert any(s == 0 for s in spaces), "some lines lose every space"
    assert any(s > o for s, o in zip(spaces, originals, strict=True)), "some lines gain spaces"
    assert any(0 < s < o for s, o in zip(spaces, originals, strict=True)), "some lose only a few"


def test_numbers_are_sometimes_read_out_and_phone_numbers_digit_by_digit() -> None:
    rng = random.Random(1)
    variants = [recognizer_variant(LINES[3], rng).replace(" ", "") for _ in range(40)]
    assert "공일공이삼사오육칠팔구로연락주시면됩니다" in variants
    assert "010-2345-6789로연락주시면됩니다" in variants


def test_corpus_gets_seeded_copies_with_the_same_intents() -> None:
    corpus = Corpus(
        examples=tuple(Example(text=t, intent=f"i{n % 2}") for n, t in enumerate(LINES * 25))
    )
    augmented = with_recognizer_variants(corpus, share=1.0, seed=0)
    assert augmented.examples[: len(corpus)] == corpus.examples
    extra = augmented.examples[len(corpus) :]
    assert 0.8 * len(corpus) <= len(extra) <= len(corpus)
    by_shape = {_shape(e.text): e.intent for e in corpus.examples}
    assert len(by_shape) == len(LINES)
    for example in extra:
        assert by_shape[_shape(example.text)] == example.intent
    originals = {_digits_back(e.text) for e in corpus.examples}
    assert all(_digits_back(e.text) in originals for e in extra)  # spelling untouched
    assert with_recognizer_variants(corpus, share=1.0, seed=0) == augmented
    assert with_recognizer_variants(corpus, share=1.0, seed=1) != augmented
    half = with_recognizer_variants(corpus, share=0.5, seed=0)
    assert 0.3 * len(corpus) <= len(half) - len(corpus) <= 0.7 * len(corpus)
    assert with_recognizer_variants(corpus, share=0.0, seed=0) == corpus


def test_sound_spelling_respells_about_half_of_the_copies_and_keeps_their_intents() -> None:
    corpus = Corpus(
        examples=tuple(Example(text=t, intent=f"i{n % 2}") for n, t in enumerate(LINES * 25))
    )
    plain = with_recognizer_variants(corpus, share=1.0, seed=0)
    spelled = with_recognizer_variants(corpus, share=1.0, seed=0, sound_spelling=True)
    assert spelled.examples[: len(corpus)] == corpus.examples
    extra = spelled.examples[len(corpus) :]
    by_shape = {_shape(e.text): e.intent for e in corpus.examples}
    assert all(by_shape[_shape(e.text)] == e.intent for e in extra)
    originals = {_digits_back(e.text) for e in corpus.examples}
    # Half the copies go through sound spelling; at the lightest rate a short line can come
    # out unchanged.
    respelled = [e for e in extra if _digits_back(e.text) not in originals]
    assert 0.2 * len(extra) <= len(respelled) <= 0.6 * len(extra)
    assert any("열락" in e.text for e in respelled)  # 연락 as it sounds
    assert with_recognizer_variants(corpus, share=1.0, seed=0, sound_spelling=True) == spelled
    assert spelled != plain


def test_share_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="share"):
        with_recognizer_variants(Corpus(examples=(Example("a", "b"),)), share=1.5, seed=0)


def _digits_back(text: str) -> str:
    """Undo the spacing and the number readings the test lines can get."""
    text = text.replace(" ", "").replace("-", "")
    for spoken, digits in (
        ("칠천십일", "7011"),
        ("공일공이삼사오육칠팔구", "01023456789"),
    ):
        text = text.replace(spoken, digits)
    return text


def _shape(text: str) -> str:
    """What sound spelling keeps: the number of syllables and every character that is not
    Hangul, in place."""
    return "".join("가" if "가" <= ch <= "힣" else ch for ch in _digits_back(text))
