"""Atom feeds of published notices and news, and the sitemap."""
import datetime
from xml.sax.saxutils import escape

from feedgen.feed import FeedGenerator
from pyramid.response import Response
from pyramid.view import view_config

from camra.content.handbook import Handbook
from camra.content.markup import search_text
from camra.content.news import NewsFolder
from camra.content.notice import Notices
from camra.content.root import SECTIONS, SiteRoot
from camra.schemas.text import scrub

from . import listing

FEED_ENTRIES = 20
SITEMAP_MAX = 50_000        # the sitemap protocol's limit for one file
CHINA = datetime.timezone(datetime.timedelta(hours=8))


@view_config(context=Notices, name='feed')
@view_config(context=NewsFolder, name='feed')
def feed(context, request):
    """The newest published items of a section as Atom (text scrubbed: XML
    refuses control characters, which older items may still hold)."""
    site_name = request.root.identity.get('name') or request.root.title
    here = request.resource_url(context)
    fg = FeedGenerator()
    fg.id(here)
    fg.title(scrub(f'{context.title} - {site_name}'))
    fg.link(href=here, rel='alternate')
    fg.link(href=request.resource_url(context, 'feed'), rel='self')
    fg.language('zh-CN')
    items = listing.latest(context, FEED_ENTRIES)
    fg.updated(max((i.modified for i in items), default=_midnight(datetime.date(2000, 1, 1))))
    for item in items:
        url = request.resource_url(item)
        entry = fg.add_entry(order='append')
        entry.id(url)
        entry.title(scrub(item.title))
        entry.link(href=url)
        entry.updated(item.modified)
        if item.date:
            entry.published(_midnight(item.date))
        summary = getattr(item, 'summary', '') or search_text(item.body)[:200]
        if summary:
            entry.summary(scrub(summary))
    return Response(fg.atom_str(pretty=True), content_type='application/atom+xml', charset='utf-8')


@view_config(context=SiteRoot, name='sitemap.xml')
def sitemap(context, request):
    """Every published page's URL, with the date it last changed."""
    urls = [(request.resource_url(context), None)]
    folders = [context[name] for name, _, _ in SECTIONS]
    urls += [(request.resource_url(f), None) for f in folders]
    for folder in [context] + folders:
        # The handbook lists what the public reads: its current release;
        # other folders their newest first, so a cut at the limit drops the oldest.
        items = folder.sections() if isinstance(folder, Handbook) else listing.newest(folder)
        for item in items:
            if getattr(item, 'published', False):
                urls.append((request.resource_url(item), getattr(item, 'modified', None)))
            if len(urls) >= SITEMAP_MAX:
                break
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in urls[:SITEMAP_MAX]:
        lastmod = f'<lastmod>{modified.date().isoformat()}</lastmod>' if modified else ''
        lines.append(f'<url><loc>{escape(url)}</loc>{lastmod}</url>')
    lines.append('</urlset>')
    return Response('\n'.join(lines), content_type='application/xml', charset='utf-8')


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time(), CHINA)
