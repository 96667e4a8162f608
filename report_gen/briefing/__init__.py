"""The Word briefing after GB/T 9704: its page presets, styles as a table, the writer, the contents page, the 简报 form.

The public interface: `briefing_bytes(report, narrative, charts)` returns the
.docx; `read_word_template(path, styles)` reads an organisation's Word
template for it.
"""

from .document import briefing_bytes, briefing_document, wants_contents
from .template import WordTemplate, WordTemplateError, read_word_template

__all__ = ["WordTemplate", "WordTemplateError", "briefing_bytes", "briefing_document", "read_word_template", "wants_contents"]
