"""Side-by-side differences between two texts, down to the character.

Lines are aligned first; a changed line is then compared character by
character, which is what Chinese needs (it has no spaces to split words
on: changing 500元 to 600元 marks one character, not the whole line).
A Markdown table row is a line, so a changed fee in a fee table shows as
that row with the changed cell's characters marked.
"""
import dataclasses
import difflib

EQUAL, CHANGE, INSERT, DELETE = 'equal', 'change', 'insert', 'delete'


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of a side-by-side view. ``left`` and ``right`` are lists of
    ``(text, changed)`` pieces, or None where that side has no line."""

    kind: str
    left: list = None
    right: list = None


def side_by_side(old, new):
    """The ``Row`` list showing ``old`` (left) against ``new`` (right)."""
    old_lines, new_lines = (old or '').splitlines(), (new or '').splitlines()
    rows = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == 'equal':
            rows.extend(Row(EQUAL, [(line, False)], [(line, False)]) for line in old_lines[i1:i2])
        elif op == 'delete':
            rows.extend(Row(DELETE, [(line, True)], None) for line in old_lines[i1:i2])
        elif op == 'insert':
            rows.extend(Row(INSERT, None, [(line, True)]) for line in new_lines[j1:j2])
        else:
            rows.extend(_paired(old_lines[i1:i2], new_lines[j1:j2]))
    return rows


def _paired(old_lines, new_lines):
    """Changed lines side by side, each pair compared by character; lines
    left over on one side are deletions or insertions."""
    for index in range(max(len(old_lines), len(new_lines))):
        if index >= len(new_lines):
            yield Row(DELETE, [(old_lines[index], True)], None)
        elif index >= len(old_lines):
            yield Row(INSERT, None, [(new_lines[index], True)])
        else:
            left, right = characters(old_lines[index], new_lines[index])
            yield Row(CHANGE, left, right)


def characters(old, new):
    """``(left, right)`` pieces of two lines, the differing characters
    marked as changed."""
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append((old[i1:i2], op != 'equal'))
        if j2 > j1:
            right.append((new[j1:j2], op != 'equal'))
    return left, right


def changed(rows):
    """Whether any row differs."""
    return any(row.kind != EQUAL for row in rows)
