"""The ``camra`` console script (the commands are in ``camra.site.commands``)."""
import sys

from .commands import main

__all__ = ['main']

if __name__ == '__main__':
    sys.exit(main())
