// @vitest-environment jsdom
/**
 * The sum-trap panel, drawn from specs the engine computes for real cells: the seed's gradient
 * (a full Hessian) and an elementwise square (a diagonal Jacobian). A learner predicts, reveals,
 * and reads whether the prediction was right; the column sums appear under J.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import SumTrapPanel, { judge } from '../../../app/panels/SumTrapPanel.tsx'
import type { SumTrapSpec } from '../../../engine/panels/sumtrap.ts'
import { SEED_PRELUDE, session } from '../../engine/language/helpers.ts'
import { panelOf } from '../../engine/panels/helpers.ts'

afterEach(cleanup)

function specOf(...cells: string[]): SumTrapSpec {
  const s = session()
  cells.slice(0, -1).forEach((c) => s.run(c))
  return panelOf('sumtrap', cells.at(-1)!, s)
}

// Computed once for the file: rendering is what these tests exercise.
const SEED_SPEC = specOf(SEED_PRELUDE, 'g(x) = gradient(f, x)', 'show_sum_trap(g, x1)')

/** The learner's actions, in the panel's own words. */
function ui(spec: SumTrapSpec) {
  const r = render(<SumTrapPanel panel={spec} />)
  return {
    ...r,
    predict(values: (number | string)[]) {
      values.forEach((v, j) =>
        fireEvent.change(screen.getByLabelText(`component ${j + 1}`), { target: { value: String(v) } }),
      )
    },
    reveal: () => fireEvent.click(screen.getByRole('button', { name: 'Reveal' })),
    again: () => fireEvent.click(screen.getByRole('button', { name: /predict again/ })),
    verdict: () => screen.getAllByRole('status').find((e) => e.classList.contains('st-verdict'))!.textContent,
    sums: () => {
      const row = r.container.querySelector('tfoot tr')
      return row
        ? within(row as HTMLElement)
            .getAllByRole('cell')
            .map((c) => c.textContent)
        : null
    },
  }
}

describe('SumTrapPanel on the seed example', () => {
  it('shows the Jacobian first, and keeps the answers back', () => {
    const p = ui(SEED_SPEC)
    const table = screen.getByRole('table')
    const cells = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent)
      .filter((t) => t !== '')
    expect(cells).toEqual(['10', '4', '6', '4', '20', '12', '6', '12', '26'])
    expect(p.sums()).toBeNull()
    expect(screen.queryByText(/needs a function with a scalar output/)).toBeNull()
    expect(p.container.textContent).not.toContain('[20, 36, 44]')
    expect(p.container.querySelector('section.panel')!.getAttribute('aria-label')).toMatch(/sum trap/i)
  })

  it('says "right" for a correct prediction, and shows the column sums under J', () => {
    const p = ui(SEED_SPEC)
    p.predict([20, 36, 44])
    p.reveal()
    expect(p.verdict()).toMatch(/^Right: tf_gradients returns \[20, 36, 44\]/)
    expect(p.sums()).toEqual(['20', '36', '44'])
    expect(screen.getByText(/needs a function with a scalar output/).textContent).toContain('tf.gradients')
    expect(p.container.querySelector('.panel-summary')!.textContent).toContain('[20, 36, 44]')
    expect(screen.getByText(/Why the sums mislead here/)).toBeTruthy()
  })

  it('says "not quite" for a wrong prediction, naming the diagonal', () => {
    const p = ui(SEED_SPEC)
    p.predict([10, 20, 26])
    p.reveal()
    expect(p.verdict()).toMatch(/^Not quite: tf_gradients returns \[20, 36, 44\]/)
    expect(p.verdict()).toMatch(/diagonal/)
  })

  it('counts matching components of a partly right prediction', () => {
    const p = ui(SEED_SPEC)
    p.predict([20, 0, ''])
    p.reveal()
    expect(p.verdict()).toMatch(/1 of 3 components match/)
  })

  it('reveals without a prediction, and can start over', () => {
    const p = ui(SEED_SPEC)
    p.reveal()
    expect(p.verdict()).toBe('tf_gradients returns [20, 36, 44]: the sum of each column of J.')
    expect(p.sums()).toEqual(['20', '36', '44'])
    p.again()
    expect(p.sums()).toBeNull()
    expect(p.verdict()).toBe('')
    expect((screen.getByLabelText('component 1') as HTMLInputElement).disabled).toBe(false)
  })

  it('reveals on Enter in a prediction field', () => {
    const p = ui(SEED_SPEC)
    p.predict([20, 36, 44])
    fireEvent.submit(screen.getByLabelText('component 3').closest('form')!)
    expect(p.verdict()).toMatch(/^Right/)
  })

  it('has the equivalent code', () => {
    ui(SEED_SPEC)
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Julia', 'JAX', 'PyTorch'])
  })
})

describe('SumTrapPanel on an elementwise function', () => {
  const spec = () => specOf('h(v) = v .^ 2', 'show_sum_trap(h, [1, 2, 3])')

  it('explains why the sums are right for a diagonal Jacobian', () => {
    const p = ui(spec())
    p.predict([2, 4, 6])
    p.reveal()
    expect(p.verdict()).toMatch(/^Right/)
    expect(p.sums()).toEqual(['2', '4', '6'])
    expect(screen.getByText(/Why the sums are right here/)).toBeTruthy()
    expect(p.container.textContent).toMatch(/single nonzero entry/)
  })

  it('marks zeros and nonzeros so the one nonzero per column stands out', () => {
    const p = ui(spec())
    expect(p.container.querySelectorAll('td.st-nonzero')).toHaveLength(3)
    expect(p.container.querySelectorAll('td.st-zero')).toHaveLength(6)
  })
})

describe('judge', () => {
  it('names row sums when they differ from the column sums', () => {
    const spec = specOf('k(v) = [v[1] * v[2], v[1] + v[2]]', 'show_sum_trap(k, [2, 3])')
    expect(judge(['5', '2'], spec).message).toMatch(/rows of J/)
    expect(judge(['4', '3'], spec).right).toBe(true)
    expect(judge(['4.001', '3'], spec).right).toBe(true)
    expect(judge(['4.2', '3'], spec).right).toBe(false)
  })
})
