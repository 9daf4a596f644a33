/**
 * The browser tests' view of the app: a fresh browser context per test, with every console error,
 * uncaught exception and Content-Security-Policy violation recorded, and helpers that find things
 * the way a person (or a screen reader) does: cells by their names ("Cell 2"), editors by theirs
 * ("Cell 2 code"), sliders by their variable, buttons by their text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { fileCellShape, variantOwners } from '../../engine/notebook/variants.ts'
import { parseNotebook } from '../../engine/standard.ts'

export const root = resolve(import.meta.dirname, '../..')
export const fixtures = join(import.meta.dirname, 'fixtures')

/** The served app and its build folder, from the global setup. */
export function server(): { url: string; dist: string } {
  return inject('e2e')
}

/** Screenshots go here when E2E_SHOTS names a folder (outside the repository, e.g. /tmp/shots). */
const shotsDir = process.env.E2E_SHOTS

/**
 * The numbers of a notebook file's code cells, as the app names them ("Cell n"), in file order.
 * The app counts code cells among themselves (prose cells are "Text n"), a two-variant cell once.
 */
export function codeCellNumbers(markdown: string): number[] {
  const cells = parseNotebook(markdown).cells
  const owners = variantOwners(cells.map(fileCellShape))
  return cells.filter((c, i) => c.kind === 'code' && owners[i] === i).map((_, i) => i + 1)
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8')
}

/** Writes bytes to a file called name in a fresh temporary folder, runs fn with its path, removes it. */
export async function withTempFile<T>(
  name: string,
  bytes: string | Buffer,
  fn: (path: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'adnb-e2e-file-'))
  try {
    const path = join(dir, name)
    writeFileSync(path, bytes)
    return await fn(path)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Messages between the page and the evaluation worker, as recorded by traceWorker. */
export interface WorkerTrace {
  sent: { type: string; seq: number; cells?: { id: string; source: string }[] }[]
  received: { type: string; seq: number; ids?: string[]; id?: string }[]
}

interface OpenOptions {
  /** Record the messages between the page and its evaluation worker (window.__e2eWorker). */
  traceWorker?: boolean
  /** Run before navigating (e.g. to start recording requests). */
  before?: (page: Page, context: BrowserContext) => void | Promise<void>
  /** Where the app is served, if not by the global setup (e.g. a sub-path of another server). */
  base?: string
  /** The window's size; 1280 by 900 unless given. */
  viewport?: { width: number; height: number }
}

export class AppPage {
  /** Console errors and uncaught exceptions, as they happen. */
  readonly errors: string[] = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') {
        const where = m.location()
        this.errors.push(
          `console error${m.worker() ? ' (worker)' : ''}: ${m.text()} at ${where.url}:${where.lineNumber}`,
        )
      }
    })
    page.on('pageerror', (e) => this.errors.push(`uncaught exception: ${e.message}`))
    page.on('crash', () => this.errors.push('the page crashed'))
  }

  /** A fresh browser context (empty storage) with the app open at hash, e.g. "#/seed-session". */
  static async open(browser: Browser, hash = '#/seed-session', options: OpenOptions = {}): Promise<AppPage> {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      acceptDownloads: true,
      reducedMotion: 'reduce',
    })
    const page = await context.newPage()
    const app = new AppPage(context, page)
    await page.addInitScript(() => {
      const w = window as unknown as { __e2eCsp: string[] }
      w.__e2eCsp = []
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__e2eCsp.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}` +
            (e.sample ? `: ${e.sample}` : ''),
        )
      })
    })
    if (options.traceWorker) await page.addInitScript(traceWorkerMessages)
    await options.before?.(page, context)
    await app.goto(hash, options.base)
    return app
  }

  async goto(hash: string, base = server().url): Promise<void> {
    await this.page.goto(new URL(hash, base).href)
  }

  async close(): Promise<void> {
    await this.context.close()
  }

  /** Console errors, uncaught exceptions and CSP violations so far. */
  async problems(): Promise<string[]> {
    const csp = this.page.isClosed()
      ? []
      : await this.page
          .evaluate(() => (window as unknown as { __e2eCsp?: string[] }).__e2eCsp ?? [])
          .catch(() => [] as string[])
    return [...this.errors, ...csp.map((c) => `CSP violation: ${c}`)]
  }

  async expectClean(): Promise<void> {
    expect(await this.problems()).toEqual([])
  }

  /** A full-page screenshot into $E2E_SHOTS/e2e-<name>.png, when E2E_SHOTS is set. */
  async shot(name: string): Promise<void> {
    if (!shotsDir) return
    mkdirSync(shotsDir, { recursive: true })
    await this.page.screenshot({ path: join(shotsDir, `e2e-${name}.png`), fullPage: true })
  }

  // --- Cells -------------------------------------------------------------------------------------

  /** Code cell n (counting code cells from 1), the region named "Cell n". */
  cell(n: number): Locator {
    return this.page.getByRole('region', { name: `Cell ${n}`, exact: true })
  }

  /** Code cell n's editor, the textbox named "Cell n code". */
  editor(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Cell ${n} code`, exact: true })
  }

  /** The output area under code cell n. */
  output(n: number): Locator {
    return this.cell(n).locator('.nb-output')
  }

  /** Code cell n's error message. */
  error(n: number): Locator {
    return this.cell(n).getByRole('status').filter({ hasText: /error/i })
  }

  /** A vector or matrix output, found by its spoken label ("vector of 3: 16, 44, 64"). */
  tensor(n: number, spoken: string | RegExp): Locator {
    return this.cell(n).getByRole('img', { name: spoken })
  }

  /** Code cell n's number output, as shown. */
  async scalar(n: number): Promise<string> {
    const s = this.output(n).locator('.nb-scalar')
    await s.waitFor()
    return (await s.textContent())?.trim() ?? ''
  }

  /**
   * The text in code cell n's editor, line by line as typed (from CodeMirror's lines, or from the
   * plain-text stand-in shown until the editor has loaded).
   */
  async code(n: number): Promise<string> {
    return this.editor(n).evaluate((el) =>
      el.classList.contains('cm-content')
        ? Array.from(el.querySelectorAll('.cm-line'))
            .map((l) => l.textContent ?? '')
            .join('\n')
        : (el.textContent ?? ''),
    )
  }

  /**
   * Focuses code cell n's editor, the way a learner does: clicking it. The page first shows each
   * cell's code as plain text and loads the editor (CodeMirror) on first use; this waits for it.
   */
  async focusEditor(n: number): Promise<void> {
    await this.editor(n).click()
    const content = this.cell(n).locator('.cm-content')
    await content.waitFor()
    if (!(await content.evaluate((el) => el === document.activeElement))) await content.click()
  }

  /**
   * Selects everything in code cell n's editor and types text over it, key by key (lines
   * separated by \n). The editor closes brackets as they are typed; the result must still be
   * exactly the text.
   */
  async typeCode(n: number, text: string): Promise<void> {
    await this.selectAll(n)
    for (const [i, line] of text.split('\n').entries()) {
      if (i > 0) await this.page.keyboard.press('Enter')
      await this.page.keyboard.type(line)
    }
    expect(await this.code(n)).toBe(text)
  }

  /** Replaces everything in code cell n's editor with text in one go, as a paste does (faster than typing). */
  async pasteCode(n: number, text: string): Promise<void> {
    await this.selectAll(n)
    await this.page.keyboard.insertText(text)
    expect(await this.code(n)).toBe(text)
  }

  /** Types text at the end of code cell n. */
  async appendCode(n: number, text: string): Promise<void> {
    await this.focusEditor(n)
    await this.page.keyboard.press('ControlOrMeta+End')
    const before = await this.code(n)
    await this.page.keyboard.type(text)
    expect(await this.code(n)).toBe(before + text)
  }

  private async selectAll(n: number): Promise<void> {
    await this.focusEditor(n)
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('Delete')
    expect(await this.code(n)).toBe('')
  }

  /** Shift+Enter in code cell n's editor. */
  async run(n: number): Promise<void> {
    await this.focusEditor(n)
    await this.page.keyboard.press('Shift+Enter')
  }

  /** Types text over code cell n and runs it (Shift+Enter). */
  async edit(n: number, text: string): Promise<void> {
    await this.typeCode(n, text)
    await this.run(n)
  }

  // --- Toolbar -----------------------------------------------------------------------------------

  button(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name, exact: true })
  }

  /** Imports a notebook file through the toolbar's "Import .md" button and the file chooser. */
  async importFile(path: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.button('Import .md').click()])
    // Handed over as bytes: the page reads a chosen file lazily, after the caller may have deleted it.
    await chooser.setFiles({ name: basename(path), mimeType: 'text/markdown', buffer: readFileSync(path) })
  }

  /** Clicks "Export .md" and returns the downloaded file's name and bytes. */
  async exportFile(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button('Export .md').click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), bytes: readFileSync(path) }
  }

  /** The messages to and from the evaluation worker so far (needs traceWorker). */
  async workerTrace(): Promise<WorkerTrace> {
    return this.page.evaluate(() => {
      const t = (window as unknown as { __e2eWorker?: WorkerTrace }).__e2eWorker
      if (!t) throw new Error('the page was not opened with traceWorker')
      return JSON.parse(JSON.stringify(t)) as WorkerTrace
    })
  }

  /** Waits until the worker has answered every message sent so far. */
  async workerIdle(): Promise<void> {
    await this.page.waitForFunction(() => {
      const t = (window as unknown as { __e2eWorker?: WorkerTrace }).__e2eWorker
      if (!t || t.sent.length === 0) return false
      const last = Math.max(...t.sent.map((m) => m.seq))
      return t.received.some((m) => m.type === 'done' && m.seq === last)
    })
  }
}

/**
 * Runs in the page before the app: wraps the Worker constructor so that every message to and
 * from a worker is recorded in window.__e2eWorker. The app is unchanged; the tests see which
 * cells the worker was asked to run ("start" lists them), and the source of each (the page sends
 * every code cell with its id in "update").
 */
function traceWorkerMessages(): void {
  const w = window as unknown as { __e2eWorker: { sent: unknown[]; received: unknown[] }; Worker: typeof Worker }
  const trace = (w.__e2eWorker = { sent: [] as unknown[], received: [] as unknown[] })
  const Native = w.Worker
  class Traced extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      this.addEventListener('message', (e) => trace.received.push(e.data))
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      trace.sent.push(message)
      if (Array.isArray(transfer)) super.postMessage(message, transfer)
      else super.postMessage(message, transfer)
    }
  }
  w.Worker = Traced
}

/** Numbers as the app shows them: up to 6 significant digits. */
export function shown(x: number): string {
  return String(Number(x.toPrecision(6)))
}

/** A screenshot of one element (a panel, say) into $E2E_SHOTS/e2e-<name>.png, when E2E_SHOTS is set. */
export async function shotOf(target: Locator, name: string): Promise<void> {
  if (!shotsDir) return
  mkdirSync(shotsDir, { recursive: true })
  await target.screenshot({ path: join(shotsDir, `e2e-${name}.png`) })
}
