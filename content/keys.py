"""Keys for appending to a BTree from several processes at once.

A key of "the last key plus one" makes every two concurrent appends write
the same key: a conflict no retry settles while writers keep coming. A key
made of the time in microseconds and a random part differs between
writers, so BTrees resolve concurrent appends themselves (they merge
inserts of different keys), and the order of the keys is still the order
of the appends, to the microsecond.
"""
import random
import time

_random = random.SystemRandom()


def append_key(tree):
    """A new key for ``tree`` (an ``LOBTree`` or ``IOBTree``-like mapping
    with 64-bit keys), after every key it holds."""
    key = time.time_ns() // 1000 * 1000 + _random.randrange(1000)
    if tree:
        key = max(key, tree.maxKey() + 1)
    while key in tree:
        key += 1
    return key
