"""Plain pages: about the association, organisation, membership and fees."""
from .item import Item


class Page(Item):
    type_name = 'page'
    type_title = '页面'
