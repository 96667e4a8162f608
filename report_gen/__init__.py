"""report_gen: a YAML file of reported figures → a GB/T 9704 Word briefing and a PowerPoint deck (see README.md)."""

__version__ = "0.1.0"
