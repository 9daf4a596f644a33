/**
 * Browser budgets, measured in Debian's Chromium on the production build:
 *  - initial JavaScript (gzipped) fetched before the learner does anything, plotly excluded;
 *  - slider-to-output latency: from the key press on a slider to the dependent output changing,
 *    median and 95th percentile over many presses, on the seed example;
 *  - the longest main-thread task seen while loading and dragging.
 * Usage: npm run audit:budgets [-- --json]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { launchBrowser } from '../browser/browser.ts'

const root = resolve(import.meta.dirname, '../..')
const vite = join(root, 'node_modules/vite/bin/vite.js')
const port = 4399

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

const dist = mkdtempSync(join(tmpdir(), 'adnb-budget-'))
await run(['build', '--outDir', dist, '--emptyOutDir'])
const server = spawn(
  process.execPath,
  [vite, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: root,
    stdio: 'ignore',
  },
)
await new Promise((r) => setTimeout(r, 1500))
const browser = await launchBrowser()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const scripts = new Set<string>()
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.add(new URL(r.url()).pathname)
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number }
    w.__longest = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration)
    }).observe({ type: 'longtask', buffered: true })
  })
  await page.goto(`http://127.0.0.1:${port}/#/seed-session`)
  await page.waitForLoadState('networkidle')
  await page.getByText('[16, 44, 64]').first().waitFor()
  await page.waitForTimeout(6000)
  const initial = [...scripts].filter((p) => !/plotly/.test(p))
  const gz = initial.map((p) => ({
    file: p.replace(/^.*\//, ''),
    gz: gzipSync(readFileSync(join(dist, p.replace(/^\//, '')))).length,
  }))
  const totalGz = gz.reduce((n, f) => n + f.gz, 0)
  // What a lesson cannot show results without: the page's bundle and the worker. The editor is
  // fetched when a cell is first used or the browser is idle; panels only where a lesson has them.
  const criticalGz = gz
    .filter((f) => /^(index|rolldown-runtime|evaluator\.worker)-/.test(f.file))
    .reduce((n, f) => n + f.gz, 0)

  // Load the slider notebook through Import, as a learner would.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import .md' }).click(),
  ])
  await chooser.setFiles({ name: 'budget.md', mimeType: 'text/markdown', buffer: Buffer.from(notebook) })
  const slider = page.getByRole('slider').first()
  page.on('console', (m) => process.stderr.write(`console: ${m.text()}\n`))
  page.on('pageerror', (e) => process.stderr.write(`pageerror: ${e.message}\n`))
  await slider.waitFor({ timeout: 10000 }).catch(async (e) => {
    await page.screenshot({ path: '/tmp/shots/budget-fail.png', fullPage: true })
    throw e
  })
  await page.waitForTimeout(1000)
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
  const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest)
  const result = {
    firstRenderJsGzipBytes: criticalGz,
    initialJsGzipBytes: totalGz,
    initialJsFiles: gz,
    sliderLatencyMs: { median: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1], samples: sorted.length },
    longestMainThreadTaskMs: longest,
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(result))
  else {
    console.log(`JavaScript needed to show results (page + worker): ${(criticalGz / 1024).toFixed(1)} KB gzipped`)
    console.log(
      `JavaScript once idle (with the editor and this lesson's panels): ${(totalGz / 1024).toFixed(1)} KB gzipped in ${gz.length} files (plotly excluded: it loads on the first plot)`,
    )
    for (const f of gz) console.log(`  ${f.file}: ${(f.gz / 1024).toFixed(1)} KB`)
    console.log(
      `slider → output: median ${result.sliderLatencyMs.median.toFixed(1)} ms, p95 ${result.sliderLatencyMs.p95.toFixed(1)} ms, max ${result.sliderLatencyMs.max!.toFixed(1)} ms (${sorted.length} moves)`,
    )
    console.log(`longest main-thread task: ${longest.toFixed(0)} ms`)
  }
} finally {
  await browser.close()
  server.kill()
  rmSync(dist, { recursive: true, force: true })
}
