/**
 * A course website for the browser tests: the production build served under a sub-path by a
 * plain file server (no fallback to index.html), plus course pages of our own at the root, and
 * optional response headers per file (e.g. frame-ancestors for embeds).
 */
import { readFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

export const PREFIX = '/course/adnb/'

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

export interface CourseSite {
  origin: string
  close(): Promise<void>
}

/**
 * Serves dist under PREFIX and `pages` (path -> HTML, e.g. '/host.html') at the root; headers(rel,
 * origin) gives extra headers for a file of the build, by its path relative to PREFIX.
 */
export async function serveCourseSite(
  dist: string,
  pages: (origin: string) => Record<string, string>,
  headers: (rel: string, origin: string) => Record<string, string> = () => ({}),
): Promise<CourseSite> {
  const root = normalize(dist)
  let origin = ''
  const http: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const page = pages(origin)[path]
    if (page !== undefined) {
      res.setHeader('content-type', 'text/html')
      res.end(page)
      return
    }
    const rel = path.startsWith(PREFIX) ? path.slice(PREFIX.length) || 'index.html' : null
    const file = rel === null ? null : normalize(join(root, rel))
    if (rel === null || !file || !file.startsWith(root + sep)) {
      res.statusCode = 404
      res.end()
      return
    }
    readFile(file).then(
      (bytes) => {
        for (const [k, v] of Object.entries(headers(rel, origin))) res.setHeader(k, v)
        res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
        res.end(bytes)
      },
      () => {
        res.statusCode = 404
        res.end()
      },
    )
  })
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  const address = http.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return { origin, close: () => new Promise<void>((done) => http.close(() => done())) }
}
