"""The cross-check between a published privacy notice (Art. 13/14) and the record (Art. 30).

``ropa check WORKBOOK --policy NOTICE`` (and any notice the Organisation sheet names as a file
beside the workbook) reads the notice with :mod:`ropa.read.notice`, maps both sides onto shared
vocabularies (purposes, data categories, data subjects) and runs the ``XC1xx`` rules.
The modules load the policy code only when a notice is involved, so ``ropa check`` without
one stays as fast as before.
"""
