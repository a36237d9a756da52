"""Demo content for a new site started with ``camra serve``."""
import importlib.resources

from .actions import SYSTEM, ImportRecords
from .importers import Parsed
from .jsonl import read_records
from .loader import prepare
from .releases import release_first


def load_demo(site):
    """Import the shipped demo (``data/demo.jsonl``) into ``site``; its
    handbook is released as V1.0, announced by its notice."""
    text = importlib.resources.files('camra.content').joinpath('data/demo.jsonl').read_text('utf-8')
    site['handbook'].version = 'V1.0'
    parsed = Parsed('jsonl', read_records(text.splitlines()))
    [(_, _, counts)] = ImportRecords(site, SYSTEM, [('demo.jsonl', parsed, prepare(parsed.records))]).execute()
    release_first(site, 'V1.0')
    return counts
