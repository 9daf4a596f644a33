// Exercises in a real browser: the fixture lesson is imported, its answers follow the learner's
// edits (evaluated by the worker), a right answer is accepted, a wrong one gets its targeted hint,
// a prediction holds back the next output, and progress survives a reload. Axe checks the page.
import AxeBuilder from '@axe-core/playwright'
import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, fixtures } from './harness.ts'

const fixture = join(fixtures, 'exercises.md')

// The fixture's f(x) = |Ax|² at x = [1, 2, 3], computed here by hand: A x = [12, 10, 4],
// Aᵀ A x = [18, 40, 54], and the gradient 2 Aᵀ A x = [36, 80, 108].
const DEFINITIONS = 'A = [0, 3, 2; 1, 0, 3; 2, 1, 0]\nx1 = [1, 2, 3]\nf(x) = sum(abs2, A * x)\ng(x) = gradient(f, x)'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Exercise n as a learner sees it. */
function exercise(app: AppPage, n: number) {
  const region = app.page.getByRole('region', { name: `Exercise ${n}`, exact: true })
  return {
    region,
    input: region.getByLabel('Your answer'),
    feedback: region.getByRole('status'),
    /** Types an answer and presses Enter. */
    async answer(text: string): Promise<void> {
      await region.getByLabel('Your answer').fill(text)
      await region.getByLabel('Your answer').press('Enter')
    },
    button: (name: string): Locator => region.getByRole('button', { name, exact: true }),
  }
}

describe('exercises', () => {
  it('check answers against the notebook as edited, give targeted hints, and keep progress across a reload', async () => {
    const app = await AppPage.open(browser, '#/seed-session', { traceWorker: true })
    try {
      await app.importFile(fixture)
      await app.page.getByText('Imported exercises.md').waitFor()
      await app.workerIdle()

      // The prediction hides the next cell's output until it is answered.
      const gate = app.cell(2).getByText('Answer the question above to see this output.')
      await gate.waitFor()

      // The answer follows the learner's edit of x1: the worker evaluates it again.
      await app.pasteCode(1, DEFINITIONS)
      await app.run(1)
      await app.workerIdle()

      const grad = exercise(app, 1)
      await grad.answer('[16, 44, 64]') // right for the original x1, wrong now
      await expect.poll(() => grad.feedback.textContent()).toMatch(/^Not yet\. Hint:/)
      await grad.answer('18 40 54') // AᵀAx: the expected mistake
      await expect.poll(() => grad.feedback.textContent()).toContain('the derivative of a square brings a factor 2')
      await grad.answer('[36, 80]')
      await expect.poll(() => grad.feedback.textContent()).toContain('a vector of 2, but the answer is a vector of 3')
      await grad.answer('[36, 80, 108]')
      await expect.poll(() => grad.feedback.textContent()).toContain('Right!')
      await grad.region.getByText('✓ Solved').waitFor()

      // The prediction: g(x1) is its expected mistake; revealing shows the answer and the output.
      const tf = exercise(app, 2)
      await tf.answer('36 80 108')
      await expect.poll(() => tf.feedback.textContent()).toContain('itself')
      await tf.button('Reveal answer').click()
      await tf.region.getByText('[20, 36, 44]').waitFor()
      await tf.region.getByText('Answer revealed').waitFor()
      await gate.waitFor({ state: 'detached' })
      await app.tensor(2, 'vector of 3: 20, 36, 44').waitFor()

      const mode = exercise(app, 3)
      await mode.region.getByRole('radio', { name: 'reverse mode' }).check()
      await mode.button('Check').click()
      await expect.poll(() => mode.feedback.textContent()).toContain('Right!')
      await app.shot('exercises-answered')

      const axe = await new AxeBuilder({ page: app.page }).withTags(['wcag2a', 'wcag2aa']).setLegacyMode(true).analyze()
      expect(
        axe.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])

      // A reload: the edited notebook and the progress are both kept.
      await app.page.reload()
      await grad.region.getByText('✓ Solved').waitFor()
      expect(await grad.input.inputValue()).toBe('[36, 80, 108]')
      await tf.region.getByText('Answer revealed').waitFor()
      await app.tensor(2, 'vector of 3: 20, 36, 44').waitFor()
      expect(await mode.region.getByRole('radio', { name: 'reverse mode' }).isChecked()).toBe(true)
      await mode.region.getByText('✓ Solved').waitFor()
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
