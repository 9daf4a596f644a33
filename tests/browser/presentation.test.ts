// The instructor's presentation on a 1920 × 1080 projector: every step of the seed lesson's
// panels is readable from the back of the room (body text at least 24 px and labels at least
// 18 px, measured as the computed font size times the slide's scale), fits without scrolling and
// keeps one scale from its first step to its last; a presenter remote's keys step everything,
// the sum trap's reveal included (End completes a slide, B blanks the screen); a reload comes
// back to the same slide and step; and the slide after a prediction does not give its answer away.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseNotebook } from '../../engine/standard.ts'
import { launchBrowser } from './browser.ts'
import { AppPage, readText, root } from './harness.ts'
import { expectReadable, readSlide as read } from './slideReading.ts'

const PROJECTOR = { width: 1920, height: 1080 }

/**
 * The 1-based slide of the first cell whose text includes `needle` (slides skip blank text, and
 * a cell's variant in the other language: the presentation shows the Julia cells).
 */
function slideOf(slug: string, needle: string): number {
  const cells = parseNotebook(readText(join(root, 'content', `${slug}.md`))).cells.filter(
    (c) => !(c.kind === 'prose' && c.text.trim() === '') && !(c.kind === 'code' && c.flags.includes('variant')),
  )
  const at = cells.findIndex((c) => (c.kind === 'prose' ? c.text : c.source).includes(needle))
  if (at < 0) throw new Error(`no cell of ${slug} includes ${needle}`)
  return at + 1
}
const pullbacks = slideOf('seed-session', 'show_pullbacks(')
const sumTrap = slideOf('seed-session', 'show_sum_trap(')
const hessian = slideOf('seed-session', 'show_hessian(')
/** A function of three numbers with three outputs (n = m = 3): its Jacobian assembled by pullbacks. */
const jacobianPullbacks = slideOf('jacobians', 'show_pullbacks(R, x1)')
const tfPrediction = slideOf('seed-session', 'question: What will `tf_gradients(g, x1)` return?')

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function present(hash: string, fn: (app: AppPage) => Promise<void>) {
  const app = await AppPage.open(browser, hash, { viewport: PROJECTOR })
  try {
    await fn(app)
    await app.expectClean()
  } finally {
    await app.close()
  }
}

const count = (app: AppPage) => app.page.locator('.slide-count').textContent()

describe('the presentation on a 1920 × 1080 projector', () => {
  it.each([
    ['seed lesson’s pullbacks', pullbacks],
    ['seed lesson’s sum trap', sumTrap],
    ['seed lesson’s Hessian', hessian],
    ['jacobians lesson’s pullbacks', jacobianPullbacks, 'jacobians'],
  ])(
    'shows every step of the %s panel readable, whole and at one scale',
    async (name, slide, slug = 'seed-session') => {
      await present(`#/${slug}?mode=present&slide=${slide}`, async (app) => {
        const { page } = app
        await page.locator('.slide section.panel').waitFor({ timeout: 30_000 })
        await expect.poll(() => page.locator('.slide').getAttribute('data-scale')).not.toBeNull()
        const first = await read(page)
        expect(first.scale).toBeGreaterThan(0)
        expectReadable(first, `${name}, first step`)
        // PageDown through every step (the sum trap's one step is its reveal), up to the "more" view.
        const state = () =>
          page.evaluate(() =>
            ['.slide-count', '.slide .panel-step-count', '.slide .st-verdict']
              .map((q) => document.querySelector(q)?.textContent ?? '')
              .join(' | '),
          )
        let steps = 0
        for (; steps < 60; steps++) {
          const before = await state()
          await page.keyboard.press('PageDown')
          await expect.poll(state).not.toBe(before)
          const where = await count(app)
          if (!where?.startsWith(`${slide} / `) || where.includes('·')) break
          const r = await read(page)
          expectReadable(r, `${name}, step ${steps + 1}`)
          // Fitted once, at its largest step: the scale never changes while stepping.
          expect(r.scale, `${name}, step ${steps + 1}: scale`).toBe(first.scale)
        }
        expect(steps).toBeGreaterThan(0)
        await page.keyboard.press('PageUp')
        await app.shot(`present-1080-${name.replace(/\W+/g, '-').toLowerCase()}`)
      })
    },
  )
})

describe('a presenter remote', () => {
  const hash = () => (app: AppPage) => app.page.evaluate(() => location.hash)

  it('reveals the sum trap with PageDown, keeps the step in the URL, and a reload comes back to it', async () => {
    await present(`#/seed-session?mode=present&slide=${sumTrap}`, async (app) => {
      const { page } = app
      const verdict = page.locator('.slide .st-verdict')
      await page.locator('.slide section.panel').waitFor({ timeout: 30_000 })
      expect(await verdict.textContent()).toBe('')
      await page.keyboard.press('PageDown')
      await expect.poll(() => verdict.textContent()).toContain('tf_gradients returns [20, 36, 44]')
      await expect.poll(() => hash()(app)).toContain(`slide=${sumTrap}&step=1`)
      await page.reload()
      await page.locator('.slide section.panel').waitFor({ timeout: 30_000 })
      await expect.poll(() => verdict.textContent()).toContain('tf_gradients returns [20, 36, 44]')
      expect(await count(app)).toMatch(new RegExp(`^${sumTrap} / `))
      // PageUp hides the answers again.
      await page.keyboard.press('PageUp')
      await expect.poll(() => verdict.textContent()).toBe('')
      await expect.poll(() => hash()(app)).not.toContain('step=')
    })
  })

  it('steps a panel with PageDown, restores the step after a reload, completes it with End, and blanks with B', async () => {
    await present(`#/seed-session?mode=present&slide=${pullbacks}`, async (app) => {
      const { page } = app
      const steps = page.locator('.slide .panel-step-count')
      await steps.waitFor({ timeout: 30_000 })
      for (let k = 0; k < 3; k++) await page.keyboard.press('PageDown')
      await expect.poll(() => steps.textContent()).toBe('step 3 of 18')
      await expect.poll(() => hash()(app)).toContain('step=3')
      await page.reload()
      await expect.poll(() => steps.textContent(), { timeout: 30_000 }).toBe('step 3 of 18')
      expect(await count(app)).toMatch(new RegExp(`^${pullbacks} / `))

      // B blanks the screen; the next key only brings it back.
      await page.keyboard.press('b')
      await expect.poll(() => page.locator('.slide-blank').isVisible()).toBe(true)
      await page.keyboard.press('PageDown')
      await expect.poll(() => page.locator('.slide-blank').count()).toBe(0)
      expect(await steps.textContent()).toBe('step 3 of 18')

      // End completes the panel; on a complete slide it goes on to the next one.
      await page.keyboard.press('End')
      await expect.poll(() => steps.textContent()).toBe('step 18 of 18')
      expect(await count(app)).toMatch(new RegExp(`^${pullbacks} / `))
      await page.keyboard.press('End')
      await expect.poll(() => count(app)).toMatch(new RegExp(`^${pullbacks + 1} / `))
      // Shift+PageUp on a slide at its start goes back; coming back shows the panel's last step.
      await page.keyboard.press('Shift+PageUp')
      await expect.poll(() => count(app)).toMatch(new RegExp(`^${pullbacks} / `))
      await expect.poll(() => steps.textContent()).toBe('step 18 of 18')
      await page.keyboard.press('Shift+PageUp')
      await expect.poll(() => steps.textContent()).toBe('step 0 of 18')
    })
  })

  it('does not show the answer to a prediction on the slide after it until the next key press', async () => {
    await present(`#/seed-session?mode=present&slide=${tfPrediction}`, async (app) => {
      const { page } = app
      await page.getByText('What will').waitFor()
      await page.keyboard.press('PageDown')
      await expect.poll(() => count(app)).toMatch(new RegExp(`^${tfPrediction + 1} / .*answer hidden`))
      await page.locator('.slide .predict-gate').waitFor()
      expect(await page.locator('.slide').textContent()).not.toContain('44')
      await page.keyboard.press('PageDown')
      await expect.poll(() => page.locator('.slide .nb-output').textContent()).toContain('44')
      expect(await count(app)).not.toContain('answer hidden')
      await expect.poll(() => hash()(app)).toContain('step=1')
      await page.keyboard.press('PageDown')
      await expect.poll(() => count(app)).toMatch(new RegExp(`^${tfPrediction + 2} / `))
    })
  })

  it('covers a text slide that explains a prediction’s answer', async () => {
    const question = slideOf('jacobians', 'question: Which number in `C`')
    await present(`#/jacobians?mode=present&slide=${question}`, async (app) => {
      const { page } = app
      await page.getByText('Which number in').waitFor()
      await page.keyboard.press('ArrowRight')
      await page.locator('.slide .slide-cover').waitFor()
      expect(await page.locator('.slide').textContent()).not.toContain('mod')
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => page.locator('.slide').textContent()).toContain('Unpacking')
    })
  })
})
