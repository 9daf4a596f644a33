// The presentation's scratch cell in a real browser, from the keyboard only: a called-out
// function is on screen in at most 30 key presses (open the scratch cell, type the function,
// pick a template, which runs it), the scratch cell's f shadows the lesson's f for itself only,
// and its code stays in view while its panel steps.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage } from './harness.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser.close()
})

describe("the presentation's scratch cell", () => {
  it('shows a called-out function in its pullbacks panel in ≤ 30 keys, without touching the lesson', async () => {
    const app = await AppPage.open(browser, '#/seed-session?mode=present&slide=1', {
      viewport: { width: 1920, height: 1080 },
    })
    const { page } = app
    try {
      await page.locator('.slide-count').waitFor()
      let keys = 0
      const press = async (key: string) => {
        keys++
        await page.keyboard.press(key)
      }
      await press('s')
      await page.locator('.slide .scratch-header').waitFor()
      await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.slide .cm-editor'))).toBe(true)
      // The editor loads on its first focus and then puts the cursor at the end: a person starts
      // typing a moment later; keys sent within milliseconds would land before the comment line.
      await page.waitForTimeout(500)
      // The lesson defines f(x) = sum(abs2, A * x); the class calls out another f.
      const typed = 'f(x)=x[1]^2*x[2]'
      keys += typed.length
      await page.keyboard.type(typed)
      await press('Alt+P') // the pullbacks panel template, which also runs the cell
      await page.locator('.slide section.panel').waitFor({ timeout: 30_000 })
      // J of x₁²x₂ at [1, 2, 3] is [2x₁x₂, x₁², 0] = [4, 1, 0]: the scratch's f, not the lesson's.
      await expect.poll(() => page.locator('.slide .panel-summary').textContent()).toContain('[4, 1, 0]')
      expect(keys).toBeLessThanOrEqual(30)
      console.log(`scratch cell: pullbacks panel of a called-out function on screen in ${keys} key presses`)

      // The scratch's code stays in full view above its panel (not cut to one line).
      const code = page.locator('.slide .cm-content')
      await expect.poll(() => code.textContent()).toContain('show_pullbacks(f, [1.0, 2.0, 3.0])')
      await page.keyboard.press('Escape')
      await page.keyboard.press('ArrowRight') // a step of the panel, with the editor let go
      await expect.poll(() => page.locator('.slide .pb-counter').textContent()).toMatch(/passes used: 1 of/)
      // Its three lines in full view, not cut to one (layout sizes: the slide's scale does not matter).
      const heights = await page
        .locator('.slide .cm-editor')
        .evaluate((e) => ({ editor: e.clientHeight, line: e.querySelector<HTMLElement>('.cm-line')!.offsetHeight }))
      expect(heights.editor).toBeGreaterThanOrEqual(3 * heights.line)
      await app.shot('scratch-present-pullbacks')

      // The lesson's f is untouched: its gradient cell still gives [16, 44, 64] (g = ∇f at x1).
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await page.getByRole('navigation', { name: 'Lessons' }).waitFor()
      await expect.poll(() => page.locator('main').textContent()).toContain('[16, 44, 64]')
      // (The seed's expect-error cells keep their errors; none is about f being defined twice.)
      expect(await page.locator('main').textContent()).not.toContain('more than one cell')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
