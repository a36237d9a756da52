"""Where the pages of one release (or of the draft) link to, and what they show around their text."""
from camra.content import reading
from camra.content.releases import FrozenSection

DRAFT = 'draft'     # what @@compare calls the working draft


class Place:
    """Where the pages of one release (or of the draft) link to."""

    def __init__(self, request, handbook, release):
        self.request, self.handbook, self.release = request, handbook, release
        # The draft and the current release are read at /handbook/..., older ones below their slug.
        self._base = handbook if release is None or release is handbook.current_release() else release

    def home(self):
        return self.request.resource_url(self._base)

    def url(self, section, *elements):
        """The URL of ``section`` (a section or its name) in this release."""
        name = section if isinstance(section, str) else name_of(section)
        return self.request.resource_url(self._base, name, *(elements or ('',)))

    def sections(self):
        if self.release is not None:
            return list(self.release.sections)
        return self.handbook.sections()

    def toc(self):
        """``[(section, url, [(child, url)])]``."""
        return [(top, self.url(top), [(c, self.url(c)) for c in children])
                for top, children in reading.toc(self.sections())]

    def switcher(self, name=None):
        """``[(release, url, is this one)]``: the same section (or the
        contents) in every release, newest first."""
        entries = []
        for release in reversed(self.handbook.all_releases()):
            place = Place(self.request, self.handbook, release)
            target = release.section(name) if name else None
            entries.append((release, place.url(target) if target else place.home(), release is self.release))
        return entries


def name_of(section):
    """The URL name of a draft section or a released one."""
    return section.name if isinstance(section, FrozenSection) else section.__name__


def chrome(place, name=None):
    """What every handbook page shows around its text: the release, the
    switcher, and (on older releases) the way to the current one."""
    current = place.handbook.current_release()
    current_url = None
    if current is not None:
        in_current = Place(place.request, place.handbook, current)
        current_url = in_current.url(name) if name and current.section(name) else in_current.home()
    return {'handbook': place.handbook, 'release': place.release, 'current': current,
            'switcher': place.switcher(name), 'current_url': current_url}


def frozen_copy(section):
    """A draft section as a released one would be (for the pages and
    comparisons that treat the draft as a release)."""
    return FrozenSection(section.__name__, section.number, section.title, section.body)
