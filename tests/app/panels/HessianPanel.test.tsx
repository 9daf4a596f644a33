// @vitest-environment jsdom
/**
 * The forward-over-reverse Hessian panel in jsdom, on the seed example: stepping runs each pass's
 * forward sweep (dual values on the tape) and reverse sweep (dual cotangents), and at the end of
 * pass j column j of H = 2AᵀA appears and is announced; the keyboard drives it; H·v follows the
 * learner's v; the method switcher shows the four nestings' counts.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { HessianPanel } from '../../../app/panels/HessianPanel.tsx'
import { panelOf, seedSession } from '../../engine/panels/helpers.ts'
import { announced, bodyCells, bodyRows, step } from './panelUi.ts'

afterEach(cleanup)

// One session and one spec for the file: computing a spec runs (and times) the engine.
const SEED = seedSession()
const SPEC = panelOf('hessian', 'show_hessian(f, x1)', SEED)
const WITH_V = panelOf('hessian', 'show_hessian(f, x1, [1, 2, 3])', SEED)
// The seed's tape: x, A·x, abs2, sum; four cotangents back.
const PER_PASS = SPEC.passes[0]!.tape.length + SPEC.passes[0]!.cotangents.length

const ui = {
  step,
  announced,
  /** H's body cells as text, row by row ('·' where not computed yet). */
  matrix: () => bodyCells(/H, the Hessian of f/),
  /** The tape table's rows: [node, computed as, value, cotangent]. */
  tape: () => bodyRows(/The gradient's tape in pass/).map((r) => [...r.cells].map((c) => c.textContent)),
  hvp: () => within(screen.getByRole('group', { name: 'Hessian-vector product: one pass seeded with v' })),
}

describe('HessianPanel on the seed example', () => {
  it('starts with the tape not yet run and an empty H', () => {
    render(<HessianPanel panel={SPEC} />)
    expect(screen.getByRole('heading', { name: 'Forward-over-reverse Hessian of f' })).toBeTruthy()
    expect(ui.matrix()).toEqual([
      ['·', '·', '·'],
      ['·', '·', '·'],
      ['·', '·', '·'],
    ])
    expect(ui.announced()).toMatch(/Ready: step to start pass 1 of 3/)
    expect(ui.tape().map((r) => r[0])).toEqual(['x', 't1', 't2', 't3'])
    expect(PER_PASS).toBe(8)
  })

  it('runs the forward sweep on dual numbers: each tape value is a + bε', () => {
    render(<HessianPanel panel={SPEC} />)
    ui.step()
    expect(ui.announced()).toBe('pass 1 of 3, forward sweep: x = [0, 1, 2] + [1, 0, 0]ε')
    ui.step()
    expect(ui.announced()).toBe('forward sweep: t1 = matmul(c1, x) = [7, 6, 1] + [0, 1, 2]ε')
    expect(ui.tape()[1]).toEqual(['t1 now', 'matmul(c1, x)', '[7, 6, 1] + [0, 1, 2]ε', '·'])
    expect(ui.tape()[2]![2]).toBe('·')
    ui.step(2)
    expect(ui.announced()).toBe('forward sweep: t3 = sum(t2) = 86 + 16ε')
  })

  it('then the reverse sweep with dual cotangents, ending in column 1 of H', () => {
    render(<HessianPanel panel={SPEC} />)
    ui.step(5)
    expect(ui.announced()).toBe('pass 1, reverse sweep: the cotangent of the output t3 starts at 1 + 0ε')
    ui.step(2)
    expect(ui.announced()).toBe('reverse sweep: cotangent of t1 = [14, 12, 2] + [0, 2, 4]ε')
    expect(ui.matrix()[0]).toEqual(['·', '·', '·'])
    ui.step()
    expect(ui.announced()).toBe('pass 1 done: column 1 of H = [10, 4, 6]')
    expect(ui.matrix()).toEqual([
      ['10', '·', '·'],
      ['4', '·', '·'],
      ['6', '·', '·'],
    ])
    expect(ui.tape()[0]![3]).toBe('[16, 44, 64] + [10, 4, 6]ε')
    expect(screen.getByText(/passes done: 1 of 3/)).toBeTruthy()
  })

  it('fills H column by column, announcing each, and checks symmetry', () => {
    render(<HessianPanel panel={SPEC} />)
    ui.step(2 * PER_PASS)
    expect(ui.announced()).toBe('pass 2 done: column 2 of H = [4, 20, 12]')
    expect(ui.matrix()).toEqual([
      ['10', '4', '·'],
      ['4', '20', '·'],
      ['6', '12', '·'],
    ])
    expect(screen.getByText(/Symmetry over the first 2 columns/)).toBeTruthy()
    ui.step(PER_PASS)
    expect(ui.announced()).toBe('pass 3 done: column 3 of H = [6, 12, 26]')
    expect(ui.matrix()).toEqual([
      ['10', '4', '6'],
      ['4', '20', '12'],
      ['6', '12', '26'],
    ])
    expect(screen.getByText(/Symmetry over the whole matrix/).textContent).toMatch(/= 0 \(symmetric/)
    expect(screen.getByRole('button', { name: 'Step' }).hasAttribute('disabled')).toBe(true)
  })

  it('steps with the arrow keys and resets with Home', () => {
    render(<HessianPanel panel={SPEC} />)
    const panel = screen.getByRole('region', { name: SPEC.title })
    for (let k = 0; k < PER_PASS; k++) fireEvent.keyDown(panel, { key: 'ArrowRight' })
    expect(ui.announced()).toBe('pass 1 done: column 1 of H = [10, 4, 6]')
    fireEvent.keyDown(panel, { key: 'ArrowLeft' })
    expect(ui.matrix()[0]).toEqual(['·', '·', '·'])
    fireEvent.keyDown(panel, { key: 'Home' })
    expect(ui.announced()).toMatch(/^Ready/)
  })
})

describe('HessianPanel: the Hessian-vector product', () => {
  it('starts from e₁ and shows the engine’s one pass equal to the product with H', () => {
    render(<HessianPanel panel={SPEC} />)
    const box = ui.hvp()
    expect(box.getAllByRole('spinbutton').map((i) => (i as HTMLInputElement).value)).toEqual(['1', '0', '0'])
    expect(box.getByRole('status').textContent).toContain('H·v = [10, 4, 6]')
    expect(box.getByText(/One pass seeded with x \+ ε·\[1, 0, 0\]/).textContent).toMatch(
      /H·v = \[10, 4, 6\] — the same as from the full H \(largest difference 0\)/,
    )
  })

  it('recomputes H·v from H as the learner types v = [1, 2, 3]', () => {
    render(<HessianPanel panel={SPEC} />)
    const box = ui.hvp()
    const [v1, v2, v3] = box.getAllByRole('spinbutton')
    fireEvent.change(v2!, { target: { value: '2' } })
    fireEvent.change(v3!, { target: { value: '3' } })
    expect(box.getByRole('status').textContent).toContain('H·v = [36, 80, 108]')
    // A v the cell did not give goes to the worker for one pass (app/panels/HessianVectorPass.tsx).
    expect(box.getByText(/Asking the engine for one pass/).textContent).toContain('x + ε·[1, 2, 3]')
    fireEvent.change(v1!, { target: { value: '' } })
    expect(box.getByRole('status').textContent).toMatch(/v₁ is not a number yet/)
    fireEvent.click(box.getByRole('button', { name: 'Back to [1, 0, 0]' }))
    expect(box.getByRole('status').textContent).toContain('H·v = [10, 4, 6]')
  })

  it('with v given in the cell, the engine’s one pass matches H·v = [36, 80, 108]', () => {
    render(<HessianPanel panel={WITH_V} />)
    const box = ui.hvp()
    expect(box.getByRole('status').textContent).toContain('H·v = [36, 80, 108]')
    expect(box.getByText(/One pass seeded with/).textContent).toMatch(
      /\[16, 44, 64\] \+ \[36, 80, 108\]ε, so H·v = \[36, 80, 108\] — the same as from the full H/,
    )
  })
})

describe('HessianPanel: four ways to nest the modes', () => {
  it('switches between the methods and shows their counts side by side', () => {
    render(<HessianPanel panel={SPEC} />)
    const group = screen.getByRole('group', { name: 'Method' })
    const buttons = within(group).getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual([
      'forward over reverse',
      'reverse over reverse',
      'forward over forward',
      'reverse over forward',
      'forward over reverse, batched',
      'reverse over reverse, batched',
    ])
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('true')
    fireEvent.click(buttons[2]!)
    expect(buttons[2]!.getAttribute('aria-pressed')).toBe('true')
    expect(document.querySelector('.hs-method-text')!.textContent).toMatch(
      /forward over forward:.*12 forward passes.*Same H as the passes above/,
    )
    const table = screen.getByRole('table', { name: /Cost of the whole Hessian/ })
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].slice(0, 5).map((c) => c.textContent))
    // The cheapest by the count is marked in its row; here the engine's counts pick reverse over reverse.
    const best = SPEC.methods[SPEC.cheapest]!
    const cheapest = best.method.replaceAll('-', ' ') + (best.chunk > 1 ? ', batched' : '')
    const mark = (name: string) => (name === cheapest ? `${name} cheapest` : name)
    expect(rows).toEqual([
      [mark('forward over reverse'), '1', '3', '3', '3'],
      [mark('reverse over reverse'), '1', '2', '0', '4'],
      [`${mark('forward over forward')} (selected)`, '1', '0', '12', '0'],
      [mark('reverse over forward'), '1', '1', '3', '3'],
      // Batched: all three basis vectors in one pass.
      [mark('forward over reverse, batched'), '3', '1', '1', '1'],
      [mark('reverse over reverse, batched'), '3', '2', '0', '2'],
    ])
    // Flops and memory as counted, all digits.
    const cells = within(table).getAllByRole('row')[1]!.children
    expect(cells[5]!.textContent!.trim()).toBe(SPEC.methods[0]!.flops.toLocaleString('en-US'))
    expect(cells[6]!.textContent!.trim()).toBe(SPEC.methods[0]!.memory.toLocaleString('en-US'))
    expect(screen.getByText(SPEC.verdict)).toBeTruthy()
  })

  it('shows the timings apart from the verdict, as measured: a median and a range', () => {
    render(<HessianPanel panel={SPEC} />)
    const timings = document.querySelector('.hs-timings')!.textContent!
    expect(timings).toMatch(/^Timings, as measured in the worker .* not the verdict\)/)
    expect(timings).toMatch(/forward over reverse [\d.]+ ms \([\d.]+ ms–[\d.]+ ms\)/)
    expect(SPEC.verdict).not.toMatch(/ ms\b/)
  })

  it('shows no timings line when no timing ran', () => {
    const untimed = { ...SPEC, methods: SPEC.methods.map((m) => ({ ...m, repeats: 0 })) }
    render(<HessianPanel panel={untimed} />)
    expect(document.querySelector('.hs-timings')).toBeNull()
  })

  it('offers the equivalent code in Julia, JAX and PyTorch', () => {
    render(<HessianPanel panel={SPEC} />)
    expect(screen.getByText(/ForwardDiff.jacobian\(y -> Zygote.gradient\(f, y\)\[1\], x\)/)).toBeTruthy()
  })
})
