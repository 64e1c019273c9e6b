"""`jupyter safeai scan`: find PHI, secrets and genomic identifiers in files before they are shared.

The same engine that guards prompts checks notebooks, code and tables in a
pre-commit hook or CI. Reports name the file, cell, line, column, severity and kind
of each finding with a masked value — never the value — so a report (or a SARIF
file uploaded to a CI service) does not itself leak what it found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..scan.allow import Baseline
from ..scan.dataframe import scan_dataframe
from ..scan.engine import scan_text
from ..scan.entities import SEVERITIES
from ..scan.files import SUFFIXES, Report, TableScanner, apply_baseline, scan_paths, update_baseline
from ..scan.finding import CATEGORIES
from ..scan.notebook import TextScanner
from ..scan.severity import at_least
from .console import error, plural
from .report import RENDERERS, summary_line

EPILOG = """\
severity:
  high    direct identifiers: SSN, MRN, health-plan and account numbers, a person's
          phone, e-mail or address, secrets; a name, date or place near a patient cue
          or a direct identifier
  medium  a name alone, genomic identifiers, device and licence numbers
  low     weak signals: a lone date, a URL, a city; any finding scored below 0.5

accepting a false positive:
  a comment on the finding's line   # safeai: allow
                                    # safeai: allow=PERSON,US_SSN
                                    <!-- safeai: allow -->   -- safeai: allow
  or a baseline file                --update-baseline .safeai-baseline.json once,
                                    then --baseline .safeai-baseline.json

Cells and outputs are numbered from 1, as JupyterLab shows cells; nbformat 3 and 4
notebooks are read.

exit status:
  0  every file read, no finding at or above --fail-on
  1  findings at or above --fail-on, or a file (or part of one) that could not be read
     while others were: the report lists both
  2  usage error, or no file could be read at all
"""


def add_parser(sub: Any, name: str, help_text: str) -> None:
    parser = sub.add_parser(
        name, help=help_text,
        description="Scan files for PHI, secrets and genomic identifiers.\n"
        "Reports show where each finding is and a masked value, never the value itself.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help=f"files ({' '.join(sorted(SUFFIXES))}) or directories")
    parser.add_argument("--format", choices=tuple(RENDERERS), default="table",
                        help="report format (default: %(default)s)")
    parser.add_argument("--fail-on", choices=(*SEVERITIES, "none"), default="high",
                        help="exit 1 when a finding has this severity or higher "
                        "(default: %(default)s; see below)")
    parser.add_argument("--baseline", metavar="FILE", type=Path,
                        help="accept the findings recorded in FILE (e.g. .safeai-baseline.json)")
    parser.add_argument("--update-baseline", metavar="FILE", type=Path,
                        help="record the current findings in FILE (entries of files not "
                        "scanned now are kept), then report what it does not accept")
    parser.add_argument("--never-accept", metavar="CATEGORY", choices=CATEGORIES,
                        action="append", default=[],
                        help="policy: findings of this category (phi, secret, genomic) cannot "
                        "be accepted by markers or a baseline; repeatable")
    parser.add_argument("--output", metavar="FILE", type=Path,
                        help="write the report to FILE instead of standard output")
    parser.set_defaults(handler=run)


def exit_code(report: Report, fail_on: str) -> int:
    """0 clean, 1 findings at the threshold or a file not read, 2 nothing read at all."""
    if report.errors and not report.files_scanned:
        return 2
    failing = fail_on != "none" and any(at_least(f.severity, fail_on) for f in report.findings)
    return int(failing or bool(report.errors))


def run(args: argparse.Namespace, scanner: TextScanner = scan_text,
        table_scanner: TableScanner = scan_dataframe) -> int:
    """The command; `scanner` and `table_scanner` are the engine (tests pass their own)."""
    forbidden = frozenset(args.never_accept)
    baseline = None
    if args.baseline is not None:
        try:
            baseline = Baseline.load(args.baseline)
        except (OSError, ValueError) as exc:
            error(f"cannot read baseline {args.baseline}: {getattr(exc, 'strerror', None) or exc}")
            return 2

    report = scan_paths(args.paths, forbidden, scanner=scanner, table_scanner=table_scanner)
    for path, why in report.errors:
        error(f"cannot scan {path}: {why}")

    if args.update_baseline is not None:
        try:
            baseline = update_baseline(report, args.update_baseline, forbidden, report.files)
        except (OSError, ValueError) as exc:
            error(f"cannot update baseline {args.update_baseline}: "
                  f"{getattr(exc, 'strerror', None) or exc}")
            return 2
        error(f"baseline {args.update_baseline} now holds "
              f"{plural(len(baseline), 'entry', 'entries')}")
    if baseline is not None:
        apply_baseline(report, baseline, forbidden)

    text = RENDERERS[args.format](report)
    if args.output is not None:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            error(f"cannot write {args.output}: {exc.strerror}")
            return 2
        print(summary_line(report))
    else:
        sys.stdout.write(text)
    return exit_code(report, args.fail_on)
