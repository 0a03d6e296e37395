"""The only module that knows where kg's data files live."""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("KG_HOME", PACKAGE_DIR.parent))

ONTOLOGY_DIR = PROJECT_DIR / "ontology"
DATA_DIR = PROJECT_DIR / "data"
QUERIES_DIR = PACKAGE_DIR / "queries"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

ONTOLOGY_FILE = ONTOLOGY_DIR / "deal.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
LEXICON_DIR = DATA_DIR / "lexicon"
PATTERNS_DIR = DATA_DIR / "patterns"
CUES_FILE = DATA_DIR / "cues.json"
UNITS_FILE = DATA_DIR / "units.json"
COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
PLACES_FILE = DATA_DIR / "places.txt"
DEMO_CORPUS_DIR = DATA_DIR / "corpus"
DEFAULT_OUTPUT_DIR = PROJECT_DIR / "output"
DEFAULT_STORE_DIR = DEFAULT_OUTPUT_DIR / "store"
