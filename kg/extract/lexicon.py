"""The curated lexicon of organizations, products and people: JSONL data, validated at load."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PatternError
from ..model import Entity
from .types import PARENT, is_a

REQUIRED = ("id", "label", "type")
# ids become IRIs (…/id/entity/ID): refused rather than slugged, since two slugged ids could merge
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


@dataclass
class Lexicon:
    entities: dict[str, Entity] = field(default_factory=dict)
    # alias text -> entity id; aliases that need another entity in the same document to count
    aliases: dict[str, str] = field(default_factory=dict)
    requires: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, entity: Entity, ambiguous: set[str], requires: tuple[str, ...]) -> None:
        self.entities[entity.id] = entity
        for alias in (entity.label, *entity.aliases):
            self.aliases.setdefault(alias, entity.id)
            if alias in ambiguous:
                self.requires[alias] = requires

    def by_label(self, text: str) -> Entity | None:
        entity_id = self.aliases.get(text)
        return self.entities.get(entity_id) if entity_id else None

    def platform_owners(self) -> dict[str, Entity]:
        """Each platform's owning organization, through its parents ("aws" -> Amazon)."""
        owners = {}
        for entity in self.entities.values():
            parent = self.entities.get(entity.parent or "")
            while parent is not None and not is_a(parent.type, "Organization"):
                parent = self.entities.get(parent.parent or "")
            if is_a(entity.type, "Platform") and parent is not None:
                owners[entity.id] = parent
        return owners


def load_lexicon(paths: list[Path]) -> Lexicon:
    """Read lexicon files in order; a later file may override an earlier entry by id."""
    lexicon = Lexicon()
    for path in paths:
        for number, row in read_jsonl(path):
            where = f"{path}:{number}"
            missing = [k for k in REQUIRED if not row.get(k)]
            if missing:
                raise PatternError(f"{where}: lexicon entry lacks {', '.join(missing)}")
            if not isinstance(row["id"], str) or not _ID.fullmatch(row["id"]):
                raise PatternError(f"{where}: id {json.dumps(row['id'])} cannot be part of an IRI "
                                   "(use letters, digits, '.', '_', '~' and '-', e.g. \"evil-corp\")")
            if not isinstance(row["label"], str):
                raise PatternError(f"{where}: 'label' must be a string")
            if row.get("wikidata") is not None and not _WIKIDATA.fullmatch(str(row["wikidata"])):
                raise PatternError(f"{where}: wikidata {json.dumps(row['wikidata'])} is not a "
                                   "Wikidata item id like \"Q2283\"")
            if row["type"] not in PARENT:
                raise PatternError(f"{where}: unknown type '{row['type']}' "
                                   f"(known: {', '.join(sorted(PARENT))})")
            aliases = row.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise PatternError(f"{where}: 'aliases' must be a list of strings")
            entity = Entity(id=row["id"], label=row["label"], type=row["type"],
                            aliases=tuple(aliases), wikidata=row.get("wikidata"),
                            parent=row.get("parent"))
            lexicon.add(entity, set(row.get("ambiguous", [])), tuple(row.get("requires", [])))
    return lexicon


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise PatternError(f"{path}: cannot read: {e.strerror or e}") from e
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise PatternError(f"{path}:{number}: invalid JSON: {e.msg}") from e
        if not isinstance(row, dict):
            raise PatternError(f"{path}:{number}: expected a JSON object")
        rows.append((number, row))
    return rows
