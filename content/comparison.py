"""Comparing handbook releases: what was added, removed, moved and changed."""
import dataclasses

from .diff import side_by_side
from .releases import Release


@dataclasses.dataclass
class Comparison:
    """What changed from release ``a`` to release ``b``: sections added and
    removed, moved (new number), and changed (title or text), each changed
    one with side-by-side rows of its title and text."""

    a: Release
    b: Release
    added: list
    removed: list
    moved: list         # (old section, new section)
    changed: list       # (old section, new section, title rows, body rows)

    @property
    def empty(self):
        return not (self.added or self.removed or self.moved or self.changed)


def compare(a, b):
    """The ``Comparison`` of release ``a`` (older) with ``b``."""
    old = {s.name: s for s in a.sections}
    new = {s.name: s for s in b.sections}
    added = [s for s in b.sections if s.name not in old]
    removed = [s for s in a.sections if s.name not in new]
    both = [(old[s.name], s) for s in b.sections if s.name in old]
    moved = [(o, n) for o, n in both if o.number != n.number]
    changed = [(o, n, side_by_side(o.title, n.title), side_by_side(o.body, n.body))
               for o, n in both if (o.title, o.body) != (n.title, n.body)]
    return Comparison(a, b, added, removed, moved, changed)


def section_history(releases, name):
    """``(added in, last changed in)``: the releases (oldest first in
    ``releases``) where section ``name`` first appeared and where its
    title or text last changed; None where it never did."""
    added = changed = None
    previous = None
    for release in releases:
        section = release.section(name)
        if section is None:
            previous = None
            continue
        text = (section.title, section.body)
        if previous is None:
            added = added or release
            changed = release
        elif text != previous:
            changed = release
        previous = text
    return added, changed
