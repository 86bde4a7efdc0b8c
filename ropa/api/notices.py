"""``ropa policy scan``: read notices, detect their disclosure elements, and check them.

Each notice becomes a :class:`~ropa.check.report.PolicyScan` (what was found in it and the
findings of the notice rules); a run is one :class:`~ropa.check.report.Report` of kind
``scan``, whose ``to_dict`` is the ``--format json`` document (schemas/policy.schema.json).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ropa.check.notices import scan_document
from ropa.check.report import PolicyScan, Report
from ropa.check.selection import check_codes, check_config
from ropa.read.config import Config, load_config
from ropa.read.notice.facts import Detector, Extractor
from ropa.read.notice.reading import DEFAULT_MAX_BYTES, policy_files, read_policy

#: Below this many notices a run stays in one process (starting workers costs more).
PARALLEL_FROM = 24


def _auto_jobs(count: int) -> int:
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, count // (PARALLEL_FROM // 2)))


def _scan_one(path: Path, language: str | None, max_bytes: int, config: Config) -> PolicyScan:
    """One notice with the default detector and extractor (what a worker process runs)."""
    document = read_policy(path, language=language, max_bytes=max_bytes)
    return scan_document(document, config=config)


def scan_paths(
    paths: Iterable[str | Path],
    *,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    config: Config | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    detector: Detector | None = None,
    extractor: Extractor | None = None,
    jobs: int | None = None,
) -> Report:
    """Read and scan every notice named (folders expanded, sorted).

    Each notice uses the configuration found beside it (``ropa.toml`` or a ``pyproject.toml``
    with ``[tool.ropa]``) unless ``config`` is given; ``select`` and ``ignore`` apply on top.
    Many notices are scanned by ``jobs`` worker processes (default: one per CPU, up to 8,
    from 24 notices on; 1 means in this process); the report is in the same order either way.
    A given detector or extractor always runs in this process.
    Raises ``PolicyReadError`` for the first notice (in order) that cannot be read and
    ``ConfigError`` for an invalid configuration file.
    """
    check_codes(select or (), "--select")
    check_codes(ignore or (), "--ignore")
    files = policy_files(paths)
    configs: dict[Path, Config] = {}
    settings: list[Config] = []
    for path in files:
        if config is None:
            if path.parent not in configs:
                configs[path.parent] = load_config(path)
                check_config(configs[path.parent])
            base = configs[path.parent]
        else:
            base = config
        settings.append(base.with_cli(select, ignore))
    workers = _auto_jobs(len(files)) if jobs is None or jobs < 1 else jobs
    report = Report(kind="scan")
    if workers > 1 and detector is None and extractor is None:
        # The first notice here: it loads the lexicons and language models, which forked
        # workers then inherit instead of loading them each.
        report.add_scan(_scan_one(files[0], language, max_bytes, settings[0]))
        rest = files[1:]
        chunk = max(1, len(rest) // (workers * 4))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for scan in pool.map(
                _scan_one,
                rest,
                [language] * len(rest),
                [max_bytes] * len(rest),
                settings[1:],
                chunksize=chunk,
            ):
                report.add_scan(scan)
        return report
    for path, settings_for_path in zip(files, settings, strict=True):
        document = read_policy(path, language=language, max_bytes=max_bytes)
        report.add_scan(
            scan_document(
                document, config=settings_for_path, detector=detector, extractor=extractor
            )
        )
    return report
