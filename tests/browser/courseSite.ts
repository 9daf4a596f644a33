/**
 * A course website for the browser tests: the production build served under a sub-path by a
 * plain file server (no fallback to index.html), plus course pages of our own at the root, and
 * optional response headers per file (e.g. frame-ancestors for embeds), and requests answered
 * otherwise (a file renamed or gone, as after a site update).
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
  /** Every request's path and query, in order (to count reloads). */
  requests: string[]
  close(): Promise<void>
}

/**
 * What a request for a file of the build gets instead (a site update, a broken deploy): another
 * file of the build (rel), a 404 (gone), or the file's text edited.
 */
export interface Rewrite {
  rel?: string
  gone?: boolean
  edit?: (text: string) => string
}

/**
 * Serves dist under PREFIX and `pages` (path -> HTML, e.g. '/host.html') at the root; headers(rel,
 * origin) gives extra headers for a file of the build, by its path relative to PREFIX.
 */
export async function serveCourseSite(
  dist: string,
  pages: (origin: string) => Record<string, string>,
  headers: (rel: string, origin: string) => Record<string, string> = () => ({}),
  rewrite: (rel: string, url: URL) => Rewrite | undefined = () => undefined,
): Promise<CourseSite> {
  const root = normalize(dist)
  let origin = ''
  const requests: string[] = []
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    requests.push(url.pathname + url.search)
    const path = decodeURIComponent(url.pathname)
    const page = pages(origin)[path]
    if (page !== undefined) {
      res.setHeader('content-type', 'text/html')
      res.end(page)
      return
    }
    const asked = path.startsWith(PREFIX) ? path.slice(PREFIX.length) || 'index.html' : null
    const change = asked === null ? undefined : rewrite(asked, url)
    const rel = change?.gone ? null : (change?.rel ?? asked)
    const file = rel === null ? null : normalize(join(root, rel))
    if (rel === null || !file || !file.startsWith(root + sep)) {
      res.statusCode = 404
      res.end()
      return
    }
    readFile(file).then(
      (bytes) => {
        for (const [k, v] of Object.entries(headers(asked ?? rel, origin))) res.setHeader(k, v)
        res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
        res.end(change?.edit ? change.edit(bytes.toString('utf8')) : bytes)
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
  return { origin, requests, close: () => new Promise<void>((done) => http.close(() => done())) }
}
