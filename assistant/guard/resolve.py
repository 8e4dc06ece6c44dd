"""Step 2: resolve each citation against the registry: which law, which version, which versions have it.

>>> from assistant.guard import default_registry, extract_citations
>>> reg = default_registry()
>>> [(r.law_id, r.version) for r in resolve_citations(extract_citations("2017年民事诉讼法第二百三十三条", reg), reg)]
[('cpl', '2017-07-01')]
"""

from __future__ import annotations

from assistant.corpus.registry import LawRegistry, paragraph_and_item_exist
from assistant.guard.claims import facts_cache
from assistant.guard.names import name_index
from assistant.guard.records import Citation, Resolved


def resolve_citations(citations: list[Citation], registry: LawRegistry) -> list[Resolved]:
    """One Resolved per citation, in the same order."""
    return [resolve_one(c, registry) for c in citations]


def resolve_one(c: Citation, registry: LawRegistry) -> Resolved:
    mention = c.law
    if mention is None or mention.law_id is None or mention.law_id not in registry.laws:
        outside = name_index(registry).outside_of(mention.name) if mention is not None else None
        inst = registry.outside.get(outside) if outside else None
        return Resolved(citation=c, law_id=None, law_title=inst.title if inst else None,
                        status=inst.status if inst else None, version=None, outside=outside)
    fc = facts_cache(registry)
    law = registry.law(mention.law_id)
    current = fc.current(law.law_id)
    version = mention.version
    if mention.year is not None and version is None:
        earlier = _predecessor_for_year(registry, law.law_id, mention.year)
        if earlier is not None:  # 2015年拒执罪解释: the text of that year is the superseded one outside the corpus
            return Resolved(citation=c, law_id=None, law_title=earlier.title, status=earlier.status, version=None,
                            outside=earlier.id)
    if version is None and mention.year is not None:
        v = registry.version_for_year(law.law_id, mention.year)
        if v is not None and v.articles:
            version = v.version
    named_in_force = version is not None and version == current
    if named_in_force:
        version = None
    if c.article is None:
        return Resolved(citation=c, law_id=law.law_id, law_title=law.title, status=law.status, version=version)
    exists_in: list[str] = []
    article_in_any: list[str] = []
    for v in fc.versions(law.law_id):
        art = fc.article(law.law_id, c.article, v, c.suffix)
        if art is not None:
            article_in_any.append(v)
            if paragraph_and_item_exist(art, c.paragraph, c.item):
                exists_in.append(v)
    uncovered = False
    total = registry.partial_totals.get(law.law_id)
    if total and not article_in_any and 1 <= c.article <= total and c.paragraph is None and c.item is None:
        uncovered = True
    return Resolved(citation=c, law_id=law.law_id, law_title=law.title, status=law.status, version=version,
                    exists_in=tuple(exists_in), article_in_any=tuple(article_in_any), uncovered=uncovered,
                    named_in_force=named_in_force)


def _predecessor_for_year(registry: LawRegistry, law_id: str, year: int):
    """The instrument outside the corpus that a year names, when the law's corpus texts all start later and its
    one predecessor outside the corpus was in force that year; else None."""
    first = min((v.effective for v in registry.law(law_id).versions if v.articles), default=None)
    if first is None or year >= first.year:
        return None
    found = [inst for inst in registry.outside.values() if inst.successor == law_id and inst.effective
             and inst.repealed and inst.effective.year <= year < inst.repealed.year]
    return found[0] if len(found) == 1 else None  # the 民法典 replaced many laws: a year alone names none of them
