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


def is_a(type_: str, ancestor: str) -> bool:
    """True if `type_` is `ancestor` or one of its subclasses."""
    lineage = _LINEAGE.get(type_)
    if lineage is None:  # a type outside the hierarchy is only itself
        return type_ is not None and type_ == ancestor
    return ancestor in lineage


def is_any(type_: str, ancestors: list[str] | tuple[str, ...]) -> bool:
    lineage = _LINEAGE.get(type_)
    if lineage is None:
        return type_ is not None and type_ in ancestors
    for ancestor in ancestors:  # a plain loop: any() over a generator costs more than the tests
        if ancestor in lineage:
            return True
    return False


def root(type_: str) -> str:
    while PARENT.get(type_):
        type_ = PARENT[type_]  # type: ignore[assignment]
    return type_
