"""After questions, follow-ups, feedback and searches carrying personal numbers in the issue's spellings go
through a real server, neither the audit DB (every column; SQLite and PostgreSQL) nor the access log holds any of
those numbers."""

from __future__ import annotations

import logging
import socket
import threading
import time

import httpx

NUMBERS = {  # digits → spellings people use
    "11010519491231002X": ["110105 1949 1231 002X", "110105.1949.1231.002X", "１１０１０５１９４９１２３１００２Ｘ",
                           "110105-19491231-002X", "1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X"],
    "13800138000": ["138.0013.8000", "138—0013—8000", "1 3 8 0 0 1 3 8 0 0 0", "+86 138 0013 8000", "１３８００１３８０００"],
    "6222020200001234567": ["622202 0200001234567", "6222.0202.0000.1234.567", "6222 0202 0000 1234 567",
                            "６２２２０２０２００００１２３４５６７"],
}
TEMPLATES = ["我的身份证号{n}，和解协议不履行怎么办？", "对方电话{n}不接，能申请恢复执行吗", "他的银行卡{n}里有钱，能执行吗？"]


def _digits(text: str) -> str:
    return "".join(ch for ch in text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
                   if ch.isdigit() or ch == "X")


def _leaks(text: str | None) -> list[str]:
    flat = _digits(text or "")
    return [n for n in NUMBERS if n in flat or n[2:] in flat]


class KeepLines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def test_audit_db_and_access_log_hold_no_personal_number(service, web_settings, audit_backend):
    import uvicorn

    from assistant.api import create_app

    audit = audit_backend.open()
    app = create_app(service, audit=audit, settings=web_settings)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    access_log = KeepLines()  # after uvicorn's logging set-up, which replaces the logger's handlers
    logging.getLogger("uvicorn.access").addHandler(access_log)
    base = f"http://127.0.0.1:{port}"
    sent = 0
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            for i, spelling in enumerate(s for ss in NUMBERS.values() for s in ss):
                template = TEMPLATES[i % len(TEMPLATES)]
                history = [{"role": "user", "content": template.format(n=spelling)},
                           {"role": "assistant", "content": "请说明具体情况。"}]
                r = http.post("/api/ask", json={"question": "那" + template.format(n=spelling), "history": history})
                assert r.status_code == 200
                fb = http.post("/api/feedback", json={"answer_id": r.json()["id"], "rating": "not_helpful",
                                                      "comment": f"联系我 {spelling}"})
                assert fb.status_code == 200
                assert http.get("/api/search", params={"q": template.format(n=spelling)}).status_code == 200
                sent += 1
    finally:
        server.should_exit = True
        thread.join(10)
        logging.getLogger("uvicorn.access").removeHandler(access_log)
    audit.close()
    assert sent == sum(len(v) for v in NUMBERS.values())
    stored = audit_backend.open()
    for table in ("exchanges", "feedback"):
        rows = stored.rows(table)  # every column
        assert len(rows) >= sent
        for row in rows:
            for cell in row.values():
                if isinstance(cell, str):
                    assert not _leaks(cell), (table, cell)
    stored.close()
    searches = [ln for ln in access_log.lines if "/api/search" in ln]
    assert len(searches) == sent
    for line in access_log.lines:
        assert not _leaks(line), line
