// The static build served from a sub-path by a plain file server (no SPA fallback, no special
// headers), as a course website would host it, and one cell of a lesson embedded in an iframe
// there: it renders alone with its output, nothing fails to load, and the page tells its parent
// how tall it is.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import type { CourseSite } from './courseSite.ts'
import { PREFIX, serveCourseSite } from './courseSite.ts'
import { AppPage, codeCellNumbers, readText, root, server } from './harness.ts'

// The seed's second code cell: g(x) = gradient(f, x); g(x1), which needs f, A and x1 from cell 1.
const cell = codeCellNumbers(readText(join(root, 'content/seed-session.md')))[1]!
const embedHash = `#/seed-session?embed=1&cell=${cell}`

/** /host.html: a course page with the iframe, which reports the embed's height. */
const hostPage = `<!doctype html><link rel="icon" href="data:,"><body style="margin:0"><p>Course page</p>
<iframe id="nb" title="notebook" src="${PREFIX}${embedHash}" style="width:720px;border:0"></iframe>
<script>window.heights = []; addEventListener('message', (e) => {
  if (e.data && e.data.type === 'adnb:height') { heights.push(e.data.height); nb.style.height = e.data.height + 'px' }
})</script></body>`

let browser: Browser
let site: CourseSite
let origin = ''
beforeAll(async () => {
  browser = await launchBrowser()
  site = await serveCourseSite(server().dist, () => ({ '/host.html': hostPage }))
  origin = site.origin
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Opens a page there, recording every request that failed or answered with an error status. */
async function open(url: string, hash: string): Promise<{ app: AppPage; failed: string[] }> {
  const failed: string[] = []
  const app = await AppPage.open(browser, hash, {
    base: url,
    before: (page) => {
      page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`))
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()}: ${r.status()}`))
    },
  })
  return { app, failed }
}

describe('the build at a sub-path', () => {
  it('embeds one cell alone, with its output, from a plain static server', async () => {
    const { app, failed } = await open(`${origin}${PREFIX}`, embedHash)
    try {
      await app.tensor(cell, 'vector of 3: 16, 44, 64').waitFor()
      expect(await app.page.locator('section.cell').count()).toBe(1)
      expect(await app.page.locator('.lessons, .toolbar').count()).toBe(0)
      const link = app.page.getByRole('link', { name: /Open the full lesson/ })
      expect(await link.getAttribute('target')).toBe('_blank')
      expect(await link.evaluate((a: HTMLAnchorElement) => a.href)).toBe(`${origin}${PREFIX}#/seed-session`)
      // No fixed heights: the page is as tall as the cell.
      expect(await app.page.evaluate(() => document.body.getBoundingClientRect().height)).toBeLessThan(500)
      await app.shot('subpath-embed')
      expect(failed).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('tells the course page its height', async () => {
    const { app, failed } = await open(origin, '/host.html')
    try {
      const frame = app.page.frameLocator('#nb')
      await frame.getByRole('img', { name: 'vector of 3: 16, 44, 64' }).waitFor()
      await expect
        .poll(() => app.page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0))
        .toBeGreaterThan(80)
      const { iframe, content } = await app.page.evaluate(() => {
        const el = document.getElementById('nb') as HTMLIFrameElement
        return {
          iframe: el.getBoundingClientRect().height,
          content: el.contentDocument!.body.getBoundingClientRect().height,
        }
      })
      // The iframe was sized to its content: no inner scrollbar, no empty space.
      expect(Math.abs(iframe - content)).toBeLessThanOrEqual(2)
      await app.shot('subpath-host')
      expect(failed).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
