"""A new version of the handbook file, merged into the draft section by section."""
from ..loader import apply, materialise, record_update
from ..naming import unique_name
from ..releases import release_first


def import_version(site, prepared, label='', who='import'):
    """Import a handbook file's records (``loader.Prepared``) into the site.

    Before the first release, the sections are imported like any records
    and released as ``label`` (the seed handbook becomes V1.0). Afterwards
    the file is the next version of the draft: each section is matched to
    a draft section (same number and title; else the same title, moved;
    else the same number, retitled), changed sections get a revision, new
    ones are added, and draft sections the file no longer has go to the
    recycle bin; so comparing the draft with the current release shows
    what the file changed. Returns the loader's counts (plus ``removed``).
    """
    handbook = site['handbook']
    sections = [p for p in prepared if p.info.name == 'handbook_section']
    others = [p for p in prepared if p.info.name != 'handbook_section']
    if not handbook.current_release():
        counts = apply(site, prepared, who)
        if label:
            handbook.version = label
        release_first(site, label)
        return {**counts, 'removed': 0}
    counts = {**apply(site, others, who), 'removed': 0}
    unmatched = {s.__name__: s for s in handbook.values()}
    values_of = {id(p): materialise(p.values) for p in sections}
    matched = {}
    for rule in (lambda s, v: s.number == v['number'] and s.title == v['title'],
                 lambda s, v: s.title == v['title'],
                 lambda s, v: s.number == v['number']):
        for p in sections:
            if id(p) in matched:
                continue
            found = [s for s in unmatched.values() if rule(s, values_of[id(p)])]
            if len(found) == 1:
                matched[id(p)] = found[0]
                del unmatched[found[0].__name__]
    for p in sections:
        values = values_of[id(p)]
        item = matched.get(id(p))
        if item is None:
            handbook.add(unique_name(handbook, p.info.make_name(values)), p.info.cls(**values))
            counts['added'] += 1
        elif record_update(item, values, who):
            counts['updated'] += 1
        else:
            counts['unchanged'] += 1
    for item in unmatched.values():
        site.trash.put(item, who)
        counts['removed'] += 1
    if label:
        handbook.version = label
    return counts
