// Sliders, plots and share links in a real browser.
import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, codeCellNumbers, fixtures, readText, root, server, shown } from './harness.ts'

const seedCells = codeCellNumbers(readText(join(root, 'content/seed-session.md')))
const fx1 = seedCells[0]!
const gx1 = seedCells[1]!
const hvp = seedCells[11]!

const sliderFile = join(fixtures, 'slider.md')
const [sliderCell, derivativeCell] = codeCellNumbers(readText(sliderFile)) as [number, number]
const slowSliderFile = join(fixtures, 'slow-slider.md')
const [slowSliderCell, slowDerivativeCell] = codeCellNumbers(readText(slowSliderFile)) as [number, number]
const sliderInCellFile = join(fixtures, 'slider-in-cell.md')
const [sliderInCell, usesSliderCell] = codeCellNumbers(readText(sliderInCellFile)) as [number, number]
const plotFile = join(fixtures, 'plot.md')
const [plotCell] = codeCellNumbers(readText(plotFile)) as [number]

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The derivative cell shows d/dt t³ at the slider's value, to the 6 digits on screen. */
async function expectDerivativeMatches(app: AppPage, slider: Locator): Promise<number> {
  const x = Number(await slider.inputValue())
  await expect.poll(() => app.scalar(derivativeCell)).toBe(shown(3 * x * x))
  return x
}

describe('interaction', () => {
  it('updates outputs as a slider moves, by keyboard and by mouse', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.importFile(sliderFile)
      const slider = app.cell(sliderCell).getByRole('slider', { name: 'x' })
      await slider.waitFor()
      expect(await slider.inputValue()).toBe('0.5')
      expect(await slider.getAttribute('aria-valuetext')).toBe('x = 0.5')
      expect(await app.scalar(derivativeCell)).toBe('0.75')

      // Keyboard: one step right is 0.6, and 3 · 0.6² = 1.08.
      await slider.focus()
      await app.page.keyboard.press('ArrowRight')
      expect(await slider.inputValue()).toBe('0.6')
      await expect.poll(() => app.scalar(derivativeCell)).toBe('1.08')
      expect(await slider.getAttribute('aria-valuetext')).toBe('x = 0.6')
      for (const [x, d] of [
        ['0.5', '0.75'],
        ['0.4', '0.48'],
        ['0.3', '0.27'],
      ]) {
        await app.page.keyboard.press('ArrowLeft')
        expect(await slider.inputValue()).toBe(x)
        await expect.poll(() => app.scalar(derivativeCell)).toBe(d)
      }

      // Mouse: press on the track and drag the thumb most of the way to the right end.
      const box = (await slider.boundingBox())!
      const y = box.y + box.height / 2
      await app.page.mouse.move(box.x + box.width * 0.5, y)
      await app.page.mouse.down()
      for (const f of [0.6, 0.7, 0.8, 0.9]) await app.page.mouse.move(box.x + box.width * f, y, { steps: 3 })
      await app.page.mouse.up()
      const x = await expectDerivativeMatches(app, slider)
      expect(x).toBeGreaterThan(1.2)
      expect(x).toBeLessThanOrEqual(2)
      expect(await slider.getAttribute('aria-valuetext')).toBe(`x = ${x.toFixed(1)}`)
      await app.shot('slider-dragged')

      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('does not lose key presses while results for earlier steps come in', async () => {
    // The slider's cell takes a moment (it first sums 50000 terms), so results lag behind the
    // keys. Two quick steps (0.5 → 0.6 → 0.7) are both sent before the first result arrives; when
    // the result for 0.6 comes in, the thumb must stay at 0.7, where the learner put it, and a
    // third step goes to 0.8. (If the thumb followed the stale result back to 0.6, the third step
    // would land on 0.7 again: a key press lost, as happens when a learner holds an arrow key.)
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.importFile(slowSliderFile)
      const slider = app.cell(slowSliderCell).getByRole('slider', { name: 'x' })
      await slider.waitFor()
      expect(await app.scalar(slowSliderCell)).toBe('0.5')
      await slider.focus()
      await app.page.keyboard.press('ArrowRight')
      await app.page.keyboard.press('ArrowRight')
      expect(await slider.inputValue()).toBe('0.7')
      // The result for 0.6 is in; the one for 0.7 is still being computed.
      await expect.poll(() => app.scalar(slowSliderCell), { interval: 10 }).toBe('0.6')
      expect(await slider.inputValue(), 'the thumb stays where the keys put it').toBe('0.7')
      await app.page.keyboard.press('ArrowRight')
      await expect.poll(() => app.scalar(slowSliderCell)).toBe('0.8')
      await expect.poll(() => app.scalar(slowDerivativeCell)).toBe('1.92')
      expect(await slider.inputValue()).toBe('0.8')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('computes the rest of the slider cell with the slider value', async () => {
    // x = slider(...) followed by y = 2 * x in the same cell: moving the slider must change y,
    // in that cell and in the cells that use it.
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.importFile(sliderInCellFile)
      const slider = app.cell(sliderInCell).getByRole('slider', { name: 'x' })
      await slider.waitFor()
      expect(await app.scalar(sliderInCell)).toBe('1')
      await app.tensor(usesSliderCell, 'vector of 2: 0.5, 1').waitFor()
      await slider.focus()
      await app.page.keyboard.press('ArrowRight')
      await app.tensor(usesSliderCell, /^vector of 2: 0\.6, /).waitFor()
      expect(await app.cell(usesSliderCell).getByRole('img').getAttribute('aria-label')).toBe('vector of 2: 0.6, 1.2')
      expect(await app.scalar(sliderInCell)).toBe('1.2')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('draws a plot, loading plotly only when a plot is shown', async () => {
    const requests: string[] = []
    const app = await AppPage.open(browser, '#/seed-session', {
      before: (_page, context) => void context.on('request', (r) => requests.push(r.url())),
    })
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.tensor(hvp, /^vector of 3/).waitFor()
      const plotly = () => requests.filter((u) => /plotly/i.test(u))
      expect(requests.length).toBeGreaterThan(0)
      expect(plotly(), 'plotly is not loaded for a notebook without plots').toEqual([])

      await app.importFile(plotFile)
      const summary = /^Line plot of sin on \[0, 3\.14\]: from 0 at x = 0 .*maximum 1 at x = 1\.57\.$/
      const figure = app.cell(plotCell).getByRole('figure')
      await figure.getByRole('img', { name: summary }).waitFor()
      await figure.locator('svg.main-svg').first().waitFor()
      await expect.poll(() => figure.getAttribute('data-status')).toBe('ready')
      expect(await figure.locator('figcaption').textContent()).toMatch(summary)
      // The curve is drawn: plotly's line trace has a path with many points.
      const path = await figure.locator('.scatterlayer path.js-line').first().getAttribute('d')
      expect(path?.split(/[LM]/).length ?? 0).toBeGreaterThan(10)
      expect(plotly().length, 'plotly is loaded once').toBe(1)
      await app.shot('plot')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('reproduces an edited notebook with its slider values from a share link', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    let link: string
    try {
      await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server().url })
      expect(await app.scalar(fx1)).toBe('86')
      await app.importFile(sliderFile)
      await app.edit(derivativeCell, 'derivative(g(t) = t^2, x)')
      await expect.poll(() => app.scalar(derivativeCell)).toBe('1')
      const slider = app.cell(sliderCell).getByRole('slider', { name: 'x' })
      await slider.focus()
      // Step by step, each step's output shown before the next (see the held-key test above).
      for (const [x, d] of [
        ['0.4', '0.8'],
        ['0.3', '0.6'],
        ['0.2', '0.4'],
      ]) {
        await app.page.keyboard.press('ArrowLeft')
        expect(await slider.inputValue()).toBe(x)
        await expect.poll(() => app.scalar(derivativeCell)).toBe(d)
      }

      await app.button('Share link').click()
      const field = app.page.getByLabel('Link to this notebook')
      await field.waitFor()
      link = await field.inputValue()
      expect(link.startsWith(`${server().url}#/`)).toBe(true)
      expect(link).toContain('?nb=')
      await app.shot('share-link')
      await app.expectClean()
    } finally {
      await app.close()
    }

    // A new browser context: nothing saved, only the link.
    const other = await AppPage.open(browser, link.slice(server().url.length))
    try {
      const slider = other.cell(sliderCell).getByRole('slider', { name: 'x' })
      await slider.waitFor()
      expect(await slider.inputValue()).toBe('0.2')
      expect(await slider.getAttribute('aria-valuetext')).toBe('x = 0.2')
      await expect.poll(() => other.scalar(derivativeCell)).toBe('0.4')
      expect(await other.code(sliderCell)).toBe('x = slider(-2, 2, 0.1, 0.5)')
      expect(await other.code(derivativeCell)).toBe('derivative(g(t) = t^2, x)')
      await other.shot('share-opened')
      await other.expectClean()
    } finally {
      await other.close()
    }
  })

  it('explains a damaged share link and shows the lesson', async () => {
    const app = await AppPage.open(browser, '#/seed-session?nb=garbage!!')
    try {
      await app.page.getByText(/This share link could not be opened: .+\. The lesson is shown instead\./).waitFor()
      expect(await app.scalar(fx1)).toBe('86')
      await app.tensor(gx1, 'vector of 3: 16, 44, 64').waitFor()
      await app.shot('share-damaged')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
