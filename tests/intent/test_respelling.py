"""Respelling: an unknown word written as it sounds goes back to the corpus's spelling."""

from __future__ import annotations

from pathlib import Path

from models.intent.respelling import Respeller

CORPUS = [
    "옆집 할아버지가 숨을 안 쉬어요",
    "주차 딱지 과태료 어디서 내요",
    "과태료 고지서가 안 왔어요",
    "전화해봤어 근데 안 받아요",
    "저 같은 사람도 돼요",
    "같고 갖고 갖고",  # "갖고" is more frequent than "같고", which shares its key
]


def _respeller() -> Respeller:
    return Respeller.from_texts(CORPUS)


def test_an_unknown_word_that_sounds_like_a_known_one_is_respelt() -> None:
    respeller = _respeller()
    assert respeller.respell("할아버지가 수믈 안 쉬어요") == "할아버지가 숨을 안 쉬어요"
    assert respeller.respell("과태료 고지서가 안 와써요") == "과태료 고지서가 안 왔어요"
    assert respeller.respell("저놔해봤어") == "전화해봤어"


def test_known_words_and_words_with_no_sound_alike_stay() -> None:
    respeller = _respeller()
    assert respeller.respell("같고") == "같고"  # known, though "갖고" sounds the same
    assert respeller.respell("갇고") == "갖고"  # unknown: the most frequent sound-alike
    assert respeller.respell("버스 노선 알려주세요") == "버스 노선 알려주세요"


def test_words_spaces_punctuation_and_masks_keep_their_places() -> None:
    respeller = _respeller()
    text = "  수믈, 안 쉬어요!! [전화번호] 470번  "
    out = respeller.respell(text)
    assert out == "  숨을, 안 쉬어요!! [전화번호] 470번  "
    assert len(out.split(" ")) == len(text.split(" "))


def test_a_saved_respeller_respells_the_same(tmp_path: Path) -> None:
    respeller = _respeller()
    respeller.save(tmp_path / "respeller.json")
    loaded = Respeller.load(tmp_path / "respeller.json")
    for text in ("수믈 않 쉬어요", "와써요", "갇고 같고", "저놔해봤어"):
        assert loaded.respell(text) == respeller.respell(text)
