"""Demo content for a new site started with ``camra serve``."""
import importlib.resources

from .jsonl import import_lines


def load_demo(site):
    """Import the shipped demo (``data/demo.jsonl``) into ``site``."""
    text = importlib.resources.files('camra.content').joinpath('data/demo.jsonl').read_text('utf-8')
    site['handbook'].version = 'V1.0'
    return import_lines(site, text.splitlines())
