"""Claims -> RDF: vocabulary and graph building (provenance is attached only here)."""
