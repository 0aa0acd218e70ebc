"""python -m etl refresh: fetch what is published online, keep the raw responses as snapshots,
parse them, validate them with the curated data's rules, and rebuild the database atomically.

Per source: fetch (retries, conditional requests) -> unchanged? (same sha256 as the last snapshot:
nothing to do) -> parse -> staged. Then, if anything changed: copy the input tree, write the
refreshed files into the copy, validate the whole copy, build the database from it (temp file +
swap), and only then move the refreshed files and the staged snapshots into data/. Any failure
leaves the database, data/ and every snapshot as they were.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import requests

from etl import snapshots
from etl.build import build
from etl.fetch import FetchError, FetchPolicy, Response
from etl.inputs import OBSERVATION_COLUMNS
from etl.paths import DATA_DIR, display_path
from etl.problems import InputError
from etl.sources import Document, Parsed, SourceError, registry

EXIT_SOME_FAILED, EXIT_ALL_FAILED = 6, 7
INPUT_PARTS = ("catalogue", "sources", "observations", "events", "refreshed", "regions.csv", "claims.toml",
               "collection_methods.toml")  # fmt: skip


@dataclass
class SourceResult:
    source_id: str
    status: str  # updated, unchanged, failed, offline, skipped
    message: str
    parsed: Parsed | None = None
    staged: Path | None = None


@dataclass
class RefreshReport:
    results: list[SourceResult] = field(default_factory=list)
    rebuilt: bool = False
    build_id: str | None = None

    @property
    def exit_code(self) -> int:
        failed = [r for r in self.results if r.status == "failed"]
        if failed and len(failed) == len(self.results):
            return EXIT_ALL_FAILED
        return EXIT_SOME_FAILED if failed else 0


def load_config(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _documents(items) -> list[Document]:
    docs = []
    for item in items:
        if isinstance(item, snapshots.Snapshot):
            meta = item.meta
            referrer = meta.get("referrer") or ""
            docs.append(Document(meta["url"], item.content, meta.get("content_type", ""), meta["retrieved"], referrer))
        else:
            docs.append(
                Document(item.url, item.content, item.content_type, item.retrieved.isoformat(), item.referrer or "")
            )
    return docs


def _carried_forward(responses: list[Response], previous: list[snapshots.Snapshot]) -> list[Response]:
    """The response set with each 304 (not modified) replaced by the content of its last snapshot.

    A source of many pages (one report page per quarter) answers mostly 304 once it has been fetched:
    parsing only the changed pages would drop every other page's figures from the refreshed file."""
    by_url = {s.meta["url"]: s for s in previous}
    out = []
    for response in responses:
        if not response.not_modified:
            out.append(response)
            continue
        snapshot = by_url.get(response.url)
        if snapshot is None:
            raise SourceError(f"{response.url}: answered 304 (not modified) but there is no snapshot of it")
        meta = snapshot.meta
        out.append(
            Response(
                url=response.url, status=meta.get("status", 200), content=snapshot.content,
                content_type=meta.get("content_type", ""), etag=meta.get("etag"),
                last_modified=meta.get("last_modified"), retrieved=datetime.fromisoformat(meta["retrieved"]),
                referrer=meta.get("referrer"),
            )
        )  # fmt: skip
    return out


def _csv_text(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(OBSERVATION_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: (r["series"], r["region"], r["period"])):
        writer.writerow(row)
    return buffer.getvalue()


def _toml_text(source_id: str, entries: dict[str, dict]) -> str:
    def value(v):
        if isinstance(v, date):
            return v.isoformat()
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"# Written by python -m etl refresh ({source_id}); do not edit by hand.", ""]
    for key in sorted(entries):
        lines.append(f"[{key}]")
        lines += [f"{k} = {value(v)}" for k, v in entries[key].items() if v not in (None, "")]
        lines.append("")
    return "\n".join(lines)


def refresh(
    db_path: Path,
    data_dir: Path = DATA_DIR,
    source_ids: list[str] | None = None,
    offline: bool = False,
    config: dict | None = None,
    policy: FetchPolicy | None = None,
    session: requests.Session | None = None,
    log=print,
) -> RefreshReport:
    sources = registry()
    unknown = sorted(set(source_ids or []) - set(sources))
    if unknown:
        raise ValueError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(sources))}")
    config = load_config(data_dir / "refresh.toml") if config is None else config
    policy = policy or FetchPolicy()
    session = session or requests.Session()
    snapshot_root = data_dir / "snapshots"
    report = RefreshReport()
    chosen = source_ids or sorted(sources)
    remove_stale_staging(data_dir, log)
    staging_root = Path(tempfile.mkdtemp(prefix=f".refresh-{os.getpid()}-", dir=data_dir))
    try:
        for number, source_id in enumerate(chosen, start=1):
            module = sources[source_id]
            prefix = f"[{number}/{len(chosen)}] {source_id}:"
            previous = snapshots.latest(snapshot_root, source_id)
            if offline:
                when = previous[0].meta["retrieved"][:10] if previous else None
                message = f"offline; last snapshot {when}" if when else "offline; no snapshot yet, bundled data kept"
                report.results.append(SourceResult(source_id, "offline", message))
                log(f"{prefix} {message}")
                continue
            log(f"{prefix} fetching …")
            try:
                responses = module.fetch_all(
                    session, config.get(source_id, {}), policy.for_source(), {s.meta["url"]: s.meta for s in previous}
                )
                if responses and all(r.not_modified for r in responses):
                    result = SourceResult(source_id, "unchanged", "not modified since the last snapshot (HTTP 304)")
                else:
                    staged = snapshots.stage(staging_root / source_id, _carried_forward(responses, previous))
                    if previous and snapshots.fingerprint(staged) == snapshots.fingerprint(previous):
                        result = SourceResult(source_id, "unchanged", "same content (sha256) as the last snapshot")
                    else:
                        parsed = module.parse(_documents(staged), config.get(source_id, {}), data_dir)
                        if not parsed.rows:
                            raise SourceError("the responses hold no figures")
                        pages = len(staged)
                        result = SourceResult(
                            source_id, "updated", f"{len(parsed.rows)} figures from {pages} response(s)",
                            parsed=parsed, staged=staging_root / source_id,
                        )  # fmt: skip
            except (FetchError, SourceError) as exc:
                url = f" — {exc.url}" if isinstance(exc, FetchError) else ""
                result = SourceResult(source_id, "failed", _one_line(f"{exc}{url}"))
            except Exception as exc:  # a response shape no parser foresaw: this source fails, the others go on
                result = SourceResult(
                    source_id, "failed", _one_line(f"unexpected response ({type(exc).__name__}: {exc})")
                )
            report.results.append(result)
            log(f"{prefix} {result.status}: {result.message}")

        updated = [r for r in report.results if r.status == "updated"]
        if updated:
            report.build_id, refused = _rebuild(db_path, data_dir, updated, staging_root, log)
            report.rebuilt = report.build_id is not None
            for result in updated:
                if result.source_id in refused or not report.rebuilt:
                    result.status, result.message = "failed", "its figures did not pass validation (see above)"
            updated = [r for r in updated if r.status == "updated"]
            if report.rebuilt:
                day = datetime.now(UTC).date().isoformat()
                for result in updated:
                    snapshots.publish(result.staged, snapshot_root, result.source_id, day)
        if not report.rebuilt:
            log("No rebuild: the database and data/ are unchanged.")
        return report
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 300 else text[:300] + "…"


STAGING = re.compile(r"^\.refresh-(?:(\d+)-)?")


def remove_stale_staging(data_dir: Path, log) -> None:
    """Staging folders left by a refresh that was killed (its process is gone) are deleted."""
    for candidate in data_dir.glob(".refresh-*"):
        m = STAGING.match(candidate.name)
        if not m or not candidate.is_dir() or candidate.is_symlink():
            continue
        if m[1]:
            try:
                os.kill(int(m[1]), 0)
                continue  # a refresh running now
            except ProcessLookupError:
                pass
            except PermissionError:
                continue
        shutil.rmtree(candidate, ignore_errors=True)
        log(f"removed a staging folder left by an interrupted refresh: {display_path(candidate)}")


def copy_inputs(data_dir: Path, tree: Path) -> None:
    """Copy the build inputs of a data folder (not its database or snapshots) to `tree`."""
    tree.mkdir(parents=True, exist_ok=True)
    for part in INPUT_PARTS:
        source = data_dir / part
        if source.is_dir():
            shutil.copytree(source, tree / part)
        elif source.exists():
            shutil.copy2(source, tree / part)


def _rebuild(
    db_path: Path, data_dir: Path, updated: list[SourceResult], staging_root: Path, log
) -> tuple[str | None, set[str]]:
    """Validate and build from a copy of the inputs with the refreshed files in; then put them in
    place. A source whose files fail validation is left out and the rest are built without it:
    one source's bad figures never cost another source its update. Returns (build id, refused)."""
    refused: set[str] = set()
    while True:
        accepted = [r for r in updated if r.source_id not in refused]
        if not accepted:
            return None, refused
        tree = staging_root / f"inputs-{len(refused)}"
        copy_inputs(data_dir, tree)
        (tree / "refreshed").mkdir(exist_ok=True)
        written = {}
        for result in accepted:
            for suffix, text in (
                (".csv", _csv_text(result.parsed.rows)),
                (".toml", _toml_text(result.source_id, result.parsed.sources)),
            ):
                path = tree / "refreshed" / f"{result.source_id}{suffix}"
                path.write_text(text, encoding="utf-8")
                written[path] = data_dir / "refreshed" / path.name
        try:
            outcome = build(db_path, tree, log=lambda line: log(f"  {line.strip()}"))
        except InputError as exc:
            log(exc.report().replace(str(tree), display_path(data_dir)))
            blamed = {r.source_id for r in accepted if any(f"refreshed/{r.source_id}." in p.file for p in exc.problems)}
            if not blamed or len(accepted) == 1:
                return None, refused | {r.source_id for r in accepted}
            refused |= blamed
            continue
        (data_dir / "refreshed").mkdir(exist_ok=True)
        for staged, target in written.items():
            os.replace(staged, target)
        return outcome.build_id, refused
