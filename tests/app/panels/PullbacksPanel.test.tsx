// @vitest-environment jsdom
/**
 * The pullbacks panel in jsdom, on the seed example (g = gradient(f, .) at x1, whose Jacobian is
 * the Hessian 2AᵀA): stepping fills J row by row in reverse mode and column by column in forward
 * mode, each finished pass is announced, the learner's cotangent gives vᵀJ as a combination of
 * rows, and the keyboard drives it all.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { PullbacksPanel } from '../../../app/panels/PullbacksPanel.tsx'
import { panelOf, seedSession } from '../../engine/panels/helpers.ts'
import { announced, bodyCells, step, stepCount } from './panelUi.ts'

afterEach(cleanup)

// One session and one spec for the file: computing a spec runs the engine, rendering does not.
const SEED = seedSession('g(x) = gradient(f, x)')
const SPEC = panelOf('pullbacks', 'show_pullbacks(g, x1)', SEED)
const WITH_V = panelOf('pullbacks', 'show_pullbacks(g, x1, [1, 2, 3])', SEED)
const REVERSE_STEPS = SPEC.reverse.passes.map((p) => p.steps.length) // nodes per reverse pass
const FORWARD_STEPS = SPEC.forward.passes.map((p) => p.steps.length)

// A vocabulary for the tests: what a learner does and what they see.
const ui = {
  step,
  mode: (name: 'Reverse (rows)' | 'Forward (columns)') => fireEvent.click(screen.getByRole('button', { name })),
  announced,
  /** The Jacobian's body cells, as text, row by row ('·' where not computed yet). */
  matrix: () => bodyCells(/J, the Jacobian of g/),
  stepCount,
  /** The cotangent box: v's inputs and vᵀJ. */
  cotangent: () => within(screen.getByRole('group', { name: 'Pull back any cotangent v' })),
}
const sum = (xs: number[], k: number) => xs.slice(0, k).reduce((s, x) => s + x, 0)

describe('PullbacksPanel on the seed example', () => {
  it('starts with the graph of primal values and an empty J', () => {
    render(<PullbacksPanel panel={SPEC} />)
    expect(screen.getByRole('img', { name: /Computation graph of g: \d+ nodes/ })).toBeTruthy()
    expect(ui.matrix()).toEqual([
      ['·', '·', '·'],
      ['·', '·', '·'],
      ['·', '·', '·'],
    ])
    expect(screen.getByText(/reverse passes used: 0 of 3/)).toBeTruthy()
  })

  it('fills the rows one at a time, one pullback each', () => {
    render(<PullbacksPanel panel={SPEC} />)
    ui.step(REVERSE_STEPS[0]! - 1)
    expect(ui.matrix()[0]).toEqual(['·', '·', '·']) // x has not received its cotangent yet
    ui.step()
    expect(ui.matrix()).toEqual([
      ['10', '4', '6'],
      ['·', '·', '·'],
      ['·', '·', '·'],
    ])
    expect(ui.announced()).toContain('pulled back e₁: row 1 = [10, 4, 6]')
    expect(screen.getByText(/reverse passes used: 1 of 3/)).toBeTruthy()
    ui.step()
    expect(screen.getByText(/reverse passes used: 2 of 3/)).toBeTruthy()
    expect(ui.announced()).toContain('pulling back e₂')
    ui.step(REVERSE_STEPS[1]! - 1)
    expect(ui.matrix()[1]).toEqual(['4', '20', '12'])
    expect(ui.matrix()[2]).toEqual(['·', '·', '·'])
  })

  it('announces row 2 in the live region as it is completed', () => {
    render(<PullbacksPanel panel={SPEC} />)
    ui.step(sum(REVERSE_STEPS, 2))
    const live = document.querySelector('[aria-live="polite"].panel-announce')!
    expect(live.textContent).toBe('pulled back e₂: row 2 = [4, 20, 12]')
  })

  it('shows the cotangent arriving at each node, the current one marked "now"', () => {
    const { container } = render(<PullbacksPanel panel={SPEC} />)
    ui.step() // the output receives e_1
    const now = container.querySelector('.pb-node-now')!
    expect(now.textContent).toContain('now')
    expect(now.textContent).toContain('ct [1, 0, 0]')
    expect(ui.announced()).toContain('the output receives the cotangent [1, 0, 0]')
  })

  it('switching to forward mode fills columns, and each mode keeps its own place', () => {
    render(<PullbacksPanel panel={SPEC} />)
    ui.step(3)
    ui.mode('Forward (columns)')
    expect(screen.getByText(/forward passes used: 0 of 3/)).toBeTruthy()
    ui.step(FORWARD_STEPS[0]!)
    expect(ui.matrix()).toEqual([
      ['10', '·', '·'],
      ['4', '·', '·'],
      ['6', '·', '·'],
    ])
    expect(ui.announced()).toBe('pushed forward e₁: column 1 = [10, 4, 6]')
    ui.step(FORWARD_STEPS[1]!)
    expect(ui.matrix().map((r) => r[1])).toEqual(['4', '20', '12'])
    ui.mode('Reverse (rows)')
    expect(ui.stepCount()).toBe(`step 3 of ${sum(REVERSE_STEPS, 3)}`)
    expect(ui.matrix()[0]).toEqual(['·', '·', '·'])
  })

  it('the all-ones cotangent gives [20, 36, 44], marked as what tf.gradients returns', () => {
    render(<PullbacksPanel panel={SPEC} />)
    expect(screen.getByText(/^vᵀJ =/).textContent).toBe('vᵀJ = [20, 36, 44]')
    expect(ui.cotangent().getByText(/what tf\.gradients returns/).textContent).toContain('the gradient of sum(g(x))')
    expect(screen.getByText(/1 × \[4, 20, 12\]/)).toBeTruthy()
  })

  it('recombines the rows for a typed v, and drops the all-ones label', () => {
    render(<PullbacksPanel panel={SPEC} />)
    const v2 = screen.getByRole('spinbutton', { name: 'v₂' })
    const v3 = screen.getByRole('spinbutton', { name: 'v₃' })
    fireEvent.change(v2, { target: { value: '2' } })
    fireEvent.change(v3, { target: { value: '3' } })
    expect(screen.getByText(/^vᵀJ =/).textContent).toBe('vᵀJ = [36, 80, 108]')
    expect(ui.cotangent().queryByText(/what tf\.gradients returns/)).toBeNull()
    fireEvent.change(v3, { target: { value: '' } })
    expect(screen.getByText(/not a number yet/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'All ones' }))
    expect(screen.getByText(/^vᵀJ =/).textContent).toBe('vᵀJ = [20, 36, 44]')
  })

  it("starts from the v given in the cell, and confirms it with the engine's own pullback", () => {
    render(<PullbacksPanel panel={WITH_V} />)
    expect((screen.getByRole('spinbutton', { name: 'v₃' }) as HTMLInputElement).value).toBe('3')
    expect(screen.getByText(/^vᵀJ =/).textContent).toBe('vᵀJ = [36, 80, 108]')
    expect(screen.getByText(/without forming J/).textContent).toContain('[36, 80, 108]')
  })

  it('steps with the keyboard: ArrowRight, ArrowLeft, Home; never while typing in v', () => {
    render(<PullbacksPanel panel={SPEC} />)
    const step = screen.getByRole('button', { name: 'Step' })
    fireEvent.keyDown(step, { key: 'ArrowRight' })
    fireEvent.keyDown(step, { key: 'ArrowRight' })
    expect(ui.stepCount()).toBe(`step 2 of ${sum(REVERSE_STEPS, 3)}`)
    fireEvent.keyDown(step, { key: 'ArrowLeft' })
    expect(ui.stepCount()).toBe(`step 1 of ${sum(REVERSE_STEPS, 3)}`)
    fireEvent.keyDown(screen.getByRole('spinbutton', { name: 'v₁' }), { key: 'ArrowRight' })
    expect(ui.stepCount()).toBe(`step 1 of ${sum(REVERSE_STEPS, 3)}`)
    fireEvent.keyDown(step, { key: 'Home' })
    expect(ui.stepCount()).toBe(`step 0 of ${sum(REVERSE_STEPS, 3)}`)
  })

  it('lists the graph as a table, with the current node and its cotangent', () => {
    render(<PullbacksPanel panel={SPEC} />)
    ui.step(2)
    const details = screen.getByText('The graph as a table').closest('details')!
    details.open = true
    fireEvent(details, new Event('toggle'))
    const table = screen.getByRole('table', { name: /Nodes of g in the order they were computed/ })
    const now = within(table)
      .getByText(/\(now\)/)
      .closest('tr')!
    expect(now.textContent).toContain('matmul (Aᵀ·B)')
    expect(now.textContent).toContain('[1; 0; 0]')
  })

  it('compares the costs: 1 primal + 3 reverse passes against 3 forward passes', () => {
    render(<PullbacksPanel panel={SPEC} />)
    const costs = screen.getByRole('table', { name: /Rows cost m passes, columns cost n/ })
    expect(costs.textContent).toContain('1 primal + 3 reverse')
    expect(costs.textContent).toContain('3 forward')
    expect(costs.textContent).toContain(String(SPEC.reverse.ops))
    expect(costs.textContent).toContain(String(SPEC.forward.ops))
  })

  it('offers the same computation in Julia, JAX and PyTorch', () => {
    render(<PullbacksPanel panel={SPEC} />)
    expect(screen.getByText('Equivalent code in Julia, JAX and PyTorch')).toBeTruthy()
    expect(screen.getByRole('tab', { name: 'JAX' })).toBeTruthy()
  })
})

describe('on a slide', () => {
  it('marks the secondary sections as extras, direct children of the panel, and keeps the core unmarked', () => {
    const { container } = render(<PullbacksPanel panel={WITH_V} />)
    const panel = container.querySelector('section.panel')!
    const extras = [...panel.querySelectorAll('.panel-extra')]
    // The presentation hides and shows them as a group: they must sit directly in the panel.
    extras.forEach((e) => expect(e.parentElement).toBe(panel))
    const names = extras.map((e) => e.className)
    expect(names).toEqual(
      expect.arrayContaining([expect.stringContaining('pb-costs'), expect.stringContaining('pb-vbox')]),
    )
    expect(names.some((n) => n.includes('code-equivalents'))).toBe(true)
    for (const core of ['.panel-steps', '.pb-graph-wrap', '.pb-below'])
      expect(panel.querySelector(core)?.closest('.panel-extra')).toBeNull()
  })
})
