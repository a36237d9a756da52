"""The handbook's reading order, one definition for the draft handbook,
its releases and their pages: the contents (top sections with their
children), a section's children, and the previous/next section, all from
the same list of sections in number order."""


def toc(sections):
    """``[(top section, [its child sections])]`` from ``sections`` in reading order."""
    tops, children = [], {}
    for section in sections:
        if section.depth == 1:
            tops.append(section)
        else:
            children.setdefault(section.parent_number, []).append(section)
    return [(top, children.get(top.number, [])) for top in tops]


def children_of(sections, section):
    """The sections directly below ``section`` (5.1, 5.2 below 5)."""
    return [s for s in sections if s.parent_number == section.number]


def neighbours(sections, section):
    """(previous, next) around ``section`` (matched by its number, so a
    draft section finds its released copy's neighbours); (None, None) if
    it is not among ``sections``."""
    keys = [s.key for s in sections]
    if section is None or section.key not in keys:
        return None, None
    i = keys.index(section.key)
    return (sections[i - 1] if i else None,
            sections[i + 1] if i + 1 < len(sections) else None)
