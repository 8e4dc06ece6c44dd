"""Moved to assistant.text.numerals (the one text layer); this name stays so that existing imports keep working."""

from assistant.text.numerals import (DIGITS, FULLWIDTH, NUMERAL_CHARS, NUMERAL_RE, UNITS, parse_numeral,  # noqa: F401
                                     to_chinese)
