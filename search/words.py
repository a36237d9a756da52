"""The words of a Chinese query, and the words that ask rather than say.

The index holds bigrams (``camra.search.analysis``); a query's bigrams that
only join two words (``会费标准``: ``费标``) say nothing about the subject, and
question words (``怎么``, ``什么时候``) say nothing at all, yet both counted
as much as the words themselves: ``深圳汽车维修协会`` missed
``深圳市汽车维修行业协会`` for lack of ``圳汽`` and ``修协``. So a query's
Chinese is cut into words (rjieba, a Rust port of jieba: words in about a
microsecond, its dictionary loaded in about 0.15 s on first use); the
bigrams within words are what the query asks for, the bigrams joining two
neighbouring words only add to items where they stand side by side, and
question words and lone characters are left out (unless nothing else is
left).
"""
import functools

# Lone characters (的, 吗, 呢...) are left out anyway.
QUESTION_WORDS = frozenset('''
请问 一下 关于 如何 怎么 怎么样 怎样 怎么办 什么 什么样 什么时候 为什么 为何 哪些 哪个 哪里 哪儿
多少 几时 时候 是否 是不是 有没有 有哪些 需要 可以 应该 我们 你们 这个 那个 这些 那些
'''.split())


def warm_up():
    """Load the word dictionary (and the folding table) now, so that the
    first visitor's search does not wait for them."""
    from .folding import table
    table()
    _cut()


@functools.cache
def _cut():
    import rjieba
    return rjieba.cut


def chunk_terms(chunk):
    """``(asked, joining)`` terms of an unquoted chunk of normalized text:
    its Latin words and numbers as the analyzer gives them, its Chinese as
    ``split`` gives it."""
    from .analysis import TOKENS
    asked, joining = [], []
    for match in TOKENS.finditer(chunk):
        if match.lastgroup == 'word':
            asked.append(match.group())
        else:
            within, between = split(match.group())
            asked += within
            joining += between
    return list(dict.fromkeys(asked)), joining


def split(run):
    """``(asked, joining)`` bigrams of a run of Chinese characters:
    those within its words (question words and lone characters left out)
    and those that join two words standing side by side."""
    if len(run) <= 2:
        return _bigrams(run) or [run], []
    words = _cut()(run)
    kept = [(w, len(w) > 1 and w not in QUESTION_WORDS) for w in words]
    if not any(keep for _, keep in kept):
        return _bigrams(run), []
    asked, joining = [], []
    for (left, keep_left), (right, keep_right) in zip(kept, kept[1:]):
        if keep_left and keep_right:
            joining.append(left[-1] + right[0])
    for word, keep in kept:
        if keep:
            asked += _bigrams(word)
    return list(dict.fromkeys(asked)), list(dict.fromkeys(j for j in joining if j not in asked))


def _bigrams(run):
    return [run[i:i + 2] for i in range(len(run) - 1)]
