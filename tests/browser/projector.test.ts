// Every panel of every lesson on a 1920 × 1080 projector, in presentation mode, at every step: body
// text at least 24 px and labels at least 18 px as the room sees them (computed size times the
// slide's scale), nothing scrolling, the slide whole on screen. The lessons' panels are all of
// functions with n, m ≤ 4 (or a network's layers, drawn as shapes), which the projector guarantee
// covers. The "more" view's pages (cost tables, code) are read and printed, not asserted.
// A larger matrix pages instead of shrinking: a 4 × 4 window, "rows 1–4 of 8", that follows the
// pass being computed and, once the panel is complete, pages on with the presenter's keys.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseOrder } from '../../app/lessons.ts'
import { parseNotebook } from '../../engine/standard.ts'
import { launchBrowser } from './browser.ts'
import { AppPage, readText, root } from './harness.ts'
import type { Reading } from './slideReading.ts'
import { expectReadable, readSlide } from './slideReading.ts'

const PROJECTOR = { width: 1920, height: 1080 }
const PANEL =
  /\b(show_pullbacks|show_hessian|show_sum_trap|show_backprop|show_confusion|cost_explorer|test_rrule|test_frule|check_gradient)\(/

/**
 * Panels of functions beyond the guarantee (n or m over 4), read and printed but held only to
 * fitting unscrolled: my_matmul's check has 12 inputs (two 4 × 6 Jacobian blocks).
 */
const BEYOND = /test_rrule\(my_matmul/

/** The 1-based slides of a lesson whose code calls a panel builtin (slides as presentation.test.ts counts them). */
function panelSlides(slug: string): { slide: number; guaranteed: boolean }[] {
  const cells = parseNotebook(readText(join(root, 'content', `${slug}.md`))).cells.filter(
    (c) => !(c.kind === 'prose' && c.text.trim() === '') && !(c.kind === 'code' && c.flags.includes('variant')),
  )
  const code = (source: string) =>
    source
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n')
  return cells.flatMap((c, i) =>
    c.kind === 'code' && PANEL.test(code(c.source)) ? [{ slide: i + 1, guaranteed: !BEYOND.test(c.source) }] : [],
  )
}

const lessons = readdirSync(join(root, 'content'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort(courseOrder)
  .map((slug) => [slug, panelSlides(slug)] as const)
  .filter(([, slides]) => slides.length > 0)

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const count = (app: AppPage) => app.page.locator('.slide-count').textContent()
/** What changes when a key does something on a slide. */
const state = (app: AppPage) =>
  app.page.evaluate(() =>
    ['.slide-count', '.slide .panel-step-count', '.slide .st-verdict', '.slide .pb-matrix-pager']
      .map((q) => document.querySelector(q)?.textContent ?? '')
      .join(' | '),
  )

/** Shows slide `slide` of the open lesson, uncovered, with its panel (and plots) drawn. */
async function show(app: AppPage, slug: string, slide: number) {
  const { page } = app
  await page.evaluate((h) => (location.hash = h), `#/${slug}?mode=present&slide=${slide}`)
  await expect.poll(() => count(app)).toMatch(new RegExp(`^${slide} / `))
  if ((await count(app))?.includes('answer hidden')) {
    await page.keyboard.press('PageDown')
    await expect.poll(() => count(app)).not.toContain('answer hidden')
  }
  await page.locator('.slide section.panel').first().waitFor({ timeout: 60_000 })
  // A plot is read once plotly has drawn it (its preview is a stand-in).
  for (const plot of await page.locator('.slide .nb-plot').all())
    await expect.poll(() => plot.getAttribute('data-status'), { timeout: 60_000 }).toBe('ready')
  await expect.poll(() => page.locator('.slide').getAttribute('data-scale')).not.toBeNull()
}

/** Presses PageDown and waits for the slide to change; false when nothing changed. */
async function forward(app: AppPage): Promise<boolean> {
  const before = await state(app)
  await app.page.keyboard.press('PageDown')
  try {
    await expect.poll(() => state(app), { timeout: 3000 }).not.toBe(before)
    return true
  } catch {
    return false
  }
}

describe('every lesson’s panels on a 1920 × 1080 projector', () => {
  it.each(lessons)(
    '%s: every step of every panel slide is readable, whole and unscrolled',
    async (slug, slides) => {
      const app = await AppPage.open(browser, `#/${slug}?mode=present&slide=1`, { viewport: PROJECTOR })
      try {
        for (const { slide, guaranteed } of slides) {
          const check = (r: Reading, at: string) => {
            if (guaranteed) return expectReadable(r, at)
            expect(r.scrolling, `${at}: scrolls sideways`).toEqual([])
            expect(r.fits, `${at}: fits the screen`).toBe(true)
          }
          await show(app, slug, slide)
          const where = (step: number) => `${slug}, slide ${slide}, step ${step}`
          const first = await readSlide(app.page)
          const readings = [first]
          check(first, where(0))
          let step = 0
          // Every step of the panel, up to its "more" view or the next slide.
          while (step < 200 && (await forward(app))) {
            const at = (await count(app)) ?? ''
            if (!at.startsWith(`${slide} / `) || at.includes('·')) break
            step++
            const r = await readSlide(app.page)
            readings.push(r)
            check(r, where(step))
            expect(r.scale, `${where(step)}: one scale for the whole panel`).toBe(first.scale)
          }
          // The "more" pages, recorded for the report.
          const more: string[] = []
          while ((await count(app))?.startsWith(`${slide} / `) && (await count(app))?.includes('more')) {
            const r = await readSlide(app.page)
            more.push(`${r.body.px}/${r.label.px}${r.scrolling.length ? ' scrolls' : ''}`)
            if (!(await forward(app))) break
          }
          const body = Math.min(...readings.map((r) => r.body.px))
          const label = Math.min(...readings.map((r) => r.label.px))
          console.log(
            `${slug} slide ${slide}${guaranteed ? '' : ' (beyond n, m ≤ 4)'}: scale ${first.scale}, ${step + 1} steps, smallest body ${body} px, label ${label} px; more pages (body/label) ${more.join(', ') || 'none'}`,
          )
        }
        await app.expectClean()
      } finally {
        await app.close()
      }
    },
    600_000,
  )
})

describe('a matrix too large for a slide', () => {
  it('shows a 4 × 4 window that follows the pass, and pages on with the presenter’s keys once the panel is complete', async () => {
    const app = await AppPage.open(browser, '#/jacobians?mode=present&slide=1', { viewport: PROJECTOR })
    try {
      const { page } = app
      await page.locator('.slide-count').waitFor()
      // The scratch cell (s), an 8 × 6 Jacobian: x (6 numbers) and two products.
      await page.keyboard.press('s')
      const editor = page.locator('.slide .cm-content')
      await editor.waitFor({ timeout: 30_000 })
      await editor.click()
      await page.keyboard.press('Control+End')
      await page.keyboard.press('Enter')
      await page.keyboard.insertText('show_pullbacks(x -> [x; x[1:2] .* x[3:4]], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])')
      await page.keyboard.press('Shift+Enter')
      await page.locator('.slide section.panel').waitFor({ timeout: 60_000 })
      await page.keyboard.press('Escape')
      const pager = page.locator('.slide .pb-matrix-pager')
      const window = () =>
        page.evaluate(() => {
          const t = document.querySelector('.slide .pb-matrix-table')!
          return {
            rows: [...t.querySelectorAll('tbody th')].map((th) => th.textContent?.replace(' now', '')),
            cols: [...t.querySelectorAll('thead th')].map((th) => th.textContent?.replace(' now', '')),
          }
        })
      await expect.poll(() => pager.textContent()).toContain('rows 1–4 of 8')
      expect(await pager.textContent()).toContain('columns 1–4 of 6')
      expect(await window()).toEqual({ rows: ['y₁', 'y₂', 'y₃', 'y₄'], cols: ['x₁', 'x₂', 'x₃', 'x₄'] })
      const scale = await page.locator('.slide').getAttribute('data-scale')
      // End completes the panel: the window followed the passes down to rows 5–8.
      await page.keyboard.press('End')
      await expect.poll(() => pager.textContent()).toContain('rows 5–8 of 8')
      expect(await window()).toEqual({ rows: ['y₅', 'y₆', 'y₇', 'y₈'], cols: ['x₁', 'x₂', 'x₃', 'x₄'] })
      // → pages through the columns left out, for every row, then goes on to the "more" view.
      await page.keyboard.press('PageDown')
      await expect.poll(() => window()).toEqual({ rows: ['y₁', 'y₂', 'y₃', 'y₄'], cols: ['x₅', 'x₆'] })
      await page.keyboard.press('PageDown')
      await expect.poll(() => window()).toEqual({ rows: ['y₅', 'y₆', 'y₇', 'y₈'], cols: ['x₅', 'x₆'] })
      expect(await count(app)).not.toContain('more')
      expect(await page.locator('.slide').getAttribute('data-scale')).toBe(scale)
      const r = await readSlide(page)
      console.log(`8 × 6 Jacobian in the scratch cell: scale ${r.scale}, body ${r.body.px} px, label ${r.label.px} px`)
      expect(r.scrolling).toEqual([])
      expect(r.fits).toBe(true)
      await page.keyboard.press('PageDown')
      await expect.poll(() => count(app)).toContain('more')
      // ← comes back through the same windows, then steps the panel back.
      await page.keyboard.press('PageUp')
      await expect.poll(() => count(app)).not.toContain('more')
      await page.keyboard.press('PageUp')
      await expect.poll(() => window()).toEqual({ rows: ['y₁', 'y₂', 'y₃', 'y₄'], cols: ['x₅', 'x₆'] })
      await page.keyboard.press('PageUp')
      await expect.poll(() => window()).toEqual({ rows: ['y₅', 'y₆', 'y₇', 'y₈'], cols: ['x₁', 'x₂', 'x₃', 'x₄'] })
      const last = await page.locator('.slide .panel-step-count').textContent()
      await page.keyboard.press('PageUp')
      await expect.poll(() => page.locator('.slide .panel-step-count').textContent()).not.toBe(last)
      // The page buttons do the same by hand.
      await page.getByRole('button', { name: 'next columns' }).click()
      await expect.poll(() => pager.textContent()).toContain('columns 5–6 of 6')
      await app.shot('projector-8x6-matrix')
      await app.expectClean()
    } finally {
      await app.close()
    }
  }, 300_000)
})
