"""Templates first used by several requests at once are compiled one at a
time (CPython 3.11's AST converter fails when two threads compile at once)."""
import threading
import time

from chameleon import PageTemplate
from chameleon.template import BaseTemplate

from camra.site import template_compiling


def test_templates_are_compiled_one_at_a_time(monkeypatch):
    template_compiling.includeme(None)
    running, most = [0], [0]
    compile_ = BaseTemplate._compile

    def slow_compile(self, *args, **kwargs):
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.02)        # long enough for the other threads to arrive
        try:
            return compile_(self, *args, **kwargs)
        finally:
            running[0] -= 1
    monkeypatch.setattr(BaseTemplate, '_compile', slow_compile)
    rendered = []

    def first_use(n):
        rendered.append(PageTemplate(f'<p>模板{n}：${{n}}</p>')(n=n))
    threads = [threading.Thread(target=first_use, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(rendered) == sorted(f'<p>模板{n}：{n}</p>' for n in range(6))
    assert most[0] == 1
