"""Published privacy notices: read them, detect their language and check them against Art. 13/14.

``ropa policy scan`` reads a notice (text, Markdown, a saved web page, PDF or Word), finds its
sections, detects which of the Art. 13/14 disclosure elements it contains (with the lines that
disclose them) and reports what is missing. The modules are imported on use: reading a PDF or
a Word file only loads pypdf or python-docx when such a file is given.
"""
