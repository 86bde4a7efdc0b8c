"""Legal facts the checks rely on, in one place to import them from.

Countries and the EEA (:mod:`ropa.model.countries`), adequacy decisions
(:mod:`ropa.model.adequacy`), supervisory authorities (:mod:`ropa.model.authorities`), the
national rules under the GDPR's opening clauses (:mod:`ropa.model.national_law`) and where
each data file's facts come from (:mod:`ropa.model.provenance`).
"""

from __future__ import annotations

from ropa.model.adequacy import AdequacyDecision, adequacy, adequacy_decisions
from ropa.model.authorities import (
    Authority,
    authorities,
    find_authority,
    supervisory_authorities,
)
from ropa.model.countries import (
    InternationalOrganisation,
    country_choices,
    country_code,
    country_name,
    destination,
    eea_territories,
    international_organisation,
    international_organisations,
    is_eea,
    member_state,
)
from ropa.model.national_law import (
    ChildConsentAge,
    CriminalDataRule,
    NationalIdRule,
    child_consent_age,
    criminal_data_rule,
    national_id_rule,
)
from ropa.model.provenance import Provenance, legal_provenance, oldest_verification, provenance

__all__ = [
    "AdequacyDecision",
    "Authority",
    "ChildConsentAge",
    "CriminalDataRule",
    "InternationalOrganisation",
    "NationalIdRule",
    "Provenance",
    "adequacy",
    "adequacy_decisions",
    "authorities",
    "child_consent_age",
    "country_choices",
    "country_code",
    "country_name",
    "criminal_data_rule",
    "destination",
    "eea_territories",
    "find_authority",
    "international_organisation",
    "international_organisations",
    "is_eea",
    "legal_provenance",
    "member_state",
    "national_id_rule",
    "oldest_verification",
    "provenance",
    "supervisory_authorities",
]


def data_source(name: str) -> tuple[str, str]:
    """``(source, verified date)`` of ``ropa/data/legal/<name>.json``, for documentation."""
    found = provenance(f"legal/{name}.json")
    return found.source, found.verified_on or found.compiled
