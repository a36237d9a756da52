"""Ranking: every match scored, field by field, with NumPy.

A document's score for a query is made of:

- **each field apart** (BM25F: each field with its own weight and length
  normalisation, their frequencies added before one saturation): a term in
  the title weighs ``FIELD_WEIGHTS['title']`` times a term in the body, a
  short title that is the query's subject more than a long one that merely
  contains it, and a text that keeps coming back to the words more than one
  that mentions them once;
- **coverage**: the share of the query's terms (weighed by how rare each
  is) that the document holds, squared, so that items with every word come
  before items with some of them; a clause written another way (synonyms)
  counts as found when any of its ways is;
- **side by side**: the bigrams that join clauses typed side by side
  (``会费 标准`` -> ``费标``) add to items where they are side by side;
  within a clause this is what its own bigrams do;
- **the type's weight** (handbook sections and standards above notices by
  default: they are the reference texts), a factor set in the settings;
- **exact matches**: an item whose title is the query (punctuation and
  spaces folded), or whose document number or code is the one typed, gets
  ``EXACT`` added, so it comes first.

Items of equal score come newest first. Nothing is left unscored: the
first page is always the best of all matches, however many there are.
"""
import math

import numpy as np

from .analysis import is_cjk
from .fields import SCORED_FIELDS

K1 = 2.0
FIELD_WEIGHTS = {'title': 2.0, 'number': 4.0, 'headings': 1.5, 'body': 1.0}
FIELD_B = {'title': 0.75, 'number': 0.5, 'headings': 0.5, 'body': 0.5}
TOGETHER_WEIGHT = 0.5
COVERAGE_POWER = 2
EXACT = 1000.0


class Scores:
    """The scores of one query over a ``View``: ``docnums`` of every match
    and their ``scores``."""

    def __init__(self, docnums, scores):
        self.docnums, self.scores = docnums, scores


def score(view, parsed, weights=None, fields=SCORED_FIELDS):
    """Score every document of ``view`` that matches ``parsed`` (a
    non-empty ``ParsedQuery``); ``weights`` maps type hashes
    (``camra.search.fields.value_hash``) to factors."""
    words = {w for c in parsed.clauses + parsed.excluded for way in [c.terms] + [f for _, f in c.alternatives]
             for w in way} | set(parsed.together)
    view.prefetch(sorted(w for w in words if not (len(w) == 1 and is_cjk(w))), fields)
    size = view.size
    total = np.zeros(size, dtype=np.float32)
    coverage = np.zeros(size, dtype=np.float32)
    weight_sum = 0.0
    required = np.ones(size, dtype=bool)
    for clause in parsed.clauses:
        ways = [clause.terms] + [found for _, found in clause.alternatives]
        best_score, best_cover, clause_weight = None, None, 0.0
        for n, way in enumerate(ways):
            way_score, mass, mass_total = _bag(view, way, fields)
            cover = mass / mass_total if mass_total else mass
            if n == 0:
                clause_weight = mass_total
            if best_score is None:
                best_score, best_cover = way_score, cover
            else:
                np.maximum(best_score, way_score, out=best_score)
                np.maximum(best_cover, cover, out=best_cover)
        total += best_score
        coverage += clause_weight * best_cover
        weight_sum += clause_weight
        if clause.quoted:
            required &= best_cover >= 0.999
    if parsed.together:
        together, _, _ = _bag(view, parsed.together, fields)
        total += TOGETHER_WEIGHT * together
    coverage /= max(weight_sum, 1e-9)
    matched = (total > 0) & view.live & required
    exact = _exact(view, parsed)
    matched |= exact & view.live
    for clause in parsed.excluded:
        _, mass, mass_total = _bag(view, clause.terms, fields)
        if mass_total:
            matched &= mass < mass_total * 0.999
    docnums = np.flatnonzero(matched).astype(np.int32)
    final = total[docnums] * coverage[docnums] ** COVERAGE_POWER
    factor = _type_factor(view, weights, docnums)
    final *= factor
    final += exact[docnums] * EXACT * factor
    return Scores(docnums, final.astype(np.float32))


def _bag(view, words, fields):
    """``(score, mass, total)`` of a bag of terms: every document's BM25F
    score, the weight (idf) of the terms it holds, and the weight of all the
    terms."""
    size = view.size
    scores = np.zeros(size, dtype=np.float32)
    mass = np.zeros(size, dtype=np.float32)
    total = 0.0
    count = max(view.count, 1)
    for word in dict.fromkeys(words):
        postings = [(field, *_postings(view, field, word)) for field in fields]
        present = _holders([ids for _, ids, _ in postings if len(ids)], size)
        df = len(present)
        idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
        total += idf        # a term no one holds counts too: the query asked for it
        if not df:
            continue
        mass[present] += idf
        # BM25F: the fields' frequencies, each weighed and normalised by its
        # own length, add up before one saturation.
        weighted = np.zeros(size, dtype=np.float32)
        for field, ids, tf in postings:
            if len(ids):
                weighted[ids] += FIELD_WEIGHTS.get(field, 1.0) * tf / _length_norm(view, field, ids)
        found = weighted[present]
        scores[present] += idf * found * (K1 + 1) / (found + K1)
    return scores, mass, total


def _holders(id_arrays, size):
    """The documents in any of ``id_arrays`` (each sorted, without repeats),
    sorted: one array as it is, several through a mask (sorting their union
    costs a hundred times more on a big site)."""
    if len(id_arrays) == 1:
        return id_arrays[0]
    if not id_arrays:
        return np.zeros(0, dtype=np.int32)
    mask = np.zeros(size, dtype=bool)
    for ids in id_arrays:
        mask[ids] = True
    return np.flatnonzero(mask).astype(np.int32)


def _length_norm(view, field, ids):
    b = FIELD_B.get(field, 0.75)
    return 1 - b + b * view.lengths[field][ids] / view.average[field]


def _postings(view, field, word):
    """A term's postings; a single Chinese character stands for every
    bigram it starts and for itself alone (the last of a run)."""
    if len(word) != 1 or not is_cjk(word):
        return view.postings(field, word)
    return view.prefix_postings(field, word)


def _exact(view, parsed):
    """Documents whose title key or number keys are the query's."""
    found = np.zeros(view.size, dtype=bool)
    if parsed.title_key:
        found[view.postings('titlekey', parsed.title_key)[0]] = True
    for key in parsed.keys:
        found[view.postings('numkey', key)[0]] = True
    return found


def _type_factor(view, weights, docnums):
    factor = np.ones(len(docnums), dtype=np.float32)
    types = view.type[docnums]
    for type_hash, weight in (weights or {}).items():
        factor[types == type_hash] = weight
    return factor
