// Embeds have a page of their own, embed.html, so that a host can forbid framing the app
// (frame-ancestors 'none' on index.html) and allow its course site to frame embeds only. Served
// here from a sub-path by a plain file server that sends exactly those headers.
import { extname, join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import type { CourseSite } from './courseSite.ts'
import { PREFIX, serveCourseSite } from './courseSite.ts'
import { AppPage, codeCellNumbers, readText, root, server } from './harness.ts'

// The seed's second code cell: g(x) = gradient(f, x); g(x1), which needs f, A and x1 from cell 1.
const cell = codeCellNumbers(readText(join(root, 'content/seed-session.md')))[1]!

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
})
