"""GR1xx: several workbooks checked together (a group's entities, each with its workbook)."""

from ropa.check.rule import collect
from ropa.check.rules.group import conflicts

RULES = collect(conflicts)
