"""``camra import``, ``camra reindex`` and ``camra restore`` killed with
SIGKILL at random moments (seeded): no process of theirs lives on, nothing
holds the database, and what they did is all or nothing."""
import json
import random
import signal
import subprocess
import sys
import time

import pytest

BASE, MORE = 300, 3000      # items there before; items the killed import brings
# When to kill (seconds after starting): Python starts in about 0.9 s, then
# each command works for about as long as the range goes on (measured here).
MOMENTS = {'import': (0.8, 2.5), 'reindex': (0.8, 2.3), 'restore': (0.85, 1.1)}


def news(first, count):
    return ''.join(json.dumps({'type': 'news', 'id': f'n{n}', 'title': f'资讯{n}', 'date': '2024-01-01',
                               'body': f'第{n}条资讯的正文，' * 30}, ensure_ascii=False) + '\n'
                   for n in range(first, first + count))


def descendants(pid):
    """Every process under ``pid`` (children, their children...)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f'/proc/{parent}/task/{parent}/children') as f:
                children = [int(c) for c in f.read().split()]
        except OSError:
            children = []
        found += children
        todo += children
    return found


def alive(pid):
    try:
        with open(f'/proc/{pid}/stat') as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError:
        return False


def kill_at(args, seconds):
    """Run ``camra *args`` and SIGKILL it after ``seconds``; return the pids
    of its processes then."""
    process = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', *map(str, args)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    pids = [process.pid] + descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return pids


def items(cli, tmp_path):
    """How many items the database holds (exporting it needs it unlocked)."""
    out = tmp_path / 'export.jsonl'
    assert cli('export', out) == 0, 'the database is still locked'
    return sum(1 for line in out.read_text(encoding='utf-8').splitlines() if '"type": "news"' in line)


@pytest.fixture
def site(cli, tmp_path):
    first = tmp_path / 'base.jsonl'
    first.write_text(news(1, BASE), encoding='utf-8')
    assert cli('import', first) == 0
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize('command', ['import', 'reindex', 'restore'])
def test_a_command_killed_at_random_moments_leaves_no_process_no_lock_and_all_or_nothing(command, site, cli,
                                                                                         tmp_var):
    rng = random.Random(f'kill {command}')
    more = site / 'more.jsonl'
    more.write_text(news(BASE + 1, MORE), encoding='utf-8')
    backups = site / 'backups'
    if command == 'restore':
        assert cli('backup', backups) == 0          # holds BASE items
        assert cli('import', more) == 0             # the database now holds BASE + MORE
    args = {'import': ['import', more], 'reindex': ['reindex', '--procs', '2'], 'restore': ['restore', backups]}
    before = items(cli, site)
    for _ in range(3):
        pids = kill_at(args[command], rng.uniform(*MOMENTS[command]))
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in pids):
            assert time.monotonic() < deadline, f'a process of camra {command} outlived it'
            time.sleep(0.05)
        assert (tmp_var / 'Data.fs').exists()
        now = items(cli, site)
        allowed = {'import': {BASE, BASE + MORE}, 'reindex': {before}, 'restore': {BASE, BASE + MORE}}
        assert now in allowed[command], (command, now)
    assert cli(*args[command]) == 0             # and it still does its work
    assert items(cli, site) == {'import': BASE + MORE, 'reindex': before, 'restore': BASE}[command]
