"""tus's numeric headers are ASCII digits: anything else is a 400 problem, never a 500
(against the real server: raw header bytes, as a careless or hostile client sends them)."""

from __future__ import annotations

from tests.helpers.portal_api import TUS, Api, assert_problem, auth, pdf_bytes, sha256, tus_metadata

# The portal reads header bytes as latin-1: b"\xb2" is "²", which ``str.isdigit()`` accepts
# and ``int()`` refuses. Other scripts' digits arrive as UTF-8 bytes.
NOT_ASCII = ["²".encode("latin-1"), "1³".encode("latin-1"), "¹²".encode("latin-1"),
             "٣".encode(), "１２".encode(), b"-1", b"1e3", b"0x10"]


def test_upload_length_and_offset_in_other_digits_are_a_400(live_portal, live_api: Api):
    token = live_portal.token_for("citizen")
    data = pdf_bytes("offset digits")
    created = live_api.request("POST", "/uploads", headers={
        **TUS, **auth(token), "Upload-Length": str(len(data)),
        "Upload-Metadata": tus_metadata(sha256=sha256(data))})
    location = created.headers["Location"].removeprefix("/api/v1")
    for value in NOT_ASCII:
        length = live_api.request("POST", "/uploads", headers={
            **TUS, **auth(token), "Upload-Length": value,
            "Upload-Metadata": tus_metadata(sha256="a" * 64)})
        assert_problem(length, 400, "upload-length")
        assert length.headers["Tus-Resumable"] == "1.0.0"
        offset = live_api.request("PATCH", location, content=data, headers={
            **TUS, **auth(token), "Content-Type": "application/offset+octet-stream",
            "Upload-Offset": value})
        assert_problem(offset, 400, "upload-offset")
    head = live_api.request("HEAD", location, headers={**TUS, **auth(token)})
    assert head.headers["Upload-Offset"] == "0"
