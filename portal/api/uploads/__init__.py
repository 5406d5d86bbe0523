"""Resumable attachment uploads: tus 1.0 core + creation (with upload) + checksum (sha1,
sha256) + termination + expiration, for any standard tus client.

Partial bytes live in ``storage_dir/uploads/<id>``; the committed offset lives in the database
and is only advanced after the bytes are fsynced, so a crash never claims data it lost. A
finished upload is checked against its declared SHA-256 (or takes the hash its bytes have, when
it declared none) and by content (magic bytes) before it joins the content-addressed blob
store. Bytes the caller already holds are not sent again by a creation that carries them.

``POST /uploads`` may carry the file's first bytes (tus "creation-with-upload"): a small scan
then crosses in one request instead of two. A creation may carry an ``Idempotency-Key``; asking
again with the same key answers with that same upload and the offset it holds, so a client whose
creation was cut off mid-body (it never learnt the ``Location``) resumes instead of starting
again.

The package: ``routes`` (the endpoints), ``tus`` (the protocol's headers) and ``storage`` (the
files behind them).
"""

from portal.api.uploads.routes import router

__all__ = ["router"]
