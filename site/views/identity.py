"""What every site answers at its root besides pages: the favicon, the
association's logo, and robots.txt."""
import functools
import importlib.resources
import os

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from camra.content.root import SiteRoot

from ..headers import DOWNLOAD_POLICY

DAY = 24 * 3600
LOGO_TYPES = {'.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml'}


@functools.cache
def _static(name):
    return importlib.resources.files('camra.site').joinpath('static', name).read_bytes()


@view_config(context=SiteRoot, name='favicon.ico')
def favicon(context, request):
    """The icon browsers ask for by this name whatever the page says."""
    return Response(_static('favicon.ico'), content_type='image/x-icon', cache_control=f'public, max-age={DAY}')


@view_config(context=SiteRoot, name='robots.txt')
def robots(context, request):
    """Everything public may be indexed; the edit views are not for robots."""
    text = ('User-agent: *\nDisallow: /*@@\nDisallow: /login\n'
            f'Sitemap: {request.resource_url(context, "sitemap.xml")}\n')
    return Response(text, content_type='text/plain', charset='utf-8')


def logo_file(settings):
    """The path and type of the logo named by ``site.logo``, or None when
    there is none (the layout then draws an emblem of the short name)."""
    path = (settings.get('site.logo') or '').strip()
    kind = LOGO_TYPES.get(os.path.splitext(path)[1].lower())
    return (path, kind) if path and kind and os.path.isfile(path) else None


@view_config(context=SiteRoot, name='logo')
def logo(context, request):
    """The association's logo file (``site.logo``)."""
    found = logo_file(request.registry.settings)
    if found is None:
        raise HTTPNotFound()
    path, kind = found
    with open(path, 'rb') as f:
        body = f.read()
    response = Response(body, content_type=kind, cache_control=f'public, max-age={DAY}')
    if kind == 'image/svg+xml':
        # An SVG may carry script: shown as an image it never runs, opened alone it must not.
        response.headers['Content-Security-Policy'] = DOWNLOAD_POLICY
    return response
