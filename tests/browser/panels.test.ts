// The teaching panels in a real browser, stepped through the way a learner does: with the Step
// button and the arrow keys, on the seed lesson's g = ∇f at x1 (whose Jacobian is the Hessian
// H = 2AᵀA), checking the numbers each one shows. Then the panels beyond the seed, and a rough
// measure of how long one step takes to reach the screen on a graph of about fifty nodes.
import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { AppPage, codeCellNumbers, fixtures, readText, root, shotOf } from './harness.ts'

const seedCells = codeCellNumbers(readText(join(root, 'content/seed-session.md')))
// The lesson's last three code cells: show_pullbacks(g, x1), show_sum_trap(g, x1), show_hessian(f, x1).
const [pullbacksCell, sumTrapCell, hessianCell] = seedCells.slice(-3) as [number, number, number]

const extraFile = join(fixtures, 'panels-extra.md')
const [costCell, backpropCell, confusionCell] = codeCellNumbers(readText(extraFile)) as [number, number, number]
const smoothFile = join(fixtures, 'panels-smooth.md')
const smoothPanelCell = codeCellNumbers(readText(smoothFile)).at(-1)!

const ROWS = [
  ['10', '4', '6'],
  ['4', '20', '12'],
  ['6', '12', '26'],
]
const EMPTY = ['·', '·', '·']

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The panel drawn under code cell n: the region named by its title. */
function panel(app: AppPage, n: number, title: RegExp): Locator {
  return app.cell(n).getByRole('region', { name: title })
}

/** What a stepping panel shows now, read in one go. */
interface Shown {
  step: number
  total: number
  /** The polite live region under the step controls. */
  announce: string
  /** The matrix that fills in (J or H), body cells as text, '·' where not computed yet. */
  matrix: string[][]
  /** "reverse passes used: 1 of 3", "passes done: 0 of 3". */
  counter: string
}

function shown(p: Locator): Promise<Shown> {
  return p.evaluate((el) => {
    const count = /step (\d+) of (\d+)/.exec(el.querySelector('.panel-step-count')?.textContent ?? '')
    const table = el.querySelector('table.pb-matrix-table')
    return {
      step: Number(count?.[1] ?? NaN),
      total: Number(count?.[2] ?? NaN),
      announce: el.querySelector('.panel-steps [aria-live="polite"]')?.textContent ?? '',
      matrix: Array.from(table?.querySelectorAll('tbody tr') ?? []).map((r) =>
        Array.from(r.querySelectorAll('td')).map((c) => c.textContent ?? ''),
      ),
      counter: el.querySelector('.pb-counter strong, .hs-counter strong')?.textContent ?? '',
    }
  })
}

/**
 * One step, by a click on the panel's Step button or by → with focus inside the panel (not in a
 * field), and what the panel shows afterwards (waits for the step count to reach `to`).
 */
async function step(app: AppPage, p: Locator, by: 'button' | 'key', to: number): Promise<Shown> {
  if (by === 'button') await p.getByRole('button', { name: 'Step', exact: true }).click()
  else await app.page.keyboard.press('ArrowRight')
  let now: Shown | undefined
  await expect.poll(async () => (now = await shown(p)).step, { interval: 10 }).toBe(to)
  return now!
}

/** Steps until `done` holds, returning every state passed through (at most `limit` steps). */
async function stepUntil(
  app: AppPage,
  p: Locator,
  by: 'button' | 'key',
  done: (s: Shown) => boolean,
  limit = 200,
): Promise<Shown[]> {
  const seen: Shown[] = []
  let at = (await shown(p)).step
  for (let k = 0; k < limit; k++) {
    const s = await step(app, p, by, ++at)
    seen.push(s)
    if (done(s)) return seen
  }
  throw new Error(`not reached after ${limit} steps; last shown: ${JSON.stringify(seen.at(-1))}`)
}

const columns = (m: string[][]) => m[0]!.map((_, j) => m.map((r) => r[j]!))
const filledRows = (s: Shown) => s.matrix.filter((r) => !r.includes('·')).length
const filledColumns = (s: Shown) => columns(s.matrix).filter((c) => !c.includes('·')).length

/** Focuses the panel itself (it is focusable, tabindex -1), so the arrow keys step it. */
async function focusPanel(p: Locator): Promise<void> {
  await p.focus()
  expect(await p.evaluate((el) => el === document.activeElement)).toBe(true)
}

describe('the teaching panels on the seed lesson', () => {
  it('pullbacks: fills J row by row (Step and →), column by column, and combines rows for any v', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      const p = panel(app, pullbacksCell, /^Pullbacks assembling the Jacobian of g at x = \[0, 1, 2\]/)
      await p.waitFor()
      await p.getByRole('img', { name: /^Computation graph of g: \d+ nodes/ }).waitFor()
      const start = await shown(p)
      expect(start.step).toBe(0)
      expect(start.matrix).toEqual([EMPTY, EMPTY, EMPTY])
      expect(start.counter).toBe('reverse passes used: 0 of 3')
      expect(start.announce).toMatch(/^Ready: the primal pass has computed every node's value/)
      expect(await p.getByRole('button', { name: 'Reverse (rows)' }).getAttribute('aria-pressed')).toBe('true')

      // Pass 1 with the Step button: row 1 appears on the step that reaches x, not before.
      const pass1 = await stepUntil(app, p, 'button', (s) => filledRows(s) === 1)
      expect(pass1.length).toBeGreaterThan(1)
      expect(pass1.at(-2)!.matrix).toEqual([EMPTY, EMPTY, EMPTY])
      expect(pass1[0]!.announce).toMatch(/^pass 1 of 3: pulling back e₁, the output receives the cotangent/)
      expect(pass1.at(-1)!.matrix).toEqual([ROWS[0], EMPTY, EMPTY])
      expect(pass1.at(-1)!.announce).toBe('pulled back e₁: row 1 = [10, 4, 6]')
      expect(pass1.at(-1)!.counter).toBe('reverse passes used: 1 of 3')

      // Pass 2 with → while the panel has focus: announced exactly when row 2 appears.
      await focusPanel(p)
      const pass2 = await stepUntil(app, p, 'key', (s) => filledRows(s) === 2)
      expect(pass2.length, 'each reverse pass visits the same nodes').toBe(pass1.length)
      expect(pass2[0]!.announce).toMatch(/^pass 2 of 3: pulling back e₂/)
      expect(pass2[0]!.counter).toBe('reverse passes used: 2 of 3')
      for (const s of pass2.slice(0, -1)) {
        expect(s.announce).not.toContain('row 2')
        expect(s.matrix).toEqual([ROWS[0], EMPTY, EMPTY])
      }
      expect(pass2.at(-1)!.announce).toBe('pulled back e₂: row 2 = [4, 20, 12]')
      expect(pass2.at(-1)!.matrix).toEqual([ROWS[0], ROWS[1], EMPTY])

      // → in a text field edits the field; it does not step the panel.
      const vbox = p.getByRole('group', { name: 'Pull back any cotangent v' })
      await vbox.getByLabel('v₁').focus()
      await app.page.keyboard.press('ArrowRight')
      expect((await shown(p)).step).toBe(pass1.length * 2)

      // Pass 3, mixing the two.
      await focusPanel(p)
      const pass3 = await stepUntil(app, p, 'key', (s) => s.step === pass1.length * 2 + 2)
      pass3.push(...(await stepUntil(app, p, 'button', (s) => filledRows(s) === 3)))
      const end = pass3.at(-1)!
      expect(end.step).toBe(end.total)
      expect(end.total).toBe(pass1.length * 3)
      expect(end.matrix).toEqual(ROWS)
      expect(end.announce).toBe('pulled back e₃: row 3 = [6, 12, 26]')
      expect(end.counter).toBe('reverse passes used: 3 of 3')
      expect(await p.getByRole('button', { name: 'Step', exact: true }).isDisabled()).toBe(true)
      await p.getByRole('table', { name: /^J, the Jacobian of g at x \(3×3\): 3 of 3 rows computed$/ }).waitFor()
      await shotOf(p, 'panels-pullbacks-reverse')

      // Forward mode: one column per pushforward of e_j; reverse mode keeps its place.
      await p.getByRole('button', { name: 'Forward (columns)' }).click()
      expect(await p.getByRole('button', { name: 'Forward (columns)' }).getAttribute('aria-pressed')).toBe('true')
      await expect.poll(async () => (await shown(p)).counter).toBe('forward passes used: 0 of 3')
      expect((await shown(p)).matrix).toEqual([EMPTY, EMPTY, EMPTY])
      const fwd = await stepUntil(app, p, 'button', (s) => filledColumns(s) === 1)
      expect(fwd.at(-1)!.announce).toBe('pushed forward e₁: column 1 = [10, 4, 6]')
      expect(columns(fwd.at(-1)!.matrix)).toEqual([ROWS[0], EMPTY, EMPTY])
      await focusPanel(p)
      const fwd2 = await stepUntil(app, p, 'key', (s) => filledColumns(s) === 2)
      expect(fwd2.at(-1)!.announce).toBe('pushed forward e₂: column 2 = [4, 20, 12]')
      const fwd3 = await stepUntil(app, p, 'key', (s) => filledColumns(s) === 3)
      const fend = fwd3.at(-1)!
      expect(fend.announce).toBe('pushed forward e₃: column 3 = [6, 12, 26]')
      expect(fend.matrix).toEqual(ROWS)
      expect(fend.counter).toBe('forward passes used: 3 of 3')
      expect(fend.step).toBe(fend.total)
      await shotOf(p, 'panels-pullbacks-forward')
      await p.getByRole('button', { name: 'Reverse (rows)' }).click()
      await expect.poll(async () => (await shown(p)).counter).toBe('reverse passes used: 3 of 3')
      expect((await shown(p)).matrix).toEqual(ROWS)

      // Any cotangent: the default all-ones v gives the column sums (what tf.gradients returns).
      const inputs = vbox.getByRole('spinbutton')
      expect(await inputs.count()).toBe(3)
      const combination = vbox.locator('output')
      await expect.poll(() => combination.textContent()).toMatch(/vᵀJ = \[20, 36, 44\]$/)
      expect(await vbox.textContent()).toContain('v = all ones:')
      expect(await vbox.textContent()).toMatch(/without forming J, and got \[20, 36, 44\]/)
      for (const [i, t] of ['1', '2', '3'].entries()) await vbox.getByLabel(`v${'₁₂₃'[i]}`).fill(t)
      await expect.poll(() => combination.textContent()).toMatch(/vᵀJ = \[36, 80, 108\]$/)
      expect(await combination.textContent()).toContain('3 × [6, 12, 26] (row 3)')
      expect(await vbox.textContent()).not.toContain('v = all ones:')
      await shotOf(p, 'panels-pullbacks-cotangent')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('sum trap: a wrong prediction is marked wrong, the right one right, and the strict engine refuses', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      const p = panel(app, sumTrapCell, /^The sum trap: g at x = /)
      await p.waitFor()
      const jacobian = p.getByRole('region', { name: 'The Jacobian of g' }).getByRole('table')
      const body = () =>
        jacobian.evaluate((t) =>
          Array.from(t.querySelectorAll('tbody tr')).map((r) =>
            Array.from(r.querySelectorAll('td')).map((c) => c.textContent ?? ''),
          ),
        )
      const sums = () =>
        jacobian.evaluate((t) => Array.from(t.querySelectorAll('tfoot td')).map((c) => c.textContent ?? ''))
      expect(await body()).toEqual(ROWS)
      expect(await sums(), 'no column sums before the reveal').toEqual([])
      expect(await p.textContent(), 'the answer is not given away').not.toContain('20, 36, 44')
      const verdict = p.getByRole('status').filter({ hasText: /tf_gradients/ })
      const component = (j: number) => p.getByRole('spinbutton', { name: `component ${j}` })
      const marker = () => verdict.evaluate((el) => getComputedStyle(el, '::before').content)

      // The diagonal of J: a tempting wrong answer, named as such.
      for (const [j, t] of ['10', '20', '26'].entries()) await component(j + 1).fill(t)
      await p.getByRole('button', { name: 'Reveal' }).click()
      await expect.poll(() => verdict.textContent()).toMatch(/^Not quite: tf_gradients returns \[20, 36, 44\]\./)
      expect(await verdict.textContent()).toMatch(/diagonal/)
      expect(await verdict.getAttribute('class')).toContain('st-wrong')
      expect(await marker()).toBe('"✗ "')
      expect(await sums()).toEqual(['20', '36', '44'])
      expect(await p.locator('.st-result strong').textContent()).toBe('[20, 36, 44]')
      expect(await component(1).isDisabled(), 'the prediction is locked once revealed').toBe(true)
      const strict = p.getByRole('region', { name: '3. What a strict engine does' })
      expect(await strict.textContent()).toMatch(/gradient needs a function with a scalar output/)
      expect(await strict.textContent()).toContain('scalar')
      await shotOf(p, 'panels-sumtrap-wrong')

      // Predict again, this time right, submitting with Enter.
      await p.getByRole('button', { name: 'Hide the answers and predict again' }).click()
      await shotOf(p, 'panels-sumtrap-reset')
      await expect
        .poll(() => p.locator('form').getByRole('button').allTextContents(), {
          message: 'the answers are hidden again, ready for a new prediction',
          timeout: 5000,
        })
        .toEqual(['Reveal'])
      expect(await sums()).toEqual([])
      expect(await verdict.count()).toBe(0)
      expect(await component(1).inputValue()).toBe('')
      for (const [j, t] of ['20', '36', '44'].entries()) await component(j + 1).fill(t)
      await component(3).press('Enter')
      await expect.poll(() => verdict.textContent()).toMatch(/^Right: tf_gradients returns \[20, 36, 44\]/)
      expect(await verdict.getAttribute('class')).toContain('st-right')
      expect(await marker()).toBe('"✓ "')
      expect(await sums()).toEqual(['20', '36', '44'])
      expect(await strict.textContent()).toMatch(/Error: gradient needs a function with a scalar output, but this/)
      await shotOf(p, 'panels-sumtrap-right')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })

  it('hessian: column 1 after pass 1, all of H after three, H·v, and the nestings with their passes', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      const p = panel(app, hessianCell, /^Forward-over-reverse Hessian of f$/)
      await p.waitFor()
      const start = await shown(p)
      expect(start.matrix).toEqual([EMPTY, EMPTY, EMPTY])
      expect(start.counter).toBe('passes done: 0 of 3')
      expect(start.announce).toBe('Ready: step to start pass 1 of 3, with the input seeded as x + ε·e₁.')

      const pass1 = await stepUntil(app, p, 'button', (s) => filledColumns(s) === 1)
      expect(pass1[0]!.announce).toMatch(/^pass 1 of 3, forward sweep: x = \[0, 1, 2\] \+ \[1, 0, 0\]ε$/)
      expect(pass1.some((s) => s.announce.startsWith('pass 1, reverse sweep'))).toBe(true)
      expect(pass1.at(-2)!.matrix).toEqual([EMPTY, EMPTY, EMPTY])
      const end1 = pass1.at(-1)!
      expect(end1.announce).toBe('pass 1 done: column 1 of H = [10, 4, 6]')
      expect(columns(end1.matrix)).toEqual([ROWS[0], EMPTY, EMPTY])
      expect(end1.counter).toBe('passes done: 1 of 3')
      expect(await p.getByText(/^The gradient arrived at x as /).textContent()).toMatch(
        /its ε-part \[10, 4, 6\] is column 1 of H\.$/,
      )
      await shotOf(p, 'panels-hessian-pass1')

      await focusPanel(p)
      const rest = await stepUntil(app, p, 'key', (s) => filledColumns(s) === 3)
      const end = rest.at(-1)!
      expect(rest.length).toBe(pass1.length * 2)
      expect(end.step).toBe(end.total)
      expect(end.matrix).toEqual(ROWS)
      expect(end.counter).toBe('passes done: 3 of 3')
      expect(end.announce).toBe('pass 3 done: column 3 of H = [6, 12, 26]')
      expect(await p.getByText(/^Symmetry over the whole matrix/).textContent()).toMatch(
        /= 0 \(symmetric, as a Hessian must be\)$/,
      )

      // H·v: the engine's one pass for v = e₁, then the learner's v from the full H.
      const hvp = p.getByRole('group', { name: 'Hessian-vector product: one pass seeded with v' })
      const result = hvp.locator('output')
      await expect.poll(() => result.textContent()).toMatch(/H·v = \[10, 4, 6\]$/)
      expect(await hvp.textContent()).toMatch(/H·v = \[10, 4, 6\] — the same as from the full H/)
      for (const [i, t] of ['1', '2', '3'].entries()) await hvp.getByLabel(`v${'₁₂₃'[i]}`).fill(t)
      await expect.poll(() => result.textContent()).toMatch(/H·v = \[36, 80, 108\]$/)
      // The typed v goes to the engine, which runs its one pass for it.
      await expect
        .poll(() => hvp.locator('.hs-engine').first().textContent())
        .toMatch(/^One pass seeded with x \+ ε·\[1, 2, 3\] .*H·v = \[36, 80, 108\] — the same as from the full H/)

      // The four nestings one basis vector per pass, and two batched, with their chunk and pass
      // counts (primal, forward, reverse); the cheapest by the count is marked.
      const methods = p.getByRole('group', { name: 'Method' }).getByRole('button')
      expect(await methods.allTextContents()).toEqual([
        'forward over reverse',
        'reverse over reverse',
        'forward over forward',
        'reverse over forward',
        'forward over reverse, batched',
        'reverse over reverse, batched',
      ])
      expect(await methods.first().getAttribute('aria-pressed')).toBe('true')
      const costs = p.getByRole('table', { name: /^Cost of the whole Hessian by each nesting/ })
      const passes = await costs.evaluate((t) =>
        Array.from(t.querySelectorAll('tbody tr')).map((r) => [
          r.querySelector('th')?.textContent ?? '',
          ...Array.from(r.querySelectorAll('td'))
            .slice(0, 4)
            .map((c) => c.textContent ?? ''),
        ]),
      )
      expect(passes).toEqual([
        ['forward over reverse (selected)', '1', '3', '3', '3'],
        ['reverse over reverse', '1', '2', '0', '4'],
        ['forward over forward', '1', '0', '12', '0'],
        ['reverse over forward', '1', '1', '3', '3'],
        ['forward over reverse, batched', '3', '1', '1', '1'],
        ['reverse over reverse, batched cheapest', '3', '2', '0', '2'],
      ])
      // The verdict comes from the counts; timings stand apart, as measured.
      expect(await p.locator('.hs-verdict').textContent()).toMatch(
        /Cheapest here by the count: reverse-over-reverse, batched\.$/,
      )
      expect(await p.locator('.hs-timings').textContent()).toMatch(/^Timings, as measured in the worker/)
      await methods.nth(1).click()
      expect(await methods.nth(1).getAttribute('aria-pressed')).toBe('true')
      expect(await methods.first().getAttribute('aria-pressed')).toBe('false')
      expect(await p.locator('.hs-method-text').textContent()).toMatch(
        /^reverse over reverse: .*2 primal sweeps, 4 reverse sweeps.* Same H as the passes above\.$/,
      )
      await shotOf(p, 'panels-hessian-done')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})

describe('the panels beyond the seed (imported)', () => {
  it('cost explorer, backprop and perturbation confusion', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      await panel(app, pullbacksCell, /^Pullbacks assembling/).waitFor()
      await app.importFile(extraFile)
      await app.page.getByText('Imported panels-extra.md').waitFor()

      // Cost explorer: the plot for m = 8 and its table; then m = 1.
      const cost = panel(app, costCell, /^Cost explorer: forward against reverse Jacobians$/)
      await cost.waitFor()
      expect(await cost.getByRole('button', { name: '8', exact: true }).getAttribute('aria-pressed')).toBe('true')
      const figure = cost.getByRole('figure')
      await figure
        .getByRole('img', { name: /^flops \(scalar multiply-adds\) of jacfwd and jacrev on tanh\(W x\) with m = 8/ })
        .waitFor()
      await expect.poll(() => figure.getAttribute('data-status')).toBe('ready')
      expect(await figure.locator('.scatterlayer path.js-line').count()).toBe(2)
      const table = cost.getByRole('table', {
        name: 'The plotted numbers for m = 8: both ways of building the m×n Jacobian',
      })
      const rows = () =>
        table.evaluate((t) =>
          Array.from(t.querySelectorAll('tbody tr')).map((r) => [
            r.querySelector('th')?.textContent ?? '',
            ...Array.from(r.querySelectorAll('td')).map((c) => c.textContent ?? ''),
          ]),
        )
      const m8 = await rows()
      expect(m8.map((r) => r[0])).toEqual(['1', '2', '4', '8', '16', '32'])
      expect(m8.map((r) => r[1])).toEqual([
        '1 forward',
        '2 forward',
        '4 forward',
        '8 forward',
        '16 forward',
        '32 forward',
      ])
      expect(new Set(m8.map((r) => r[4]))).toEqual(new Set(['1 primal + 8 reverse']))
      expect(m8[0]![7], 'one input: forward mode does less').toBe('forward')
      expect(m8[5]![7], '32 inputs, 8 outputs: reverse mode does less').toBe('reverse')
      await cost.getByRole('group', { name: 'Outputs m' }).getByRole('button', { name: '1', exact: true }).click()
      await cost.getByRole('table', { name: /^The plotted numbers for m = 1:/ }).waitFor()
      expect(
        new Set(
          await cost
            .getByRole('table', { name: /^The plotted numbers for m = 1:/ })
            .evaluate((t) => Array.from(t.querySelectorAll('tbody tr td:nth-child(5)')).map((c) => c.textContent)),
        ),
      ).toEqual(new Set(['1 primal + 1 reverse']))
      await figure.getByRole('img', { name: /with m = 1 outputs/ }).waitFor()
      await shotOf(cost, 'panels-cost')

      // Backprop: the layer sizes of the default 4–8–8–1 network, stepped from the output down.
      const bp = panel(app, backpropCell, /^Backpropagation through a 4–8–8–1 network$/)
      await bp.waitFor()
      const layers = bp.getByRole('list', { name: 'Layers, from the input to the output' }).getByRole('listitem')
      const names = await layers.evaluateAll((items) =>
        items.map((li) => li.querySelector('.bp-layer-name')?.textContent ?? ''),
      )
      expect(names).toEqual([
        'input x',
        'layer 1: 4 → 8, tanh',
        'layer 2: 8 → 8, tanh',
        'layer 3: 8 → 1, linear',
        'loss',
      ])
      expect(await layers.nth(1).textContent()).toContain('Jacobian 8×4: 32 numbers, never formed')
      expect(await layers.nth(3).textContent()).toContain('will travel back: 1 number')
      const bpAnnounce = bp.locator('.panel-steps [aria-live="polite"]')
      await bp.getByRole('button', { name: 'Step', exact: true }).click()
      await expect
        .poll(() => bpAnnounce.textContent())
        .toMatch(/^layer 3: 1 number arrives .*its Jacobian would hold 8\./)
      await focusPanel(bp)
      await app.page.keyboard.press('ArrowRight')
      await app.page.keyboard.press('ArrowRight')
      await expect.poll(() => bpAnnounce.textContent()).toMatch(/^layer 1: 8 numbers arrive .*would hold 32\./)
      expect(await layers.nth(1).textContent()).toContain('travelled back: 8 numbers')
      expect(await bp.textContent()).toContain('The gradient has 121 entries')
      // The measured cost of the gradient against one evaluation is a number (soft: the rest still runs).
      const cheap = bp.getByText(/^The gradient took /)
      expect
        .soft(await cheap.textContent(), 'the gradient-to-evaluation ratio is a finite number')
        .toMatch(/^The gradient took \d[\d.]* times as long as one evaluation/)
      await shotOf(bp, 'panels-backprop')

      // Perturbation confusion: four steps; 1 with levels, 2 without.
      const cf = panel(app, confusionCell, /^Perturbation confusion: /)
      await cf.waitFor()
      const tagged = cf.getByRole('region', { name: 'With levels: this engine' })
      const untagged = cf.getByRole('region', { name: 'Without levels: untagged dual numbers' })
      expect(await tagged.textContent()).toContain('Answer: after the last step')
      for (let k = 0; k < 3; k++) await cf.getByRole('button', { name: 'Step', exact: true }).click()
      expect(await tagged.textContent()).toContain('Answer: after the last step')
      await focusPanel(cf)
      await app.page.keyboard.press('ArrowRight')
      await expect.poll(() => tagged.locator('.cf-answer').textContent()).toBe('Answer: 1 (correct)')
      expect(await untagged.locator('.cf-answer').textContent()).toBe('Answer: 2 (wrong)')
      expect(await cf.locator('.panel-step-count').textContent()).toBe('step 4 of 4')
      expect(await cf.locator('.panel-steps [aria-live="polite"]').textContent()).toMatch(
        /Answers: with levels 1, without levels 2\.$/,
      )
      await shotOf(cf, 'panels-confusion')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})

describe('smoothness', () => {
  it('steps a pullbacks panel of about fifty graph nodes (timings logged, not asserted)', async () => {
    const app = await AppPage.open(browser, '#/seed-session')
    try {
      await panel(app, pullbacksCell, /^Pullbacks assembling/).waitFor()
      await app.importFile(smoothFile)
      const p = panel(app, smoothPanelCell, /^Pullbacks assembling the Jacobian of h at x = \[0\.1, 0\.2, 0\.3\]/)
      await p.waitFor()
      const nodes = Number(
        /The graph has (\d+) nodes\./.exec((await p.locator('.panel-summary').textContent()) ?? '')?.[1],
      )
      expect(nodes).toBeGreaterThanOrEqual(40)
      expect(nodes).toBeLessThanOrEqual(60)
      await p
        .getByRole('img', {
          name: `Computation graph of h: ${nodes} nodes from x on the left to the output on the right`,
        })
        .waitFor()
      const total = (await shown(p)).total
      const STEPS = 30
      expect(total).toBeGreaterThanOrEqual(STEPS)

      // In the page: click Step, note when the DOM has changed (a mutation observer), then wait
      // for two animation frames (the second starts after the first frame with the change was
      // drawn). A baseline of two frames without a click first, for the frame rate.
      const timings = await p.evaluate(async (el, steps) => {
        const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))
        const baseline: number[] = []
        for (let k = 0; k < 10; k++) {
          const t0 = performance.now()
          await frame()
          baseline.push((await frame()) - t0)
        }
        const button = Array.from(el.querySelectorAll('button')).find((b) => b.textContent === 'Step')!
        const count = el.querySelector('.panel-step-count')!
        const longTasks: number[] = []
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)))
        observer.observe({ type: 'longtask', buffered: false })
        const samples: { dom: number; painted: number; text: string }[] = []
        for (let k = 0; k < steps; k++) {
          let dom = NaN
          const t0 = performance.now()
          const mo = new MutationObserver(() => {
            if (Number.isNaN(dom)) dom = performance.now() - t0
          })
          mo.observe(count, { childList: true, characterData: true, subtree: true })
          button.click()
          await frame()
          const painted = (await frame()) - t0
          mo.disconnect()
          samples.push({ dom, painted, text: count.textContent ?? '' })
        }
        observer.disconnect()
        return { baseline, samples, longTasks }
      }, STEPS)

      // The steps happened, one per click.
      expect(timings.samples.map((s) => s.text)).toEqual(
        Array.from({ length: STEPS }, (_, k) => `step ${k + 1} of ${total}`),
      )
      expect(timings.samples.every((s) => Number.isFinite(s.dom))).toBe(true)
      const after = await shown(p)
      expect(after.step).toBe(STEPS)
      expect(after.announce).toMatch(/^cotangent of node /)

      const stats = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b)
        const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!
        return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`
      }
      console.log(
        `pullbacks panel, ${nodes} graph nodes, ${STEPS} steps:\n` +
          `  click → DOM updated:          ${stats(timings.samples.map((s) => s.dom))}\n` +
          `  click → second frame after:   ${stats(timings.samples.map((s) => s.painted))}\n` +
          `  two idle frames (baseline):   ${stats(timings.baseline)}\n` +
          `  long tasks while stepping:    ${timings.longTasks.length}` +
          (timings.longTasks.length ? ` (${timings.longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : ''),
      )
      await shotOf(p, 'panels-smooth')
      await app.expectClean()
    } finally {
      await app.close()
    }
  })
})
