// Editing in a real browser: a change re-runs exactly its dependents, an error stays under its
// cell without stopping the rest, and edits survive a reload.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, codeCellNumbers, fixtures, readText, root, shown } from './harness.ts'

const seed = readText(join(root, 'content/seed-session.md'))
const seedCells = codeCellNumbers(seed)
const fx1 = seedCells[0]!
const gx1 = seedCells[1]!
const byHand = seedCells[2]!
const hvp = seedCells[11]!

const dependenciesFile = join(fixtures, 'dependencies.md')
const [xCell, fCell, valueCell, gradientCell, rowSumCell, constantCell] = codeCellNumbers(
  readText(dependenciesFile),
) as [number, number, number, number, number, number]

// The fixture's function, computed here independently of the engine: f(x) = |Ax|², ∇f = 2AᵀAx.
const A = [
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
]
const times = (M: number[][], x: number[]) => M.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0))
const transpose = (M: number[][]) => M[0]!.map((_, j) => M.map((row) => row[j]!))
const f = (x: number[]) => times(A, x).reduce((s, y) => s + y * y, 0)
const gradient = (x: number[]) => times(transpose(A), times(A, x)).map((y) => 2 * y)
const spoken = (v: number[]) => `vector of ${v.length}: ${v.map(shown).join(', ')}`

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('editing', () => {
  it('re-runs the cells that depend on an edited cell, and only those', async () => {
    // The worker is told every code cell (id and source) and answers with the ids it is about to
    // run ("start"), so the messages say exactly which cells an edit re-ran. Outputs alone cannot:
    // an unaffected cell run again would show the same value.
    const app = await AppPage.open(browser, '#/seed-session', { traceWorker: true })
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.importFile(dependenciesFile)
      await app.page.getByText('Imported dependencies.md').waitFor()
      expect(await app.scalar(valueCell)).toBe(shown(f([0, 1, 2])))
      await app.tensor(gradientCell, spoken(gradient([0, 1, 2]))).waitFor()
      await app.tensor(rowSumCell, 'vector of 3: 5, 4, 3').waitFor()
      expect(await app.scalar(constantCell)).toBe('5')
      await app.workerIdle()
      const before = await app.workerTrace()

      const x = [1, 2, 3]
      await app.typeCode(xCell, 'x1 = [1, 2, 3]')
      await app.cell(xCell).getByText('Edited: press Shift+Enter to run.').waitFor()
      await app.run(xCell)
      await expect.poll(() => app.scalar(valueCell)).toBe(shown(f(x)))
      await app.tensor(gradientCell, spoken(gradient(x))).waitFor()
      await app.tensor(xCell, 'vector of 3: 1, 2, 3').waitFor()
      await app.workerIdle()
      await app.shot('dependencies-edited')

      const after = await app.workerTrace()
      const sent = after.sent.slice(before.sent.length)
      const received = after.received.slice(before.received.length)
      expect(sent.map((m) => m.type)).toEqual(['update'])
      const source = new Map(sent[0]!.cells!.map((c) => [c.id, c.source]))
      const ran = received.filter((m) => m.type === 'start').flatMap((m) => m.ids!.map((id) => source.get(id)))
      expect(ran).toEqual(['x1 = [1, 2, 3]', 'f(x1)', 'gradient(f, x1)'])
      const results = received.filter((m) => m.type === 'result').map((m) => source.get(m.id!))
      expect(results).toEqual(ran)

      // The cells that do not use x1 still show what they showed, and are not marked as running.
      await app.tensor(rowSumCell, 'vector of 3: 5, 4, 3').waitFor()
      expect(await app.scalar(constantCell)).toBe('5')
      expect(await app.code(fCell)).toBe('A = [0, 3, 2; 1, 0, 3; 2, 1, 0]\nf(x) = sum(abs2, A * x)')
      expect(await app.page.locator('.nb-output[aria-busy="true"]').count()).toBe(0)
      await expect.poll(() => app.cell(xCell).getByText('Edited: press Shift+Enter to run.').count()).toBe(0)
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('shows an error under its cell with a clear message, and the rest keeps working', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      expect(await app.scalar(fx1)).toBe('86')
      await app.tensor(byHand, 'vector of 3: 16, 44, 64').waitFor()
      await app.edit(byHand, 'log(-1)')
      const error = app.error(byHand)
      await expect
        .poll(() => error.textContent())
        .toMatch(/log\(-1\) is undefined: the logarithm is defined only for positive numbers/)
      expect(await app.editor(byHand).getAttribute('aria-invalid')).toBe('true')
      // Under its own cell: below the cell's editor and inside the cell.
      const editorBox = (await app.editor(byHand).boundingBox())!
      const errorBox = (await error.boundingBox())!
      const cellBox = (await app.cell(byHand).boundingBox())!
      expect(errorBox.y).toBeGreaterThanOrEqual(editorBox.y + editorBox.height)
      expect(errorBox.y + errorBox.height).toBeLessThanOrEqual(cellBox.y + cellBox.height + 1)
      await app.shot('error-log')

      // The rest of the notebook still works: other outputs stay, and an edit elsewhere runs.
      expect(await app.scalar(fx1)).toBe('86')
      await app.tensor(gx1, 'vector of 3: 16, 44, 64').waitFor()
      await app.pasteCode(hvp, 'v = [0, 0, 1]\nhvp(f, x1, v)')
      await app.run(hvp)
      await app.tensor(hvp, 'vector of 3: 6, 12, 26').waitFor()

      // Fixing the cell clears the error.
      await app.edit(byHand, "2 * A' * A * x1")
      await app.tensor(byHand, 'vector of 3: 16, 44, 64').waitFor()
      expect(await error.count()).toBe(0)
      expect(await app.editor(byHand).getAttribute('aria-invalid')).toBeNull()
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('keeps edits and their outputs across a reload (autosave)', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      await app.tensor(hvp, 'vector of 3: 10, 4, 6').waitFor()
      await app.pasteCode(hvp, 'v = [0, 0, 1]\nhvp(f, x1, v)')
      await app.run(hvp)
      await app.tensor(hvp, 'vector of 3: 6, 12, 26').waitFor()
      await app.page.reload()
      await app.tensor(hvp, 'vector of 3: 6, 12, 26').waitFor()
      expect(await app.code(hvp)).toBe('v = [0, 0, 1]\nhvp(f, x1, v)')
      expect(await app.scalar(fx1)).toBe('86')

      // An edit typed just before leaving is kept too (saved when the page is hidden).
      await app.appendCode(fx1, ' + 1')
      await app.page.reload()
      expect(await app.scalar(fx1)).toBe('87')
      expect(await app.code(fx1)).toMatch(/f\(x1\) \+ 1$/)
      await app.shot('reloaded')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
