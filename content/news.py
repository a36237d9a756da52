"""Industry news and reports."""
from .folder import Folder
from .item import Item
from .markup import to_text


class NewsItem(Item):
    type_name = 'news'
    type_title = '行业资讯'
    fields = ('source', 'summary', 'attachments')
    search_fields = ('source', 'summary', 'body', 'attachments')
    source = summary = ''
    attachments = ()

    @property
    def lead(self):
        """The summary to show above the body: none when the body opens with
        it already (an imported report's summary is its first lines)."""
        summary = self.summary.strip().rstrip('…').rstrip('.').strip()
        if not summary:
            return ''
        start = ''.join(to_text(self.body)[:len(summary) + 40].split())
        return '' if start.startswith(''.join(summary.split())) else self.summary


class NewsFolder(Folder):
    item_type = NewsItem
