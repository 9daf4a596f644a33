// @vitest-environment jsdom
/**
 * The backprop panel in jsdom on the default network 4 → 8 → 8 → 1: each layer's Jacobian size
 * beside the vector that travels back, a reverse sweep stepped down the layers and announced,
 * and the gradient's cost against one evaluation.
 */
import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BackpropPanel } from '../../../app/panels/BackpropPanel.tsx'
import { panelOf } from '../../engine/panels/helpers.ts'
import { announced, bodyRows, step } from './panelUi.ts'

afterEach(cleanup)

const SPEC = panelOf('backprop', 'show_backprop()')

describe('BackpropPanel', () => {
  it('puts each layer’s Jacobian size next to what travels back', () => {
    render(<BackpropPanel panel={SPEC} />)
    const rows = bodyRows(/Layer by layer/).map((r) => [...r.cells].map((c) => c.textContent))
    expect(rows).toEqual([
      ['1 (tanh)', '4 → 8', '8×4 = 32 numbers', '320 numbers', '8 numbers', '8×4 and 8'],
      ['2 (tanh)', '8 → 8', '8×8 = 64 numbers', '576 numbers', '8 numbers', '8×8 and 8'],
      ['3 (linear)', '8 → 1', '1×8 = 8 numbers', '9 numbers', '1 number', '1×8 and 1'],
    ])
  })

  it('steps the reverse sweep from the output layer down, announcing each layer', () => {
    render(<BackpropPanel panel={SPEC} />)
    expect(announced()).toMatch(/^Ready: the forward pass computed the loss/)
    step()
    expect(announced()).toBe(
      'layer 3: 1 number arrives (the cotangent of its output); its Jacobian would hold 8. Its weight gradient is 1×8.',
    )
    step(2)
    expect(announced()).toMatch(/^layer 1: 8 numbers arrive .* would hold 32\..* Layer 1 sends nothing further/)
    expect(document.querySelectorAll('.bp-reached')).toHaveLength(3)
  })

  it('compares the gradient’s measured cost with one evaluation', () => {
    render(<BackpropPanel panel={SPEC} />)
    const table = screen.getByRole('table', { name: /One evaluation of the loss against its gradient/ })
    expect(within(table).getByText(/its gradient \(1 primal sweep, 1 reverse sweep\)/)).toBeTruthy()
    const ratio = String(Number(SPEC.cost.ratio.toPrecision(3)))
    expect(screen.getByText(new RegExp(`The gradient took`)).textContent).toContain(`${ratio} times`)
    expect(screen.getByText(/Forward mode would need 121 passes/)).toBeTruthy()
  })
})
