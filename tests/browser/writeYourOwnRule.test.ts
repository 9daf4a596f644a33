// The "Write your own rule" lesson in a real browser (issue 15 item 3): the first puzzle's check
// says which entry of the starting rule is wrong; the learner types the pullback, runs the cell,
// and the check below it turns consistent, which solves the puzzle's passes: exercise; the
// puzzle's value exercise accepts the right tangent.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, shotOf } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Code cells, counted as the app counts them: cube, its two Jacobians, its check, then sum-rule.
const SUM_RULE = 4
const SUM_CHECK = 5
const START = '  my_sum_pullback(ȳ) = (NoTangent(), zero(x))'
const FIXED = 'my_sum_pullback(ȳ) = (NoTangent(), fill(ȳ, size(x)))'

describe('Write your own rule', () => {
  it('a typed pullback turns the check from "entry 1 is off" to consistent, and the exercise takes the tangent', async () => {
    const app = await AppPage.open(browser, '#/write-your-own-rule?cell=sum-rule')
    try {
      const verdict = app.cell(SUM_CHECK).locator('.dc-verdict')
      // zero(x) against the all-ones Jacobian of sum: every entry is off, the first named.
      await expect.poll(() => verdict.getAttribute('class'), { timeout: 60_000 }).toMatch(/dc-wrong/)
      expect(await verdict.textContent()).toMatch(/Entry 1 of ∂my_sum\/∂x .*is off: AD gives 0, finite differences 1/)
      await shotOf(app.cell(SUM_CHECK), 'rule-sum-wrong')
      // The puzzle's passes: exercise shows the same verdict, and is not solved yet.
      const fix = app.page.getByRole('region', { name: 'Exercise 2', exact: true })
      await expect
        .poll(() => fix.getByRole('status').textContent(), { timeout: 60_000 })
        .toMatch(/^Not yet: entry 1 of ∂my_sum\/∂x/)
      expect(await fix.getByText('✓ Solved').count()).toBe(0)
      expect(await fix.getByLabel('Your answer').count()).toBe(0)
      await shotOf(fix, 'rule-sum-not-yet')

      // Replace the pullback's line, key by key, as a learner edits it.
      await app.focusEditor(SUM_RULE)
      const lines = (await app.code(SUM_RULE)).split('\n')
      const at = lines.indexOf(START)
      expect(at).toBeGreaterThan(0)
      await app.page.keyboard.press('ControlOrMeta+Home')
      for (let i = 0; i < at; i++) await app.page.keyboard.press('ArrowDown')
      await app.page.keyboard.press('End')
      await app.page.keyboard.press('Shift+Home') // to the line's text, after its indentation
      await app.page.keyboard.type(FIXED)
      lines[at] = `  ${FIXED}`
      expect(await app.code(SUM_RULE)).toBe(lines.join('\n'))
      await app.run(SUM_RULE)

      await expect.poll(() => verdict.getAttribute('class'), { timeout: 60_000 }).toMatch(/dc-consistent/)
      expect(await verdict.textContent()).toMatch(/^✓?\s*Consistent with finite differences/)
      await shotOf(app.cell(SUM_CHECK), 'rule-sum-fixed')
      // Fixing the rule solves the passes: exercise: its hidden check ran again with the notebook.
      await expect
        .poll(() => fix.getByRole('status').textContent(), { timeout: 60_000 })
        .toMatch(/^Passes\. Consistent with finite differences/)
      await expect.poll(() => fix.getByText('✓ Solved').count()).toBe(1)
      await shotOf(fix, 'rule-sum-passes')

      // The puzzle's exercise: the tangent of a 2×3 matrix for ȳ = 5.
      const region = app.page.getByRole('region', { name: 'Exercise 1', exact: true })
      await region.getByLabel('Your answer').fill('[5 5 5; 5 5 5]')
      await region.getByLabel('Your answer').press('Enter')
      await expect.poll(() => region.getByRole('status').first().textContent()).toMatch(/Right!/)
      await app.expectClean()
    } finally {
      await app.close()
    }
  }, 180_000)
})
