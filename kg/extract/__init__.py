"""Text in, claims out: sentences, mentions, relations and figures. Never imports rdf or store."""
