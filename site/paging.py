"""Pages of a listing, and safe reading of ``?page=``."""
import math


def page_number(request):
    """``?page=N`` as an int >= 1; anything else counts as 1."""
    try:
        return max(1, int(request.params.get('page', 1)))
    except (TypeError, ValueError):
        return 1


class Page:
    """One page of ``items`` (a list): ``number`` of ``pages``, ``per_page`` each."""

    def __init__(self, items, number=1, per_page=20):
        self.total = len(items)
        self.per_page = per_page
        self.pages = max(1, math.ceil(self.total / per_page))
        self.number = min(number, self.pages)
        start = (self.number - 1) * per_page
        self.items = items[start:start + per_page]

    @property
    def previous(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self):
        return self.number + 1 if self.number < self.pages else None
