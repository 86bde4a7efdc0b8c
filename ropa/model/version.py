"""The version of ropa and the name it is published under, in one place.

The build reads ``__version__`` from here (``[tool.hatch.version]`` in pyproject.toml). The
distribution is ``ropa-gdpr`` because ``ropa`` on PyPI is an unrelated project; the import
name and the command stay ``ropa``.
"""

__version__ = "0.1.0"

#: The name on PyPI: ``pipx install ropa-gdpr``.
DISTRIBUTION = "ropa-gdpr"

#: Where a finding's tool is described (SARIF ``informationUri``).
PROJECT_URL = f"https://pypi.org/project/{DISTRIBUTION}/"
