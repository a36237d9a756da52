"""Helpers shared by the listing views: visible items, newest first, pages."""
import datetime

from ..paging import Page, page_number
from ..serialize import listing

_OLDEST = datetime.date.min


def visible(folder):
    """The published items of ``folder``."""
    return [item for item in folder.values() if item.published]


def newest_first(items):
    return sorted(items, key=lambda i: (i.date or _OLDEST, i.__name__), reverse=True)


def latest(folder, count):
    """The ``count`` most recent published items of ``folder``."""
    return newest_first(visible(folder))[:count]


def paged(items, request):
    """The requested page of ``items`` (``?page=``; bad numbers read as 1)."""
    size = int(request.registry.settings.get('page_size', 20))
    return Page(items, page_number(request), size)


def as_json(items, request, fields=None, **extra):
    """The JSON of a listing of ``items``: the requested page and paging;
    ``fields(item)`` adds type-specific keys to each entry."""
    return listing(paged(items, request), request, fields, **extra)
