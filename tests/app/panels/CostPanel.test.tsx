// @vitest-environment jsdom
/**
 * The cost explorer in jsdom, plotly mocked: the learner picks m and the measure, the plot gets
 * the forward and reverse lines over n with the crossover marked, and the same numbers are in a
 * table; a grid says which mode wins for every n and m.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CostPanel, costPlot, crossing } from '../../../app/panels/CostPanel.tsx'
import { panelOf, seedSession } from '../../engine/panels/helpers.ts'
import { bodyCells } from './panelUi.ts'

const plotly = vi.hoisted(() => ({
  react: vi.fn((..._args: unknown[]) => Promise.resolve()),
  purge: vi.fn(),
  Plots: { resize: vi.fn() },
}))
vi.mock('../../../app/components/plotlyScript.ts', () => ({ plotlyScript: () => Promise.resolve(plotly) }))

afterEach(cleanup)
beforeEach(() => plotly.react.mockClear())

// Measured once for the file (the explorer times Jacobians for a few hundred milliseconds).
const SPEC = panelOf('costs', 'cost_explorer(f, x1)', seedSession())

const lastFigure = () => {
  const call = plotly.react.mock.calls.at(-1)! as [HTMLElement, { name: string; x: number[]; y: number[] }[]]
  return call[1]
}

describe('CostPanel', () => {
  it('plots forward against reverse flops over n for m = 8, with the crossover', async () => {
    render(<CostPanel panel={SPEC} />)
    await waitFor(() => expect(plotly.react).toHaveBeenCalled())
    const [fwd, rev, marker] = lastFigure()
    expect(fwd!.name).toBe('forward (n passes)')
    expect(rev!.name).toBe('reverse (8 passes)')
    expect(fwd!.x).toEqual([1, 2, 4, 8, 16, 32])
    const row = SPEC.cells.filter((c) => c.m === 8)
    expect(fwd!.y).toEqual(row.map((c) => c.forward.flops))
    expect(rev!.y).toEqual(row.map((c) => c.reverse.flops))
    expect(marker!.x[0]).toBeGreaterThan(4)
    expect(marker!.x[0]).toBeLessThan(16)
    expect(document.querySelector('.hs-announce')!.textContent).toMatch(
      /m = 8, flops \(scalar multiply-adds\): forward is cheaper below n ≈/,
    )
  })

  it('redraws for another m and for time, and the table follows', async () => {
    render(<CostPanel panel={SPEC} />)
    fireEvent.click(within(screen.getByRole('group', { name: 'Outputs m' })).getByRole('button', { name: '32' }))
    expect(screen.getByRole('button', { name: '32' }).getAttribute('aria-pressed')).toBe('true')
    await waitFor(() => expect(lastFigure()[1]!.name).toBe('reverse (32 passes)'))
    const rows = bodyCells(/The plotted numbers for m = 32/)
    expect(rows).toHaveLength(6)
    expect(rows[0]![0]).toBe('1 forward')
    expect(rows[0]![3]).toBe('1 primal + 32 reverse')
    fireEvent.click(screen.getByRole('button', { name: 'memory' }))
    await waitFor(() =>
      expect(lastFigure()[0]!.y).toEqual(SPEC.cells.filter((c) => c.m === 32).map((c) => c.forward.memory)),
    )
    fireEvent.click(screen.getByRole('button', { name: 'time (measured)' }))
    await waitFor(() =>
      expect(lastFigure()[0]!.y).toEqual(SPEC.cells.filter((c) => c.m === 32).map((c) => c.forward.ms)),
    )
    // Timings are plotted as measured: no crossing marked, no mode called cheaper by them.
    expect(lastFigure()).toHaveLength(2)
    expect(document.querySelector('.hs-announce')!.textContent).toMatch(
      /the counts, not the times, say which mode is cheaper/,
    )
  })

  it('shows which mode wins everywhere, and the learner’s own function', () => {
    render(<CostPanel panel={SPEC} />)
    const cells = bodyCells(/Which mode is cheaper by the count/)
    expect(cells).toHaveLength(6)
    expect(cells[5]![0]).toBe('F') // m = 32, n = 1: one forward pass beats 32 reverse
    expect(cells[0]![5]).toBe('R') // m = 1, n = 32
    expect(screen.getByText(/x has n = 3 entries and f\(x\) has m = 1/)).toBeTruthy()
  })
})

describe('costPlot and crossing', () => {
  it('finds no crossover when one mode wins throughout, and says so in the summary', () => {
    const plot = costPlot(SPEC, 1, 'flops')
    expect(
      crossing(
        SPEC.cells.filter((c) => c.m === 1),
        'flops',
      ),
    ).toBeNull()
    expect(plot.markers).toEqual([])
    expect(plot.summary).toMatch(/reverse mode costs no more than forward mode for every n/)
  })
})
