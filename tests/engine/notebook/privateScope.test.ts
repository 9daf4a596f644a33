// A private cell (the presentation's scratch cell) reads the notebook's names, and its own
// definitions shadow them for it alone: a student's f in the scratch cell never breaks the
// lesson's f, no cell of the lesson can depend on the scratch, and the scratch re-runs when a
// name it reads changes. Values are closed forms.
import { describe, expect, it } from 'vitest'
import { scalar } from '../../../engine/index.ts'
import type { CellInput } from '../../../engine/standard.ts'
import { ReactiveNotebook, toJson } from '../../../engine/standard.ts'

const lesson = { a: 'A = [1, 2; 3, 4]', b: 'f(x) = sum(A * x)', c: 'f([1, 1])' }

function notebook() {
  const nb = new ReactiveNotebook()
  const update = (cells: Record<string, string>, scratch?: string, language: CellInput['language'] = 'ad') =>
    nb.update([
      ...Object.entries(cells).map(([id, source]) => ({ id, source })),
      ...(scratch === undefined ? [] : [{ id: 's', source: scratch, scope: 'private' as const, language }]),
    ])
  const value = (id: string) => {
    const r = nb.result(id)!
    return r.ok ? toJson(r.value) : `error: ${r.error}`
  }
  return { nb, update, value }
}

describe('a private cell', () => {
  it("reads the lesson's names", () => {
    const { update, value } = notebook()
    update(lesson, 'f([1, 0]) + A[2, 2]')
    // f([1, 0]) = sum(A[:, 1]) = 4, A[2, 2] = 4
    expect(value('s')).toBe(8)
  })

  it("shadows the lesson's f for itself only: no clash, the lesson keeps its f", () => {
    const { nb, update, value } = notebook()
    const ran = update(lesson, 'f(x) = 100 * x\nf(2)')
    expect(value('s')).toBe(200)
    // The lesson's f: sum(A * [1, 1]) = 3 + 7 = 10, and no "defined in more than one cell".
    expect(value('c')).toBe(10)
    expect(nb.result('b')!.ok).toBe(true)
    expect(ran).toEqual(['a', 'b', 'c', 's'])
  })

  it('shadows a Julia lesson name in a Julia scratch cell the same way', () => {
    const { nb, value } = notebook()
    nb.update([
      { id: 'a', source: 'f(x) = 2x', language: 'julia' },
      { id: 'c', source: 'f(3)', language: 'julia' },
      { id: 's', source: 'f(x) = x^3\nf(3)', language: 'julia', scope: 'private' },
    ])
    expect(value('s')).toBe(27)
    expect(value('c')).toBe(6)
  })

  it('is re-run when a name it reads changes, and only then', () => {
    const { update, value } = notebook()
    update({ ...lesson, d: 'k = 1' }, 'f([1, 0])')
    expect(value('s')).toBe(4)
    // A changes: b, c and the scratch (which reads f) run again.
    expect(update({ ...lesson, a: 'A = [2, 0; 0, 2]', d: 'k = 1' }, 'f([1, 0])')).toEqual(['a', 'b', 'c', 's'])
    expect(value('s')).toBe(2)
    // k changes: the scratch does not read k.
    expect(update({ ...lesson, a: 'A = [2, 0; 0, 2]', d: 'k = 2' }, 'f([1, 0])')).toEqual(['d'])
  })

  it('re-runs when a slider it reads moves', () => {
    const { nb, update, value } = notebook()
    update({ x: 'x = slider(-2, 2, 0.1, 0.5)' }, 'derivative(u(t) = t^3, x)')
    expect(value('s')).toBeCloseTo(0.75, 12)
    expect(nb.setSlider('x', scalar(1))).toEqual(['x', 's'])
    expect(value('s')).toBe(3)
  })

  it('gives the lesson nothing: its names are not defined there, and editing it runs only itself', () => {
    const { update, value } = notebook()
    update({ ...lesson, e: 'z + 1' }, 'z = 5')
    expect(value('s')).toBe(5)
    expect(value('e')).toMatch(/z is not defined/)
    expect(update({ ...lesson, e: 'z + 1' }, 'z = 6')).toEqual(['s'])
    expect(value('e')).toMatch(/z is not defined/)
  })

  it('redefining a lesson name re-runs none of the lesson', () => {
    const { update } = notebook()
    update(lesson, '1')
    expect(update(lesson, 'A = [0, 0; 0, 0]')).toEqual(['s'])
  })

  it("cannot change a lesson's variable, not even from a loop", () => {
    const { nb, value } = notebook()
    nb.update([
      { id: 'a', source: 'A = [1 2; 3 4]', language: 'julia' },
      { id: 't', source: 'total = 1', language: 'julia' },
      { id: 's', source: 'for i in 1:3\n  total = total + i\nend\nA = 0\ntotal', language: 'julia', scope: 'private' },
      { id: 'u', source: 'total + sum(A)', language: 'julia' },
    ])
    // The loop's total is the loop's own (the lesson's total is read-only from here), so it is 1.
    expect(value('s')).toBe(1)
    expect(value('u')).toBe(11)
  })

  it('forgets its definitions when it runs again or fails', () => {
    const { update, value } = notebook()
    update(lesson, 'f(x) = 100 * x\nf(2)')
    update(lesson, 'f([1, 0])')
    expect(value('s')).toBe(4) // the lesson's f again
    update(lesson, 'q = 2\nsqrt(-[1])')
    update({ ...lesson, c: 'f([1, 1]) + 0' }, 'q = 2\nsqrt(-[1])')
    expect(value('c')).toBe(10)
  })

  it('becomes an ordinary cell (and back) when its scope changes', () => {
    const { nb, value } = notebook()
    const cells = (scope: 'private' | 'notebook') => [
      { id: 'a', source: 'z = 5', scope },
      { id: 'b', source: 'z + 1' },
    ]
    nb.update(cells('private'))
    expect(value('b')).toMatch(/z is not defined/)
    nb.update(cells('notebook'))
    expect(value('b')).toBe(6)
    nb.update(cells('private'))
    expect(value('b')).toMatch(/z is not defined/)
  })
})
