"""camra.search: full-text search over published content (Whoosh). Not built yet: issue 3."""
