"""A scripted OpenAI-compatible chat endpoint on 127.0.0.1: the real ``POST /v1/chat/completions`` protocol over
plain HTTP (a JSON body, or server-sent ``chat.completion.chunk`` events ending in ``data: [DONE]`` when the
request says ``"stream": true``), answering like a careless model: each question in its script gets a fixed
draft, citations and mistakes included, whatever the prompt asks. The app talks to it through its own
``ASSISTANT_LLM_*`` settings and langchain-openai, so everything between the app and the wire is the real code.

    with ScriptedLLM({"执行回转应当由哪个法院裁定？": "…"}) as llm:
        Settings(llm_provider="openai", llm_base_url=llm.base_url, llm_model=llm.model, llm_api_key=llm.api_key)
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from dataclasses import dataclass, field

# how the draft is cut into streamed chunks: an English word with its space, a number, or two characters
_CHUNK = re.compile(r"[A-Za-z]+[ \t]*|\d+|\s+|[^\sA-Za-z\d]{1,2}")


@dataclass
class Request:
    """One request the endpoint received, for tests to look at."""

    path: str
    authorization: str | None
    body: dict
    received_at: float = field(default_factory=time.perf_counter)

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def prompt(self) -> str:
        return "\n".join(str(m.get("content", "")) for m in self.body.get("messages", []) if m.get("role") == "user")


@dataclass
class ScriptedLLM:
    """``script``: question → the draft the model gives for it (the first question the prompt contains wins).

    ``first_chunk_s``: the delay before the first streamed chunk (a model's time to first token);
    ``chunk_s``: the delay between chunks."""

    script: dict[str, str]
    model: str = "careless-1"
    api_key: str = "sk-scripted-test"
    first_chunk_s: float = 0.0
    chunk_s: float = 0.0
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self):
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "ScriptedLLM":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def draft_for(self, prompt: str) -> str:
        if "Standalone question:" in prompt:  # the condense prompt: give the last message back
            return prompt.rsplit("Last message:", 1)[-1].split("Standalone question:", 1)[0].strip()
        question = prompt.split("问题 / QUESTION:", 1)[-1]
        for asked, draft in self.script.items():
            if asked in question:
                return draft
        return "我不确定。"

    @staticmethod
    def chunks(draft: str) -> list[str]:
        return _CHUNK.findall(draft)


def _handler_for(llm: ScriptedLLM):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            """Quiet: the test output is the place for assertions, not a request log."""

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                return self._json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            req = Request(self.path, self.headers.get("Authorization"), body)
            llm.requests.append(req)
            if req.authorization != f"Bearer {llm.api_key}":
                return self._json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                                  "code": "invalid_api_key"}})
            draft = llm.draft_for(req.prompt)
            created = int(time.time())
            ident = f"chatcmpl-{len(llm.requests)}"
            if not req.stream:
                return self._json(200, {
                    "id": ident, "object": "chat.completion", "created": created, "model": llm.model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": draft}, "logprobs": None,
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": len(req.prompt), "completion_tokens": len(draft),
                              "total_tokens": len(req.prompt) + len(draft)}})
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

            def event(delta: dict, finish: str | None = None, usage: dict | None = None) -> None:
                chunk = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": llm.model,
                         "system_fingerprint": None,
                         "choices": [] if usage else [{"index": 0, "delta": delta, "logprobs": None,
                                                       "finish_reason": finish}]}
                if usage:
                    chunk["usage"] = usage
                self._chunk(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n")

            time.sleep(llm.first_chunk_s)
            event({"role": "assistant", "content": ""})
            for i, piece in enumerate(ScriptedLLM.chunks(draft)):
                if i:
                    time.sleep(llm.chunk_s)
                event({"content": piece})
            event({}, finish="stop")
            if (body.get("stream_options") or {}).get("include_usage"):
                event({}, usage={"prompt_tokens": len(req.prompt), "completion_tokens": len(draft),
                                 "total_tokens": len(req.prompt) + len(draft)})
            self._chunk("data: [DONE]\n\n")
            self._chunk("")  # the last, empty chunk of a chunked body

        def _chunk(self, text: str) -> None:
            data = text.encode("utf-8")
            self.wfile.write(f"{len(data):x}\r\n".encode("ascii") + data + b"\r\n")
            self.wfile.flush()

        def _json(self, status: int, obj: dict) -> None:
            data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler
