"""Industry news and reports."""
from .folder import Folder
from .item import Item


class NewsItem(Item):
    type_name = 'news'
    type_title = '行业资讯'
    fields = ('source', 'summary', 'attachments')
    search_fields = ('source', 'summary', 'body', 'attachments')
    source = summary = ''
    attachments = ()


class NewsFolder(Folder):
    item_type = NewsItem
