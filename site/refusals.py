"""The small pages of requests refused before any view runs (a URL too
long, a body too big, a URL or form that cannot be read): no template,
since nothing of the site may have been read yet."""


def refusal_page(title, message):
    """A whole HTML page saying ``title``, why (``message``) and where to go."""
    return ('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">'
            f'<title>{title}</title><h1>{title}</h1>'
            f'<p>{message}</p><p><a href="/">返回首页</a></p></html>')
