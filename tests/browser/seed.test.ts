// The seed lesson in a real browser: it loads under the strict CSP with a clean console, shows
// every result of the learner's session, passes axe, and exports back to its own file byte for byte.
import AxeBuilder from '@axe-core/playwright'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, codeCellNumbers, readText, root, server, withTempFile } from './harness.ts'

const seedFile = join(root, 'content/seed-session.md')
const seed = readText(seedFile)
// The code cells' numbers ("Cell n"), in the order of the lesson.
const cells = codeCellNumbers(seed)
const [fx1, gx1, byHand, gradOfGrad, jacobianOfG, hessianH] = cells as [number, number, number, number, number, number]
const tfGradients = cells[8]!
const hvp = cells[11]!

const GRADIENT = 'vector of 3: 16, 44, 64'
const HESSIAN = 'matrix 3 by 3: row 1: 10, 4, 6; row 2: 4, 20, 12; row 3: 6, 12, 26'
const TF_GRADIENTS = 'vector of 3: 20, 36, 44'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The lesson's results, as a learner sees them (waits for the worker to produce them). */
async function expectSeedResults(app: AppPage): Promise<void> {
  expect(await app.scalar(fx1)).toBe('86')
  await app.tensor(gx1, GRADIENT).waitFor()
  await app.tensor(byHand, GRADIENT).waitFor()
  await app.tensor(jacobianOfG, HESSIAN).waitFor()
  await app.tensor(hessianH, HESSIAN).waitFor()
  // The lesson asks for a prediction first: the output stays hidden until the learner answers.
  const gated = app.cell(tfGradients).getByText('Answer the question above to see this output.')
  await gated.waitFor()
  const predict = app.page.getByRole('region').filter({ hasText: 'What will tf_gradients(g, x1) return?' })
  await predict.getByRole('textbox').fill('20 36 44')
  await predict.getByRole('textbox').press('Enter')
  await app.tensor(tfGradients, TF_GRADIENTS).waitFor()
  expect(await gated.count()).toBe(0)
  await app.tensor(hvp, 'vector of 3: 10, 4, 6').waitFor()
  await expect
    .poll(() => app.error(gradOfGrad).textContent())
    .toMatch(/gradient needs a function with a scalar output, but g returns a 3-vector/)
}

describe('the seed lesson', () => {
  it('loads under the strict CSP with a clean console and shows every result', async () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(readText(join(server().dist, 'index.html')))?.[1]
      ?.replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
    expect(csp, 'the built index.html carries a CSP meta tag').toBeDefined()
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)

    const app = await AppPage.open(browser, '#/seed-session')
    try {
      // The page really runs under the policy (the meta tag is in the served document).
      expect(await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(csp)
      await expectSeedResults(app)
      await expect.poll(() => app.page.title()).toMatch(/The gradient of a gradient/)

      // The error sits under its own cell: below that cell's editor, above the next cell.
      const error = app.error(gradOfGrad)
      await expect.poll(() => error.isVisible()).toBe(true)
      const editorBox = (await app.editor(gradOfGrad).boundingBox())!
      const errorBox = (await error.boundingBox())!
      const nextBox = (await app.cell(jacobianOfG).boundingBox())!
      expect(errorBox.y).toBeGreaterThanOrEqual(editorBox.y + editorBox.height)
      expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(nextBox.y)
      // It is marked as the point of the example, and in the editor as invalid.
      await app.cell(gradOfGrad).getByText('This error is the point of the example.').waitFor()
      await expect.poll(() => app.editor(gradOfGrad).getAttribute('aria-invalid')).toBe('true')
      // Other cells are not marked.
      expect(await app.editor(fx1).getAttribute('aria-invalid')).toBeNull()

      await app.shot('seed-loaded')
      await app.page.setViewportSize({ width: 390, height: 844 })
      await app.shot('seed-narrow')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('has no axe violations (WCAG 2 A and AA)', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      await expectSeedResults(app)
      // Legacy mode runs axe in the page itself (the app has no iframes), without opening an extra page.
      const results = await new AxeBuilder({ page: app.page })
        .withTags(['wcag2a', 'wcag2aa'])
        .setLegacyMode(true)
        .analyze()
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      )
      expect(summary).toEqual([])
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('exports the unedited lesson byte for byte, and an edited one round-trips through import', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    let edited: Buffer
    let codes: string[]
    try {
      expect(await app.scalar(fx1)).toBe('86')
      const original = await app.exportFile()
      expect(original.name).toBe('seed-session.md')
      expect(original.bytes.equals(Buffer.from(seed, 'utf8')), 'export equals content/seed-session.md').toBe(true)

      await app.pasteCode(hvp, 'v = [0, 1, 0]\nhvp(f, x1, v)')
      await app.run(hvp)
      await app.tensor(hvp, 'vector of 3: 4, 20, 12').waitFor()
      const exported = await app.exportFile()
      edited = exported.bytes
      expect(edited.toString('utf8')).toBe(seed.replace('u = [1, 0, 0]\nhvp(f, x1, u)', 'v = [0, 1, 0]\nhvp(f, x1, v)'))
      codes = await Promise.all(codeCellNumbers(seed).map((n) => app.code(n)))
      await app.expectClean()
    } finally {
      await app.close()
    }

    // A fresh browser: import the exported file; every cell is as it was, and so is the export.
    const other = await AppPage.open(browser, '#/seed-session')
    try {
      expect(await other.scalar(fx1)).toBe('86')
      await withTempFile('edited-seed.md', edited, (file) => other.importFile(file))
      await other.page.getByText('Imported edited-seed.md').waitFor()
      await other.tensor(hvp, 'vector of 3: 4, 20, 12').waitFor()
      expect(await Promise.all(codeCellNumbers(seed).map((n) => other.code(n)))).toEqual(codes)
      const again = await other.exportFile()
      expect(again.bytes.equals(edited), 'export after import equals the imported file').toBe(true)
      await other.shot('seed-reimported')
      await other.expectClean()
    } finally {
      await other.close()
    }
  })
})
