"""Command line: python -m etl {build,validate,info,query,find,figure,refresh,coverage,check} [--db PATH].

Exit status: 0 success; 1 the input files have problems (all listed); 2 bad command line;
3 the database is missing or cannot be opened or written; 4 a query was refused, failed or ran
out of time or memory; 5 an image cannot be rendered (no Chromium); refresh: 6 some sources failed, 7 all failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# polars' allocator (jemalloc) keeps freed pages resident for seconds by default: at 1e6 rows the
# read's buffers stayed under the transform's, +190 MB of the build's peak RSS (1,300 -> 1,115 MB).
# jemalloc reads this once, when polars loads: before the first import that loads polars.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")

from etl.paths import DATA_DIR, DB_ENV_VAR, display_path, resolve_db_path
from etl.problems import InputError

EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE, EXIT_QUERY = 1, 2, 3, 4


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
    query = commands.add_parser(
        "query", parents=[common], help="run one read-only SQL statement (or @name for queries/name.sql)"
    )
    query.add_argument("sql", help="SQL text, or @name to run the named query queries/name.sql")
    query.add_argument("--param", action="append", default=[], metavar="K=V", help="a parameter value (repeat)")
    query.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table")
    query.add_argument("--out", metavar="FILE", help="write the result to FILE (required for parquet)")
    query.add_argument("--timeout", type=float, metavar="S", help="time limit in seconds (default 5, at most 300)")
    query.add_argument("--max-rows", type=int, metavar="N", help="row cap (default and most 1,000,000)")
    find = commands.add_parser("find", parents=[common], help="which observations match a number (within rounding)")
    find.add_argument("number", help="e.g. 1575, 1.22万亿, 35.76 billion, 9.45%%")
    find.add_argument("--year", type=int, help="only periods ending in this year")
    find.add_argument("--unit", help="only observations in this unit (家, 亿元, %%, 人 …)")
    figure = commands.add_parser("figure", parents=[common], help="export a chart as PNG or SVG (needs Chromium)")
    figure.add_argument(
        "name", help="a figure spec (app/figures/specs.toml) or a series id, e.g. p2p_platforms_operating"
    )
    figure.add_argument("--format", choices=("png", "svg"), default="png")
    figure.add_argument("--lang", choices=("zh", "en"), default="en")
    figure.add_argument("--out", metavar="FILE", help="output file (default NAME.FORMAT)")
    refresh = commands.add_parser("refresh", parents=[common], help="fetch online sources, snapshot, rebuild")
    refresh.add_argument("--source", action="append", metavar="ID", help="only this source (repeat); default all")
    refresh.add_argument("--offline", action="store_true", help="fetch nothing; report what the snapshots hold")
    refresh.add_argument("--data", metavar="DIR", help="input folder (default: data/)")
    coverage = commands.add_parser("coverage", parents=[common], help="periods, publishers and gaps per series")
    coverage.add_argument("--series", metavar="PATTERN", help="only series ids matching (* wildcard)")
    coverage.add_argument(
        "--targets", action="store_true", help="only the issues' targets: met or not, what is missing"
    )
    coverage.add_argument("--data", metavar="DIR", help="folder holding coverage_targets.toml (default: data/)")
    check = commands.add_parser(
        "check", parents=[common], help="check every numeric claim of an article against the data"
    )
    check.add_argument("file", metavar="FILE", help="a text file (UTF-8 or GB18030), or - for standard input")
    check.add_argument("--date", metavar="YYYY-MM-DD", help="the article's date (resolves 'last year', 今年, 目前)")
    check.add_argument("--format", choices=("json", "md", "csv"), default="json")
    check.add_argument("--lang", choices=("zh", "en"), default="en", help="language of the Markdown report")
    return parser


def _data_dir(args) -> Path:
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
    rows = sum(len(t) for t in inputs.observations)
    events = sum(len(t) for t in inputs.events)
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
    from etl import targets
    from etl.coverage import report
    from etl.database import connect_read_only

    goals = targets.load_targets(_data_dir(args) / "coverage_targets.toml")
    con = connect_read_only(resolve_db_path(args.db))
    try:
        results = targets.evaluate(con, goals)
        if not args.targets:
            print(report(con, args.series))
            print()
        print(targets.report(results))
    finally:
        con.close()
    return 0


# Bounds of the query command's limits (a typo must not remove a limit, nor set an absurd one).
QUERY_MAX_TIMEOUT_SECONDS = 300.0
QUERY_MAX_ROWS = 1_000_000
QUERY_MAX_BYTES = 256 * 2**20


def _query_limits(args):
    """The query command's limits, validated: positive and capped, else a usage error."""
    from etl.named_queries import NamedQueryError
    from etl.sandbox import Limits

    defaults = Limits()
    timeout = defaults.timeout_seconds if args.timeout is None else args.timeout
    if not 0 < timeout <= QUERY_MAX_TIMEOUT_SECONDS:  # also refuses nan
        raise NamedQueryError(
            f"--timeout {args.timeout}: give seconds above 0 and at most {QUERY_MAX_TIMEOUT_SECONDS:g}"
        )
    rows = defaults.export_rows if args.max_rows is None else args.max_rows
    if not 1 <= rows <= QUERY_MAX_ROWS:
        raise NamedQueryError(f"--max-rows {args.max_rows}: give a row count from 1 to {QUERY_MAX_ROWS:,}")
    return Limits(timeout_seconds=timeout, display_rows=rows, export_rows=rows, display_bytes=QUERY_MAX_BYTES)


def cmd_query(args) -> int:
    from etl.isolation import WorkerPool
    from etl.named_queries import NamedQueryError, get
    from etl.output import write_frame
    from etl.sandbox import QueryError

    try:
        values = dict(_split_param(p) for p in args.param)
        if args.sql.startswith("@"):
            named = get(args.sql[1:])  # a name from queries/, never a path
            sql, params = named.sql, named.bind(values)
        else:
            sql, params = args.sql, (values or None)
        if args.format == "parquet" and not args.out:
            raise NamedQueryError("--format parquet needs --out FILE")
        limits = _query_limits(args)
    except NamedQueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    path = resolve_db_path(args.db)
    if not path.exists():
        from etl.database import BUILD_HINT, DatabaseUnavailable

        raise DatabaseUnavailable(f"no database at {display_path(path)}: {BUILD_HINT}")
    # The same isolation as the web console: a worker process with OS limits, one query.
    pool = WorkerPool(path, limits, size=1)
    try:
        result = pool.run(sql, params, max_rows=limits.export_rows)
    except QueryError as exc:
        print(f"error: query {exc.kind}: {exc}", file=sys.stderr)  # the full text (DuckDB's caret too)
        return EXIT_QUERY
    finally:
        pool.close()
    write_frame(result.frame, args.format, args.out)
    note = f"{result.frame.height} rows in {result.seconds:.3f} s"
    if result.truncated_by == "rows":
        note += f"; truncated at {result.row_cap} rows (--max-rows)"
    elif result.truncated_by == "bytes":
        note += f"; truncated: the result exceeds {QUERY_MAX_BYTES // 2**20} MB"
    print(note, file=sys.stderr)
    return 0


def _split_param(text: str) -> tuple[str, str]:
    from etl.named_queries import NamedQueryError

    if "=" not in text:
        raise NamedQueryError(f"--param {text!r}: expected NAME=VALUE")
    name, value = text.split("=", 1)
    return name.strip(), value


def cmd_find(args) -> int:
    from etl.database import connect_read_only
    from etl.finder import FINDER_SQL, FinderError, find
    from etl.output import format_number

    con = connect_read_only(resolve_db_path(args.db))
    try:
        frame = con.sql(FINDER_SQL).pl()
    finally:
        con.close()
    try:
        matches = find(frame, args.number, args.year, args.unit)
    except FinderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if matches.is_empty():
        print(f"No observation matches {args.number} within rounding.")
        return 0
    print(f"{matches.height} observation(s) match {args.number}:")
    for m in matches.iter_rows(named=True):
        qualifier = f" ({m['qualifier']})" if m["qualifier"] else ""
        print(
            f"\n  {format_number(m['value'])} {m['unit']}{qualifier}  read as {m['read_as']}\n"
            f"  {m['series_id']} · {m['series_name_zh']} / {m['series_name_en']}\n"
            f"  period {m['period_label']} · region {m['region']} · publisher {m['publisher_id']} ({m['publisher_zh']})"
            f" · reliability {m['reliability']}{' · derived' if m['derived'] else ''}\n"
            f'  source {m["source_url"]}\n  "{m["excerpt"][:160]}"'
        )
    return 0


def cmd_figure(args) -> int:
    from app.export import ImageExportUnavailable, image_bytes
    from app.figures import UnknownFigure, export_figure, run_spec
    from etl.database import connect_read_only

    con = connect_read_only(resolve_db_path(args.db))
    try:
        fig, meta = run_spec(con, args.name, args.lang)
    except UnknownFigure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        con.close()
    try:
        content = image_bytes(export_figure(fig, meta, args.lang), args.format)
    except ImageExportUnavailable as exc:
        print(f"error: cannot render the image: {exc}", file=sys.stderr)
        return EXIT_DATABASE + 2
    out = args.out or f"{args.name}.{args.format}"
    with open(out, "wb") as fh:
        fh.write(content)
    print(f"wrote {out} ({len(content):,} bytes)")
    return 0


def cmd_refresh(args) -> int:
    from etl.refresh import refresh

    try:
        report = refresh(resolve_db_path(args.db), _data_dir(args), args.source, args.offline)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    counts = {}
    for result in report.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"Refresh: {summary}" + (f"; rebuilt, build id {report.build_id}" if report.rebuilt else ""))
    return report.exit_code


def cmd_check(args) -> int:
    from etl.check import InputProblem, check
    from etl.check.match import Store
    from etl.check.report import to_csv, to_json, to_markdown
    from etl.check.text import decode
    from etl.database import connect_read_only
    from etl.periods import PeriodError, parse_date

    try:
        article_date = parse_date(args.date) if args.date else None
    except PeriodError as exc:
        print(f"error: --date: {exc}", file=sys.stderr)
        return EXIT_USAGE
    name = "standard input" if args.file == "-" else args.file
    limit = 4 * 1024 * 1024  # bytes read at most; the checker itself reads the first MAX_CHARS characters
    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            with open(args.file, "rb") as fh:
                raw = fh.read(limit + 1)
        text = decode(raw[:limit], name)
    except OSError as exc:
        print(f"error: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except InputProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    con = connect_read_only(resolve_db_path(args.db))
    try:
        store = Store.from_connection(con)
        build_id = con.sql("SELECT build_id FROM build_info").fetchall()[0][0]
    finally:
        con.close()
    try:
        result = check(text, store, article_date)
    except InputProblem as exc:
        print(f"error: {name}: {exc}", file=sys.stderr)
        return EXIT_INPUT
    for note in result.notes:
        print(f"note: {name}: {note}", file=sys.stderr)
    if len(raw) > limit:
        print(f"note: {name}: only the first {limit:,} bytes were read", file=sys.stderr)
    if not text.strip():
        print(f"note: {name}: the text is empty", file=sys.stderr)
    output = {"json": to_json, "csv": to_csv}.get(args.format)
    sys.stdout.write(
        output(result) + ("\n" if args.format == "json" else "") if output else to_markdown(result, args.lang, build_id)
    )
    counts = result.counts()
    print(
        f"{len(result.claims)} claims: {counts['consistent']} consistent, {counts['contradicted']} contradicted, "
        f"{counts['unverifiable']} unverifiable",
        file=sys.stderr,
    )
    return 0


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "validate": cmd_validate,
    "info": cmd_info,
    "coverage": cmd_coverage,
    "query": cmd_query,
    "find": cmd_find,
    "figure": cmd_figure,
    "refresh": cmd_refresh,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    import duckdb

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
    except duckdb.Error as exc:  # a file that opened but cannot answer: one line, never a traceback
        first_line = (str(exc).strip().splitlines() or [""])[0][:300]
        print(f"error: the database cannot be read ({type(exc).__name__}: {first_line}); rebuild it", file=sys.stderr)
        return EXIT_DATABASE


if __name__ == "__main__":
    sys.exit(main())
