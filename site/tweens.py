"""A tween that answers 400 to requests WebOb cannot read: URLs that are
not valid UTF-8, and forms in another charset or malformed.

WebOb decodes the path, the query and the posted form lazily, so a request
for ``/%FF`` or a form sent as ``charset=gbk`` would otherwise fail deep
inside a view or template, or in the CSRF check, with a 500.
"""
from pyramid.response import Response
from pyramid.tweens import INGRESS

from .refusals import refusal_page

BAD_URL_PAGE = refusal_page('网址有误', '网址中含有无法识别的字符，请检查链接后重试。')
BAD_FORM_PAGE = refusal_page('提交的内容无法识别', '表单应以 UTF-8 提交，且格式完整；请返回上一页重新提交。')
_FORMS = ('application/x-www-form-urlencoded', 'multipart/form-data')


def readable_requests_factory(handler, registry):
    def readable_requests(request):
        try:
            request.path_info  # noqa: B018 -- decoding is the check
            request.GET.items()
        except UnicodeDecodeError:
            return Response(BAD_URL_PAGE, status=400, content_type='text/html', charset='utf-8')
        if request.method == 'POST' and request.content_type in _FORMS:
            try:
                request.POST.items()
            except (DeprecationWarning, UnicodeDecodeError, ValueError):
                # WebOb refuses a charset other than UTF-8 with a DeprecationWarning.
                return Response(BAD_FORM_PAGE, status=400, content_type='text/html', charset='utf-8')
        return handler(request)
    return readable_requests


def includeme(config):
    config.add_tween('camra.site.tweens.readable_requests_factory', under=INGRESS)
