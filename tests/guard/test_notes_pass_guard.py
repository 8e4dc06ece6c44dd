"""Our own commentary must pass our own guard: a note's conclusion is what the answer shows first, so a citation the
guard flags in it is a red chip on our own text (a false alarm the user sees, or a note that needs mending).

The one expected flag: a note about the 2022 draft names the draft, and the guard rightly says it is not law."""

from assistant.guard.report import check
from assistant.models import DRAFT_STATUSES


def _conclusions(registry):
    for note in registry.notes:
        yield note.id, "zh", note.conclusion
        if note.conclusion_en:
            yield note.id, "en", note.conclusion_en


def _flags(registry, text):
    out = []
    for c in check(text, registry).citations:
        if c.verdict == "valid":
            continue
        law = registry.laws.get(c.law_id) if c.law_id else None
        if c.verdict == "not_in_force" and law is not None and law.status in DRAFT_STATUSES:
            continue  # naming the draft as no law is what the note is for
        out.append(f"{c.citation.text}: {c.verdict} ({c.message})")
    return out


def test_every_note_conclusion_passes_the_guard(registry):
    failures = {}
    for note_id, lang, text in _conclusions(registry):
        flags = _flags(registry, text)
        if flags:
            failures[f"{note_id} [{lang}]"] = flags
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())


def test_the_check_can_fail(registry):
    """The same check flags a conclusion whose number is out of date or whose rule is reversed."""
    assert _flags(registry, "依照民事诉讼法第二百三十条，当事人可以自行和解。")
    assert _flags(registry, "根据《执行和解规定》第九条，被执行人不履行执行和解协议的，申请执行人不得就履行执行和解协议向执行法院提起诉讼。")

