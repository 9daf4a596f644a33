// The reactive notebook re-runs exactly the edited cell and its dependents, in dependency order,
// and reports clashes and cycles on the cells involved.
import { describe, expect, it } from 'vitest'
import { scalar } from '../../../engine/index.ts'
import { ReactiveNotebook, toJson } from '../../../engine/standard.ts'

type Cells = Record<string, string>

function notebook(cells: Cells) {
  const nb = new ReactiveNotebook()
  const update = (next: Cells) => nb.update(Object.entries(next).map(([id, source]) => ({ id, source })))
  const value = (id: string) => {
    const r = nb.result(id)!
    return r.ok ? toJson(r.value) : `error: ${r.error}`
  }
  return { nb, ran: update(cells), update, value }
}

describe('ReactiveNotebook', () => {
  const base: Cells = { a: 'k = 3', b: 'f(t) = k * t^2', c: 'derivative(f, 2)', d: 'y = 10' }

  it('runs cells in dependency order, not document order', () => {
    const { ran, value } = notebook({ c: 'derivative(f, 2)', b: 'f(t) = k * t^2', a: 'k = 3' })
    expect(ran).toEqual(['a', 'b', 'c'])
    expect(value('c')).toBe(12)
  })

  it('re-runs only the edited cell and its dependents', () => {
    const { update, value } = notebook(base)
    const ran = update({ ...base, a: 'k = 5' })
    expect(ran).toEqual(['a', 'b', 'c'])
    expect(value('c')).toBe(20)
    expect(update({ ...base, a: 'k = 5', d: 'y = 11' })).toEqual(['d'])
  })

  it('does not re-run anything when nothing changed', () => {
    const { update } = notebook(base)
    expect(update(base)).toEqual([])
  })

  it('moves a slider and re-runs what depends on it', () => {
    const { nb, value } = notebook({ s: 'x = slider(-2, 2, 0.1, 0.5)', g: 'derivative(u(t) = t^3, x)', o: 'z = 1' })
    expect(value('g')).toBeCloseTo(0.75, 12)
    expect(nb.setSlider('x', scalar(1))).toEqual(['s', 'g'])
    expect(value('g')).toBe(3)
    expect(value('s')).toBe(1)
  })

  it('lets the rest of a slider cell compute with the moved value', () => {
    const { nb, value } = notebook({ s: 'x = slider(-2, 2, 0.1, 0.5)\ny = 2 * x', t: 'y + 1' })
    expect(value('t')).toBe(2)
    nb.setSlider('x', scalar(1.5))
    expect(value('s')).toBe(3)
    expect(value('t')).toBe(4)
  })

  it('starts an edited slider cell from the value written in it', () => {
    const { nb, update, value } = notebook({ s: 'x = slider(-2, 2, 0.1, 0.5)', t: 'x + 1' })
    nb.setSlider('x', scalar(1.5))
    expect(value('t')).toBe(2.5)
    update({ s: 'x = slider(-2, 2, 0.1, -1)', t: 'x + 1' })
    expect(value('t')).toBe(0)
  })

  it('lets one cell assign a name twice: that is one definition, not two cells', () => {
    const { value } = notebook({ a: 'v = 1\nv = v + 1\nv', b: 'v * 10' })
    expect(value('a')).toBe(2)
    expect(value('b')).toBe(20)
  })

  it('lets a notebook define its own relu or mean, used by cells above it; sin and gradient stay fixed', () => {
    const { value, update } = notebook({ b: 'relu(3) + mean([1, 2])', a: 'relu(x) = x > 0 ? 2 * x : 0\nmean(v) = 0' })
    expect(value('b')).toBe(6)
    update({ b: 'relu(3) + mean([1, 2])' })
    expect(value('b')).toBe(4.5) // the builtins again, once the definitions are gone
    update({ a: 'sin(x) = x', b: 'gradient = 1' })
    expect(value('a')).toMatch(/sin is a built-in function and cannot be redefined/)
    expect(value('b')).toMatch(/gradient is a built-in function and cannot be redefined/)
  })

  it('reports a name defined in two cells on both, and recovers when one goes', () => {
    const { update, value } = notebook(base)
    update({ ...base, d: 'k = 4' })
    expect(value('a')).toMatch(/k is defined in more than one cell \(cell 1 and cell 4\)/)
    expect(value('d')).toMatch(/more than one cell/)
    expect(value('c')).toMatch(/error/)
    update({ ...base, d: 'y = 1' })
    expect(value('a')).toBe(3)
    expect(value('c')).toBe(12)
  })

  it('reports a cycle on the cells in it', () => {
    const { update, value } = notebook({ a: 'p = q + 1', b: 'q = p + 1', c: 'r = 1' })
    expect(value('a')).toMatch(/cycle/)
    expect(value('b')).toMatch(/cycle/)
    expect(value('c')).toBe(1)
    update({ a: 'p = 1', b: 'q = p + 1', c: 'r = 1' })
    expect(value('b')).toBe(2)
  })

  it('marks cells downstream of an error as not run, and keeps the rest working', () => {
    const { update, value } = notebook(base)
    update({ ...base, a: 'k = log(-1)' })
    expect(value('a')).toMatch(/log\(-1\)/)
    expect(value('b')).toMatch(/not run: it uses k, and cell 1/)
    expect(value('d')).toBe(10)
  })

  it('forgets the definitions of a deleted cell', () => {
    const { update, value } = notebook(base)
    update({ b: base.b!, c: base.c!, d: base.d! })
    expect(value('c')).toMatch(/k is not defined/)
  })

  it('shows a syntax error with its line', () => {
    const { value } = notebook({ a: 'x = 1\ny = (2 +' })
    expect(value('a')).toMatch(/line 2, column \d+: syntax error/)
  })
})
