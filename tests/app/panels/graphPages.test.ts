// A long computation graph on a slide, a page at a time: which page holds the node being updated,
// what a page keeps (its operations and the constants they read), and the inputs it receives from
// an earlier page.
import { describe, expect, it } from 'vitest'
import type { PullbacksNode } from '../../../engine/panels/pullbacksSpec.ts'
import { pageNumber, pageOf } from '../../../app/panels/graphPages.ts'

const node = (id: number, role: PullbacksNode['role'], inputs: number[]): PullbacksNode => ({
  id,
  role,
  label: role === 'op' ? 'mul' : role === 'input' ? 'x' : 'const',
  inputs,
  value: { shape: [], data: [id] },
})

// x (0), a constant (1), then ops 2..11, each reading the previous one; op 6 also reads the constant
// and op 11 also reads x (an arc back across pages).
const nodes = [
  node(0, 'input', []),
  node(1, 'constant', []),
  ...Array.from({ length: 10 }, (_, k) => {
    const id = k + 2
    const inputs = [id === 2 ? 0 : id - 1]
    if (id === 6) inputs.push(1)
    if (id === 11) inputs.push(0)
    return node(id, 'op', inputs)
  }),
]

describe('graph pages', () => {
  // The main row is x, 2, 3, ..., 11: eleven operations, pages of four.
  it('finds the page of the current node (the first when none is current)', () => {
    expect(pageNumber(nodes, null, 4)).toBe(0)
    expect(pageNumber(nodes, 4, 4)).toBe(0)
    expect(pageNumber(nodes, 5, 4)).toBe(1)
    expect(pageNumber(nodes, 11, 4)).toBe(2)
  })

  it('keeps a page’s operations and the constants they read, and lists inputs from earlier pages', () => {
    const middle = pageOf(nodes, 1, 4)
    expect(middle.nodes.map((n) => n.id)).toEqual([1, 5, 6, 7, 8])
    expect(middle).toMatchObject({ page: 1, pages: 3, first: 5, last: 8, count: 11 })
    expect(middle.incoming).toEqual([{ reader: 5, input: 4 }])
    // An input from another page is drawn as an incoming arrow, not as an edge of the page.
    expect(middle.nodes.find((n) => n.id === 5)!.inputs).toEqual([])
    expect(middle.nodes.find((n) => n.id === 6)!.inputs).toEqual([5, 1])

    const last = pageOf(nodes, 2, 4)
    expect(last.nodes.map((n) => n.id)).toEqual([9, 10, 11])
    expect(last).toMatchObject({ first: 9, last: 11 })
    expect(last.incoming).toEqual([
      { reader: 9, input: 8 },
      { reader: 11, input: 0 },
    ])
  })

  it('is the whole graph when it fits on one page', () => {
    const one = pageOf(nodes, 0, 20)
    expect(one.nodes).toHaveLength(nodes.length)
    expect(one).toMatchObject({ pages: 1, first: 1, last: 11, incoming: [] })
  })
})
