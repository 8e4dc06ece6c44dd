"""The corpus stays current: the manifest matches the statutes, and every text names only what the manifest holds.

Texts are the commentary notes, the navigator's and the deadline calculator's rules (their strings and the
provisions they cite) and the prompts. A name is found the way the citation guard finds it; the version it
points at comes from the name itself (a superseded title or 文号) or from a year written with it.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass

import pytest

from assistant.answer.deadlines import EVENTS
from assistant.answer.navigator import rule_set
from assistant.answer.prompts import PROMPTS_DIR
from assistant.corpus.currency import CurrencyManifest, check_against, load_manifest
from assistant.corpus.parse import CorpusError
from assistant.corpus.registry import LawRegistry
from assistant.corpus.rules import NAVIGATOR_TEXT_FILE, load_navigator_rules
from assistant.guard.names import name_index
from assistant.guard.tokenize import fold
from assistant.settings import REPO_ROOT

RULE_FILES = ("assistant/answer/deadlines.py",)

# A sentence that names an old text on purpose says so (旧条号, 修正前, 2017年文本的…, was renumbered, superseded …).
SAYS_OLD = re.compile(r"旧|原文|原条文|原第|原规定|修正前|修改前|修订前|此前|以前|当时|曾|已被|废止|失效|改为|沿革|历史|取代|替代|"
                      r"条号|文本中|文本的|被修|前身|就已|早在|年施行的|即现行|现行为|"
                      r"superseded|former|old|earlier|previous|repealed|replaced|renumber|no longer|until|numbering|"
                      r"now art", re.I)
# Words that present a bill as still on its way to becoming law.
CALLS_PENDING = re.compile(r"尚未通过|尚未成为|审议中|正在审议|仍在审议|尚在审议|待审议|有待通过|即将通过|即将出台|"
                           r"\bpending\b|not yet (?:been )?(?:passed|enacted|adopted)|has not been enacted|"
                           r"(?<!no longer )under (?:review|deliberation)|awaiting (?:adoption|passage)", re.I)
SAYS_TERMINATED = re.compile(r"终止|terminated", re.I)
SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]|\n|$)|(?<=\. )[^.]+")


@dataclass(frozen=True)
class Text:
    where: str  # file, and the field or section
    text: str
    is_question: bool = False  # a user's question a note answers: it may say anything


def _sentence(text: str, start: int, end: int) -> str:
    ends = ("。", "！", "？", "；", "!", "?", ";", "\n", ". ")
    lo = max(text.rfind(c, 0, start) for c in ends) + 1
    hi = min([i for i in (text.find(c, end) for c in ends) if i >= 0] or [len(text)])
    return text[lo:hi]


def _texts(registry: LawRegistry) -> list[Text]:
    out: list[Text] = []
    for n in registry.notes:
        for field in ("title", "title_en", "conclusion", "conclusion_en", "body"):
            out.append(Text(f"corpus/commentary/{n.source_file} [{field}]", getattr(n, field)))
        out.extend(Text(f"corpus/commentary/{n.source_file} [asks]", q, True) for q in n.asks + n.asks_en)
    for path in sorted(PROMPTS_DIR.glob("*.md")):
        for i, part in enumerate(re.split(r"^\[[\w.]+\]\s*$", path.read_text(encoding="utf-8"), flags=re.M)):
            out.append(Text(f"prompts/{path.name} [section {i}]", part))
    for section, entries in load_navigator_rules().texts.items():
        out.extend(Text(f"corpus/{NAVIGATOR_TEXT_FILE} [{section}.{id_}]", t) for id_, pair in entries.items()
                   for t in pair)
    for rel in RULE_FILES:
        tree = ast.parse((REPO_ROOT / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3:
                out.append(Text(f"{rel}:{node.lineno}", node.value))
    return out


@pytest.fixture(scope="module")
def manifest(corpus_dir) -> CurrencyManifest:
    return load_manifest(corpus_dir)


@pytest.fixture(scope="module")
def texts(registry) -> list[Text]:
    return _texts(registry)


def test_manifest_matches_the_statutes(manifest, registry):
    assert check_against(manifest, registry) == []


def test_every_text_names_an_instrument_the_manifest_holds_in_a_current_version(manifest, registry, texts):
    idx = name_index(registry)
    problems = []
    for t in texts:
        for m in idx.find_mentions(t.text, fold(t.text)):
            sentence = _sentence(t.text, m.start, m.end)
            if m.law_id is None:
                named = manifest.named_instrument(m.name)
                if named is None:
                    problems.append(f"{t.where}: names {m.name!r}, which the manifest does not hold")
                elif named.status == "repealed" and not SAYS_OLD.search(sentence):
                    problems.append(f"{t.where}: names the repealed {named.title} without saying so: {sentence!r}")
                continue
            held = manifest.versions(m.law_id)
            if not held:
                problems.append(f"{t.where}: names {m.name!r} ({m.law_id}), which the manifest does not hold")
                continue
            version = m.version
            if version is None and m.year is not None:
                lv = registry.version_for_year(m.law_id, m.year)
                version = lv.version if lv else None
            entry = manifest.version(m.law_id, version) if version else None
            if version and entry is None:
                problems.append(f"{t.where}: names {m.name!r} in a version ({version}) the manifest does not hold")
            elif entry and entry.status == "superseded" and not (m.historical or t.is_question or SAYS_OLD.search(sentence)):
                problems.append(f"{t.where}: names the superseded {entry.title} ({entry.version}) as if current: "
                                f"{sentence!r}")
    assert not problems, "\n".join(problems)


def test_named_instruments_agree_with_the_guards_outside_instruments(manifest, registry):
    """The guard knows repealed and superseded instruments outside the corpus (corpus/outside); where the manifest
    names one too, both must say it is not law."""
    checked = 0
    for inst in registry.outside.values():
        if inst.status not in ("repealed", "superseded"):
            continue
        named = next((manifest.named_instrument(n) for n in (inst.short_name, inst.title, *inst.names)
                      if manifest.named_instrument(n) is not None), None)
        if named is not None:
            checked += 1
            assert named.status in ("repealed", "superseded"), inst.title
    assert checked >= 1


def test_rules_cite_only_instruments_in_force(manifest, registry):
    cited = {law_id for _, (law_id, _) in rule_set().provisions()}
    cited |= {law_id for rule in EVENTS.values() for law_id, _ in rule.provisions}
    for law_id in cited:
        statuses = {v.status for v in manifest.versions(law_id)}
        assert "in_force" in statuses, f"a rule cites {law_id}, which the manifest holds in no version in force"


def test_the_terminated_draft_is_never_called_pending(manifest, registry, texts):
    """Every text that names the 2022 draft says its review was terminated; none calls it pending."""
    drafts = {v.law_id for v in manifest.held if v.status == "terminated_draft"}
    assert drafts, "the manifest lists the terminated 2022 draft"
    idx = name_index(registry)
    problems = []
    by_unit: dict[str, list[Text]] = {}
    for t in texts:
        by_unit.setdefault(t.where.split(" [")[0] if t.where.startswith("corpus/") else t.where, []).append(t)
    for unit, parts in by_unit.items():
        named = [t for t in parts if any(m.law_id in drafts for m in idx.find_mentions(t.text, fold(t.text)))]
        statements = [t for t in named if not t.is_question]
        if statements and not any(SAYS_TERMINATED.search(t.text) for t in parts if not t.is_question):
            problems.append(f"{unit}: names the draft without saying its review was terminated")
        for t in statements:
            for m in idx.find_mentions(t.text, fold(t.text)):
                if m.law_id in drafts and CALLS_PENDING.search(_sentence(t.text, m.start, m.end)):
                    problems.append(f"{t.where}: calls the draft pending: {_sentence(t.text, m.start, m.end)!r}")
    assert not problems, "\n".join(problems)


def test_no_corpus_or_prompt_file_calls_the_draft_pending():
    """A plain scan of every file under corpus/ and prompts/ (the statute stub included), sentence by sentence."""
    offenders = []
    for path in [*(REPO_ROOT / "corpus").rglob("*.md"), *PROMPTS_DIR.glob("*.md")]:
        for sentence in SENTENCE.findall(path.read_text(encoding="utf-8")):
            if re.search(r"草案|draft", sentence, re.I) and CALLS_PENDING.search(sentence) and \
                    not sentence.rstrip().endswith(("？", "?")):
                offenders.append(f"{path.relative_to(REPO_ROOT)}: {sentence.strip()}")
    assert not offenders, "\n".join(offenders)


# ----- the check itself fails when it should ------------------------------------------------------------------

@pytest.fixture
def corpus_copy(tmp_path, corpus_dir):
    dst = tmp_path / "corpus"
    shutil.copytree(corpus_dir, dst, ignore=shutil.ignore_patterns("embedding-cache"))
    return dst


def _edit_manifest(corpus_copy, old: str, new: str) -> None:
    path = corpus_copy / "manifest.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_manifest_missing_a_version_is_reported(corpus_copy, registry):
    _edit_manifest(corpus_copy, '      - {version: "2015-02-04", doc_number: 法释〔2015〕5号, status: superseded}\n', "")
    problems = check_against(load_manifest(corpus_copy), registry)
    assert any("民诉法解释 2015-02-04 is in the corpus but not in the manifest" in p for p in problems), problems


def test_manifest_with_a_wrong_status_or_doc_number_is_reported(corpus_copy, registry):
    _edit_manifest(corpus_copy, "{version: \"2015-02-04\", doc_number: 法释〔2015〕5号, status: superseded}",
                   "{version: \"2015-02-04\", doc_number: 法释〔2015〕6号, status: in_force}")
    problems = check_against(load_manifest(corpus_copy), registry)
    assert any("the manifest says in_force" in p for p in problems) and any("文号" in p for p in problems)


def test_malformed_manifest_is_a_corpus_error(corpus_copy):
    (corpus_copy / "manifest.yaml").write_text("held: [unclosed\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="invalid YAML"):
        load_manifest(corpus_copy)
    (corpus_copy / "manifest.yaml").write_text("held:\n  - {law_id: cpl, versions: [{version: '2024-01-01', status: maybe}]}\n",
                                               encoding="utf-8")
    with pytest.raises(CorpusError, match="status"):
        load_manifest(corpus_copy)


def test_a_note_naming_a_superseded_version_as_current_fails(manifest, registry):
    idx = name_index(registry)
    text = "依据2017年民事诉讼法第二百二十五条，当事人可以提出执行异议。"
    [m] = [m for m in idx.find_mentions(text, fold(text)) if m.law_id == "cpl"]
    lv = registry.version_for_year("cpl", m.year)
    assert manifest.version("cpl", lv.version).status == "superseded"
    assert not SAYS_OLD.search(_sentence(text, m.start, m.end))
    said_old = "2017年民事诉讼法第二百二十五条是旧条号，现行为第二百三十六条。"
    assert SAYS_OLD.search(said_old)


def test_pending_wording_is_caught():
    assert CALLS_PENDING.search("民事强制执行法草案尚未通过")
    assert CALLS_PENDING.search("The draft Civil Enforcement Law is pending before the NPC Standing Committee.")
    assert not CALLS_PENDING.search("The draft is no longer under review.")
