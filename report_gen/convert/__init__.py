"""Converting documents with LibreOffice, below the pipeline and the tools that use it.

`libreoffice` is the one place LibreOffice is found and run: a conversion
started afresh for each call (`convert_to_pdf`, `docx_to_pdf`), each program
in a process group of its own. `warm` keeps one LibreOffice listening for a
session (`serve`), driven through its UNO bridge by `uno_bridge`, a script
that Python with LibreOffice's `uno` module runs.
"""
