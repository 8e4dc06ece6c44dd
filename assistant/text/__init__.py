"""The one text layer every stage reads text through: numerals, dates, language, the glossary of legal terms
and the list of other legal systems. It imports nothing else of the assistant."""
