"""The intent taxonomy, loaded from the project's copy of ``shared/intents.yaml``.

The YAML file is the contract between the classifier, the FAQ knowledge base,
routing and every evaluation set, so everything that needs an intent id, name,
department or default route reads it through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

TAXONOMY_PATH = Path(__file__).with_name("intents.yaml")

DefaultRoute = Literal["faq", "agent", "urgent"]


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    name: str
    department: str
    route: DefaultRoute
    covers: str


@dataclass(frozen=True, slots=True)
class Taxonomy:
    version: int
    departments: dict[str, str]
    intents: dict[str, Intent]

    @property
    def ids(self) -> list[str]:
        """Intent ids in file order: the label order of every classifier."""
        return list(self.intents)

    def get(self, intent_id: str) -> Intent:
        try:
            return self.intents[intent_id]
        except KeyError:
            raise KeyError(f"unknown intent id: {intent_id!r}") from None


def parse_taxonomy(raw: dict) -> Taxonomy:
    departments = {str(k): str(v) for k, v in raw["departments"].items()}
    intents: dict[str, Intent] = {}
    for item in raw["intents"]:
        intent = Intent(
            id=item["id"],
            name=item["name"],
            department=item["department"],
            route=item["route"],
            covers=item.get("covers", ""),
        )
        if intent.department not in departments:
            raise ValueError(f"intent {intent.id} names unknown department {intent.department}")
        if intent.route not in ("faq", "agent", "urgent"):
            raise ValueError(f"intent {intent.id} has unknown route {intent.route}")
        if intent.id in intents:
            raise ValueError(f"duplicate intent id {intent.id}")
        intents[intent.id] = intent
    return Taxonomy(version=int(raw.get("version", 1)), departments=departments, intents=intents)


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    with open(path, encoding="utf-8") as fh:
        return parse_taxonomy(yaml.safe_load(fh))
