/**
 * The batching level itself: vmap nested in vmap (two batch axes, each level its own), constants
 * chosen per example (exampleWise: logsumexp's and softmax's shift), in_axes and the messages
 * of a wrong batch. Oracles: the same computation example by example, and closed forms.
 */
import { describe, expect, it } from 'vitest'
import { batchOf, exampleWise } from '../../../engine/ad/batching.ts'
import type { Value } from '../../../engine/index.ts'
import * as E from '../../../engine/index.ts'

const close = (a: Value, b: Value, tol = 1e-12) => {
  const x = E.concrete(a)
  const y = E.concrete(b)
  expect(x.shape).toEqual(y.shape)
  const scale = Math.max(1, ...Array.from(y.data, Math.abs))
  x.data.forEach((v, i) => expect(Math.abs(v - y.data[i]!)).toBeLessThanOrEqual(tol * scale))
}
const tensor = (shape: number[], seed: number) =>
  new E.Tensor(
    shape,
    Float64Array.from({ length: E.sizeOf(shape) }, (_, k) => 0.4 * Math.sin(seed + 1.7 * k) + 0.1),
  )
const rows = (X: E.Tensor) =>
  Array.from({ length: X.shape[0]! }, (_, e) => {
    const n = X.size / X.shape[0]!
    return new E.Tensor(X.shape.slice(1), X.data.slice(e * n, (e + 1) * n))
  })

describe('vmap inside vmap', () => {
  // f(x, y) uses an elementwise rule, a matmul rule and a per-example primitive (det).
  const M = tensor([2, 2], 9)
  const f = (x: Value, y: Value) =>
    E.add(
      E.sum(E.mul(E.matmul(M, x), y)),
      E.det(E.add(E.mul(2, E.identity(2)), E.matmul(E.reshape(x, [2, 1]), E.reshape(y, [1, 2])))),
    )
  const X = tensor([3, 2], 1)
  const Y = tensor([4, 2], 2)
  const table = rows(X).map((x) => E.stack(rows(Y).map((y) => f(x, y))))

  it('gives every pair: outer batch x inner batch, each level its own axis', () => {
    close(
      E.vmap((x) => E.vmap((y) => f(x!, y!), [Y]), [X]),
      E.stack(table),
    )
  })
  it('and its gradient with respect to both stacks, against the pairs one at a time', () => {
    const gX = E.gradient((Z) => E.sum(E.vmap((x) => E.vmap((y) => f(x!, y!), [Y]), [Z])), X)
    const each = rows(X).map((x) =>
      rows(Y).reduce<Value>(
        (s, y) =>
          E.add(
            s,
            E.gradient((z) => f(z, y), x),
          ),
        E.zeros([2]),
      ),
    )
    close(gX, E.stack(each))
  })
  it('a batch of batched tangents: jacfwd of a vmapped function (chunked) equals chunk 1', () => {
    const g = (Z: Value) => E.vmap((x) => E.tanh(E.matmul(M, x!)), [Z])
    close(E.jacfwd(g, X, undefined, { chunk: 4 }), E.jacfwd(g, X, undefined, { chunk: 1 }))
    close(E.jacrev(g, X, undefined, { chunk: 4 }), E.jacfwd(g, X, undefined, { chunk: 1 }))
  })
})

describe('constants chosen per example', () => {
  it('logsumexp and softmax shift each example by its own largest element (800 apart would underflow)', () => {
    const X = new E.Tensor([2, 2], Float64Array.of(0, 1, 800, 801))
    const l = Math.log(1 + Math.E)
    close(
      E.vmap((x) => E.logsumexp(x!), [X]),
      E.vector([l, 800 + l]),
    )
    const p = 1 / (1 + Math.E)
    close(
      E.vmap((x) => E.softmax(x!), [X]),
      E.matrix([
        [p, 1 - p],
        [p, 1 - p],
      ]),
    )
    close(
      E.vmap((x) => E.gradient((y) => E.logsumexp(y), x!), [X]),
      E.matrix([
        [p, 1 - p],
        [p, 1 - p],
      ]),
    )
  })
  it('exampleWise sees one example at a time, under two batches, and without any gives f(x)', () => {
    const X = tensor([2, 3, 4], 3)
    const largest = (t: E.Tensor) => E.scalar(Math.max(...t.data))
    const out = E.vmap((x) => E.vmap((y) => exampleWise(y!, largest), [x!]), [X])
    const expected = rows(X).map((x) => E.vector(rows(x).map((y) => Math.max(...y.data))))
    close(out, E.stack(expected))
    close(exampleWise(E.vector([1, 5, 2]), largest), E.scalar(5))
  })
  it('batchOf finds a batch on the primal chain, not in tangents alone', () => {
    const v = E.vector([1, 2])
    E.vmap(
      (x) => {
        expect(batchOf(x!)?.size).toBe(2)
        return x!
      },
      [v],
    )
    E.vmap(
      (t) => {
        const inner = E.jvp(
          (y) => {
            expect(batchOf(y)).toBeUndefined() // a dual whose tangents are batched has one value
            return y
          },
          E.scalar(3),
          t!,
        )
        return inner
      },
      [v],
    )
  })
})

describe('vmap: in_axes and messages', () => {
  it('an argument with in_axes null is the same for every example', () => {
    const X = tensor([3, 2], 4)
    const c = E.vector([2, -1])
    close(
      E.vmap((x, y) => E.mul(x!, y!), [X, c], [0, null]),
      E.stack(rows(X).map((x) => E.mul(x, c))),
    )
  })
  it('a result that ignores the batch is repeated for every example', () => {
    close(
      E.vmap(() => E.vector([1, 2]), [E.vector([5, 6, 7])]),
      E.matrix([
        [1, 2],
        [1, 2],
        [1, 2],
      ]),
    )
  })
  it('says what is wrong with the batch', () => {
    expect(() => E.vmap((x) => x!, [E.scalar(1)])).toThrow(/is a number, which has no axis to map over/)
    expect(() => E.vmap((x, y) => E.add(x!, y!), [E.vector([1, 2]), E.vector([1, 2, 3])])).toThrow(
      /disagree on the batch size/,
    )
    expect(() => E.vmap((x) => x!, [E.vector([1])], [null])).toThrow(/no argument is mapped/)
  })
})

describe('notes under vmap', () => {
  it('a tie in any example of the batch is noted, not only in the first', async () => {
    const { collectNotes } = await import('../../../engine/ad/notes.ts')
    const X = new E.Tensor([2, 2], Float64Array.of(1, 2, 3, 0.5))
    const c = E.vector([0, 0.5])
    const { notes } = collectNotes(() => E.vmap((x) => E.gradient((y) => E.sum(E.mul(E.gt(y, c), y)), x!), [X]))
    expect(notes.join(' ')).toMatch(/met two equal values \(0\.5\)/)
  })
})

describe('choices made from values, for a batch', () => {
  it("det's gradient (the cofactors) at a batch of 4×4 matrices, one of them singular, is each example's", () => {
    const good = Array.from({ length: 16 }, (_, k) => Math.sin(1.3 * k) + (k % 5 === 0 ? 3 : 0))
    // Rank 3: the last row is the sum of the first two.
    const singular = [1, 2, 0, 1, 0, 1, 3, 2, 2, 0, 1, 1, 1, 3, 3, 3]
    const X = new E.Tensor([2, 4, 4], Float64Array.from([...good, ...singular]))
    const each = rows(X).map((A) => E.gradient((y) => E.det(y), A))
    close(
      E.vmap((A) => E.gradient((y) => E.det(y), A!), [X]),
      E.stack(each),
      1e-10,
    )
  })
})
