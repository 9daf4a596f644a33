// Embeds have a page of their own, embed.html, so that a host can forbid framing the app
// (frame-ancestors 'none' on index.html) and allow its course site to frame embeds only. Served
// here from a sub-path by a plain file server that sends exactly those headers.
import { loadavg } from 'node:os'
import { extname, join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import type { CourseSite } from './courseSite.ts'
import { PREFIX, serveCourseSite } from './courseSite.ts'
import { lessons } from '../../app/lessons.ts'
import { AppPage, codeCellNumbers, readText, root, server, shotOf } from './harness.ts'

// The seed's second code cell: g(x) = gradient(f, x); g(x1), which needs f, A and x1 from cell 1.
const seed = readText(join(root, 'content/seed-session.md'))
const cell = codeCellNumbers(seed)[1]!
/** The seed's panels, in order: the lines that call a panel builtin. */
const seedPanels = seed.match(/^(show_\w+|cost_explorer)\(.*$/gm)!

/** A course page framing `src`. */
const host = (src: string) => `<!doctype html><link rel="icon" href="data:,"><body><p>Course page</p>
<iframe id="nb" title="notebook" src="${src}" style="width:720px;height:400px;border:0"></iframe></body>`

let browser: Browser
let site: CourseSite
let origin = ''
beforeAll(async () => {
  browser = await launchBrowser()
  // The headers AUTHORING.md recommends: the app may not be framed, embed.html only by this
  // origin. /host-embed.html and /host-app.html are course pages framing one or the other.
  site = await serveCourseSite(
    server().dist,
    () => ({
      '/host-embed.html': host(`${PREFIX}embed.html#/seed-session?cell=${cell}`),
      '/host-app.html': host(`${PREFIX}#/seed-session?cell=${cell}`),
      '/host-three.html': `<!doctype html><link rel="icon" href="data:,"><body><p>Three embeds</p>
${[`cell=${cell}`, 'panel=1', 'panel=3']
  .map(
    (q, i) =>
      `<iframe id="e${i}" src="${PREFIX}embed.html#/seed-session?${q}" style="width:720px;height:500px;border:0"></iframe>`,
  )
  .join('\n')}</body>`,
    }),
    (rel, self): Record<string, string> =>
      extname(rel) === '.html'
        ? { 'content-security-policy': rel === 'embed.html' ? `frame-ancestors ${self}` : "frame-ancestors 'none'" }
        : {},
  )
  origin = site.origin
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('the embed page', () => {
  it('shows one cell alone without ?embed=1, stays an embed when its hash changes, and links to the app', async () => {
    const app = await AppPage.open(browser, `#/seed-session?cell=${cell}`, { base: `${origin}${PREFIX}embed.html` })
    try {
      await app.tensor(cell, 'vector of 3: 16, 44, 64').waitFor()
      expect(await app.page.locator('section.cell').count()).toBe(1)
      expect(await app.page.locator('.lessons, .toolbar').count()).toBe(0)
      const link = app.page.getByRole('link', { name: /Open the full lesson/ })
      // The app's page, not the embed page again.
      expect(await link.evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${origin}${PREFIX}#/seed-session`)
      // A link in a lesson (or a hand-edited hash) cannot make the frame the full app.
      await app.page.evaluate(() => (window.location.hash = '#/seed-session'))
      await app.page.locator('.embed').waitFor()
      expect(await app.page.locator('.lessons, .toolbar').count()).toBe(0)
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('can be framed by the course site while the app cannot', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(`${origin}/host-embed.html`)
      await page.frameLocator('#nb').getByRole('img', { name: 'vector of 3: 16, 44, 64' }).waitFor()

      await page.goto(`${origin}/host-app.html`)
      // The blocked frame never gets the app's document: its frame holds no cell.
      await page.waitForLoadState('load')
      const frame = page.frames().find((f) => f !== page.mainFrame())!
      const framedApp = await frame
        .evaluate(() => document.querySelectorAll('section.cell, #root').length)
        .catch(() => 0)
      expect(framedApp).toBe(0)
    } finally {
      await context.close()
    }
  })

  it('runs only the cells the embedded one needs: the cell and those defining the names it uses', async () => {
    const embed = `${origin}${PREFIX}embed.html`
    const app = await AppPage.open(browser, `#/seed-session?cell=${cell}`, { base: embed, traceWorker: true })
    try {
      await app.tensor(cell, 'vector of 3: 16, 44, 64').waitFor()
      await app.workerIdle()
      // The page sends the lesson with the shown cell marked; the worker runs what that one needs.
      const trace = await app.workerTrace()
      const sourceOf = new Map(
        trace.sent.flatMap((m) => (m.type === 'update' ? (m.cells ?? []) : [])).map((c) => [c.id, c.source]),
      )
      const ran = trace.received.flatMap((m) => (m.type === 'start' ? (m.ids ?? []) : []))
      // Cell 1 defines A, x1 and f; cell 2 is g(x) = gradient(f, x)[1]; g(x1). Nothing else runs.
      expect(new Set(ran.map((id) => sourceOf.get(id)!.trim().split('\n')[0]))).toEqual(
        new Set(['A = reshape(0:8, 3, 3) .% 4', 'g(x) = gradient(f, x)[1]']),
      )
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('three embeds on one course page each show their cell or panel', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const start = performance.now()
      await page.goto(`${origin}/host-three.html`, { waitUntil: 'commit' })
      await Promise.all([
        page.frameLocator('#e0').getByRole('img', { name: 'vector of 3: 16, 44, 64' }).waitFor(),
        page.frameLocator('#e1').locator('.panel-title').first().waitFor(),
        page.frameLocator('#e2').locator('.panel-title').first().waitFor(),
      ])
      // Recorded, not asserted (a busy machine is slow; npm run audit:budgets prints the figures).
      console.log(
        `three embeds settled in ${(performance.now() - start).toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)})`,
      )
      // Each panel embed shows one panel: the first is the pullbacks panel, the third the Hessian's.
      expect(seedPanels.map((p) => p.replace(/\(.*/, ''))).toEqual(['show_pullbacks', 'show_sum_trap', 'show_hessian'])
      for (const [frame, title] of [
        ['#e1', /pullback/i],
        ['#e2', /Hessian/],
      ] as const) {
        const panel = page.frameLocator(frame).locator('.panel-title')
        await panel.first().waitFor()
        expect(await panel.count()).toBe(1)
        expect(await panel.textContent()).toMatch(title)
      }
    } finally {
      await context.close()
    }
  })
})

describe('links to what does not exist', () => {
  const embed = () => `${origin}${PREFIX}embed.html`

  it('an unknown slug says so and lists the lessons, in an embed and on the app page', async () => {
    for (const base of [embed(), `${origin}${PREFIX}`]) {
      const app = await AppPage.open(browser, '#/no-such-lesson', { base })
      try {
        const message = app.page.getByRole('alert', { name: /no lesson called “no-such-lesson”/ })
        await message.waitFor()
        const links = message.getByRole('link')
        expect(await links.count()).toBe(lessons.length)
        expect(await links.first().getAttribute('href')).toBe(`#/${lessons[0]!.slug}`)
        // No other lesson is shown in its place, or opened behind the message.
        expect(await app.page.locator('section.cell').count()).toBe(0)
        // Nothing runs, so no evaluation worker was started.
        expect(app.page.workers()).toHaveLength(0)
        if (base !== embed()) {
          expect(await app.page.title()).toBe('No lesson “no-such-lesson” · Differentiation notebook')
          expect(await app.page.locator('nav.lessons [aria-current="page"]').count()).toBe(0)
          // Going on to a lesson names it, and marks it in the contents.
          await app.page.evaluate((slug) => (window.location.hash = `#/${slug}`), lessons[1]!.slug)
          await app.page.locator('section.cell').first().waitFor()
          expect(await app.page.title()).toBe(`${lessons[1]!.title} · Differentiation notebook`)
          expect(await app.page.locator('nav.lessons [aria-current="page"]').textContent()).toContain(lessons[1]!.title)
        }
        if (base === embed()) await shotOf(app.page.locator('body'), 'embed-unknown-slug')
        await app.expectClean()
      } finally {
        await app.close()
      }
    }
  })

  it('an unknown cell lists the code cells, each linked', async () => {
    const app = await AppPage.open(browser, '#/seed-session?cell=nope', { base: embed() })
    try {
      const message = app.page.getByRole('alert', { name: /no cell called “nope”/ })
      await message.waitFor()
      expect(await message.getByRole('link').count()).toBe(codeCellNumbers(seed).length)
      expect(await message.getByRole('link').nth(1).getAttribute('href')).toBe('#/seed-session?cell=2')
      expect(await app.page.locator('section.cell').count()).toBe(0)
      // Nothing runs: the worker started before the cells were known is stopped.
      await expect.poll(() => app.page.workers().length).toBe(0)
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('panel=0 says panels count from 1 and lists the panels, instead of embedding the whole lesson', async () => {
    const app = await AppPage.open(browser, '#/seed-session?panel=0', { base: embed() })
    try {
      const message = app.page.getByRole('alert', { name: /There is no panel 0: panels are counted from 1/ })
      await message.waitFor()
      const links = message.getByRole('link')
      expect(await links.count()).toBe(seedPanels.length)
      expect(await links.last().getAttribute('href')).toBe(`#/seed-session?panel=${seedPanels.length}`)
      expect(await message.textContent()).toContain(seedPanels.at(-1))
      expect(await app.page.locator('section.cell').count()).toBe(0)
      await shotOf(app.page.locator('body'), 'embed-panel-0')
      // Following a link shows that panel.
      await links.first().click()
      await app.page.locator('section.cell .panel').first().waitFor()
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
