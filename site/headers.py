"""Security headers on every response, whoever made it (a view, the page
cache, a 304 in front of the router, the 400 for a host not accepted).

Pages carry no inline script or style, so the policy allows none: a script
that got into a page could not run. No page may be framed by another site
(``frame-ancestors`` and the older ``X-Frame-Options``), types are never
sniffed, and other sites are told only our origin, never a path that may
name a draft. HSTS is sent only when the site runs behind HTTPS
(``session.secure``): over plain HTTP it would be ignored, and on a
developer's ``localhost`` it must not stick. A response that set one of
these itself (a download's sandbox) keeps its own.
"""
CONTENT_SECURITY_POLICY = '; '.join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",     # Markdown may show an image from another HTTPS site
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
# An uploaded file opened in the browser runs nothing and reaches nothing.
DOWNLOAD_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
HSTS = 'max-age=31536000'

HEADERS = (
    ('Content-Security-Policy', CONTENT_SECURITY_POLICY),
    ('X-Frame-Options', 'DENY'),
    ('X-Content-Type-Options', 'nosniff'),
    ('Referrer-Policy', 'strict-origin-when-cross-origin'),
)


class SecurityHeaders:
    """WSGI middleware adding ``HEADERS`` (and HSTS if ``https``) to every
    response that does not set them itself."""

    def __init__(self, app, https=False):
        self.app, self.registry = app, app.registry
        self.headers = HEADERS + ((('Strict-Transport-Security', HSTS),) if https else ())

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            added = [(name, value) for name, value in self.headers if name.lower() not in present]
            return start_response(status, list(headers) + added, exc_info)
        return self.app(environ, start)
