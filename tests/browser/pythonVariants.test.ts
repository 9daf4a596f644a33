// Two-variant cells in a real browser: the seed session switched to Python shows and runs its
// JAX variant (the same numbers, 86 and [16, 44, 64]) with Python's highlighting, the choice
// survives a reload and holds in another lesson, and switching back shows Julia again; all under
// the app's strict CSP, with no console errors.
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

describe('the Julia/Python switch', () => {
  it(
    'shows and runs the Python variant, and keeps the choice across a reload and lessons',
    { timeout: 300_000 },
    async () => {
      const app = await AppPage.open(browser, '#/seed-session')
      try {
        const page = app.page
        // Julia first: the lesson's own language.
        await expect.poll(() => app.code(1)).toMatch(/^A = reshape\(0:8, 3, 3\) \.% 4/)
        expect(await app.scalar(1)).toBe('86')

        const toolbar = page.getByRole('group', { name: 'Code language' })
        await toolbar.getByRole('button', { name: 'Python' }).click()
        await expect.poll(() => app.code(1)).toMatch(/^import jax\nimport jax.numpy as jnp/)
        // The JAX variant ran: the thread's numbers, from Python's own cells.
        await expect.poll(() => app.scalar(1)).toBe('86')
        await expect.poll(() => app.code(2)).toMatch(/^g = jax\.grad\(f\)/)
        await app.tensor(2, 'vector of 3: 16, 44, 64').waitFor()
        // Python's operators on JAX arrays: the column sums of H, the sum trap's answer.
        const sums = page.getByRole('region').filter({ hasText: 'H.T @ jnp.ones(3)' })
        await sums.getByRole('img', { name: 'vector of 3: 20, 36, 44' }).waitFor()
        expect(await toolbar.getByRole('button', { name: 'Python' }).getAttribute('aria-pressed')).toBe('true')
        // The cell's own switch says the same.
        const own = app.cell(1).getByRole('group', { name: 'Cell 1 language' })
        expect(await own.getByRole('button', { name: 'Python' }).getAttribute('aria-pressed')).toBe('true')
        await app.focusEditor(1)
        const keyword = app.cell(1).locator('.cm-line span', { hasText: /^def$/ })
        await keyword.waitFor()
        await app.shot('python-variant')

        await page.reload()
        await expect.poll(() => app.code(1)).toMatch(/^import jax/)
        await expect.poll(() => app.scalar(1)).toBe('86')

        await app.goto('#/sum-trap')
        await expect
          .poll(() =>
            page
              .getByRole('group', { name: 'Code language' })
              .getByRole('button', { name: 'Python' })
              .getAttribute('aria-pressed'),
          )
          .toBe('true')

        await app.goto('#/seed-session')
        await page.getByRole('group', { name: 'Code language' }).getByRole('button', { name: 'Julia' }).click()
        await expect.poll(() => app.code(1)).toMatch(/^A = reshape/)
        await app.expectClean()
      } finally {
        await app.close()
      }
    },
  )
})
