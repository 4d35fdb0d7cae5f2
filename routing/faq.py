"""The FAQ knowledge base: entries, loading and validating them, and searching them.

Knowledge-base files are edited by people (the city's content team), so loading is strict and
every error names the entry or row at fault: a typo in an intent id would otherwise silently
take an answer out of automatic routing.

Search ranks entries by their text similarity to the caller's words *and* by how likely the
classifier thinks the entry's intent is (see :meth:`FaqIndex.search`): the classifier was
trained on many utterances per intent and is the better judge of *which topic* a caller means,
while the embedding is the better judge of *which entry* within that topic answers them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from models.taxonomy import Taxonomy, load_taxonomy

SEED_FAQ_PATH = Path(__file__).with_name("data") / "faq.yaml"

REQUIRED_FIELDS = ("id", "intent", "question", "answer", "source", "updated")
OPTIONAL_FIELDS = ("department",)
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_ID_LENGTH = 64  # the faq_entries table's id column

EmbedFunction = Callable[[list[str]], np.ndarray]


class FaqValidationError(ValueError):
    """A knowledge-base file is malformed; the message names the file and entry/row at fault."""


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    intent: str
    question: str
    answer: str
    department: str
    source: str
    updated: str  # ISO date, e.g. "2025-01-15"


@dataclass(frozen=True, slots=True)
class FaqMatch:
    entry: FaqEntry
    similarity: float  # cosine between the query and the entry's embedded text
    score: float  # ranking score, see FaqIndex.search


def embedding_text(entry: FaqEntry) -> str:
    """The one text embedded for an entry: question and answer together.

    The question alone matches how callers phrase things; the answer adds the vocabulary of
    the topic (site names, documents), which helps when a caller asks a neighbouring question
    the entry also answers. Any model-specific prefix (e5's ``passage: ``) is the embedder's.
    """
    return f"{entry.question}\n{entry.answer}"


# --------------------------------------------------------------------------- loading


def load_faq_file(path: Path | str, *, taxonomy: Taxonomy | None = None) -> list[FaqEntry]:
    """Read and validate a knowledge-base file (``.yaml``/``.yml`` or ``.csv``, same columns).

    YAML holds either a list of entries or a mapping with an ``entries`` list. CSV has a header
    row with the column names. ``department`` is optional and defaults to the intent's
    department in the taxonomy. Raises :class:`FaqValidationError` on the first problem.
    """
    path = Path(path)
    taxonomy = taxonomy or load_taxonomy()
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        records = _read_yaml(path)
    elif suffix == ".csv":
        records = _read_csv(path)
    else:
        raise FaqValidationError(
            f"{path.name}: unsupported file type {suffix!r} (use .yaml or .csv)"
        )
    return validate_records(records, taxonomy=taxonomy, source_name=path.name)


def validate_records(
    records: Iterable[tuple[str, dict[str, Any]]],
    *,
    taxonomy: Taxonomy,
    source_name: str,
) -> list[FaqEntry]:
    """Turn ``(location, raw mapping)`` pairs into entries, failing on the first bad one.

    ``location`` is how a person finds the record in the file ("entry 3", "line 5").
    """
    entries: list[FaqEntry] = []
    seen: dict[str, str] = {}
    for location, raw in records:
        entry = _validate_record(raw, taxonomy=taxonomy, where=f"{source_name}: {location}")
        if entry.id in seen:
            raise FaqValidationError(
                f"{source_name}: {location}: duplicate id {entry.id!r} "
                f"(first used at {seen[entry.id]})"
            )
        seen[entry.id] = location
        entries.append(entry)
    return entries


def _read_yaml(path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise FaqValidationError(f"{path.name}: not valid YAML: {exc}") from None
    if isinstance(data, dict) and "entries" in data:
        data = data["entries"]
    if not isinstance(data, list):
        raise FaqValidationError(f"{path.name}: expected a list of entries (or 'entries: [...]')")
    records = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise FaqValidationError(f"{path.name}: entry {number}: expected a mapping of fields")
        records.append((f"entry {number}", item))
    return records


def _read_csv(path: Path) -> list[tuple[str, dict[str, Any]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None:
            raise FaqValidationError(f"{path.name}: empty file (expected a header row)")
        header = [name.strip() for name in reader.fieldnames]
        missing = [name for name in REQUIRED_FIELDS if name not in header]
        if missing:
            raise FaqValidationError(f"{path.name}: header lacks column(s) {', '.join(missing)}")
        records = []
        for row in reader:
            # reader.line_num is the physical line where the row ended (quoted newlines count).
            cleaned = {(k or "").strip(): v for k, v in row.items()}
            if None in row:  # more cells than header columns
                raise FaqValidationError(f"{path.name}: line {reader.line_num}: too many cells")
            if all(not (v or "").strip() for v in cleaned.values()):
                continue  # blank line
            records.append((f"line {reader.line_num}", cleaned))
    return records


def _validate_record(raw: dict[str, Any], *, taxonomy: Taxonomy, where: str) -> FaqEntry:
    raw_id = raw.get("id")
    label = f"{where} (id {str(raw_id).strip()!r})" if raw_id not in (None, "") else where
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise FaqValidationError(f"{label}: unknown field(s) {', '.join(map(str, unknown))}")
    values: dict[str, str] = {}
    for name in REQUIRED_FIELDS:
        value = raw.get(name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        if value is None or not str(value).strip():
            raise FaqValidationError(f"{label}: missing required field {name!r}")
        values[name] = str(value).strip()

    entry_id = values["id"]
    if not _ID_PATTERN.match(entry_id) or len(entry_id) > _MAX_ID_LENGTH:
        raise FaqValidationError(
            f"{label}: id must be a lowercase slug like 'bus-night-owl' "
            f"(letters, digits, single hyphens, at most {_MAX_ID_LENGTH} characters)"
        )
    intent_id = values["intent"]
    if intent_id not in taxonomy.intents:
        raise FaqValidationError(f"{label}: unknown intent {intent_id!r}")
    try:
        updated = dt.date.fromisoformat(values["updated"]).isoformat()
    except ValueError:
        raise FaqValidationError(
            f"{label}: 'updated' must be an ISO date like 2025-01-15, got {values['updated']!r}"
        ) from None

    department = str(raw.get("department") or "").strip() or taxonomy.intents[intent_id].department
    if department not in taxonomy.departments:
        raise FaqValidationError(f"{label}: unknown department {department!r}")
    return FaqEntry(
        id=entry_id,
        intent=intent_id,
        question=values["question"],
        answer=values["answer"],
        department=department,
        source=values["source"],
        updated=updated,
    )


# --------------------------------------------------------------------------- search


class FaqIndex:
    """Entries with one L2-normalized embedding row each, searched by cosine similarity."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        vectors: np.ndarray,
        *,
        intent_weight: float = 0.25,
    ) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(entries):
            raise ValueError(
                f"need one vector row per entry: {len(entries)} entries, "
                f"vectors of shape {vectors.shape}"
            )
        if intent_weight < 0:
            raise ValueError("intent_weight must be >= 0")
        ids = [e.id for e in entries]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate FAQ entry ids")
        self._entries = tuple(entries)
        self._vectors = _normalize_rows(vectors)
        self._intent_weight = float(intent_weight)

    @classmethod
    def build(
        cls,
        entries: Sequence[FaqEntry],
        *,
        embed: EmbedFunction,
        batch_size: int = 32,
        intent_weight: float = 0.25,
    ) -> FaqIndex:
        """Embed every entry's :func:`embedding_text` with ``embed`` (rows L2-normalized)."""
        texts = [embedding_text(e) for e in entries]
        if not texts:
            return cls(entries, np.zeros((0, 0), np.float32), intent_weight=intent_weight)
        parts = [
            np.asarray(embed(texts[i : i + batch_size]), dtype=np.float32)
            for i in range(0, len(texts), batch_size)
        ]
        return cls(entries, np.concatenate(parts, axis=0), intent_weight=intent_weight)

    @classmethod
    def from_vectors(
        cls, entries: Sequence[FaqEntry], vectors: np.ndarray, *, intent_weight: float = 0.25
    ) -> FaqIndex:
        """Use precomputed vectors (e.g. stored next to the entries), one row per entry."""
        return cls(entries, vectors, intent_weight=intent_weight)

    @property
    def entries(self) -> tuple[FaqEntry, ...]:
        return self._entries

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors

    def __len__(self) -> int:
        return len(self._entries)

    def search(
        self,
        *,
        query_vector: np.ndarray,
        intent_scores: Sequence[tuple[str, float]],
        k: int = 3,
    ) -> list[FaqMatch]:
        """The ``k`` best entries for a query, best first.

        ``score = similarity + intent_weight * p(entry.intent)`` where ``p`` is the classifier's
        probability of the entry's intent (0 when absent from ``intent_scores``).

        Why additive and not a product: within one intent the bonus is constant, so entries
        of the same topic are ordered by similarity alone; across intents, the classifier's
        belief moves an entry by up to ``intent_weight`` cosine points, which with the default
        0.25 is more than the typical spread of e5 similarities among on-topic entries (~0.1),
        so a confident classifier decides the topic, yet an entry the classifier missed
        entirely (p≈0) can still surface when its text matches clearly better. A product would
        zero those out, and the suggestions shown to agents are most useful exactly when the
        classifier is wrong.
        """
        if k <= 0 or not self._entries:
            return []
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self._vectors.shape[1]:
            raise ValueError(
                f"query vector has dimension {query.shape[0]}, index has {self._vectors.shape[1]}"
            )
        norm = float(np.linalg.norm(query))
        if norm > 0:
            query = query / norm
        similarities = self._vectors @ query
        probability = {intent: float(p) for intent, p in intent_scores}
        bonus = np.array([probability.get(e.intent, 0.0) for e in self._entries], dtype=np.float32)
        scores = similarities + self._intent_weight * bonus
        # Stable order: by score, then by file order for exact ties.
        order = sorted(range(len(scores)), key=lambda i: (-float(scores[i]), i))[:k]
        return [
            FaqMatch(
                entry=self._entries[i],
                similarity=float(similarities[i]),
                score=float(scores[i]),
            )
            for i in order
        ]


def _normalize_rows(vectors: np.ndarray) -> np.ndarray:
    if vectors.size == 0:
        return vectors
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)
