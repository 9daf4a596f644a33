// The first visit: #/ says what this is and offers the three ways in (learn from the start, teach
// with the presentation, embed in a course), right at the top of the page, on a wide screen and
// on a phone; each way in leads where it says. And the first paint: plotly, whose evaluation is
// one long main-thread task, is asked for only after the lesson has painted; the long tasks are
// recorded, not asserted (npm run audit:budgets prints the same figures).
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIRST_VISITS, firstPaintLines, measureFirstPaint } from '../audit/firstPaint.ts'
import { launchBrowser } from './browser.ts'
import { AppPage, server } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const screens = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]

describe('the landing page', () => {
  for (const viewport of screens)
    it(`${viewport.width} px: says what this is and offers three ways in, with no gap above`, async () => {
      const app = await AppPage.open(browser, '#/', { viewport })
      try {
        const { page } = app
        const landing = page.locator('main .landing')
        const title = landing.getByRole('heading', { level: 1 })
        await title.waitFor()
        expect(await landing.locator('.landing-lede').textContent()).toMatch(/notebook for learning/)
        expect(await landing.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
          'Learn from the start',
          'Teach with presentation mode',
          'Embed in a course',
        ])
        const start = landing.getByRole('link', { name: /^Start lesson 1/ })
        expect(await start.getAttribute('href')).toBe('#/seed-session')
        expect(await landing.getByRole('link', { name: 'Present lesson 1' }).getAttribute('href')).toBe(
          '#/seed-session?mode=present',
        )
        const embed = landing.getByRole('link', { name: 'See that embed' })
        expect(await embed.getAttribute('href')).toMatch(/^embed\.html#\/[a-z-]+\?panel=1$/)
        expect(await landing.locator('.landing-snippet').textContent()).toContain('<iframe src="http')
        // No toolbar and no empty band: the title is the first thing in the column.
        expect(await page.locator('.toolbar').count()).toBe(0)
        const main = (await page.locator('main').boundingBox())!
        const heading = (await title.boundingBox())!
        expect(heading.y - main.y).toBeLessThan(48)
        // Each way in is a target a thumb can hit.
        for (const link of await landing.locator('.landing-go').all())
          expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44)
        // On a wide screen the three ways in are on the first screen.
        if (viewport.width > 720) expect((await embed.boundingBox())!.y).toBeLessThan(viewport.height)
        await app.shot(`landing-${viewport.width}`)
        // The tab says what the page is, not the title of the lesson loaded behind it.
        await expect.poll(() => page.title()).toMatch(/^Differentiation notebook: /)

        await start.click()
        await page.locator('main h1', { hasText: 'The gradient of a gradient' }).waitFor()
        expect(await page.locator('main .landing').count()).toBe(0)
        await page.locator('.toolbar').waitFor()
        await expect.poll(() => page.title()).toBe('The gradient of a gradient · Differentiation notebook')
        await app.expectClean()
      } finally {
        await app.close()
      }
    })

  it('opens the presentation from its link', async () => {
    const app = await AppPage.open(browser, '#/')
    try {
      await app.page.getByRole('link', { name: 'Present lesson 1' }).click()
      await app.page.locator('html[data-mode="present"]').waitFor({ state: 'attached' })
      await app.page.locator('.presentation').waitFor()
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})

describe('the first paint', () => {
  it.each(FIRST_VISITS)('$slug: plotly is loaded only after the page has painted (tasks recorded)', async (visit) => {
    const result = await measureFirstPaint(browser, server().url, visit.slug, visit.plots)
    console.log(firstPaintLines([result]).join('\n'))
    expect(result.firstPaintMs).toBeGreaterThan(0)
    if (!visit.plots) expect(result.plotlyRequestedMs).toBeNull()
    else expect(result.plotlyRequestedMs).toBeGreaterThan(result.firstPaintMs)
  })
})
