"""Raw responses kept as snapshots: data/snapshots/<source>/<YYYY-MM-DD>/<name> with <name>.meta.json
(url, time retrieved, HTTP status, content type, sha256, size, ETag, Last-Modified).

Snapshots of a refresh are staged and only moved into place once that refresh has built a new
database, so a failed refresh leaves every earlier snapshot as it was."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from etl.fetch import Response


@dataclass(frozen=True)
class Snapshot:
    path: Path
    meta: dict

    @property
    def content(self) -> bytes:
        return self.path.read_bytes()


def file_name(url: str, index: int) -> str:
    tail = re.sub(r"[^A-Za-z0-9._-]+", "_", url.split("://", 1)[-1])[-80:]
    return f"{index:03d}-{tail}"


def metadata(response: Response) -> dict:
    return {
        "url": response.url,
        "retrieved": response.retrieved.isoformat(timespec="seconds"),
        "status": response.status,
        "content_type": response.content_type,
        "sha256": hashlib.sha256(response.content).hexdigest(),
        "bytes": len(response.content),
        "etag": response.etag,
        "last_modified": response.last_modified,
        "attempts": response.attempts,
        "referrer": response.referrer,
    }


def stage(staging: Path, responses: list[Response]) -> list[Snapshot]:
    staging.mkdir(parents=True, exist_ok=True)
    out = []
    for index, response in enumerate(responses):
        path = staging / file_name(response.url, index)
        path.write_bytes(response.content)
        meta = metadata(response)
        path.with_name(path.name + ".meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        out.append(Snapshot(path, meta))
    return out


def latest(snapshot_root: Path, source_id: str) -> list[Snapshot]:
    """The snapshots of the newest dated folder of a source (empty when there is none)."""
    folder = snapshot_root / source_id
    days = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.exists() else []
    if not days:
        return []
    out = []
    for meta_path in sorted(days[-1].glob("*.meta.json")):
        content_path = meta_path.with_name(meta_path.name[: -len(".meta.json")])
        out.append(Snapshot(content_path, json.loads(meta_path.read_text(encoding="utf-8"))))
    return out


def publish(staged: Path, snapshot_root: Path, source_id: str, day: str) -> Path:
    """Move a staged folder to data/snapshots/<source>/<day>/ (replacing that day's folder whole)."""
    target = snapshot_root / source_id / day
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(staged, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staged, target)
    return target


def fingerprint(snapshots: list[Snapshot]) -> list[tuple[str, str]]:
    """What identifies a response set's content: (url, sha256) pairs."""
    return sorted((s.meta["url"], s.meta["sha256"]) for s in snapshots)
