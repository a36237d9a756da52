"""Login throttling: failures per key in a sliding window."""
from camra.site.throttle import Throttle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_limit_th_failure_makes_the_key_wait_until_the_first_leaves_the_window():
    clock = Clock()
    throttle = Throttle(limit=3, window=60, clock=clock)
    for _ in range(2):
        throttle.count('account:rev')
        clock.now += 10
    assert throttle.wait('account:rev') == 0
    throttle.count('account:rev')              # third failure at t+20
    assert throttle.wait('account:rev') == 41    # the first (t+0) leaves at t+60
    clock.now += 41
    assert throttle.wait('account:rev') == 0


def test_one_keys_failures_do_not_hold_back_another():
    throttle = Throttle(limit=2, window=60, clock=Clock())
    throttle.count('account:rev', 'address:10.0.0.1')
    throttle.count('account:rev', 'address:10.0.0.1')
    assert throttle.wait('account:rev') > 0 and throttle.wait('address:10.0.0.1') > 0
    assert throttle.wait('account:editor', 'address:10.0.0.2') == 0
    # Several keys asked at once: the longest wait of them.
    assert throttle.wait('account:editor', 'address:10.0.0.1') > 0


def test_success_forgets_the_failures():
    throttle = Throttle(limit=2, window=60, clock=Clock())
    throttle.count('account:rev')
    throttle.forget('account:rev')
    throttle.count('account:rev')
    assert throttle.wait('account:rev') == 0


def test_old_failures_are_forgotten_so_memory_does_not_grow():
    clock = Clock()
    throttle = Throttle(limit=5, window=60, clock=clock)
    throttle.count('address:10.0.0.1')
    clock.now += 61
    assert throttle.wait('address:10.0.0.1') == 0
    assert throttle._failures == {}
