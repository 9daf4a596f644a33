/**
 * Browser budgets, measured in Debian's Chromium on the production build:
 *  - initial JavaScript (gzipped) fetched before the learner does anything, plotly excluded;
 *  - slider-to-output latency: from the key press on a slider to the dependent output changing,
 *    median and 95th percentile over many presses, on the seed example;
 *  - the longest main-thread task seen while loading and dragging;
 *  - three embeds on one course page (a cell and two panels of the seed lesson): from the page's
 *    start to all three showing their content, each run in a fresh browser context (cold cache).
 * Usage: npm run audit:budgets [-- --json]. tests/audit/audit.ts reuses serveBuild and measureBudgets.
 */
import { spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import type { Browser, FrameLocator, Locator } from 'playwright-core'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../browser/browser.ts'

const root = resolve(import.meta.dirname, '../..')
const vite = join(root, 'node_modules/vite/bin/vite.js')
const defaultPort = 4399

function run(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, [vite, ...args], { cwd: root, stdio: 'ignore' })
    p.on('exit', (code) => (code === 0 ? done() : fail(new Error(`vite ${args[0]} failed (${code})`))))
  })
}

// The seed example driven by a slider: x1's first component moves, f and its gradient follow.
const notebook = `# Budget

\`\`\`ad
A = [0, 3, 2; 1, 0, 3; 2, 1, 0]
t = slider(-2, 2, 0.01, 0)
\`\`\`

\`\`\`ad
x1 = [t, 1, 2]
f(x) = sum(abs2, A * x)
[f(x1); gradient(f, x1)]
\`\`\`
`

/** Builds the app into a temporary folder and serves it with vite preview on loopback. */
export async function serveBuild(port = defaultPort): Promise<{ url: string; dist: string; stop(): void }> {
  const dist = mkdtempSync(join(tmpdir(), 'adnb-budget-'))
  await run(['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'])
  const server = spawn(
    process.execPath,
    [vite, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, stdio: 'ignore' },
  )
  const url = `http://127.0.0.1:${port}/`
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      if ((await fetch(url)).ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer at ${url}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    url,
    dist,
    stop() {
      server.kill()
      rmSync(dist, { recursive: true, force: true })
    },
  }
}

export interface Budgets {
  firstRenderJsGzipBytes: number
  initialJsGzipBytes: number
  initialJsFiles: { file: string; gz: number }[]
  sliderLatencyMs: { median: number; p95: number; max: number; samples: number }
  longestMainThreadTaskMs: number
  /** Every task over 50 ms: when it started (ms after navigation), how long, and in which phase. */
  longTasks: { phase: Phase; startMs: number; ms: number }[]
  /** Three embeds on one page, until all three show their content: one figure per run. */
  embedsSettleMs: number[]
  /** The machine's load average (1 min) when the embeds were measured: busy machines are slow. */
  loadAverage: number
}

/** What the page was doing: loading the lesson, importing the slider notebook, or dragging. */
type Phase = 'load' | 'import' | 'slider'

/** What the three embeds show once settled: the seed's cell 2, its first and third panels. */
const EMBEDS: { query: string; shows: (frame: FrameLocator) => Locator }[] = [
  { query: 'cell=2', shows: (f) => f.getByRole('img', { name: 'vector of 3: 16, 44, 64' }) },
  { query: 'panel=1', shows: (f) => f.locator('.panel-title') },
  { query: 'panel=3', shows: (f) => f.locator('.panel-title') },
]

/** Milliseconds from opening a course page with three embeds until each shows its content. */
export async function measureEmbeds(browser: Browser, url: string, runs = 3): Promise<number[]> {
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      const page = await context.newPage()
      // The course page is another origin's page (about:blank here), as on a real course site.
      const frames = EMBEDS.map(
        (e, i) =>
          `<iframe id="e${i}" src="${new URL(`embed.html#/seed-session?${e.query}`, url).href}" style="width:720px;height:500px;border:0"></iframe>`,
      ).join('')
      const start = performance.now()
      await page.setContent(`<!doctype html><body>${frames}</body>`, { waitUntil: 'commit' })
      await Promise.all(
        EMBEDS.map((e, i) =>
          e
            .shows(page.frameLocator(`#e${i}`))
            .first()
            .waitFor({ timeout: 60_000 }),
        ),
      )
      times.push(performance.now() - start)
    } finally {
      await context.close()
    }
  }
  return times
}

export async function measureBudgets(browser: Browser, url: string, dist: string): Promise<Budgets> {
  const embedsSettleMs = await measureEmbeds(browser, url)
  const loadAverage = loadavg()[0]!
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  try {
    const scripts = new Set<string>()
    page.on('request', (r) => {
      if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.add(new URL(r.url()).pathname)
    })
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number; __tasks: { startMs: number; ms: number }[] }
      w.__longest = 0
      w.__tasks = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__longest = Math.max(w.__longest, e.duration)
          w.__tasks.push({ startMs: Math.round(e.startTime), ms: Math.round(e.duration) })
        }
      }).observe({ type: 'longtask', buffered: true })
    })
    await page.goto(new URL('#/seed-session', url).href)
    await page.waitForLoadState('networkidle')
    await page.getByText('[16, 44, 64]').first().waitFor()
    await page.waitForTimeout(6000)
    const initial = [...scripts].filter((p) => !/plotly/.test(p))
    const gz = initial.map((p) => ({
      file: p.replace(/^.*\//, ''),
      gz: gzipSync(readFileSync(join(dist, p.replace(/^\//, '')))).length,
    }))
    const totalGz = gz.reduce((n, f) => n + f.gz, 0)
    // What a lesson cannot show results without: the scripts index.html loads or preloads (the
    // page's bundle and the chunks it awaits) and the worker. The editor is fetched when a cell is
    // first used or the browser is idle; panels only where a lesson has them.
    const html = readFileSync(join(dist, 'index.html'), 'utf8')
    const fromHtml = new Set(
      [...html.matchAll(/<(?:script[^>]*src|link[^>]*modulepreload[^>]*href)="([^"]+\.js)"/g)].map((m) =>
        m[1]!.replace(/^.*\//, ''),
      ),
    )
    const criticalGz = gz
      .filter((f) => fromHtml.has(f.file) || /^evaluator\.worker-/.test(f.file))
      .reduce((n, f) => n + f.gz, 0)

    // Load the slider notebook through Import, as a learner would.
    const importAt = await page.evaluate(() => performance.now())
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import .md' }).click(),
    ])
    await chooser.setFiles({ name: 'budget.md', mimeType: 'text/markdown', buffer: Buffer.from(notebook) })
    const slider = page.getByRole('slider').first()
    page.on('console', (m) => process.stderr.write(`console: ${m.text()}\n`))
    page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`))
    await slider.waitFor({ timeout: 10000 })
    await page.waitForTimeout(1000)
    const sliderAt = await page.evaluate(() => performance.now())
    const latencies: number[] = await page.evaluate(async () => {
      const input = document.querySelector('input[type=range]') as HTMLInputElement
      const cells = [...document.querySelectorAll('section.code-cell')]
      const out = cells[1]!.querySelector('.nb-result')!
      const times: number[] = []
      for (let i = 0; i < 80; i++) {
        // The moment the dependent value itself changes (not a busy marker or the like).
        const before = out.textContent
        const changed = new Promise<number>((done) => {
          const mo = new MutationObserver(() => {
            if (out.textContent === before) return
            mo.disconnect()
            done(performance.now())
          })
          mo.observe(out, { childList: true, subtree: true, characterData: true })
        })
        const start = performance.now()
        input.focus()
        input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
        // Synthetic key events do not move a native range input: set the value as the browser would.
        input.stepUp()
        input.dispatchEvent(new Event('input', { bubbles: true }))
        times.push((await changed) - start)
        await new Promise((r) => setTimeout(r, 20))
      }
      return times
    })
    const sorted = [...latencies].sort((a, b) => a - b)
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
    const [longest, tasks] = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __tasks: { startMs: number; ms: number }[] }
      return [w.__longest, w.__tasks] as const
    })
    const phaseOf = (t: number): Phase => (t >= sliderAt ? 'slider' : t >= importAt ? 'import' : 'load')
    return {
      firstRenderJsGzipBytes: criticalGz,
      initialJsGzipBytes: totalGz,
      initialJsFiles: gz,
      sliderLatencyMs: { median: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1]!, samples: sorted.length },
      longestMainThreadTaskMs: longest,
      longTasks: tasks.map((t) => ({ phase: phaseOf(t.startMs), ...t })),
      embedsSettleMs,
      loadAverage,
    }
  } finally {
    await page.close()
  }
}

/** The budgets as lines of text. */
export function budgetLines(b: Budgets): string[] {
  const s = b.sliderLatencyMs
  return [
    `JavaScript needed to show results (page + worker): ${(b.firstRenderJsGzipBytes / 1024).toFixed(1)} KB gzipped`,
    `JavaScript once idle (with the editor and this lesson's panels): ${(b.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped in ${b.initialJsFiles.length} files (plotly excluded: it loads on the first plot)`,
    ...b.initialJsFiles.map((f) => `  ${f.file}: ${(f.gz / 1024).toFixed(1)} KB`),
    `slider → output: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.samples} moves)`,
    `longest main-thread task: ${b.longestMainThreadTaskMs.toFixed(0)} ms`,
    `  tasks over 50 ms: ${b.longTasks.map((t) => `${t.ms} ms (${t.phase}, at ${t.startMs} ms)`).join(', ') || 'none'}`,
    `three embeds on one page (seed cell 2, panels 1 and 3) settle in: median ${median(b.embedsSettleMs).toFixed(0)} ms (runs: ${b.embedsSettleMs.map((t) => t.toFixed(0)).join(', ')} ms; want ≤ 3000 ms; load average ${b.loadAverage.toFixed(1)} on ${cpus().length} cores)`,
  ]
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[(s.length - 1) >> 1]! : NaN
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const served = await serveBuild()
  const browser = await launchBrowser()
  try {
    const result = await measureBudgets(browser, served.url, served.dist)
    if (process.argv.includes('--json')) console.log(JSON.stringify(result))
    else for (const l of budgetLines(result)) console.log(l)
    await (await import('./firstPaint.ts')).printFirstPaint(browser, served.url, process.argv.includes('--json'))
  } finally {
    await browser.close()
    served.stop()
  }
}
