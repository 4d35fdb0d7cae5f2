"""Reading spoken and written digits into chains of groups."""

from __future__ import annotations

from callcenter.privacy.digits import analyze_spoken, digit_chains, iter_readings


def chain_digits(text: str) -> list[list[str]]:
    return [[g.digits for g in chain] for chain in digit_chains(text)]


def test_sino_korean_digit_words_with_particles() -> None:
    group, kind = analyze_spoken("구공공일공일에", 0) or (None, None)
    assert group is not None and group.digits == "900101" and kind == "soft"
    assert (group.start, group.end) == (0, 6)


def test_trailing_copula_after_a_final_consonant_is_not_the_digit_two() -> None:
    group, kind = analyze_spoken("일이삼사오육칠이에요", 10) or (None, None)
    assert group is not None and group.digits == "1234567"
    assert group.end == 17 and kind == "hard"


def test_bare_trailing_i_keeps_both_readings() -> None:
    group, _ = analyze_spoken("사삼공이", 0) or (None, None)
    assert group is not None and group.digits == "4302" and group.alt_digits == "430"
    readings = [digits for digits, *_ in iter_readings([group])]
    assert readings == ["4302", "430"]


def test_words_that_are_not_numbers() -> None:
    for word in ("사람", "오늘", "구청", "일단", "이거", "사거리", "삼성"):
        assert analyze_spoken(word, 0) is None


def test_positional_numerals_read_as_values() -> None:
    group, _ = analyze_spoken("천이백삼십사에", 0) or (None, None)
    assert group is not None and group.digits == "1234" and group.positional
    group, _ = analyze_spoken("칠백사십번", 0) or (None, None)
    assert group is not None and group.digits == "740"


def test_connectors_join_and_counters_split_chains() -> None:
    assert chain_digits("010에 1234에 5678") == [["010", "1234", "5678"]]
    assert chain_digits("구공공일공일 다시 일이삼사오육칠") == [["900101", "1234567"]]
    assert chain_digits("공일공, 어, 일이삼사 오육칠팔") == [["010", "1234", "5678"]]
    assert chain_digits("12가 3456") == [["12"], ["3456"]]
    assert chain_digits("470번 7016번") == [["470"], ["7016"]]
    assert chain_digits("35,000원 1234") == [["35000"], ["1234"]]
    assert chain_digits("N26 버스") == []


def test_quantities_are_marked() -> None:
    (chain,) = digit_chains("2025년")
    assert chain[0].quantity
    (chain,) = digit_chains("5678인데요")
    assert not chain[0].quantity
    (chain,) = digit_chains("35,000원")
    assert chain[0].quantity and chain[0].grouped


def test_a_digit_said_with_how_often_it_repeats() -> None:
    assert chain_digits("공일공 팔 두 번 삼사") == [["010", "88", "34"]]
    assert chain_digits("공일공 따블 오 이삼") == [["010", "55", "23"]]
    assert chain_digits("공일공 육 세 개 이") == [["010", "666", "2"]]
    assert chain_digits("일 두 번 했어요") == [["1"]]
