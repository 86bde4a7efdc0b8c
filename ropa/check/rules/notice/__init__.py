"""PN1xx and PN2xx: a published privacy notice against Art. 13 and 14.

Each rule gets a :class:`~ropa.check.views.notice.NoticeView`: the notice, the elements found
in it with their evidence lines, and the entities extracted.
"""

from ropa.check.rule import collect
from ropa.check.rules.notice import details, processing, rights

RULES = collect(processing, rights, details)
