"""Synonyms and abbreviations: what else a query's words may be written as.

Administrators edit the table as text, one group a line (the site keeps it;
this module only reads it):

    汽修 = 汽车维修              both ways: either finds the other too
    中汽维协 => 中国汽车维修行业协会   one way: the short form finds the long one

``#`` starts a comment. A query holding a word of the table is also
searched with that word replaced (``汽修大讲堂`` also as ``汽车维修大讲堂``),
and the results page says so.
"""
import dataclasses

from .analysis import normalize

DEFAULT_TEXT = """\
# 每行一组。用“=”连接的词互相视为同义；用“=>”表示左边的词也按右边的词查找。
汽修 = 汽车维修
二手车 = 旧机动车
新能源车 = 新能源汽车
中汽维协 => 中国汽车维修行业协会
中汽修协 => 中国汽车维修行业协会
团标 => 团体标准
国标 => 国家标准
行标 => 行业标准
"""
MAX_LINES = 1000
MAX_WORD = 40


class SynonymError(ValueError):
    """A line of the table that cannot be read (Chinese message with its number)."""


@dataclasses.dataclass(frozen=True)
class Table:
    """``{word: (other words...)}``, words normalized as queries are."""

    words: dict = dataclasses.field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, '_longest_first', sorted(self.words, key=len, reverse=True))

    def alternatives(self, text):
        """Other ways to write ``text`` (normalized): each table word it
        holds replaced by each of its synonyms, longest words first."""
        found = []
        for word in self._longest_first:
            if word in text:
                found += [text.replace(word, other) for other in self.words[word]]
        return [a for a in dict.fromkeys(found) if a != text]


def parse(text):
    """The ``Table`` of an administrator's ``text``; raises ``SynonymError``
    for a line that is not a group of words."""
    words = {}
    lines = (text or '').splitlines()
    if len(lines) > MAX_LINES:
        raise SynonymError(f'同义词表最多 {MAX_LINES} 行')
    for number, line in enumerate(lines, 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        one_way = '=>' in line
        parts = [normalize(p).strip() for p in line.replace('=>', '=').split('=')]
        if len(parts) < 2 or any(not p for p in parts) or (one_way and len(parts) != 2):
            raise SynonymError(f'第 {number} 行：应写成“词 = 同义词”或“简称 => 全称”')
        if any(len(p) > MAX_WORD for p in parts):
            raise SynonymError(f'第 {number} 行：每个词最多 {MAX_WORD} 个字')
        sources = parts[:1] if one_way else parts
        for word in sources:
            others = [p for p in parts if p != word]
            words[word] = tuple(dict.fromkeys(words.get(word, ()) + tuple(others)))
    return Table(words)


DEFAULT = parse(DEFAULT_TEXT)
