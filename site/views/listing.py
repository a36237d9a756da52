"""Helpers shared by the listing views: visible items, newest first, pages."""
from ..paging import Page, page_number
from ..serialize import listing


def visible(folder):
    """The published items of ``folder``, in folder order (small folders)."""
    return [item for item in folder.values() if item.published]


def newest(folder, year=None):
    """The published items of ``folder`` newest first (of ``year``), as a
    sequence that loads only the items read from it."""
    return folder.dates.listing(folder, year)


def latest(folder, count):
    """The ``count`` most recent published items of ``folder``."""
    return newest(folder)[:count]


def paged(items, request):
    """The requested page of ``items`` (``?page=``; bad numbers read as 1)."""
    size = int(request.registry.settings.get('page_size', 20))
    return Page(items, page_number(request), size)


def as_json(items, request, fields=None, **extra):
    """The JSON of a listing of ``items``: the requested page and paging;
    ``fields(item)`` adds type-specific keys to each entry."""
    return listing(paged(items, request), request, fields, **extra)
