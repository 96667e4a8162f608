"""The Word briefing after GB/T 9704: its page presets, styles as a table, the writer, the contents page.

The public interface: `briefing_bytes(report, narrative, charts)` returns the .docx.
"""

from .document import briefing_bytes, briefing_document, wants_contents

__all__ = ["briefing_bytes", "briefing_document", "wants_contents"]
