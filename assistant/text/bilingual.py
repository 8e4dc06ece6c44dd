"""An error said in Chinese and English: what every stage raises for bad input (a date that does not exist,
contradictory facts, an unknown event), so that the API and the CLI report it the same way."""

from __future__ import annotations


class BilingualError(ValueError):
    """``str(err)`` gives both languages; ``err.message(lang)`` one; ``err.to_dict()`` is what the API returns.

    >>> BilingualError("日期不存在。", "No such date.", code="invalid_date").to_dict()
    {'error': 'invalid_date', 'message_zh': '日期不存在。', 'message_en': 'No such date.'}
    """

    code = "invalid_input"

    def __init__(self, zh: str, en: str, *, code: str | None = None):
        self.zh = zh
        self.en = en
        if code:
            self.code = code
        super().__init__(f"{zh} / {en}")

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def to_dict(self) -> dict:
        return {"error": self.code, "message_zh": self.zh, "message_en": self.en}
