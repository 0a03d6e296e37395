"""The entity type hierarchy the extraction stages reason with (mirrors ontology/deal.ttl)."""
from __future__ import annotations

PARENT = {
    "Organization": None,
    "Company": "Organization",
    "HealthSystem": "Organization",
    "Investor": "Organization",
    "GovernmentAgency": "Organization",
    "ResearchInstitute": "Organization",
    "NewsOrganization": "Organization",
    "Product": None,
    "AIModel": "Product",
    "Platform": "Product",
    "Software": "Product",
    "Dataset": "Product",
    "Project": "Product",
    "Person": None,
    "Unknown": None,
}


def _lineage(type_: str) -> frozenset[str]:
    """The type and all its ancestors."""
    out = set()
    while type_ is not None:
        out.add(type_)
        type_ = PARENT.get(type_)  # type: ignore[assignment]
    return frozenset(out)


# read once: the stages ask is_a for every mention, claim and figure they weigh
_LINEAGE = {t: _lineage(t) for t in PARENT}


def lineage(type_: str | None) -> frozenset[str]:
    """The type and its ancestors; a type outside the hierarchy is only itself."""
    found = _LINEAGE.get(type_)  # type: ignore[arg-type]
    if found is None:
        return frozenset((type_,)) if type_ is not None else frozenset()
    return found


def is_a(type_: str, ancestor: str) -> bool:
    """True if `type_` is `ancestor` or one of its subclasses."""
    return ancestor in lineage(type_)


def is_any(type_: str, ancestors: list[str] | tuple[str, ...]) -> bool:
    return not lineage(type_).isdisjoint(ancestors)


def root(type_: str) -> str:
    while PARENT.get(type_):
        type_ = PARENT[type_]  # type: ignore[assignment]
    return type_
