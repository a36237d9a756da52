"""A tween that answers 400 to URLs that are not valid UTF-8.

WebOb decodes the path and query lazily, so a request for ``/%FF`` would
otherwise fail deep inside a view or template with a 500.
"""
from pyramid.response import Response
from pyramid.tweens import INGRESS

BAD_URL_PAGE = ('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">'
                '<title>网址有误</title><h1>网址有误</h1>'
                '<p>网址中含有无法识别的字符，请检查链接后重试。</p><p><a href="/">返回首页</a></p></html>')


def utf8_urls_factory(handler, registry):
    def utf8_urls(request):
        try:
            request.path_info  # noqa: B018 -- decoding is the check
            request.GET.items()
        except UnicodeDecodeError:
            return Response(BAD_URL_PAGE, status=400, content_type='text/html', charset='utf-8')
        return handler(request)
    return utf8_urls


def includeme(config):
    config.add_tween('camra.site.tweens.utf8_urls_factory', under=INGRESS)
