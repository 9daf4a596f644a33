// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CellOutput, Display } from '../../../engine/output/display.ts'
import { Output } from '../../../app/components/Output.tsx'
import type { PanelSpec } from '../../../engine/panels/index.ts'
import { panelSpecOf } from '../../../engine/panels/index.ts'
import { session } from '../../engine/language/helpers.ts'

afterEach(cleanup)

const ok = (display: Display): CellOutput => ({ ok: true, display, sliders: [] })
const tensor = (shape: number[], data: number[]): Display => ({ kind: 'tensor', shape, data })
// The seed's Hessian, H = 2AᵀA at x1.
const H = tensor([3, 3], [10, 4, 6, 4, 20, 12, 6, 12, 26])
const sumTrapSpec = () => panelSpecOf(session().value('show_sum_trap()'))!

describe('Output: tensors', () => {
  it('labels the seed Hessian row by row and renders it as a KaTeX matrix', () => {
    const { container } = render(<Output output={ok(H)} />)
    const img = screen.getByRole('img')
    expect(img.getAttribute('aria-label')).toBe('matrix 3 by 3: row 1: 10, 4, 6; row 2: 4, 20, 12; row 3: 6, 12, 26')
    expect(container.querySelector('.katex math mtable')).not.toBeNull()
  })

  it('toggles a heatmap that is a table with the numbers', () => {
    const { container } = render(<Output output={ok(H)} />)
    const button = screen.getByRole('button', { name: 'Heatmap' })
    expect(button.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(button)
    expect(button.getAttribute('aria-pressed')).toBe('true')
    const table = screen.getByRole('table')
    const cells = [...table.querySelectorAll('tbody td')].map((td) => td.textContent)
    expect(cells).toEqual(['10', '4', '6', '4', '20', '12', '6', '12', '26'])
    // The largest entry has the full colour, and its text is light on it.
    const max = [...table.querySelectorAll<HTMLElement>('tbody td')].at(-1)!
    expect(max.style.backgroundColor).toBe('rgb(178, 24, 43)')
    expect(max.style.color).toBe('rgb(255, 255, 255)')
    fireEvent.click(button)
    expect(screen.queryByRole('table')).toBeNull()
    expect(container.querySelector('.katex')).not.toBeNull()
  })

  it('shows 6 significant digits and copies every digit, in the notebook’s syntax', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<Output output={ok(tensor([2], [1 / 3, -2e-9]))} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('vector of 2: 0.333333, -2e-9')
    fireEvent.click(screen.getByRole('button', { name: 'Copy exact values' }))
    expect(writeText).toHaveBeenCalledWith('[0.3333333333333333, -2e-9]')
    expect(await screen.findByText('Copied')).toBeTruthy()
  })

  it('shows a number as text, with its exact value as its title', () => {
    render(<Output output={ok(tensor([], [86]))} />)
    expect(screen.getByText('86').getAttribute('title')).toBe('86')
    expect(screen.queryByRole('button')).toBeNull() // nothing more to copy than what is shown
  })
})

describe('Output: other values', () => {
  it('shows an error as text in a status region, never as HTML', () => {
    const error = 'line 1, in gradient(g, x1): gradient needs a scalar output <b>not</b> a vector'
    render(<Output output={{ ok: false, error, sliders: [] }} />)
    const status = screen.getByRole('status')
    expect(status.textContent).toContain(error)
    expect(status.querySelector('b')).toBeNull()
  })

  it('shows a pullback’s value and explains back', () => {
    const display: Display = {
      kind: 'record',
      tag: 'pullback',
      fields: [
        ['value', tensor([3], [7, 6, 1])],
        ['back', { kind: 'function', name: 'back', params: ['v'], source: 'back' }],
      ],
    }
    const { container } = render(<Output output={ok(display)} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('value, vector of 3: 7, 6, 1')
    expect(container.textContent).toContain('back(v) = vᵀJ')
  })

  it('shows a tuple as (a, b), in order, without record field names', () => {
    const display: Display = {
      kind: 'record',
      tag: 'tuple',
      fields: [
        ['1', tensor([], [86])],
        ['2', { kind: 'string', value: 'back' }],
      ],
    }
    const { container } = render(<Output output={ok(display)} />)
    expect(container.querySelector('.nb-tuple')?.getAttribute('aria-label')).toBe('a tuple of 2')
    expect(container.textContent).toBe('(86,"back")')
    expect(container.querySelector('.nb-record-tag')).toBeNull()
  })

  it('renders a function’s TeX with its source as the text alternative', () => {
    const display: Display = { kind: 'function', name: 'f', params: ['x'], source: 'f(x) = x ^ 2', tex: 'f(x):=x^2' }
    const { container } = render(<Output output={ok(display)} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('function f(x) = x ^ 2')
    expect(container.querySelector('.katex')).not.toBeNull()
  })

  it('shows strings quoted, booleans, and nothing for nothing', () => {
    expect(render(<Output output={ok({ kind: 'string', value: 'hi' })} />).container.textContent).toBe('"hi"')
    cleanup()
    expect(render(<Output output={ok({ kind: 'boolean', value: true })} />).container.textContent).toBe('true')
    cleanup()
    expect(render(<Output output={ok({ kind: 'nothing' })} />).container.innerHTML).toBe('')
    cleanup()
    expect(render(<Output output={undefined} />).container.innerHTML).toBe('')
  })

  it('marks a cell busy only when its run lasts (a quick slider move does not flash)', () => {
    vi.useFakeTimers()
    try {
      const output: CellOutput = { ok: true, display: tensor([], [0.5]), sliders: [] }
      const { container } = render(<Output output={output} running />)
      expect(container.querySelector('[aria-busy="true"]')).toBeNull()
      act(() => vi.advanceTimersByTime(300))
      expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()
      expect(screen.getByText('running…')).toBeTruthy()
    } finally {
      vi.useRealTimers()
    }
  })

  it("shows a running cell's sliders, reporting moves by name", () => {
    const onSlider = vi.fn()
    const output: CellOutput = {
      ok: true,
      display: tensor([], [0.5]),
      sliders: [{ name: 't', min: [0], max: [1], step: 0.01, value: [0.5], shape: [] }],
    }
    render(<Output output={output} running onSlider={onSlider} />)
    fireEvent.change(screen.getByRole('slider'), { target: { value: '0.75' } })
    expect(onSlider).toHaveBeenCalledWith('t', [0.75])
  })
})

describe('Output: notes on a value', () => {
  it('shows each flag the engine attached as a note under the value, as text', () => {
    const flags = ['entry 2 is NaN: 0/0 has no value.', '<b>abs</b> has a kink at 0']
    const output: CellOutput = { ok: true, display: tensor([2], [1, Number.NaN]), sliders: [], flags }
    render(<Output output={output} />)
    const notes = screen.getAllByRole('note')
    expect(notes.map((n) => n.textContent)).toEqual(flags.map((f) => `Note: ${f}`))
    // Flags are text: markup in one stays inert.
    expect(notes[1]!.querySelector('b')).toBeNull()
  })

  it('shows no note when the value has none', () => {
    render(<Output output={ok(H)} />)
    expect(screen.queryByRole('note')).toBeNull()
  })
})

describe('Output: panels', () => {
  it('names a panel this version does not have instead of drawing it', () => {
    // The worker's data is not checked by types: a newer worker may send a kind the page lacks.
    const panel = { kind: 'tomorrow', title: 'A new panel', summary: '' } as unknown as PanelSpec
    render(<Output output={ok({ kind: 'panel', panel })} />)
    expect(screen.getByText(/uses a panel \(tomorrow\) that this version of the app does not have/)).toBeTruthy()
  })

  it('draws a known kind with its own component', async () => {
    const panel = sumTrapSpec()
    render(<Output output={ok({ kind: 'panel', panel })} />)
    expect(await screen.findByText(panel.title, { selector: '.panel-title' })).toBeTruthy()
  })
})
