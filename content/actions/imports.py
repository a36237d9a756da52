"""ImportRecords: files read by the importers, written all or nothing."""
from ..changes import watching
from ..importers.handbook_version import import_version
from ..loader import ImportFailed, apply
from .base import Action, ActionError


class ImportRecords(Action):
    """Write ``files``, a list of ``(name, parsed, prepared)`` (a file's
    name, what ``importers.read_file`` made of it, and its records as
    ``loader.prepare`` checked them); returns ``[(name, kind, counts)]``.
    A handbook file is the next version of the handbook (``import_version``);
    anything else is matched to the items it updates (``loader.apply``)."""

    verb = 'import'

    def __init__(self, site, actor, files):
        super().__init__(site, actor)
        self.files = files

    def run(self):
        who = self.actor.name or 'import'
        done = []
        # The worklist follows every item this import wrote (content/worklist.py);
        # only these: a batch import runs one a file in a single transaction.
        with watching(self.site) as written:
            try:
                for name, parsed, prepared in self.files:
                    if parsed.kind == 'handbook':
                        counts = import_version(self.site, prepared, parsed.handbook_version, who=who)
                    else:
                        counts = apply(self.site, prepared, who=who)
                    done.append((name, parsed.kind, counts))
            except ImportFailed as exc:
                raise ActionError(f'未导入任何内容。\n{exc}') from None
        self.changed = sorted(written)
        added = sum(c['added'] for _, _, c in done)
        updated = sum(c['updated'] for _, _, c in done)
        self.detail = f'{len(done)} files: {added} added, {updated} updated'
        return done
