// Drives tus-js-client (an independent tus implementation) against a running portal.
//
//   node tus_scenarios.mjs CONFIG.json
//
// CONFIG: {"scenario": NAME, "endpoint": ".../api/v1/uploads", "token": "...", "file": PATH,
//          "chunkSize": N, "metadata": {...}, "checksum": "sha1" | null, "corrupt": false,
//          "uploadDataDuringCreation": false, "overridePatchMethod": false}
// Prints one JSON object: {"ok", "error", "status", "url", "responses": [...], ...}.
// Retries are off everywhere (retryDelays: null): every answer must be right the first time.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

import { DefaultHttpStack, FileUrlStorage, Upload } from 'tus-js-client'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const data = readFileSync(config.file)
const responses = []

// Adds `Upload-Checksum: <algorithm> <base64>` to every request that carries bytes (tus's
// checksum extension; tus-js-client has no option for it, but takes any HTTP stack).
class ChecksumStack {
  constructor(algorithm, corrupt) {
    this.inner = new DefaultHttpStack()
    this.algorithm = algorithm
    this.corrupt = corrupt
  }

  createRequest(method, url) {
    const req = this.inner.createRequest(method, url)
    const send = req.send.bind(req)
    req.send = (body = null) => {
      if (body instanceof Uint8Array && body.length > 0) {
        const digest = createHash(this.algorithm).update(body).digest()
        if (this.corrupt) digest[0] ^= 0xff
        req.setHeader('Upload-Checksum', `${this.algorithm} ${digest.toString('base64')}`)
      }
      return send(body)
    }
    return req
  }

  getName() {
    return 'ChecksumStack'
  }
}

function options(extra = {}) {
  const out = {
    endpoint: config.endpoint,
    headers: { Authorization: `Bearer ${config.token}` },
    chunkSize: config.chunkSize ?? Number.POSITIVE_INFINITY,
    metadata: config.metadata ?? {},
    retryDelays: null,
    uploadDataDuringCreation: Boolean(config.uploadDataDuringCreation),
    overridePatchMethod: Boolean(config.overridePatchMethod),
    addRequestId: true,
    onAfterResponse(req, res) {
      const header = (name) => res.getHeader(name) ?? null
      responses.push({
        method: req.getMethod(),
        override: req.getHeader('X-HTTP-Method-Override') ?? null,
        status: res.getStatus(),
        offset: header('Upload-Offset'),
        expires: header('Upload-Expires'),
        metadata: header('Upload-Metadata'),
        tusResumable: header('Tus-Resumable'),
      })
    },
    ...extra,
  }
  if (config.checksum) out.httpStack = new ChecksumStack(config.checksum, config.corrupt)
  return out
}

function failure(error) {
  return { ok: false, error: String(error?.message ?? error),
           status: error?.originalResponse?.getStatus?.() ?? null }
}

// One upload to its end: success, an error, or (``stopWhen`` says so) a deliberate abort.
function run(extra = {}, stopWhen = null) {
  return new Promise((resolve) => {
    let upload = null
    let stopped = false
    const stop = (how, at) => {
      if (stopped) return
      stopped = true
      const url = upload.url
      upload.abort(how === 'terminate')
        .then(() => resolve({ ok: true, stopped: how, at, url }))
        .catch((err) => resolve({ ...failure(err), stopped: how, at, url }))
    }
    upload = new Upload(data, options({
      onSuccess: () => resolve({ ok: true, url: upload.url }),
      onError: (err) => resolve({ ...failure(err), url: upload.url }),
      onChunkComplete: (chunk, accepted, total) => {
        const how = stopWhen?.chunk?.(accepted, total)
        if (how) stop(how, accepted)
      },
      onProgress: (sent, total) => {
        const how = stopWhen?.progress?.(sent, total)
        if (how) stop(how, sent)
      },
      ...extra,
    }))
    upload.start()
  })
}

const scenarios = {
  // Create and send the whole file (in chunks of ``chunkSize``).
  async upload() {
    return run()
  },

  // The same file twice: the second creation is for bytes the caller already holds.
  async twice() {
    const first = await run()
    if (!first.ok) return { ...first, first }
    const second = await run()
    return { ...second, first }
  },

  // Pause after the first chunk (no request in flight), then resume from the upload's URL.
  async pauseResume() {
    const paused = await run({}, { chunk: (accepted, total) => accepted < total && 'pause' })
    if (!paused.ok || !paused.url) return { ...paused, ok: false, paused }
    const mark = responses.length
    const resumed = await run({ uploadUrl: paused.url })
    return { ...resumed, paused, resumedResponses: responses.slice(mark) }
  },

  // Abort in the middle of the second chunk's request (the portal sees the connection drop
  // with part of the chunk sent), then resume from the upload's URL.
  async abortResume() {
    const first = Math.min(config.chunkSize, data.length)
    const aborted = await run({}, {
      progress: (sent, total) => sent > first && sent < total && sent < 2 * first && 'abort',
    })
    if (!aborted.ok || !aborted.url) return { ...aborted, ok: false, aborted }
    const mark = responses.length
    const resumed = await run({ uploadUrl: aborted.url })
    return { ...resumed, aborted, resumedResponses: responses.slice(mark) }
  },

  // Abort after the first chunk and terminate the upload (tus termination, DELETE).
  async terminate() {
    const result = await run({}, { chunk: (accepted, total) => accepted < total && 'terminate' })
    return { ...result, ok: result.ok && result.stopped === 'terminate' }
  },

  // Store the upload's URL (by the file's fingerprint) and stop dead after the first chunk, as
  // a killed process would: no abort, no request to the portal.
  async exitAfterFirstChunk() {
    const urlStorage = new FileUrlStorage(config.storage)
    await new Promise((resolve) => {
      const upload = new Upload(data, options({
        urlStorage,
        onChunkComplete: (chunk, accepted, total) => {
          if (accepted < total) {
            console.log(JSON.stringify({ ok: true, url: upload.url, at: accepted, responses }))
            process.exit(0)
          }
        },
        onSuccess: resolve,
        onError: resolve,
      }))
      upload.start()
    })
    return { ok: false, error: 'the upload was not stopped after its first chunk' }
  },

  // A new process finds the stored upload of the same file and resumes it (tus-js-client's
  // findPreviousUploads / resumeFromPreviousUpload).
  async resumeStored() {
    const urlStorage = new FileUrlStorage(config.storage)
    const upload = new Upload(data, options({ urlStorage }))
    const previous = await upload.findPreviousUploads()
    if (previous.length !== 1) return { ok: false, error: `${previous.length} stored uploads` }
    upload.resumeFromPreviousUpload(previous[0])
    return new Promise((resolve) => {
      upload.options.onSuccess = () => resolve({ ok: true, url: upload.url,
                                                 stored: previous[0].uploadUrl })
      upload.options.onError = (err) => resolve({ ...failure(err), url: upload.url })
      upload.start()
    })
  },

  // Upload.terminate(url) on an upload left half done.
  async terminateUrl() {
    const paused = await run({}, { chunk: (accepted, total) => accepted < total && 'pause' })
    if (!paused.ok) return paused
    try {
      await Upload.terminate(paused.url, options())
      return { ok: true, url: paused.url }
    } catch (err) {
      return { ...failure(err), url: paused.url }
    }
  },
}

const scenario = scenarios[config.scenario]
if (!scenario) {
  console.log(JSON.stringify({ ok: false, error: `no scenario ${config.scenario}` }))
  process.exit(2)
}
const result = await scenario()
console.log(JSON.stringify({ ...result, responses }))
