"""Word documents as a place to review: kaplint's findings written back as Word comments.

``kaplint review`` reads the same findings as ``kaplint check`` and writes them into a copy of
the writer's own .docx (or a new .docx made from a Markdown, text or HTML page) as comments
anchored on exactly the words each finding is about, with a first comment on the title that
sums the document up.
"""
