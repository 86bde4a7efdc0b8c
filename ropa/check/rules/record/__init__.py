"""The rules of ``ropa check``. Importing this package registers every rule module."""

from ropa.check.rules.record import (  # noqa: F401 - imported for their @rule registrations
    dpia,
    housekeeping,
    lawful_basis,
    organisation,
    processors,
    retention,
    special,
    structure,
    transfers,
)
