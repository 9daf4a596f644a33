// Panels that answer back, in a real browser: a v typed into the Hessian panel goes to the
// worker, which runs one HVP pass with the panel's function; the panel shows that pass's trace
// (one forward pass through one reverse-mode gradient) and H·v equal to the closed form 2AᵀA·v.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, shotOf } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser.close()
})

describe('the Hessian panel', () => {
  it('runs one HVP pass in the worker for a typed v and shows its trace', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    const { page } = app
    try {
      const box = page.locator('fieldset.hs-hvp')
      await box.waitFor({ timeout: 60_000 })
      await box.scrollIntoViewIfNeeded()
      const inputs = box.getByRole('spinbutton')
      await inputs.nth(1).fill('2')
      await inputs.nth(2).fill('3')
      // H = 2AᵀA = [10 4 6; 4 20 12; 6 12 26]; H·[1, 2, 3] = [36, 80, 108].
      await expect
        .poll(() => box.locator('.hs-engine-passes').textContent(), { timeout: 30_000 })
        .toContain('1 forward pass through 1 reverse-mode gradient (1 primal sweep, 1 reverse sweep)')
      expect(await box.locator('.hs-engine-hv').textContent()).toBe('[36, 80, 108]')
      expect(await box.locator('.hs-engine').first().textContent()).toContain('x + ε·[1, 2, 3]')
      // The trace is replayed node by node: step back to the start, then one node.
      await box.getByRole('button', { name: 'From the start' }).click()
      await box.getByRole('button', { name: 'Next node' }).click()
      expect(await box.getByText(/step 1 of \d+, forward sweep/).count()).toBe(1)
      await box.getByRole('button', { name: 'Whole pass' }).click()
      await shotOf(box, 'hessian-typed-v')
      await app.shot('hessian-typed-v-page')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
