"""Reading an edited briefing back against its data: `report_gen check DOCUMENT --data DATA [--apply]`.

The briefing writes each figure's written form inside a bookmark named for
the figure (`ooxml.anchors`). `found` reads where the document prints each
figure now (through the bookmarks, and by their recorded context where an
editor removed one), `reading` reads each written form back as its figure
with the wording engine, `compare` lists the figures the document writes
otherwise than the data (a conflict when it writes one two ways), and
`apply` writes the document's values back into the data file
(`write_yaml`: targeted edits that keep every comment) or the spreadsheet
cell a figure came from (`write_sheet`). `check` is the command's library half.
"""
