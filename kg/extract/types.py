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


def is_a(type_: str, ancestor: str) -> bool:
    """True if `type_` is `ancestor` or one of its subclasses."""
    while type_ is not None:
        if type_ == ancestor:
            return True
        type_ = PARENT.get(type_)  # type: ignore[assignment]
    return False


def is_any(type_: str, ancestors: list[str] | tuple[str, ...]) -> bool:
    return any(is_a(type_, a) for a in ancestors)


def root(type_: str) -> str:
    while PARENT.get(type_):
        type_ = PARENT[type_]  # type: ignore[assignment]
    return type_
