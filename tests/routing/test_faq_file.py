"""Loading and validating FAQ knowledge-base files (YAML and CSV)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from models.taxonomy import Taxonomy
from routing.faq import FaqEntry, FaqValidationError, load_faq_file

COLUMNS = ["id", "intent", "question", "answer", "source", "updated", "department"]


def _entry(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "id": "bus-night-owl",
        "intent": "transport.bus",
        "question": "심야버스 몇 시부터 다녀요?",
        "answer": "자정 무렵부터 새벽까지 다닙니다. 노선별 시간은 TOPIS에서 확인하세요.",
        "source": "서울시 120 상담 샘플",
        "updated": "2025-01-15",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def _write_yaml(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(yaml.safe_dump({"entries": entries}, allow_unicode=True), encoding="utf-8")
    return path


def _write_csv(path: Path, entries: list[dict[str, object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for entry in entries:
            writer.writerow({k: entry.get(k, "") for k in COLUMNS})
    return path


def _write(fmt: str, directory: Path, entries: list[dict[str, object]]) -> Path:
    if fmt == "yaml":
        return _write_yaml(directory / "faq.yaml", entries)
    return _write_csv(directory / "faq.csv", entries)


TWO_ENTRIES = [
    _entry(),
    _entry(
        id="parking-fine-lookup",
        intent="parking.fine",
        question="과태료 어디서 조회해요?",
        answer="이택스에서 조회하고 납부하실 수 있습니다. 고지서 가상계좌도 됩니다.",
        department="parking",
    ),
]


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_loads_entries_in_file_order_with_department_from_taxonomy(
    fmt: str, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    entries = load_faq_file(_write(fmt, tmp_path, TWO_ENTRIES), taxonomy=taxonomy)
    assert [e.id for e in entries] == ["bus-night-owl", "parking-fine-lookup"]
    first = entries[0]
    assert isinstance(first, FaqEntry)
    assert first.department == taxonomy.intents["transport.bus"].department
    assert first.updated == "2025-01-15"
    assert first.question == TWO_ENTRIES[0]["question"]


def test_yaml_and_csv_with_the_same_rows_give_the_same_entries(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    from_yaml = load_faq_file(_write_yaml(tmp_path / "a.yaml", TWO_ENTRIES), taxonomy=taxonomy)
    from_csv = load_faq_file(_write_csv(tmp_path / "a.csv", TWO_ENTRIES), taxonomy=taxonomy)
    assert from_yaml == from_csv


def test_unquoted_yaml_dates_and_a_bare_list_are_accepted(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    path = tmp_path / "faq.yml"
    path.write_text(
        "- id: bus-night-owl\n"
        "  intent: transport.bus\n"
        "  question: 심야버스?\n"
        "  answer: 자정 무렵부터 다닙니다. 노선마다 달라요.\n"
        "  source: 샘플\n"
        "  updated: 2024-12-31\n",
        encoding="utf-8",
    )
    (entry,) = load_faq_file(path, taxonomy=taxonomy)
    assert entry.updated == "2024-12-31"


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_unknown_intent_names_the_entry(fmt: str, tmp_path: Path, taxonomy: Taxonomy) -> None:
    bad = [*TWO_ENTRIES, _entry(id="bus-typo", intent="transport.buss")]
    with pytest.raises(FaqValidationError) as caught:
        load_faq_file(_write(fmt, tmp_path, bad), taxonomy=taxonomy)
    message = str(caught.value)
    assert "transport.buss" in message
    assert "bus-typo" in message
    # YAML entries are counted from 1; CSV rows by file line (header is line 1).
    assert ("entry 3" if fmt == "yaml" else "line 4") in message


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
@pytest.mark.parametrize("field", ["question", "answer", "source", "updated", "intent"])
def test_missing_required_field_is_named(
    fmt: str, field: str, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    bad = [_entry(**{field: None}) if fmt == "yaml" else _entry(**{field: ""})]
    with pytest.raises(FaqValidationError) as caught:
        load_faq_file(_write(fmt, tmp_path, bad), taxonomy=taxonomy)
    assert f"missing required field '{field}'" in str(caught.value)
    assert "bus-night-owl" in str(caught.value)


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_missing_id_names_the_position(fmt: str, tmp_path: Path, taxonomy: Taxonomy) -> None:
    bad = [TWO_ENTRIES[0], _entry(id=None if fmt == "yaml" else "")]
    with pytest.raises(FaqValidationError) as caught:
        load_faq_file(_write(fmt, tmp_path, bad), taxonomy=taxonomy)
    message = str(caught.value)
    assert "missing required field 'id'" in message
    assert ("entry 2" if fmt == "yaml" else "line 3") in message


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_duplicate_id_names_both_places(fmt: str, tmp_path: Path, taxonomy: Taxonomy) -> None:
    bad = [*TWO_ENTRIES, _entry(question="다른 질문이지만 같은 id")]
    with pytest.raises(FaqValidationError) as caught:
        load_faq_file(_write(fmt, tmp_path, bad), taxonomy=taxonomy)
    message = str(caught.value)
    assert "duplicate id 'bus-night-owl'" in message
    if fmt == "yaml":
        assert "entry 3" in message and "entry 1" in message
    else:
        assert "line 4" in message and "line 2" in message


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"id": "Bus Night Owl"}, "lowercase slug"),
        ({"id": "bus--owl"}, "lowercase slug"),
        ({"updated": "15/01/2025"}, "ISO date"),
        ({"department": "transit"}, "unknown department 'transit'"),
    ],
)
def test_malformed_values_are_rejected(
    overrides: dict[str, str], expected: str, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    with pytest.raises(FaqValidationError, match=expected):
        load_faq_file(_write_yaml(tmp_path / "f.yaml", [_entry(**overrides)]), taxonomy=taxonomy)


def test_unknown_yaml_field_is_rejected(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with pytest.raises(FaqValidationError, match=r"unknown field.*anwser"):
        load_faq_file(
            _write_yaml(tmp_path / "f.yaml", [_entry(anwser="오타 필드")]), taxonomy=taxonomy
        )


def test_csv_without_a_required_column_is_rejected(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "f.csv"
    path.write_text("id,intent,question,answer,updated\nx,transport.bus,q,a,2025-01-01\n")
    with pytest.raises(FaqValidationError, match=r"header lacks column.*source"):
        load_faq_file(path, taxonomy=taxonomy)


def test_csv_cells_with_commas_and_newlines_survive(tmp_path: Path, taxonomy: Taxonomy) -> None:
    answer = "첫 문장입니다, 쉼표가 있어요.\n둘째 줄입니다."
    (entry,) = load_faq_file(
        _write_csv(tmp_path / "f.csv", [_entry(answer=answer)]), taxonomy=taxonomy
    )
    assert entry.answer == answer


def test_csv_blank_lines_are_skipped_and_line_numbers_stay_true(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "id,intent,question,answer,source,updated\n"
        "a-one,transport.bus,질문,답변입니다. 두 문장.,샘플,2025-01-01\n"
        "\n"
        "a-two,transport.nope,질문,답변입니다. 두 문장.,샘플,2025-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(FaqValidationError, match=r"line 4 .*transport.nope"):
        load_faq_file(path, taxonomy=taxonomy)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("f.json", "[]", "unsupported file type"),
        ("f.yaml", "entries: {a: 1}", "expected a list"),
        ("f.yaml", "- just a string", "entry 1: expected a mapping"),
        ("f.yaml", "entries: [unclosed", "not valid YAML"),
    ],
)
def test_structural_problems(
    name: str, content: str, expected: str, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FaqValidationError, match=expected):
        load_faq_file(path, taxonomy=taxonomy)
