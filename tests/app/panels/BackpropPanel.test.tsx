// @vitest-environment jsdom
/**
 * The backprop panel in jsdom on the default network 4 → 8 → 8 → 1: each layer's Jacobian size
 * beside the vector that travels back, a reverse sweep stepped down the layers and announced,
 * and the gradient's cost against one evaluation.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { BackpropPanel } from '../../../app/panels/BackpropPanel.tsx'
import type { BackpropPanelSpec } from '../../../engine/panels/backprop.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import { session } from '../../engine/language/helpers.ts'

afterEach(cleanup)

const SPEC = panelSpecOf(session().value('show_backprop()')) as BackpropPanelSpec
const announced = () => document.querySelector('.panel-announce')!.textContent ?? ''

describe('BackpropPanel', () => {
  it('puts each layer’s Jacobian size next to what travels back', () => {
    render(<BackpropPanel panel={SPEC} />)
    const table = screen.getByRole('table', { name: /Layer by layer/ })
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent))
    expect(rows).toEqual([
      ['1 (tanh)', '4 → 8', '8×4 = 32 numbers', '320 numbers', '8 numbers', '8×4 and 8'],
      ['2 (tanh)', '8 → 8', '8×8 = 64 numbers', '576 numbers', '8 numbers', '8×8 and 8'],
      ['3 (linear)', '8 → 1', '1×8 = 8 numbers', '9 numbers', '1 number', '1×8 and 1'],
    ])
  })

  it('steps the reverse sweep from the output layer down, announcing each layer', () => {
    render(<BackpropPanel panel={SPEC} />)
    expect(announced()).toMatch(/^Ready: the forward pass computed the loss/)
    fireEvent.click(screen.getByRole('button', { name: 'Step' }))
    expect(announced()).toBe(
      'layer 3: 1 number arrives (the cotangent of its output); its Jacobian would hold 8. Its weight gradient is 1×8.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Step' }))
    fireEvent.click(screen.getByRole('button', { name: 'Step' }))
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
