"""URL names and sort keys for Chinese text."""
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# pypinyin segments greedily, so 维修行业 reads as 维/修行/业 (xiu xing);
# these phrases are in every trade association's name.
load_phrases_dict({
    '维修行业': [['wéi'], ['xiū'], ['háng'], ['yè']],
    '汽修行业': [['qì'], ['xiū'], ['háng'], ['yè']],
    '行业': [['háng'], ['yè']],
})
_NON_WORD = re.compile(r'[^a-z0-9]+')


def slugify(text, max_length=60, fallback='item'):
    """A readable ASCII URL name for ``text``: Chinese becomes pinyin.

    ``苏州市机动车维修行业协会`` -> ``suzhou-shi-jidongche-weixiu-hangye-xiehui``
    is too long to show whole, so names are cut at a syllable boundary near
    ``max_length``. Never returns an empty string: ``fallback`` stands in.
    """
    text = unicodedata.normalize('NFKC', text or '').lower()
    words = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])
    parts = []
    for word in words:
        parts.extend(p for p in _NON_WORD.split(word.lower()) if p)
    slug = ''
    for part in parts:
        candidate = f'{slug}-{part}' if slug else part
        if len(candidate) > max_length and slug:
            break
        slug = candidate[:max_length]
    return slug or fallback


def numbered_names(base):
    """``base``, ``base-2``, ``base-3``… without end: the names a new item may take."""
    yield base
    n = 2
    while True:
        yield f'{base}-{n}'
        n += 1


def unique_name(folder, base):
    """``base``, or ``base-2``, ``base-3``… whichever is free in ``folder``."""
    return next(name for name in numbered_names(base) if name not in folder)


def pinyin_key(text):
    """A sort key that orders Chinese text by pinyin, as Chinese readers expect.

    Code points order 中文 by stroke-unrelated Unicode values; pinyin keeps
    北京 before 上海 and ties break on the text itself.
    """
    text = unicodedata.normalize('NFKC', text or '')
    return (' '.join(lazy_pinyin(text, errors=lambda chars: [chars.lower()])), text)
