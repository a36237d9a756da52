"""camra.content: persistent content types, folders and the site tree (no HTTP here)."""
