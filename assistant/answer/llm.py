"""The LLM composer: any OpenAI-compatible endpoint or Ollama via langchain, answering only from context."""

from __future__ import annotations

from collections.abc import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer.prompts import load_prompt
from assistant.corpus.registry import LawRegistry
from assistant.models import Hit
from assistant.settings import Settings


class LLMUnavailable(RuntimeError):
    """The endpoint failed; the caller falls back to the grounded composer and says so."""


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    if settings.llm_provider == "none":
        return None
    if not settings.llm_model:
        raise ValueError("ASSISTANT_LLM_MODEL must be set when ASSISTANT_LLM_PROVIDER is not 'none'")
    if settings.llm_provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                          api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed",
                          timeout=settings.llm_timeout_s, max_retries=0, temperature=0)
    from langchain_ollama import ChatOllama

    return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or "http://127.0.0.1:11434", temperature=0)


def render_context(hits: list[Hit], registry: LawRegistry) -> str:
    """Numbered context blocks; retrieved text is data, fenced so instructions inside it stay inert."""
    blocks = []
    for i, h in enumerate(hits, 1):
        if h.kind == "article":
            law = registry.law(h.law_id)
            head = f"[{i}] 《{law.title}》第{h.article}条（{h.version}，{'现行' if h.status == 'in_force' else h.status}）"
        else:
            note = registry.notes_by_id[h.note_id]
            cites = "、".join(f"《{registry.law(c.law_id).title}》第{c.article}条" for c in note.cites)
            head = f"[{i}] 评注：{note.title}（依据：{cites}；{'学说' if note.kind != 'law' else '现行法'}）"
        blocks.append(f"{head}\n<<<\n{h.text}\n>>>")
    return "\n\n".join(blocks)


class LLMComposer:
    def __init__(self, model: BaseChatModel, registry: LawRegistry, model_name: str = "llm"):
        self.model = model
        self.registry = registry
        self.name = f"llm:{model_name}"

    def _messages(self, question: str, lang: str, hits: list[Hit], findings: str | None = None):
        system = load_prompt("system").text
        answer = load_prompt("answer").text.format(context=render_context(hits, self.registry), question=question,
                                                   language="English" if lang == "en" else "中文")
        if findings:
            answer += ("\n\n上一稿的引用有误，请改正后重写（只能引用资料中的条文）/ Your previous draft had citation errors; "
                       "rewrite it citing only provisions in the context:\n" + findings)
        return [SystemMessage(system), HumanMessage(answer)]

    def compose(self, question: str, lang: str, hits: list[Hit], findings: str | None = None) -> str:
        try:
            return str(self.model.invoke(self._messages(question, lang, hits, findings)).content)
        except Exception as exc:  # network, auth, timeouts: all mean "use the grounded composer"
            raise LLMUnavailable(f"{exc.__class__.__name__}: {exc}") from exc

    def stream(self, question: str, lang: str, hits: list[Hit]) -> Iterator[str]:
        try:
            for chunk in self.model.stream(self._messages(question, lang, hits)):
                if chunk.content:
                    yield str(chunk.content)
        except Exception as exc:
            raise LLMUnavailable(f"{exc.__class__.__name__}: {exc}") from exc

    def condense(self, history: list[dict], question: str) -> str:
        convo = "\n".join(f"{t['role']}: {t['content']}" for t in history)
        prompt = load_prompt("condense").text.format(history=convo, question=question)
        try:
            out = str(self.model.invoke([HumanMessage(prompt)]).content).strip()
        except Exception as exc:
            raise LLMUnavailable(str(exc)) from exc
        return out or question
