/**
 * Runs the XSS payloads (tests/browser/fixtures/xss-payloads.ts) against the built app in
 * Chromium, by the three ways hostile text arrives: a share link, an imported notebook file, and
 * text typed into a code cell and a prose cell. Shared by the browser test (xss.test.ts) and
 * `npm run audit`, so it needs no vitest: give it a launched browser and the served app's URL.
 *
 * What counts as a payload having run, or having come close (every one is a finding):
 *  - xssMark(n) called, or window.__xss set (a global defined before the app loads);
 *  - a request, from the page or the evaluation worker, to a URL containing /xss-mark/, or to any
 *    host other than the app's;
 *  - a dialog (alert, confirm, prompt), a popup, an iframe, or the page leaving the app;
 *  - a Content-Security-Policy violation (the policy blocked something: markup got through);
 *  - in the DOM after rendering: a script, iframe, object, embed, base, meta or link element in
 *    the body, an on* attribute, a javascript:/vbscript:/data:text/html URL, srcdoc, or a style
 *    with expression() or javascript:;
 *  - a console error or uncaught exception.
 * With `stripCsp`, the page is served without its CSP meta tag, so the escaping alone is tested:
 * a payload that got through would run and call xssMark.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { encodeShare } from '../../../app/store/share.ts'
import { parseNotebook } from '../../../engine/notebook/notebookFile.ts'
import type { XssPayload } from '../fixtures/xss-payloads.ts'
import { xssNotebookPayloads, xssPayloads } from '../fixtures/xss-payloads.ts'

export const MARK_PATH = '/xss-mark/'

export interface GuardOptions {
  /** Serve the page without its Content-Security-Policy (test the escaping alone). */
  stripCsp?: boolean
}

/** What the detectors saw: every entry is a problem. */
export interface XssReport {
  findings: string[]
  /** Payload ids whose marker fired (xssMark(id), /xss-mark/<id>, __xss = id). */
  executed: string[]
}

/** Runs in the page before the app: the marker, the CSP listener and a worker-message counter. */
function pageDetectors(): void {
  const w = window as unknown as {
    __xssMarks: string[]
    __xssCsp: string[]
    __xssWorker: { sent: number; done: number }
    xssMark: (n: unknown) => void
    Worker: typeof Worker
  }
  w.__xssMarks = []
  w.__xssCsp = []
  w.xssMark = (n) => void w.__xssMarks.push(String(n))
  Object.defineProperty(window, '__xss', {
    set: (v: unknown) => void w.__xssMarks.push(String(v)),
    get: () => undefined,
  })
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__xssCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? `: ${e.sample}` : ''}`)
  })
  // The evaluation worker's progress: the highest message number sent, and the highest answered.
  const counter = (w.__xssWorker = { sent: 0, done: 0 })
  const Native = w.Worker
  class Counted extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options)
      counter.sent = 0
      counter.done = 0
      this.addEventListener('message', (e: MessageEvent<{ type?: string; seq?: number }>) => {
        if (e.data?.type === 'done' && typeof e.data.seq === 'number') counter.done = Math.max(counter.done, e.data.seq)
      })
    }
    override postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
      const seq = (message as { seq?: unknown } | null)?.seq
      if (typeof seq === 'number') counter.sent = Math.max(counter.sent, seq)
      if (Array.isArray(transfer)) super.postMessage(message, transfer)
      else super.postMessage(message, transfer)
    }
  }
  w.Worker = Counted
}

/** Runs in the page: elements and attributes that can run script, found anywhere in the body. */
function scanDom(): string[] {
  const found: string[] = []
  const dangerousTags = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'link'])
  const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'])
  const describe = (el: Element) =>
    `<${el.localName}${el.id ? `#${el.id}` : ''}> in ${el.parentElement?.className || el.parentElement?.localName}`
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (dangerousTags.has(el.localName)) found.push(`element ${describe(el)}`)
    if (el.localName === 'style' && el.closest('main')) found.push(`style element ${describe(el)}`)
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase()
      // Browsers ignore control characters and spaces inside a URL scheme.
      const value = Array.from(a.value)
        .filter((ch) => ch.charCodeAt(0) > 0x20 && !/\s/.test(ch))
        .join('')
        .toLowerCase()
      if (name.startsWith('on')) found.push(`attribute ${name}="${a.value.slice(0, 60)}" on ${describe(el)}`)
      else if (name === 'srcdoc') found.push(`srcdoc on ${describe(el)}`)
      else if (urlAttrs.has(name) && /^(javascript:|vbscript:|data:text\/html)/.test(value))
        found.push(`${name}="${a.value.slice(0, 60)}" on ${describe(el)}`)
      else if (name === 'style' && /expression\(|javascript:/.test(value))
        found.push(`style="${a.value.slice(0, 60)}" on ${describe(el)}`)
    }
  }
  return found
}

/** One browser context with every detector attached. */
export class XssGuard {
  private readonly nodeFindings: string[] = []
  private readonly marks: string[] = []
  private readonly base: URL

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    baseUrl: string,
  ) {
    this.base = new URL(baseUrl)
  }

  static async open(browser: Browser, baseUrl: string, hash: string, options: GuardOptions = {}): Promise<XssGuard> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' })
    const page = await context.newPage()
    const guard = new XssGuard(context, page, baseUrl)
    const origin = guard.base.origin
    context.on('request', (r) => {
      const url = r.url()
      const marked = url.indexOf(MARK_PATH)
      if (marked >= 0) {
        guard.marks.push(url.slice(marked + MARK_PATH.length).replace(/\..*$/, ''))
        guard.nodeFindings.push(`request to ${url}`)
      } else if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) {
        guard.nodeFindings.push(`request to another origin: ${url}`)
      }
    })
    context.on('page', (p) => p !== page && guard.nodeFindings.push(`a popup opened: ${p.url()}`))
    page.on('dialog', (d) => {
      guard.nodeFindings.push(`dialog (${d.type()}): ${d.message()}`)
      void d.dismiss().catch(() => {})
    })
    page.on('frameattached', (f) => guard.nodeFindings.push(`a frame was attached: ${f.url()}`))
    page.on('framenavigated', (f) => {
      if (f !== page.mainFrame()) return
      const u = new URL(f.url())
      if (u.origin !== origin || u.pathname !== guard.base.pathname) guard.nodeFindings.push(`navigated to ${f.url()}`)
    })
    page.on('console', (m) => {
      if (m.type() === 'error') guard.nodeFindings.push(`console error: ${m.text()}`)
    })
    page.on('pageerror', (e) => guard.nodeFindings.push(`uncaught exception: ${e.message}`))
    // tsx (npm run audit) wraps named inner functions in __name(); give the page a stand-in.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f)' })
    await page.addInitScript(pageDetectors)
    if (options.stripCsp) {
      await page.route(
        (url) => url.origin === origin,
        async (route) => {
          if (route.request().resourceType() !== 'document') return route.continue()
          const response = await route.fetch()
          const body = (await response.text()).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '')
          await route.fulfill({ response, body })
        },
      )
    }
    await page.goto(new URL(hash, baseUrl).href)
    return guard
  }

  /** Waits until the evaluation worker has answered everything sent to it. */
  async workerIdle(timeout = 60_000): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const c = (window as unknown as { __xssWorker: { sent: number; done: number } }).__xssWorker
        return c.sent > 0 && c.done >= c.sent && document.querySelectorAll('[aria-busy="true"]').length === 0
      },
      undefined,
      { timeout },
    )
  }

  /** Scans the DOM now and adds what it finds. */
  async scan(when: string): Promise<void> {
    for (const f of await this.page.evaluate(scanDom)) this.nodeFindings.push(`${when}: ${f}`)
  }

  async report(): Promise<XssReport> {
    await this.scan('at the end')
    const page = this.page.isClosed()
      ? { marks: [], csp: [] }
      : await this.page.evaluate(() => {
          const w = window as unknown as { __xssMarks: string[]; __xssCsp: string[] }
          return { marks: [...w.__xssMarks], csp: [...w.__xssCsp] }
        })
    const executed = [...new Set([...page.marks, ...this.marks])]
    const findings = [
      ...page.marks.map((m) => `xssMark(${m}) was called`),
      ...page.csp.map((c) => `CSP violation: ${c}`),
      ...this.nodeFindings,
    ]
    return { findings: [...new Set(findings)], executed }
  }

  async close(): Promise<void> {
    await this.context.close()
  }
}

// --- The payloads as one notebook ------------------------------------------------------------

export interface PayloadNotebook {
  markdown: string
  /** Prose payloads by the number of the text cell that holds them ("Text n"). */
  prose: Map<number, XssPayload>
  /** Code payloads by the number of their code cell ("Cell n"). */
  code: Map<number, XssPayload>
}

/**
 * Every payload in one notebook: prose and code payloads interleaved, each in a cell of its own
 * (a comment-only code cell separates prose payloads once the code payloads run out), with the
 * hostile title and fence info string.
 */
export function payloadNotebook(): PayloadNotebook {
  const prose = xssPayloads.filter((p) => p.place === 'prose')
  const code = xssPayloads.filter((p) => p.place === 'code')
  const parts = [`# ${xssNotebookPayloads.title.text}\n\nEvery cell below is hostile.\n`]
  parts.push('```' + xssNotebookPayloads.info.text + '\n1\n```\n')
  parts.push(xssNotebookPayloads.exercise.text + '\n')
  for (let i = 0; i < Math.max(prose.length, code.length); i++) {
    parts.push(prose[i] ? `${prose[i]!.text}\n` : 'Next.\n')
    parts.push('```ad\n' + (code[i] ? code[i]!.text : '# separator') + '\n```\n')
  }
  parts.push('The end.\n')
  const markdown = parts.join('\n')

  const cells = parseNotebook(markdown).cells
  const byProse = new Map<number, XssPayload>()
  const byCode = new Map<number, XssPayload>()
  let t = 0
  let c = 0
  for (const cell of cells) {
    if (cell.kind === 'prose') {
      t++
      const p = prose.find((q) => cell.text.trim() === q.text)
      if (p) byProse.set(t, p)
    } else if (cell.kind === 'code') {
      c++
      const p = code.find((q) => cell.source === q.text)
      if (p) byCode.set(c, p)
    }
  }
  if (byProse.size !== prose.length || byCode.size !== code.length) {
    const lost = xssPayloads.filter((p) => ![...byProse.values(), ...byCode.values()].includes(p)).map((p) => p.id)
    throw new Error(`payloads ${lost.join(', ')} did not land in a cell of their own`)
  }
  return { markdown, prose: byProse, code: byCode }
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The text of a prose cell or a code cell's output, as shown. */
async function shownText(page: Page, kind: 'Text' | 'Cell', n: number): Promise<string> {
  const region = page.getByRole('region', { name: `${kind} ${n}`, exact: true })
  if (kind === 'Text') return squash((await region.locator('.nb-markdown').textContent({ timeout: 5000 })) ?? '')
  const out = region.locator('.nb-output')
  if ((await out.count()) === 0) return ''
  return squash((await out.textContent({ timeout: 5000 })) ?? '')
}

async function payloadShown(page: Page, kind: 'Text' | 'Cell', n: number, p: XssPayload): Promise<string | null> {
  if (p.shows === undefined) return null
  const text = await shownText(page, kind, n)
  return text.includes(squash(p.shows))
    ? null
    : `payload ${p.id} (${p.note}) in ${kind} ${n}: expected “${p.shows}” among the text shown, saw “${text.slice(0, 160)}”`
}

/** Waits for every plot to be drawn (plotly loads lazily) and for the worker to be idle. */
async function settle(guard: XssGuard, plots: number): Promise<void> {
  await guard.workerIdle()
  // Pointing at a plot loads plotly (until then a plot is its preview); hovering again once it is
  // drawn sends the trace names to plotly's hover labels too.
  const hover = async () => {
    for (const canvas of await guard.page.locator('.nb-plot-canvas').all()) {
      await canvas.scrollIntoViewIfNeeded()
      const box = await canvas.boundingBox()
      if (box) await guard.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    }
  }
  if (plots > 0) {
    await hover()
    await guard.page.waitForFunction((n) => document.querySelectorAll('.nb-plot-canvas .main-svg').length >= n, plots, {
      timeout: 60_000,
    })
  }
  await hover()
  await guard.page.waitForTimeout(300)
}

const plotCount = (ps: Iterable<XssPayload>) => [...ps].filter((p) => /\b(plot|contour)\(/.test(p.text)).length

async function checkNotebook(guard: XssGuard, nb: PayloadNotebook): Promise<string[]> {
  await guard.page.getByRole('region', { name: `Cell ${Math.max(...nb.code.keys())}`, exact: true }).waitFor()
  await settle(guard, plotCount(nb.code.values()))
  const notShown: string[] = []
  for (const [n, p] of nb.prose) {
    const miss = await payloadShown(guard.page, 'Text', n, p)
    if (miss) notShown.push(miss)
  }
  for (const [n, p] of nb.code) {
    const miss = await payloadShown(guard.page, 'Cell', n, p)
    if (miss) notShown.push(miss)
  }
  return notShown
}

export interface XssRunResult {
  /** How the payloads arrived. */
  route: string
  /** Payloads tried this way. */
  tried: number
  report: XssReport
  /** Payloads that did not show as the inert text they should. */
  notShown: string[]
}

/** (a) Everything in one share link, with a hostile slider name; then hostile lesson slugs. */
export async function runShareLink(
  browser: Browser,
  baseUrl: string,
  options: GuardOptions = {},
): Promise<XssRunResult> {
  const nb = payloadNotebook()
  const { sliderName, slug, javascriptSlug, title } = xssNotebookPayloads
  const link = await encodeShare({ v: 1, md: nb.markdown, sliders: { [sliderName.text]: [1] } })
  const guard = await XssGuard.open(browser, baseUrl, `#/x?nb=${link}`, options)
  try {
    const notShown = await checkNotebook(guard, nb)
    if (!(await guard.page.title()).includes(title.text)) notShown.push(`the title is not shown as text in the tab`)
    await guard.scan('after the share link')
    for (const s of [slug, javascriptSlug]) {
      await guard.page.goto(new URL(`#/${encodeURIComponent(s.text)}`, baseUrl).href)
      const notice = guard.page.locator('.notice').filter({ hasText: s.text })
      if (
        !(await notice
          .first()
          .isVisible({ timeout: 10_000 })
          .catch(() => false))
      )
        notShown.push(`payload ${s.id} (${s.note}): no notice quoting it as text`)
      await guard.scan(`after the slug ${s.id}`)
    }
    return { route: 'share link', tried: nb.prose.size + nb.code.size + 6, report: await guard.report(), notShown }
  } finally {
    await guard.close()
  }
}

/** (b) The same notebook as a file, through Import .md, under a hostile file name. */
export async function runImport(browser: Browser, baseUrl: string, options: GuardOptions = {}): Promise<XssRunResult> {
  const nb = payloadNotebook()
  const guard = await XssGuard.open(browser, baseUrl, '#/seed-session', options)
  try {
    await guard.workerIdle()
    const name = xssNotebookPayloads.fileName.text
    const [chooser] = await Promise.all([
      guard.page.waitForEvent('filechooser'),
      guard.page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Import .md' }).click(),
    ])
    await chooser.setFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(nb.markdown) })
    const notShown = await checkNotebook(guard, nb)
    const notice = guard.page.locator('.notice').filter({ hasText: `Imported ${name}` })
    if (
      !(await notice
        .first()
        .isVisible({ timeout: 10_000 })
        .catch(() => false))
    )
      notShown.push(`payload ${xssNotebookPayloads.fileName.id} (the file name): no notice quoting it as text`)
    return { route: 'imported file', tried: nb.prose.size + nb.code.size + 4, report: await guard.report(), notShown }
  } finally {
    await guard.close()
  }
}

/**
 * (c) Each payload typed into a cell: code payloads into a code cell and run (the first few key
 * by key, the rest pasted), prose payloads into a text cell's editor and rendered.
 */
export async function runTyped(browser: Browser, baseUrl: string, options: GuardOptions = {}): Promise<XssRunResult> {
  const start = await encodeShare({ v: 1, md: '# Typing\n\nSome text.\n\n```ad\n1\n```\n', sliders: {} })
  const guard = await XssGuard.open(browser, baseUrl, `#/x?nb=${start}`, options)
  const page = guard.page
  const notShown: string[] = []
  let tried = 0
  try {
    await guard.workerIdle()
    const cell = page.getByRole('region', { name: 'Cell 1', exact: true })
    const text = page.getByRole('region', { name: 'Text 1', exact: true })
    const codes = xssPayloads.filter((p) => p.place === 'code')
    for (const [i, p] of codes.entries()) {
      await cell.getByRole('textbox', { name: 'Cell 1 code' }).click()
      const content = cell.locator('.cm-content')
      await content.waitFor()
      await content.focus()
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.press('Delete')
      if (i < 3 && !p.text.includes('\n')) await page.keyboard.type(p.text)
      else await page.keyboard.insertText(p.text)
      // The editor closes brackets as they are typed; what it holds must still be the payload.
      const typed = await content.evaluate((el) =>
        Array.from(el.querySelectorAll('.cm-line'))
          .map((l) => l.textContent ?? '')
          .join('\n'),
      )
      if (typed !== p.text) {
        await page.keyboard.press('ControlOrMeta+A')
        await page.keyboard.insertText(p.text)
      }
      await page.keyboard.press('Shift+Enter')
      await settle(guard, plotCount([p]))
      if (/show_/.test(p.text)) await page.waitForTimeout(500)
      const miss = await payloadShown(page, 'Cell', 1, p)
      if (miss) notShown.push(miss)
      await guard.scan(`after typing payload ${p.id}`)
      tried++
    }
    const proses = xssPayloads.filter((p) => p.place === 'prose')
    for (const [i, p] of proses.entries()) {
      await text.getByRole('button', { name: 'Edit text', exact: true }).click()
      const area = text.getByRole('textbox', { name: 'Text 1 Markdown' })
      if (i < 3) {
        await area.fill('')
        await area.pressSequentially(p.text)
      } else {
        await area.fill(p.text)
      }
      if ((await area.inputValue()) !== p.text)
        notShown.push(`payload ${p.id}: the prose editor does not hold it as typed`)
      await text.getByRole('button', { name: 'Done', exact: true }).click()
      const miss = await payloadShown(page, 'Text', 1, p)
      if (miss) notShown.push(miss)
      await guard.scan(`after typing payload ${p.id}`)
      tried++
    }
    return { route: 'typed into cells', tried, report: await guard.report(), notShown }
  } finally {
    await guard.close()
  }
}

/** All three routes; the share link as shipped (with CSP), import and typing without CSP. */
export async function runXssSuite(browser: Browser, baseUrl: string): Promise<XssRunResult[]> {
  return [
    await runShareLink(browser, baseUrl),
    await runImport(browser, baseUrl, { stripCsp: true }),
    await runTyped(browser, baseUrl, { stripCsp: true }),
  ]
}

/**
 * The detectors themselves, checked on a page where script is deliberately run: each probe
 * must be seen. Returns the probes that were NOT detected (empty when the detectors work).
 */
export async function probeDetectors(browser: Browser, baseUrl: string): Promise<string[]> {
  const missed: string[] = []
  const probes = async (stripCsp: boolean, list: [string, (g: XssGuard) => Promise<unknown>, RegExp][]) => {
    const guard = await XssGuard.open(browser, baseUrl, '#/seed-session', { stripCsp })
    try {
      await guard.workerIdle()
      let before = (await guard.report()).findings
      if (before.length > 0) missed.push(`the page was not clean before the probes: ${before.join('; ')}`)
      for (const [what, act, seen] of list) {
        await act(guard)
        await guard.page.waitForTimeout(300)
        const now = (await guard.report()).findings
        const added = now.filter((f) => !before.includes(f))
        if (!added.some((f) => seen.test(f)))
          missed.push(`${what}: not detected (new findings: ${JSON.stringify(added)})`)
        before = now
      }
    } finally {
      await guard.close()
    }
  }
  // Markup injected into the notebook: with CSP the handler is blocked (a violation) and the
  // element is found; without CSP the handler runs and calls xssMark.
  const inject = (mark: string) => (g: XssGuard) =>
    g.page.evaluate((m) => {
      document.querySelector('.nb-markdown')!.insertAdjacentHTML('beforeend', `<img src="x" onerror="xssMark('${m}')">`)
    }, mark)
  await probes(true, [['an inline handler without CSP', inject('probe'), /xssMark\(probe\) was called/]])
  await probes(false, [
    ['an inline handler under CSP', inject('csp'), /CSP violation/],
    [
      'script run directly',
      (g) => g.page.evaluate(() => void ((window as unknown as { __xss: number }).__xss = 7)),
      /xssMark\(7\)/,
    ],
    ['a dialog', (g) => g.page.evaluate(() => void setTimeout(() => alert('probe'), 0)), /dialog/],
    [
      'a marked request from the page',
      (g) => g.page.evaluate(() => void fetch('/xss-mark/page').catch(() => {})),
      /request to .*\/xss-mark\/page/,
    ],
    [
      'a marked request from the worker',
      async (g) => {
        const worker = g.page.workers()[0]
        if (!worker) throw new Error('no evaluation worker')
        await worker.evaluate(() => void fetch('/xss-mark/worker').catch(() => {}))
      },
      /request to .*\/xss-mark\/worker/,
    ],
    [
      'a javascript: link in the DOM',
      (g) =>
        g.page.evaluate(() => {
          const a = document.createElement('a')
          a.href = 'javascript:void 0'
          document.querySelector('main')!.append(a)
        }),
      /href="javascript:void 0"/,
    ],
    [
      'an iframe',
      (g) => g.page.evaluate(() => void document.body.append(document.createElement('iframe'))),
      /frame was attached|element <iframe/,
    ],
    ['leaving the app', (g) => g.page.evaluate(() => void (location.href = '/elsewhere.html')), /navigated to/],
  ])
  return missed
}
