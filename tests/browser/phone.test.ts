// A learner on a phone (360, 390 and 430 px wide, touch): no page scrolls sideways (a matrix or a
// table wider than the screen scrolls inside its own box), and the contents are folded behind one
// button, so that the lesson fills the first screen, and open with one tap.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { courseOrder } from '../../app/lessons.ts'
import { launchBrowser } from './browser.ts'
import { root, server } from './harness.ts'

const slugs = readdirSync(join(root, 'content'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''))
  .sort(courseOrder)
const pages = ['#/', ...slugs.map((s) => `#/${s}`), '#/reference', '#/my']
const widths = [360, 390, 430]

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function onPhone(width: number, hash: string, fn: (page: Page) => Promise<void>) {
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    isMobile: true,
    hasTouch: true,
    reducedMotion: 'reduce',
  })
  try {
    const page = await context.newPage()
    await page.goto(new URL(hash, server().url).href)
    await fn(page)
  } finally {
    await context.close()
  }
}

/**
 * How wide the page lays out, and the outermost elements that stick out past the screen's right
 * edge and are not inside a box that scrolls or clips them (the ones that make the page scroll).
 */
function overflow(page: Page, width: number) {
  return page.evaluate((width) => {
    const name = (el: Element): string =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      (typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '')
    const offenders: string[] = []
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.right <= width + 0.5) continue
      const parent = el.parentElement
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 0.5) continue
      let contained = false
      for (let a = parent; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible') contained = true
      if (contained) continue
      const path: string[] = []
      for (let a: Element | null = el; a && a !== document.body && path.length < 4; a = a.parentElement)
        path.unshift(name(a))
      offenders.push(`${path.join(' > ')} (right edge at ${Math.round(box.right)} px)`)
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders }
  }, width)
}

/**
 * Waits for the page to settle: a lesson's cells shown and run; the landing page, the reference or
 * another page (#/my, a page of its own since unknown names get one) shown.
 */
async function settled(page: Page, hash: string) {
  await page.locator('main').waitFor()
  if (slugs.includes(hash.slice(2))) await page.locator('main .cell').first().waitFor({ timeout: 30_000 })
  else await page.locator('main .landing, main .missing, main h1, main h2').first().waitFor({ timeout: 30_000 })
  await expect.poll(() => page.locator('.nb-running, [data-running]').count(), { timeout: 60_000 }).toBe(0)
}

describe('no page scrolls sideways on a phone', () => {
  for (const width of widths)
    it.each(pages)(`${width} px: %s`, async (hash) => {
      await onPhone(width, hash, async (page) => {
        await settled(page, hash)
        const { scrollWidth, offenders } = await overflow(page, width)
        expect(
          scrollWidth,
          `${hash} lays out ${scrollWidth} px wide on a ${width} px screen; sticking out: ${offenders.join('; ') || '(none found)'}`,
        ).toBeLessThanOrEqual(width)
      })
    })
})

describe('the contents on a phone', () => {
  it('are folded at first, open with one tap, and fold again when a lesson is chosen', async () => {
    await onPhone(390, '#/derivatives', async (page) => {
      await settled(page, '#/derivatives')
      const contents = page.getByRole('button', { name: 'Contents' })
      const lessons = page.getByRole('navigation', { name: 'Lessons' }).getByRole('link')
      await expect.poll(() => contents.getAttribute('aria-expanded')).toBe('false')
      expect(await lessons.first().isVisible()).toBe(false)
      // The lesson, not the list of lessons, is on the first screen.
      const title = await page.locator('main h1').first().boundingBox()
      expect(title && title.y + title.height).toBeLessThan(844)
      const box = await contents.boundingBox()
      expect(box?.height).toBeGreaterThanOrEqual(44)

      await contents.tap()
      await expect.poll(() => contents.getAttribute('aria-expanded')).toBe('true')
      expect(await lessons.count()).toBe(slugs.length)
      for (const link of await lessons.all()) {
        expect(await link.isVisible()).toBe(true)
        expect((await link.boundingBox())?.height).toBeGreaterThanOrEqual(44)
      }
      await lessons.last().tap()
      await expect.poll(() => contents.getAttribute('aria-expanded')).toBe('false')
    })
  })

  it('are shown whole on a wide screen, with no fold button', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto(new URL('#/derivatives', server().url).href)
      const lessons = page.getByRole('navigation', { name: 'Lessons' }).getByRole('link')
      await lessons.first().waitFor()
      expect(await page.getByRole('button', { name: 'Contents' }).isVisible()).toBe(false)
      for (const link of await lessons.all()) expect(await link.isVisible()).toBe(true)
    } finally {
      await context.close()
    }
  })
})

/** Where the focus is, in words: the cell it is in (by its name) and what it is. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return 'nothing'
    const cell = el.closest('section.cell')?.getAttribute('aria-label') ?? 'no cell'
    const editor = el.closest('.editor-slot') ? 'editor' : null
    return `${cell}: ${editor ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName}`
  })
}

describe('the keyboard', () => {
  it('reaches the next cell’s editor and runs it in two tab stops; Shift+Tab reaches the cell’s controls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' })
    try {
      const page = await context.newPage()
      await page.goto(new URL('#/seed-session', server().url).href)
      await settled(page, '#/seed-session')
      // The seed's cells 2 and 3 follow each other with only text between them.
      const run2 = page.getByRole('button', { name: 'Run Cell 2', exact: true })
      await run2.focus()
      // Cell 2's output may have its own control (Copy exact values, for an array): past it.
      let here = await focused(page)
      for (let k = 0; k < 3 && !here.startsWith('Cell 3'); k++) {
        await page.keyboard.press('Tab')
        here = await focused(page)
      }
      const path: string[] = [here]
      await page.keyboard.press('Tab')
      path.push(await focused(page))
      expect(path, `Tab from Run Cell 2 went: ${path.join(' → ')}`).toEqual(['Cell 3: editor', 'Cell 3: Run Cell 3'])
      // The second stop runs it.
      const output = page.locator('section.cell[aria-label="Cell 3"] .nb-output')
      await page.keyboard.press('Enter')
      await expect.poll(() => output.textContent(), { timeout: 30_000 }).toMatch(/16/)

      // Back into the editor, then Shift+Tab: the cell's own controls, now shown.
      await page.keyboard.press('Shift+Tab')
      expect(await focused(page)).toBe('Cell 3: editor')
      await page.keyboard.press('Shift+Tab')
      const where = await page.evaluate(() =>
        document.activeElement?.closest('.cell-controls')?.getAttribute('aria-label'),
      )
      expect(where).toBe('Cell 3 controls')
    } finally {
      await context.close()
    }
  })
})

describe('the toolbar on a phone', () => {
  it('is two rows (the views; Run all, Undo, Redo, More) and More shows the rest', async () => {
    await onPhone(390, '#/seed-session', async (page) => {
      await settled(page, '#/seed-session')
      const rows = () =>
        page
          .locator('.toolbar button:visible')
          .evaluateAll((buttons) => [...new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top)))])
      expect(await rows()).toHaveLength(2)
      const more = page.getByRole('button', { name: 'More' })
      expect(await page.getByRole('button', { name: 'Export .md' }).isVisible()).toBe(false)
      await more.tap()
      await expect.poll(() => more.getAttribute('aria-expanded')).toBe('true')
      for (const name of ['Export .md', 'Import .md', 'Share link', 'Reset to original'])
        expect(await page.getByRole('button', { name }).isVisible()).toBe(true)
      for (const box of await page
        .locator('.toolbar button:visible')
        .evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height)))
        expect(box).toBeGreaterThanOrEqual(44)
    })
  })

  it('shows every action in one toolbar on a wide screen, with no More', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      const page = await context.newPage()
      await page.goto(new URL('#/seed-session', server().url).href)
      await page.getByRole('button', { name: 'Export .md' }).waitFor()
      expect(await page.getByRole('button', { name: 'More' }).isVisible()).toBe(false)
    } finally {
      await context.close()
    }
  })
})

describe('touch targets on a phone', () => {
  it.each(['#/', '#/seed-session', '#/derivatives', '#/sum-trap'])(
    'are at least 44 px tall and wide: %s',
    async (hash) => {
      await onPhone(390, hash, async (page) => {
        await settled(page, hash)
        // Focus a cell so that its controls show, as a tap on its editor does.
        if (hash !== '#/') await page.locator('main .editor-slot').first().tap()
        const small = await page.evaluate(() => {
          const targets = document.querySelectorAll(
            'main button, main select, main input:not([type=hidden]), main summary, main [role=tab], main a.landing-go, .toc-toggle',
          )
          const out: string[] = []
          for (const el of targets) {
            // A circle to tick is tapped anywhere on its label.
            const tapped = (el as HTMLInputElement).type === 'radio' ? (el.closest('label') ?? el) : el
            const box = tapped.getBoundingClientRect()
            if (box.width === 0 || getComputedStyle(el).visibility === 'hidden') continue
            // A slider is dragged along its length; its thumb's row is what must be tall.
            const minWidth = (el as HTMLInputElement).type === 'range' ? 0 : 44
            if (box.height < 43.5 || box.width < minWidth - 0.5)
              out.push(
                `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`,
              )
          }
          return out
        })
        expect(small).toEqual([])
      })
    },
  )
})
