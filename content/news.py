"""Industry news and reports."""
from .folder import Folder
from .item import Item


class NewsItem(Item):
    type_name = 'news'
    type_title = '行业资讯'
    fields = ('source', 'summary')
    search_fields = ('source', 'summary', 'body')
    source = summary = ''


class NewsFolder(Folder):
    item_type = NewsItem
