"""The spaCy pipeline: blank English with a sentencizer, or a model the user installed."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=2)
def get_nlp(model: str | None = None) -> Any:
    """A tokenizer and sentence splitter; KG_SPACY_MODEL names an installed model to use instead."""
    import spacy

    name = model or os.environ.get("KG_SPACY_MODEL")
    if name:
        nlp = spacy.load(name, exclude=["ner", "lemmatizer", "textcat"])
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
