"""Command line: python -m etl {build,validate,info} [--db PATH].

Exit status: 0 success; 1 the input files have problems (all listed); 2 bad command line;
3 the database is missing or cannot be opened or written.
"""

from __future__ import annotations

import argparse
import sys
import time

from etl.paths import DATA_DIR, DB_ENV_VAR, display_path, resolve_db_path
from etl.problems import InputError

EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE = 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${DB_ENV_VAR}, else data/lending.duckdb)",
    )
    parser = argparse.ArgumentParser(prog="python -m etl", description="Lendscope data pipeline")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", parents=[common], help="validate data/ and build the database")
    build.add_argument("--data", metavar="DIR", help="input folder (default: data/)")
    validate = commands.add_parser("validate", parents=[common], help="check data/ without building")
    validate.add_argument("--data", metavar="DIR", help="input folder (default: data/)")
    commands.add_parser("info", parents=[common], help="what the database holds")
    coverage = commands.add_parser("coverage", parents=[common], help="periods, publishers and gaps per series")
    coverage.add_argument("--series", metavar="PATTERN", help="only series ids matching (* wildcard)")
    return parser


def _data_dir(args):
    from pathlib import Path

    return Path(args.data).resolve() if getattr(args, "data", None) else DATA_DIR


def cmd_build(args) -> int:
    from etl.build import build

    build(resolve_db_path(args.db), _data_dir(args))
    return 0


def cmd_validate(args) -> int:
    from etl.inputs import read_inputs
    from etl.validate import validate

    t0 = time.perf_counter()
    inputs = read_inputs(_data_dir(args))
    problems = validate(inputs)
    if problems:
        raise InputError(problems)
    rows = sum(len(t.rows) for t in inputs.observations)
    events = sum(len(t.rows) for t in inputs.events)
    print(
        f"OK: {len(inputs.files)} files, {rows} observations, {events} events, "
        f"{len(inputs.sources)} sources, {len(inputs.catalogue['series'])} series "
        f"({time.perf_counter() - t0:.2f} s)"
    )
    return 0


def cmd_info(args) -> int:
    from etl.database import connect_read_only
    from etl.info import describe

    path = resolve_db_path(args.db)
    con = connect_read_only(path)
    try:
        print(describe(con, path))
    finally:
        con.close()
    return 0


def cmd_coverage(args) -> int:
    from etl.coverage import report
    from etl.database import connect_read_only

    con = connect_read_only(resolve_db_path(args.db))
    try:
        print(report(con, args.series))
    finally:
        con.close()
    return 0


COMMANDS = {"build": cmd_build, "validate": cmd_validate, "info": cmd_info, "coverage": cmd_coverage}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from etl.database import DatabaseUnavailable

    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_INPUT
    except DatabaseUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except OSError as exc:
        print(f"error: {exc.strerror or exc} ({display_path(exc.filename) if exc.filename else ''})", file=sys.stderr)
        return EXIT_DATABASE


if __name__ == "__main__":
    sys.exit(main())
