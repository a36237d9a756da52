"""Pages as PDF (WeasyPrint), with fonts that show Chinese.

The page is rendered from its template as for a browser, then laid out by
WeasyPrint. Nothing is fetched from the network or from files while doing
so: the stylesheet (``static/printable.css``, which browsers get as a file,
so no page needs inline styles) is handed to WeasyPrint as text, images
that are the site's own published files (its ``@@download`` URLs) are read
from the database, and any other image is left out.
"""
import functools
import glob
import hashlib
import os
import tempfile
from urllib.parse import unquote, urlparse

from pyramid import renderers
from pyramid.httpexceptions import HTTPException

# Its fonts have Chinese glyphs, in order of preference (Debian: fonts-noto-cjk).
STYLESHEET = os.path.join(os.path.dirname(__file__), 'static', 'printable.css')
OFFICIAL = os.path.join(os.path.dirname(__file__), 'static', 'official.css')     # GB/T 9704
TEMPLATES = os.path.join(os.path.dirname(__file__), 'templates', 'public')


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the libraries it needs (Pango) are missing."""


def render(request, template, values, stylesheet=STYLESHEET):
    """The PDF bytes of ``template`` rendered with ``values`` and laid out
    by ``stylesheet`` (the printable handbook's by default)."""
    try:
        import weasyprint
    except OSError as exc:        # WeasyPrint is installed, Pango is not
        raise PdfUnavailable(str(exc)) from exc
    html = renderers.render(template, values, request=request)
    with open(stylesheet, encoding='utf-8') as f:
        stylesheet = weasyprint.CSS(string=f.read())
    return weasyprint.HTML(string=html, base_url=request.application_url,
                           url_fetcher=_fetcher(weasyprint, request)).write_pdf(stylesheets=[stylesheet])


def _fetcher(weasyprint, request):
    """WeasyPrint's fetcher for this request's PDF (see the module)."""
    from pyramid.traversal import find_resource

    from .views import require_published
    from .views.items import attachment_at
    site = request.application_url.rstrip('/') + '/'

    class SiteFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            path, download, subpath = urlparse(url).path.partition('/@@download/')
            if not url.startswith(site) or not download:
                raise ValueError(f'not fetched while making a PDF: {url}')
            try:
                item = require_published(find_resource(request.root, path))   # still URL-quoted, as it wants
                file = attachment_at(item, [unquote(p) for p in subpath.split('/')])
            except (KeyError, HTTPException) as exc:
                raise ValueError(f'no published file at {url}') from exc
            return weasyprint.urls.URLFetcherResponse(url, file.read(), {'Content-Type': file.content_type})
    return SiteFetcher(allowed_protocols=set())


@functools.cache
def layout_version():
    """A fingerprint of how PDFs look (the printable stylesheet and the
    templates): a kept PDF made with another layout is made again."""
    digest = hashlib.sha256()
    for path in [STYLESHEET, OFFICIAL] + sorted(glob.glob(os.path.join(TEMPLATES, '*.pt'))):
        with open(path, 'rb') as f:
            digest.update(f.read())
    return digest.hexdigest()[:8]


def cached(request, name, make):
    """The bytes of ``var/cache/<name>-<layout>.pdf``, made with ``make()``
    when missing (written atomically: processes may race, never half-write)."""
    folder = os.path.join(request.registry.settings['var'], 'cache')
    path = os.path.join(folder, f'{name}-{layout_version()}.pdf')
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        pass
    data = make()
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix='.tmp')
    with os.fdopen(fd, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)
    return data


def unavailable(request):
    """The 503 page when PDFs cannot be made here (no Pango)."""
    from .views import edit_template
    request.response.status = 503
    return renderers.render_to_response(edit_template('message'), {
        'title': 'PDF 暂不可用', 'message': '服务器缺少生成 PDF 所需的组件（Pango），请联系管理员；可先打印网页。'},
        request=request, response=request.response)
