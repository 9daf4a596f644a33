// The derivative checks in a real browser: a Julia notebook with test_rrule(softmax, x) (every
// entry within tolerance), a learner's wrong rrule (the diagonal off, named in the verdict and
// outlined in the heatmap, the wrong entries first in the table), and abs at 0 (said plainly),
// all under the app's strict CSP with a clean console, and axe finds nothing in the panels.
import AxeBuilder from '@axe-core/playwright'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, withTempFile } from './harness.ts'

const fence = '```'
const cell = (...lines: string[]) => [`${fence}julia`, ...lines, fence, ''].join('\n')
const NOTEBOOK = [
  '# Checking derivatives',
  '',
  cell('test_rrule(softmax, [1.0, 2.0, 3.0])'),
  cell('w(x) = x .^ 2', 'ChainRulesCore.rrule(::typeof(w), x) = w(x), ȳ -> (NoTangent(), 3 .* x .* ȳ)'),
  cell('test_rrule(w, [1.0, 2.0, 3.0])'),
  cell('test_rrule(abs, 0.0)'),
].join('\n')

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('check_gradient, test_rrule and test_frule in the page', () => {
  it('draws each check: the verdict, the heatmap, the table with the wrong entries first', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      await withTempFile('checks.md', NOTEBOOK, (path) => app.importFile(path))
      await app.page.getByText('Imported checks.md').waitFor()
      const verdict = (n: number) => app.cell(n).locator('.dc-verdict')
      await expect
        .poll(() => verdict(1).textContent(), { timeout: 30_000 })
        .toMatch(/^Consistent with finite differences/)
      expect(await app.cell(1).locator('rect.dc-cell').count()).toBe(9)
      expect(await app.cell(1).locator('rect.dc-wrong').count()).toBe(0)

      await expect
        .poll(() => verdict(3).textContent(), { timeout: 30_000 })
        .toBe(
          'Entry (3,3) of ∂w/∂x is off: AD gives 9, finite differences 6; 2 more entries are off too (rtol 1e-6, atol 1e-9)',
        )
      expect(await app.cell(3).locator('rect.dc-wrong').count()).toBe(3)
      const firstRows = app.cell(3).locator('tbody tr')
      expect(await firstRows.nth(0).getAttribute('class')).toBe('dc-wrong')
      expect(await firstRows.nth(3).getAttribute('class')).toBe('dc-ok')

      await expect.poll(() => verdict(4).textContent(), { timeout: 30_000 }).toContain('abs is not differentiable at x')
      await app.shot('derivative-check')
      const axe = await new AxeBuilder({ page: app.page })
        .include('.dc-verdict')
        .include('.dc-heatmaps')
        .include('.dc-table-wrap')
        .withTags(['wcag2a', 'wcag2aa'])
        .setLegacyMode(true)
        .analyze()
      expect(
        axe.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
