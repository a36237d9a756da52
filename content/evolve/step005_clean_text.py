"""clean text in stored items (NFC, no control characters, no lone surrogates)"""
from camra.content.folder import items_under
from camra.schemas.text import scrub


def evolve(site):
    # Text is cleaned on the way in since this step; what was stored before
    # may still hold what broke the feeds, pages and exports. Releases stay
    # as they were cut: their checksum vouches for their text.
    for item in items_under(site):
        _clean_item(item)


def _clean_item(item):
    for name in item.all_fields():
        value = getattr(item, name, None)
        cleaned = _clean(value)
        if cleaned != value:
            setattr(item, name, cleaned)


def _clean(value):
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
