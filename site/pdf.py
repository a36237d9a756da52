"""Pages as PDF (WeasyPrint), with fonts that show Chinese.

The page is rendered from its template as for a browser, then laid out by
WeasyPrint. Nothing is fetched while doing so (no network, no files): the
stylesheet (``static/printable.css``, which browsers get as a file, so no
page needs inline styles) is handed to WeasyPrint as text.
"""
import os
import tempfile

from pyramid import renderers

# Its fonts have Chinese glyphs, in order of preference (Debian: fonts-noto-cjk).
STYLESHEET = os.path.join(os.path.dirname(__file__), 'static', 'printable.css')


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the libraries it needs (Pango) are missing."""


def render(request, template, values):
    """The PDF bytes of ``template`` rendered with ``values``."""
    try:
        import weasyprint
    except OSError as exc:        # WeasyPrint is installed, Pango is not
        raise PdfUnavailable(str(exc)) from exc
    html = renderers.render(template, values, request=request)
    with open(STYLESHEET, encoding='utf-8') as f:
        stylesheet = weasyprint.CSS(string=f.read())
    return weasyprint.HTML(string=html, base_url=request.application_url,
                           url_fetcher=_no_fetching).write_pdf(stylesheets=[stylesheet])


def _no_fetching(url, timeout=10, ssl_context=None):
    raise ValueError(f'not fetched while making a PDF: {url}')


def cached(request, name, make):
    """The bytes of ``var/cache/<name>.pdf``, made with ``make()`` when
    missing (written atomically: processes may race, never half-write)."""
    folder = os.path.join(request.registry.settings['var'], 'cache')
    path = os.path.join(folder, f'{name}.pdf')
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
