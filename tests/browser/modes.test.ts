// The ways a lesson is viewed, in a real browser: every lesson at its deep link (clean, with a
// panel), the learner's contents and previous/next, the reader's view without code, the
// instructor's presentation driven from the keyboard (slides, a panel's steps, the scratch cell,
// never while an editor has the focus), an embedded panel and a bad link (print: print.test.ts).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseNotebook } from '../../engine/standard.ts'
import { courseOrder } from '../../app/lessons.ts'
import { launchBrowser } from './browser.ts'
import { AppPage, readText, root } from './harness.ts'

const slugs = readdirSync(join(root, 'content'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort(courseOrder)

/**
 * The presentation's slides of a lesson file: every cell but blank text and a cell's variant in
 * the other language (the presentation shows the lesson's main cells).
 */
function slideSources(slug: string): string[] {
  return parseNotebook(readText(join(root, 'content', `${slug}.md`)))
    .cells.filter(
      (c) => !(c.kind === 'prose' && c.text.trim() === '') && !(c.kind === 'code' && c.flags.includes('variant')),
    )
    .map((c) => (c.kind === 'prose' ? c.text : c.source))
}
const seedSlides = slideSources('seed-session')
// 1-based, as in ?slide=.
const pullbacksSlide = seedSlides.findIndex((s) => s.includes('show_pullbacks(')) + 1
const gradientSlide = seedSlides.findIndex((s) => s.startsWith('g(x) = gradient(f, x)')) + 1

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function withApp(
  hash: string,
  fn: (app: AppPage) => Promise<void>,
  viewport?: { width: number; height: number },
) {
  const app = await AppPage.open(browser, hash, viewport ? { viewport } : {})
  try {
    await fn(app)
    await app.expectClean()
  } finally {
    await app.close()
  }
}

describe('every lesson', () => {
  it.each(slugs)('#/%s loads with a clean console and shows a panel', async (slug) => {
    await withApp(`#/${slug}`, async (app) => {
      await app.page.locator('main section.panel').first().waitFor({ timeout: 30_000 })
      await expect.poll(() => app.page.locator('.notice').count()).toBe(0)
      await app.shot(`modes-lesson-${slug}`)
    })
  })
})

describe('the learner', () => {
  it('sees the lessons in course order with their progress, and previous/next links', async () => {
    await withApp('#/seed-session', async (app) => {
      const toc = app.page.getByRole('navigation', { name: 'Lessons' })
      // The contents render after the lesson list loads; on a busy machine that can come late.
      await toc.getByRole('link').first().waitFor()
      const hrefs = await toc.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      expect(hrefs).toEqual(slugs.map((s) => `#/${s}`))
      await expect
        .poll(() => toc.getByRole('link', { name: /gradient of a gradient/ }).getAttribute('aria-current'))
        .toBe('page')

      const i = slugs.indexOf('seed-session')
      const course = app.page.getByRole('navigation', { name: 'Course', exact: true })
      if (slugs[i + 1]) {
        await course.getByRole('link', { name: /Next/ }).click()
        await expect.poll(() => app.page.evaluate(() => location.hash)).toBe(`#/${slugs[i + 1]}`)
        await expect
          .poll(() => app.page.locator('.lesson-nav-top a[rel="prev"]').getAttribute('href'))
          .toBe('#/seed-session')
      }
    })
  })

  it('gets a message, not a blank page, for a bad link', async () => {
    await withApp('#/seed-session?mode=slides&panel=zero', async (app) => {
      await app.page.getByText('There is no view called “slides”').waitFor()
      await app.page.getByText('panel=“zero” should be').waitFor()
      await app.cell(1).waitFor()
    })
  })
})

describe('the reader', () => {
  it('shows prose, outputs and panels, and no code or editing controls', async () => {
    await withApp('#/seed-session?mode=reader', async (app) => {
      await app.page.locator('section.panel').first().waitFor()
      await app.tensor(2, 'vector of 3: 16, 44, 64').waitFor()
      await expect.poll(() => app.page.locator('.editor-row:visible, .add-cell:visible').count()).toBe(0)
      expect(await app.page.getByRole('textbox', { name: /^Cell \d+ code$/ }).count()).toBe(0)
      expect(await app.page.getByRole('toolbar', { name: 'Notebook' }).count()).toBe(0)
      expect(await app.page.getByRole('heading', { name: 'The gradient of a gradient' }).isVisible()).toBe(true)
      await app.shot('modes-reader')
    })
  })
})

describe('the presentation', () => {
  const count = (app: AppPage) => app.page.locator('.slide-count').textContent()
  const step = (app: AppPage) =>
    app.page.locator('.slide .panel-step-count').evaluate((el) => Number(/step (\d+)/.exec(el.textContent ?? '')?.[1]))

  it('steps slides, then a panel’s steps, with the keyboard; each slide fits the screen', async () => {
    await withApp(
      `#/seed-session?mode=present&slide=${pullbacksSlide - 1}`,
      async (app) => {
        const { page } = app
        const total = seedSlides.length
        await expect.poll(() => count(app)).toBe(`${pullbacksSlide - 1} / ${total}`)
        await page.keyboard.press('ArrowRight')
        await page.locator('.slide section.panel').waitFor()
        expect(await count(app)).toBe(`${pullbacksSlide} / ${total}`)
        expect(await page.evaluate(() => location.hash)).toContain(`slide=${pullbacksSlide}`)
        // On a panel, → and Space step the panel; ← steps back; past the ends they change slides.
        expect(await step(app)).toBe(0)
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => step(app)).toBe(1)
        await page.keyboard.press(' ')
        await expect.poll(() => step(app)).toBe(2)
        await page.keyboard.press('PageDown')
        await expect.poll(() => step(app)).toBe(3)
        await page.keyboard.press('ArrowLeft')
        await expect.poll(() => step(app)).toBe(2)
        await page.keyboard.press('ArrowLeft')
        await page.keyboard.press('ArrowLeft')
        await expect.poll(() => step(app)).toBe(0)
        expect(await count(app)).toBe(`${pullbacksSlide} / ${total}`)

        // The slide is scaled to fit: nothing below the frame, no scrolling; and it is scaled to
        // be read from the back of a room, because the panel's secondary sections are elsewhere.
        const fits = await page.evaluate(() => {
          const slide = document.querySelector('.slide')!.getBoundingClientRect()
          const frame = document.querySelector('.slide-frame')!.getBoundingClientRect()
          return slide.bottom <= frame.bottom + 1 && document.documentElement.scrollHeight <= innerHeight
        })
        expect(fits).toBe(true)
        const scale = () => page.locator('.slide').evaluate((el) => Number((el as HTMLElement).dataset.scale))
        await expect.poll(scale).toBeGreaterThanOrEqual(0.6)
        expect(await page.locator('.slide .panel-extra:visible').count()).toBe(0)
        expect(await page.locator('.slide .pb-graph').isVisible()).toBe(true)
        await app.shot('modes-present-panel')

        // Through every step, then the panel's "more" view (its secondary sections, without the
        // core), then on to the next slide; coming back shows the last step.
        const steps = await page
          .locator('.slide .panel-step-count')
          .evaluate((el) => Number(/of (\d+)/.exec(el.textContent ?? '')?.[1]))
        for (let k = 0; k < steps; k++) await page.keyboard.press('ArrowRight')
        await expect.poll(() => step(app)).toBe(steps)
        expect(await count(app)).toBe(`${pullbacksSlide} / ${total}`)
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => count(app)).toMatch(new RegExp(`^${pullbacksSlide} / ${total} · more 1/\\d+$`))
        // One secondary section a page: → pages on to the costs, then to the learner's own v.
        expect(await page.locator('.slide .panel-extra:visible').count()).toBe(1)
        expect(await page.locator('.slide .pb-graph').isVisible()).toBe(false)
        for (let k = 0; k < 6 && !(await page.locator('.slide .pb-costs').isVisible()); k++)
          await page.keyboard.press('ArrowRight')
        expect(await page.locator('.slide .pb-costs').isVisible()).toBe(true)
        await page.keyboard.press('ArrowRight')
        await page.getByRole('group', { name: /Pull back any cotangent v/ }).waitFor()
        expect(await page.getByRole('button', { name: 'More' }).getAttribute('aria-pressed')).toBe('true')
        await app.shot('modes-present-panel-more')
        // m goes back to the core (and returns to the "more" view); End, on a complete slide, moves on.
        await page.keyboard.press('m')
        await expect.poll(() => count(app)).toBe(`${pullbacksSlide} / ${total}`)
        expect(await page.locator('.slide .pb-graph').isVisible()).toBe(true)
        await page.keyboard.press('m')
        await expect.poll(() => count(app)).toMatch(new RegExp(`^${pullbacksSlide} / ${total} · more 1/\\d+$`))
        await page.keyboard.press('End')
        await expect.poll(() => count(app)).toBe(`${pullbacksSlide + 1} / ${total}`)
        await page.keyboard.press('ArrowLeft')
        await page.locator('.slide section.panel').waitFor()
        await expect.poll(() => step(app)).toBe(steps)
        await page.keyboard.press('ArrowLeft')
        await expect.poll(() => step(app)).toBe(steps - 1)

        await page.keyboard.press('Control+End')
        await expect.poll(() => count(app)).toBe(`${total} / ${total}`)
        await page.keyboard.press('Control+Home')
        await expect.poll(() => count(app)).toBe(`1 / ${total}`)
      },
      { width: 1280, height: 720 },
    )
  })

  it('leaves the keys to a focused editor until Esc, and has a scratch cell and a reveal', async () => {
    await withApp(`#/seed-session?mode=present&slide=${gradientSlide}`, async (app) => {
      const { page } = app
      const total = seedSlides.length
      await expect.poll(() => count(app)).toBe(`${gradientSlide} / ${total}`)
      const editor = page.locator('.slide').getByRole('textbox', { name: /^Cell \d+ code$/ })
      await editor.click()
      await page.locator('.slide .cm-content').waitFor()
      await page.locator('.slide .cm-content').click()
      await page.keyboard.press('End')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('PageDown')
      await page.keyboard.type(' ')
      expect(await count(app)).toBe(`${gradientSlide} / ${total}`)
      await page.keyboard.press('Escape')
      await page.keyboard.press('ArrowRight')
      await expect.poll(() => count(app)).toBe(`${gradientSlide + 1} / ${total}`)

      await page.keyboard.press('r')
      await expect
        .poll(() => page.getByRole('button', { name: 'Reveal answers' }).getAttribute('aria-pressed'))
        .toBe('true')

      // s: a scratch cell at the end, focused, evaluated in the lesson's scope (f is the lesson's).
      await page.keyboard.press('s')
      await expect.poll(() => count(app)).toBe(`${total + 1} / ${total + 1}`)
      await page.locator('.slide .scratch-label').waitFor()
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.slide .cm-editor'))).toBe(true)
      await page.keyboard.type('f(x1) + 1')
      await page.keyboard.press('Shift+Enter')
      await expect.poll(() => page.locator('.slide .nb-output').textContent()).toContain('87')
      await app.shot('modes-present-scratch')

      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await page.getByRole('navigation', { name: 'Lessons' }).waitFor()
      expect(await page.evaluate(() => location.hash)).toBe('#/seed-session')
      // The scratch cell is an ordinary cell of the notebook now, marked as scratch.
      await page.locator('[data-cell].scratch').waitFor()
    })
  })
})

describe('an embed', () => {
  it('shows only the n-th panel, without navigation', async () => {
    await withApp('#/seed-session?embed=1&panel=2', async (app) => {
      const { page } = app
      await page.locator('section.panel').waitFor()
      expect(await page.locator('section.panel').count()).toBe(1)
      expect(await page.getByRole('region', { name: /sum trap/i }).count()).toBe(1)
      expect(await page.locator('.lessons, .toolbar').count()).toBe(0)
      expect(await page.getByRole('link', { name: /Open the full lesson/ }).getAttribute('target')).toBe('_blank')
    })
  })
})
