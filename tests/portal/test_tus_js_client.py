"""Interoperability with a second independent tus client: tus-js-client, run by Node.js against
the real portal (uvicorn on loopback), every retry switched off so each answer must be right the
first time. The scenarios live in ``tests/js/tus_scenarios.mjs``; ``./dev.sh setup`` installs
the client (``npm ci`` in ``tests/js``)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import subprocess
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.portal_api import TUS, Api, auth, pdf_bytes, sha256

JS = Path(__file__).resolve().parents[1] / "js"
NODE = shutil.which("node")
if NODE is None:
    pytest.skip("Node.js is not installed: the tus-js-client tests need `node` (Debian: nodejs npm)",
                allow_module_level=True)
if not (JS / "node_modules" / "tus-js-client").is_dir():
    pytest.skip("tus-js-client is not installed: run ./dev.sh setup (npm ci in tests/js)",
                allow_module_level=True)


def _file(tmp_path: Path, tag: str, size: int) -> tuple[Path, bytes]:
    head = pdf_bytes(tag)
    data = head + b"%" + os.urandom((size - len(head) - 1) // 2).hex().encode()
    path = tmp_path / f"{tag}.pdf"
    path.write_bytes(data)
    return path, data


def _run(tmp_path: Path, live_portal: Any, token: str, scenario: str, file: Path,
         **config: Any) -> dict[str, Any]:
    spec = tmp_path / f"{scenario}-{file.stem}.json"
    spec.write_text(json.dumps({"scenario": scenario, "endpoint": f"{live_portal.api}/uploads",
                                "token": token, "file": str(file), **config}), encoding="utf-8")
    done = subprocess.run([NODE, str(JS / "tus_scenarios.mjs"), str(spec)], cwd=JS,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout.strip().splitlines()[-1])


def _path(url: str) -> str:
    return url.split("/api/v1", 1)[1]


def _holds(live_api: Api, token: str, data: bytes) -> bool:
    head = live_api.request("HEAD", f"/blobs/{sha256(data)}", headers=auth(token))
    return head.status_code == 200 and int(head.headers["X-Blob-Size"]) == len(data)


def test_a_stock_upload_without_metadata_with_sha1_checksums_and_method_override(
        tmp_path: Path, live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    file, data = _file(tmp_path, "plain", 3000)
    # No Upload-Metadata at all: the portal computes the hash once the bytes are whole, and
    # the file is then the uploader's (it sent every byte).
    result = _run(tmp_path, live_portal, token, "upload", file, chunkSize=700, checksum="sha1",
                  overridePatchMethod=True)
    assert result["ok"], result
    creation, *chunks = result["responses"]
    assert creation["method"] == "POST" and creation["status"] == 201 and creation["offset"] == "0"
    assert len(chunks) == 5
    assert all(r["method"] == "POST" and r["override"] == "PATCH" and r["status"] == 204
               for r in chunks)
    assert [int(r["offset"]) for r in chunks] == [700, 1400, 2100, 2800, len(data)]
    assert all(r["tusResumable"] == "1.0.0" for r in result["responses"])
    assert _holds(live_api, token, data)

    # A chunk whose sha1 does not match is refused (460) and nothing of it is kept.
    bad_file, bad = _file(tmp_path, "corrupt", 2000)
    refused = _run(tmp_path, live_portal, token, "upload", bad_file, chunkSize=700,
                   checksum="sha1", corrupt=True)
    assert not refused["ok"] and refused["status"] == 460, refused
    head = live_api.request("HEAD", _path(refused["url"]), headers={**TUS, **auth(token)})
    assert head.headers["Upload-Offset"] == "0"


def test_bytes_the_caller_holds_go_through_with_and_without_data_in_the_creation(
        tmp_path: Path, live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    file, data = _file(tmp_path, "twice", 2500)
    meta = {"filename": "giấy chứng sinh.pdf", "filetype": "application/pdf",
            "sha256": sha256(data)}
    # A creation without data for bytes already held starts at 0, as tus-js-client assumes:
    # its next request is the PATCH at offset 0.
    twice = _run(tmp_path, live_portal, token, "twice", file, metadata=meta)
    assert twice["ok"] and twice["first"]["ok"], twice
    second = twice["responses"][2:]
    assert [(r["method"], r["status"], r["offset"]) for r in second] == [
        ("POST", 201, "0"), ("PATCH", 204, str(len(data)))]
    # With the data in the creation (its answer's offset is read), held bytes are complete at
    # once: one request, and nothing stored twice.
    again = _run(tmp_path, live_portal, token, "upload", file, metadata=meta,
                 uploadDataDuringCreation=True)
    assert again["ok"], again
    assert [(r["method"], r["status"], r["offset"]) for r in again["responses"]] == [
        ("POST", 201, str(len(data)))]
    assert _holds(live_api, token, data)


def test_pause_and_abort_then_resume_with_retries_off(tmp_path: Path, live_portal,
                                                      live_api: Api):
    token = live_portal.token_for("citizen")
    file, data = _file(tmp_path, "pause", 3000)
    meta = {"filename": "tờ khai.pdf", "sha256": sha256(data)}
    result = _run(tmp_path, live_portal, token, "pauseResume", file, chunkSize=1000, metadata=meta)
    assert result["ok"], result
    assert result["paused"]["stopped"] == "pause" and result["paused"]["at"] == 1000
    head, *rest = result["resumedResponses"]
    assert head["method"] == "HEAD" and head["offset"] == "1000"
    # HEAD echoes the creation's Upload-Metadata, and says when the unfinished upload expires.
    sent = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
    assert head["metadata"] == sent
    expires = parsedate_to_datetime(head["expires"])
    assert head["expires"].endswith(" GMT") and expires > dt.datetime.now(dt.UTC)
    assert [int(r["offset"]) for r in rest] == [2000, len(data)]
    assert rest[-1]["expires"] is None  # a finished upload does not expire
    assert _holds(live_api, token, data)

    # Abort in the middle of a chunk's request: with sha1 checksums the torn chunk is dropped
    # whole, so the resume starts at a chunk boundary and nothing races.
    big_file, big = _file(tmp_path, "abort", 600 * 1024)
    chunk = 256 * 1024
    aborted = _run(tmp_path, live_portal, token, "abortResume", big_file, chunkSize=chunk,
                   checksum="sha1")
    assert aborted["ok"], {k: v for k, v in aborted.items() if k != "responses"}
    assert aborted["aborted"]["stopped"] == "abort" and chunk < aborted["aborted"]["at"] < 2 * chunk
    head, *rest = aborted["resumedResponses"]
    assert head["method"] == "HEAD" and head["offset"] == str(chunk)
    assert [int(r["offset"]) for r in rest] == [2 * chunk, len(big)]
    assert _holds(live_api, token, big)


def test_a_new_process_resumes_the_upload_a_killed_one_left(tmp_path: Path, live_portal,
                                                             live_api: Api):
    token = live_portal.token_for("citizen")
    file, data = _file(tmp_path, "restart", 3000)
    storage = str(tmp_path / "tus-urls.json")
    meta = {"filename": "tờ khai.pdf"}
    left = _run(tmp_path, live_portal, token, "exitAfterFirstChunk", file, chunkSize=1000,
                metadata=meta, storage=storage)
    assert left["ok"] and left["at"] == 1000, left
    resumed = _run(tmp_path, live_portal, token, "resumeStored", file, chunkSize=1000,
                   metadata=meta, storage=storage)
    assert resumed["ok"] and resumed["stored"] == resumed["url"] == left["url"], resumed
    head, *rest = resumed["responses"]
    assert (head["method"], head["offset"]) == ("HEAD", "1000")
    assert [int(r["offset"]) for r in rest] == [2000, len(data)]
    assert _holds(live_api, token, data)


def test_termination(tmp_path: Path, live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    file, data = _file(tmp_path, "terminate", 3000)
    for scenario in ("terminate", "terminateUrl"):
        result = _run(tmp_path, live_portal, token, scenario, file, chunkSize=1000)
        assert result["ok"], result
        methods = [(r["method"], r["status"]) for r in result["responses"]]
        assert methods[-1] == ("DELETE", 204)
        gone = live_api.request("HEAD", _path(result["url"]), headers={**TUS, **auth(token)})
        assert gone.status_code == 404
    assert not _holds(live_api, token, data)
