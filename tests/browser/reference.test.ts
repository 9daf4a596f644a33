// The language reference in a real browser: an error that names a builtin links to its entry,
// the entry is brought into view and marked, the search narrows the list, the way back keeps
// the lesson as it was, a phone's width never scrolls sideways, axe finds nothing, and the
// console stays clean.
import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('the language reference', () => {
  it('is reached from an error that names gradient, and back to the lesson', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      // The seed's gradient(g, x1): g's output is a vector, and the error links to gradient.
      const error = app.page.locator('.nb-error').filter({ hasText: 'scalar output' }).first()
      await error.waitFor({ timeout: 30_000 })
      expect(await error.textContent()).toContain('g returns a 3-vector')
      const link = error.getByRole('link', { name: 'gradient', exact: true })
      expect(await link.getAttribute('href')).toBe('#/reference/gradient')
      await link.click()

      await expect.poll(() => app.page.evaluate(() => location.hash)).toBe('#/reference/gradient')
      const entry = app.page.locator('article[aria-label="gradient (ad)"]')
      await entry.waitFor()
      expect(await entry.getAttribute('data-current')).toBe('true')
      await expect.poll(() => entry.isVisible()).toBe(true)
      // In view: its top is inside the window.
      const box = (await entry.boundingBox())!
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y).toBeLessThan(900)
      expect(await app.page.locator('article[aria-label="gradient (Julia)"]').getAttribute('data-current')).toBe('true')
      await expect.poll(() => app.page.title()).toBe('Language reference · Differentiation notebook')
      await app.shot('reference-gradient')

      // Search: every word must match.
      const count = app.page.locator('.ref-count')
      const all = Number(/^(\d+) entries$/.exec((await count.textContent())!)![1])
      expect(all).toBeGreaterThan(100)
      await app.page.getByRole('searchbox').fill('second derivatives')
      await expect.poll(() => count.textContent()).toMatch(new RegExp(`^\\d+ of ${all} entries$`))
      const labels = await app.page.locator('article').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')))
      expect(labels).toEqual(expect.arrayContaining(['hessian (ad)', 'hessian (Julia)']))
      expect(labels.length).toBeLessThan(10)
      await app.shot('reference-search')

      // Back to the lesson: its cells are as they were (the error is still there).
      await app.page.goBack()
      await expect.poll(() => app.page.evaluate(() => location.hash)).toBe('#/seed-session')
      await app.page.locator('.nb-error').filter({ hasText: 'scalar output' }).first().waitFor()
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('opens from the link under the lessons, and fits a phone', async () => {
    const app = await AppPage.open(browser, '#/reference', { viewport: { width: 390, height: 844 } })
    try {
      await app.page.getByRole('heading', { level: 1, name: 'Language reference' }).waitFor()
      // On a phone the contents fold away behind a button, the reference link with them.
      const contents = app.page.getByRole('button', { name: 'Contents' })
      if (await contents.isVisible()) await contents.click()
      expect(
        await app.page.getByRole('navigation', { name: 'Reference' }).getByRole('link').getAttribute('aria-current'),
      ).toBe('page')
      await app.page.locator('article').first().waitFor()
      expect(await app.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
      await app.shot('reference-phone')
      // WCAG A and AA on the whole page (every entry rendered).
      const axe = await new AxeBuilder({ page: app.page }).withTags(['wcag2a', 'wcag2aa']).setLegacyMode(true).analyze()
      expect(
        axe.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
