"""Renderers of check results: text (rich), JSON and SARIF. Pure functions of a Report."""
