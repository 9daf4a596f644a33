/**
 * Global setup for the browser tests: builds the app once (`vite build` into a temporary folder,
 * so dist/ is left alone) and serves it on loopback with `vite preview`, the way it ships: with
 * its Content-Security-Policy meta tag and hashed, lazily loaded chunks. The tests get the URL
 * and the build folder through `inject('e2e')`.
 *
 * E2E_DIST=<folder> skips the build and serves that folder (handy while writing tests);
 * E2E_URL=<url> uses a server that is already running (then E2E_DIST should name its files).
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumPath } from './browser.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { url: string; dist: string }
  }
}

const root = resolve(import.meta.dirname, '../..')
const viteBin = join(root, 'node_modules/vite/bin/vite.js')

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.unref()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))))
    })
  })
}

/** Runs vite with the given arguments; resolves when it exits 0, rejects with its output otherwise. */
function vite(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [viteBin, ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', fail)
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`vite ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`)),
    )
  })
}

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}:\n${log()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`vite preview did not answer at ${url} within 30 s:\n${log()}`)
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not at ${chromiumPath}. Install it with:\n` +
        '  command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }\n' +
        'or point CHROMIUM_PATH at a Chromium binary.',
    )
  }
  const preset = process.env.E2E_DIST
  const dist = preset ? resolve(preset) : mkdtempSync(join(tmpdir(), 'adnb-e2e-'))
  const cleanups: (() => void | Promise<void>)[] = []
  if (!preset) {
    cleanups.push(() => rmSync(dist, { recursive: true, force: true }))
    try {
      await vite(['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'])
    } catch (err) {
      rmSync(dist, { recursive: true, force: true })
      throw err
    }
  }

  let url = process.env.E2E_URL
  if (!url) {
    const port = await freePort()
    url = `http://127.0.0.1:${port}/`
    const server = spawn(
      process.execPath,
      [viteBin, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let log = ''
    server.stdout!.on('data', (d: Buffer) => (log += d.toString()))
    server.stderr!.on('data', (d: Buffer) => (log += d.toString()))
    cleanups.unshift(
      () =>
        new Promise<void>((done) => {
          if (server.exitCode !== null) return done()
          server.once('exit', () => done())
          server.kill('SIGTERM')
        }),
    )
    try {
      await waitForServer(url, server, () => log)
    } catch (err) {
      for (const c of cleanups) await c()
      throw err
    }
  }

  project.provide('e2e', { url, dist })
  return async () => {
    for (const c of cleanups) await c()
  }
}
