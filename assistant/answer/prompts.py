"""Prompts live as files in prompts/, loaded by name; each carries a version recorded in every answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    text: str

    def sections(self) -> dict[str, str]:
        """`[key]` headed sections (refusal.md holds several messages per language)."""
        parts = re.split(r"^\[([\w.]+)\]\s*$", self.text, flags=re.M)
        return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


@lru_cache(maxsize=None)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.md"
    if not path.exists():
        raise FileNotFoundError(f"prompt {name!r} not found in {directory}")
    raw = path.read_text(encoding="utf-8")
    meta: dict = {}
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        meta = yaml.safe_load(raw[4:end]) or {}
        raw = raw[end + 5 :]
    return Prompt(name=meta.get("name", name), version=str(meta.get("version", name)), text=raw.strip())


def prompt_versions(*names: str) -> str:
    return "+".join(load_prompt(n).version for n in names)
