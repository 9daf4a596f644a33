// @vitest-environment jsdom
/**
 * The derivative-check panel, drawn from specs the engine computes for real Julia cells: softmax
 * (every entry within tolerance), a function whose AD is wrong at one entry (it holds a factor
 * constant), and a 15 × 15 Jacobian whose table is read a page at a time.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import DerivativeCheckPanel, { PAGE, heatmapTiles, sortedEntries } from '../../../app/panels/DerivativeCheckPanel.tsx'
import type { DerivativeCheckSpec } from '../../../engine/panels/derivativeCheck.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import { concrete } from '../../../engine/ad/value.ts'
import type { Value } from '../../../engine/ad/value.ts'
import * as ops from '../../../engine/ops/index.ts'
import { vector } from '../../../engine/tensor/tensor.ts'
import { julia } from '../../engine/language/julia/julia.ts'

afterEach(cleanup)

function specOf(source: string, setup?: (s: ReturnType<typeof julia>) => void): DerivativeCheckSpec {
  const s = julia('')
  setup?.(s)
  const spec = panelSpecOf(s.value(source))
  if (spec?.kind !== 'derivativeCheck') throw new Error('no derivative check')
  return spec
}

/** x .* x with the second factor of entry 2 held constant: AD gives x₂ at (2,2), the truth 2x₂. */
const withDetached = (s: ReturnType<typeof julia>) =>
  s.scope.define('sq', {
    kind: 'function',
    name: 'sq',
    params: ['x'],
    source: 'sq(x)',
    call([x]) {
      const v = x as Value
      const mask = vector(Array.from({ length: v.shape[0]! }, (_, i) => (i === 1 ? 1 : 0)))
      return ops.mul(v, ops.add(ops.mul(v, ops.sub(1, mask)), ops.mul(concrete(v), mask)))
    },
  })

const SOFTMAX = specOf('test_rrule(softmax, [1.0, 2.0, 3.0])')
const WRONG = specOf('test_rrule(sq, [1.0, 2.0, 3.0])', withDetached)

describe('DerivativeCheckPanel', () => {
  it('softmax: the verdict with its tolerances, nine entries, none off', () => {
    const { container } = render(<DerivativeCheckPanel panel={SOFTMAX} />)
    expect(screen.getByRole('status').textContent).toMatch(
      /^Consistent with finite differences to .* \(rtol 1e-6, atol 1e-9\)$/,
    )
    // Said once: the summary says what is compared, the status box the verdict.
    const summary = container.querySelector('.panel-summary')!.textContent!
    expect(summary).toMatch(/^test_rrule\(.*\) compares .* against central finite differences\.$/)
    expect(container.textContent!.split('Consistent with finite differences')).toHaveLength(2)
    expect(container.querySelectorAll('tbody tr')).toHaveLength(9)
    expect(container.querySelectorAll('rect.dc-wrong')).toHaveLength(0)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Heatmap of ∂softmax/∂x, 3 by 3: no entry is off')
  })

  it('a wrong entry: named in the verdict, first in the table, outlined in the heatmap', () => {
    const { container } = render(<DerivativeCheckPanel panel={WRONG} />)
    expect(screen.getByRole('status').textContent).toContain(
      'Entry (2,2) of ∂sq/∂x is off: AD gives 2, finite differences 4',
    )
    const first = container.querySelector('tbody tr')!
    expect(first.className).toBe('dc-wrong')
    expect(first.querySelector('th')!.textContent).toBe('entry (2,2) of ∂sq/∂x')
    expect([...first.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['2', '4', '2', '0.5', 'off'])
    const wrong = container.querySelectorAll('rect.dc-wrong')
    expect(wrong).toHaveLength(1)
    expect(wrong[0]!.getAttribute('x')).toBe(wrong[0]!.getAttribute('y')) // on the diagonal
  })

  it('a large Jacobian: a page at a time, and the heatmap in tiles', () => {
    const big = specOf('test_frule(x -> x .^ 2, collect(1.0:15.0))')
    const { container } = render(<DerivativeCheckPanel panel={big} />)
    const pages = () => container.querySelector('.dc-pages span')!.textContent
    expect(pages()).toBe(`entries 1–${PAGE} of 225`)
    // Found through the DOM: a role query over a page of 225 squares is slow in jsdom.
    const next = [...container.querySelectorAll('.dc-pages button')].find((b) => b.textContent === 'Next')!
    fireEvent.click(next)
    expect(pages()).toBe(`entries ${PAGE + 1}–${2 * PAGE} of 225`)
    expect(container.querySelectorAll('tbody tr')).toHaveLength(PAGE)
    expect(heatmapTiles(big.blocks[0]!, () => '').size).toBe(1) // 15 ≤ 48: one square per entry
  })

  it('sortedEntries puts the worst first and keeps the order of the rest', () => {
    const order = sortedEntries(WRONG).map((e) => [e.i, e.j])
    expect(order[0]).toEqual([1, 1])
    expect(order.slice(1, 3)).toEqual([
      [0, 0],
      [0, 1],
    ])
  })

  it('tiles: a 100-column block is drawn in 3 × 3 tiles, each its worst entry', () => {
    const block = {
      arg: 'x',
      shape: [100],
      rows: 1,
      cols: 100,
      ad: [],
      fd: [],
      unchecked: [],
      ratio: Array.from({ length: 100 }, (_, k) => (k === 50 ? 7 : 0.1)),
    }
    const { tiles, size } = heatmapTiles(block, (i, j) => `(${i},${j})`)
    expect(size).toBe(3)
    expect(tiles).toHaveLength(34)
    expect(tiles.find((t) => t.ratio === 7)!.title).toBe('(0,50): 7 × the tolerance')
  })
})

describe('DerivativeCheckPanel where finite differences cannot check', () => {
  it('abs at 0: the verdict says why, the entry is not checked, nor are the random cotangents', () => {
    const { container } = render(<DerivativeCheckPanel panel={specOf('test_rrule(abs, 0.0)')} />)
    expect(screen.getByRole('status').textContent).toContain('abs is not differentiable at x')
    expect(container.querySelector('tbody tr td:last-child')!.textContent).toBe('not checked')
    expect(container.querySelector('.dc-directions summary')!.textContent).toContain(
      'finite differences could not check them',
    )
  })
})
