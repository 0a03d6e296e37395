"""kg: a knowledge graph of the deal ecosystem, built from news articles.

Use the functions in `kg.api` from Python or a notebook; the `kg` command is a thin layer over them.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
