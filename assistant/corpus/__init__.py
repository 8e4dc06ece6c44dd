"""Corpus stage: parse normalized statutes and commentary notes into records; the law registry; the concordance."""
