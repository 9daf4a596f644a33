// What used to freeze the page, replayed in Chromium against the build: a worker that fails
// (an error it raises, a deep expression), a slider of 100,000 components, and prose of 60,000
// formulas from an 800-character share link. Each time the page answers with a message on the
// cell concerned, the other cells run, and nothing is left busy, also after a reload.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeShare } from '../../app/store/share.ts'
import { launchBrowser } from './browser.ts'
import { AppPage } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** A page opened on a share link of this notebook (cells run as soon as it opens). */
async function openNotebook(md: string, before?: (page: Page) => Promise<void>): Promise<AppPage> {
  const link = await encodeShare({ v: 1, md, sliders: {} })
  return AppPage.open(browser, `#/shared?nb=${link}`, before ? { before } : {})
}

/** Nothing left running: no cell says "running…" and the progress bar with Cancel is gone. */
async function expectSettled(app: AppPage): Promise<void> {
  await expect.poll(() => app.page.locator('.run-status, .nb-running, section.cell.running').count()).toBe(0)
}

/**
 * Runs in the page before the app: the first time the worker starts the cell whose source
 * mentions `slowcell`, the page's Worker object receives an error event, as when a worker dies
 * of an error it could not catch. The cell is first to run and takes long, so it is running then.
 */
function failWorkerOnSlowCell(): void {
  const w = window as unknown as { Worker: typeof Worker }
  const Native = w.Worker
  let target = ''
  let failed = false
  class Failing extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      this.addEventListener('message', (e: MessageEvent<{ type: string; ids?: string[] }>) => {
        if (failed || e.data.type !== 'start' || e.data.ids?.[0] !== target) return
        failed = true
        setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: 'injected failure' })), 0)
      })
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const m = message as { type: string; cells?: { id: string; source: string }[] }
      const slow = m.type === 'update' ? m.cells?.find((c) => c.source.includes('slowcell')) : undefined
      if (slow) target = slow.id
      if (Array.isArray(transfer)) super.postMessage(message, transfer)
      else super.postMessage(message, transfer)
    }
  }
  w.Worker = Failing
}

describe('a failing worker', () => {
  const slow = Array.from({ length: 12 }, (_, k) => `slowcell${k} = sum(map(ones(40000), f${k}(t) = t))`).join('\n')
  const md = `# Failing\n\n\`\`\`ad\n${slow}\n\`\`\`\n\n\`\`\`ad\na = 2\n\`\`\`\n\n\`\`\`ad\nb = a * 3\n\`\`\`\n`

  it('shows the error on the cell it failed on, runs the others, and leaves nothing busy, also after a reload', async () => {
    const app = await openNotebook(md, async (page) => {
      await page.addInitScript(failWorkerOnSlowCell)
    })
    try {
      for (let load = 0; load < 2; load++) {
        if (load === 1) await app.page.reload()
        await expect.poll(() => app.scalar(3)).toBe('6')
        await expect
          .poll(() => app.output(1).textContent())
          .toMatch(/the evaluator failed while running this cell \(injected failure\)/)
        await expectSettled(app)
      }
    } finally {
      await app.close()
    }
  })

  it('survives a 3,000-term sum (which overflowed the worker’s stack): the other cells run', async () => {
    const sum = `x = ${Array.from({ length: 3000 }, () => '1').join('+')}`
    const app = await openNotebook(`# Long\n\n\`\`\`ad\n${sum}\n\`\`\`\n\n\`\`\`ad\ny = 5\n\`\`\`\n`)
    try {
      await expect.poll(() => app.scalar(2)).toBe('5')
      // Its value, or a message on it: never "running…" for ever.
      await expect.poll(() => app.output(1).textContent()).toMatch(/3000|error|failed|deep/i)
      await expectSettled(app)
    } finally {
      await app.close()
    }
  })
})

describe('Cancel', () => {
  const slowCell = (c: number) =>
    Array.from({ length: 30 }, (_, k) => `s${c}_${k} = sum(map(ones(40000), f${c}_${k}(t) = t))`).join('\n')
  const md = `# Slow\n\n${[1, 2, 3].map((c) => `\`\`\`ad\n${slowCell(c)}\n\`\`\`\n\n`).join('')}\`\`\`ad\nq = 4\n\`\`\`\n`

  it('stops each of three slow cells in turn, and none of them runs again until asked', async () => {
    const app = await openNotebook(md)
    try {
      const cancel = app.page.getByRole('button', { name: 'Cancel', exact: true })
      for (const n of [1, 2, 3]) {
        await app.page.locator(`section.cell.running[aria-label="Cell ${n}"]`).waitFor()
        await cancel.click()
        await expect.poll(() => app.output(n).textContent()).toContain('stopped before it finished')
      }
      await expect.poll(() => app.scalar(4)).toBe('4')
      await expectSettled(app)
      for (const n of [1, 2, 3]) expect(await app.output(n).textContent()).toContain('stopped before it finished')
      // Run again by the learner: that cell alone runs.
      await app.run(2)
      await expect.poll(() => app.output(2).textContent(), { timeout: 60_000 }).not.toContain('stopped')
      await expectSettled(app)
      for (const n of [1, 3]) expect(await app.output(n).textContent()).toContain('stopped before it finished')
    } finally {
      await app.close()
    }
  })
})

describe('rendering bombs', () => {
  it('refuses a slider of 100,000 components with a message instead of drawing them', async () => {
    const bomb = 'x = slider(zeros(100000), ones(100000), 0.1, zeros(100000))'
    const app = await openNotebook(`# Sliders\n\n\`\`\`ad\n${bomb}\n\`\`\`\n\n\`\`\`ad\ny = 7\n\`\`\`\n`)
    try {
      await expect.poll(() => app.scalar(2)).toBe('7')
      await expect.poll(() => app.output(1).textContent()).toMatch(/100000 components.*at most 64/)
      expect(await app.page.locator('input[type=range]').count()).toBe(0)
      await expectSettled(app)
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('renders 60,000 formulas from a short share link as a few hundred, keeping the rest as source', async () => {
    const prose = Array.from({ length: 60_000 }, () => '$x^2$').join(' ')
    const md = `# Math\n\n${prose}\n\n\`\`\`ad\nz = 3\n\`\`\`\n`
    const link = await encodeShare({ v: 1, md, sliders: {} })
    expect(link.length).toBeLessThan(2000) // judged by what it inflates to, not by its length
    const app = await openNotebook(md)
    try {
      await expect.poll(() => app.scalar(1)).toBe('3')
      await app.page.locator('.nb-math-held').waitFor()
      expect(await app.page.locator('.nb-markdown .katex').count()).toBeLessThanOrEqual(200)
      expect(await app.page.evaluate(() => document.querySelectorAll('*').length)).toBeLessThan(50_000)
      expect(await app.page.locator('.nb-markdown').first().textContent()).toContain('$x^2$')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
