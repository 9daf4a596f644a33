// A printed lesson is a handout: Chromium's own PDF of the page is read back page by page
// (pdfjs-dist), and each page must have something on it; each section starts a page; panels are
// at their last step, the sum trap revealed, an empty exercise keeps a line to write on and a
// typed answer is printed; the reader's outputs say which cell they come from; drawings are
// shrunk to the paper instead of cut. E2E_SHOTS=<folder> also writes each page as a PNG to look at.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseNotebook } from '../../engine/standard.ts'
import { launchBrowser } from './browser.ts'
import { AppPage, readText, root } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/**
 * An A4 page is 794 CSS px wide, 681 px inside the 1.5 cm margins printedPages uses: laid out at
 * that width, the page shows what paper gets.
 */
const A4 = { width: 681, height: 1000 }

async function withLesson(hash: string, fn: (app: AppPage) => Promise<void>) {
  const app = await AppPage.open(browser, hash, { viewport: A4 })
  try {
    await app.page.locator('main section.panel').first().waitFor({ timeout: 60_000 })
    await expect.poll(() => app.page.locator('.nb-running, [data-running]').count(), { timeout: 60_000 }).toBe(0)
    await fn(app)
    await app.expectClean()
  } finally {
    await app.close()
  }
}

/**
 * Waits until the page has stopped growing: cells run, panels and their lazily loaded parts
 * drawn, and the height the same for a second. A PDF taken before that has other page breaks
 * (seed-session printed 12 pages instead of 20 when its panels had not loaded yet).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.nb-running, [data-running], .panel-loading'), null, {
    timeout: 120_000,
  })
  let height = -1
  for (let same = 0; same < 2;) {
    await page.waitForTimeout(500)
    const now = await page.evaluate(() => document.documentElement.scrollHeight)
    same = now === height ? same + 1 : 0
    height = now
  }
}

/** Prints the page as Chromium does (A4) and returns each page's text, whitespace removed. */
async function printedPages(page: Page, name: string): Promise<string[]> {
  await page.emulateMedia({ media: 'print' })
  await settled(page)
  const pdf = await page.pdf({ format: 'A4', margin: { top: '1.5cm', bottom: '1.5cm', left: '1.5cm', right: '1.5cm' } })
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
  const pages: string[] = []
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent()
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''))
  }
  if (process.env.E2E_SHOTS) await pagePictures(pdf, join(process.env.E2E_SHOTS, `print-${name}`))
  return pages.map(squash)
}

/** Text compared without whitespace: the PDF splits words at ligatures and line ends. */
const squash = (s: string) => s.replace(/\s+/g, '')

/** Each page as a PNG, to look at (pdfjs draws with the canvas it installs, when it is there). */
async function pagePictures(pdf: Buffer, dir: string) {
  mkdirSync(dir, { recursive: true })
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p)
    const viewport = page.getViewport({ scale: 1.5 })
    // pdfjs's own canvas factory, typed only as an object.
    const factory = doc.canvasFactory as {
      create(width: number, height: number): { canvas: { toBuffer(type: string): Buffer } }
    }
    const canvas = factory.create(viewport.width, viewport.height)
    await page.render({ canvas: canvas.canvas as unknown as HTMLCanvasElement, viewport }).promise
    writeFileSync(join(dir, `page-${p}.png`), canvas.canvas.toBuffer('image/png'))
  }
}

/** The lesson's section headings (## lines) written in plain words, as the page prints them. */
function plainSections(slug: string): string[] {
  const text = parseNotebook(readText(join(root, 'content', `${slug}.md`)))
    .cells.map((c) => (c.kind === 'prose' ? c.text : ''))
    .join('\n')
  return [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim()).filter((h) => !/[`$*_\\[]/.test(h))
}

describe('a printed lesson', () => {
  it('seed-session: no empty page, a section per page start, panels at their last step, drawings whole', async () => {
    await withLesson('#/seed-session', async (app) => {
      const { page } = app
      const counters = page.locator('.panel-step-count')
      const before = await counters.allTextContents()
      expect(before.some((t) => /^step 0 of \d+$/.test(t))).toBe(true)

      const pages = await printedPages(page, 'seed-session')
      pages.forEach((text, i) => expect(text.length, `page ${i + 1} of ${pages.length} is empty`).toBeGreaterThan(40))
      // Every panel at its last step: the pullbacks panel has pulled back all three rows.
      for (const t of await counters.allTextContents()) expect(t).toMatch(/^step (\d+) of \1$/)
      expect(pages.join('')).toContain(squash('reverse passes used: 3 of 3'))
      // Each section starts a page, with its heading first.
      const sections = plainSections('seed-session')
      expect(sections.length).toBeGreaterThan(4)
      for (const h of sections)
        expect(
          pages.some((p) => p.startsWith(squash(h))),
          `“${h}” does not start a page`,
        ).toBe(true)
      // Nothing is cut at the paper's edge: no drawing sticks out of its panel or figure, and
      // no box would need scrolling.
      const cut = await page.evaluate(() => {
        const name = (el: Element) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`
        const sticking = [...document.querySelectorAll('.pb-graph svg, .nb-plot svg.main-svg')].filter((el) => {
          const box = el.getBoundingClientRect()
          return box.width > 0 && box.right > el.closest('section.panel, figure')!.getBoundingClientRect().right + 1
        })
        const scrolling = [...document.querySelectorAll('main *')].filter(
          (el) =>
            !/katex-mathml|visually-hidden/.test(String(el.className)) &&
            el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX !== 'visible',
        )
        return [...sticking, ...scrolling].map(name)
      })
      expect(cut).toEqual([])
      // What is folded on screen prints unfolded: the graph as a table, and the equivalent code
      // in every language, each named.
      const all = pages.join('')
      expect(all).toContain(squash('The graph as a table'))
      expect(all).toContain(squash('in the order they were computed'))
      expect(all).toContain(squash('y, back = Zygote.pullback('))
      expect(all).toContain(squash('y, back = jax.vjp('))
      expect(all).toContain(squash('from torch.autograd.functional import vjp, jvp, jacobian'))
      expect(all).toContain(squash('JAXimport jax, jax.numpy as jnp'))
      // No controls on paper.
      expect(await page.locator('.toolbar, .lessons, .cell-controls button, .run').first().isVisible()).toBe(false)

      // Back on screen, each panel is where it was.
      await page.emulateMedia({ media: 'screen' })
      await expect.poll(() => counters.allTextContents()).toEqual(before)
    })
  })

  it('sum-trap: the reveal is printed, an empty exercise leaves a line to write on, a typed answer prints', async () => {
    await withLesson('#/sum-trap', async (app) => {
      const { page } = app
      const answers = page.locator('.exercise-input input[type=text]')
      await answers.first().waitFor()
      const empty = (await answers.count()) - 1
      expect(empty).toBeGreaterThan(0)
      await answers.first().fill('[20, 36, 44.5]')

      const pages = await printedPages(page, 'sum-trap')
      pages.forEach((text, i) => expect(text.length, `page ${i + 1} of ${pages.length} is empty`).toBeGreaterThan(40))
      const all = pages.join('')
      expect(all).toContain(squash('Why the sums mislead here'))
      expect(all).toContain(squash('tf_gradients returns [20, 36, 44]'))
      expect(all).not.toContain(squash('Shown with the reveal.'))
      expect(all).toContain('[20,36,44.5]')
      expect(all.split(squash('Your answer')).length - 1).toBe(empty + 1)
      // The empty answers are lines to write on, as tall as a line of handwriting.
      const lines = await answers.evaluateAll((inputs) =>
        inputs.map((i) => {
          const style = getComputedStyle(i)
          return { height: i.getBoundingClientRect().height, rule: style.borderBottomStyle, shown: style.display }
        }),
      )
      for (const line of lines) {
        expect(line.shown).not.toBe('none')
        expect(line.rule).toBe('solid')
        expect(line.height).toBeGreaterThanOrEqual(28)
      }
      // A choice keeps its circles to tick.
      expect(await page.locator('.exercise-cell input[type=radio]:visible').count()).toBeGreaterThan(0)
      // Outputs after a prediction are not held back on paper.
      expect(await page.locator('.predict-gate').count()).toBe(0)
    })
  })

  it("reader's view: each output says which cell it comes from", async () => {
    await withLesson('#/seed-session?mode=reader', async (app) => {
      const pages = await printedPages(app.page, 'seed-session-reader')
      pages.forEach((text, i) => expect(text.length, `page ${i + 1} is empty`).toBeGreaterThan(40))
      const all = pages.join('')
      expect(all).toContain(squash('Output of cell 1'))
      expect(all).not.toContain(squash('collect(0:2)'))
    })
  })
})

/** Every lesson, by its file's name, and its title (the first line). */
const LESSONS = readdirSync(join(root, 'content'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ slug: f.replace(/\.md$/, ''), title: /^#\s+(.+)$/m.exec(readText(join(root, 'content', f)))![1]! }))

describe('every lesson, printed', () => {
  it('has text on every page and no near-blank last page', async () => {
    const app = await AppPage.open(browser, '#/seed-session', { viewport: A4 })
    try {
      const { page } = app
      const problems: string[] = []
      for (const { slug, title } of LESSONS) {
        await page.evaluate((hash) => void (window.location.hash = hash), `#/${slug}`)
        // The window's title names the lesson once it is open (plain text: $Hv$ reads as Hv).
        const plain = title.replace(/\$([^$]+)\$/g, '$1')
        await expect.poll(() => page.title(), { timeout: 60_000 }).toContain(plain)
        await settled(page)
        const pages = await printedPages(page, slug)
        await page.emulateMedia({ media: 'screen' })
        pages.forEach(
          (text, i) => text.length === 0 && problems.push(`${slug}: page ${i + 1} of ${pages.length} is blank`),
        )
        // A last page with a line or two is a section's tail or a cell's margin spilt over.
        if (pages.at(-1)!.length <= 40)
          problems.push(`${slug}: the last page (${pages.length}) has only “${pages.at(-1)}” (${title})`)
      }
      expect(problems).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  }, 900_000)
})
