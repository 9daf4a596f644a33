/**
 * The backward sweep reuses the memory of cotangents it has finished with (engine/ad/recycling.ts)
 * when every value is a plain tensor of 64 numbers or more and no trace is recorded. Recording a
 * trace turns that off, so the recorded run is the reference: both must give the same numbers,
 * bit for bit. A buffer given back too early would be overwritten by a later operation of the
 * same sweep (or of the next one) while something still reads it: these tests use functions
 * whose cotangents are shared (add passes its cotangent to both arguments unchanged), values the
 * caller keeps, and nested transforms, at sizes where recycling is on.
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../engine/index.ts'
import {
  HESSIAN_METHODS,
  Tensor,
  add,
  concat,
  concrete,
  cos,
  cumsum,
  exp,
  getindex,
  gradient,
  hessian,
  mul,
  neg,
  pow,
  range,
  record,
  reshape,
  sin,
  sub,
  sum,
  tanh,
  vjp,
} from '../../../engine/index.ts'
import { seededRandom } from '../../../engine/panels/seeded.ts'

const N = 100 // above the size from which the sweep recycles

function randomVector(n: number, seed: number): Tensor {
  const next = seededRandom(seed)
  return new Tensor(
    [n],
    Float64Array.from({ length: n }, () => 2 * next() - 1),
  )
}

/** The gradient with recycling on (plain) and off (recorded), as plain arrays. */
function bothWays(f: (x: Value) => Value, x: Tensor): [number[], number[]] {
  const plain = Array.from(concrete(gradient(f, x)).data)
  const recorded = Array.from(concrete(record(() => gradient(f, x)).result).data)
  return [plain, recorded]
}

const rosenbrock = (x: Value): Value => {
  const n = x.shape[0]!
  const x2 = getindex(x, [range(1, n)])
  const x1 = getindex(x, [range(0, n - 1)])
  return sum(add(mul(100, pow(sub(x2, pow(x1, 2)), 2)), pow(sub(1, x1), 2)))
}

/** Rosenbrock's gradient in closed form. */
function rosenbrockGradient(x: Float64Array): number[] {
  const n = x.length
  const g = new Array<number>(n).fill(0)
  for (let i = 0; i < n - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!
    g[i]! += -400 * x[i]! * a - 2 * (1 - x[i]!)
    g[i + 1]! += 200 * a
  }
  return g
}

describe('reverse mode reusing cotangent memory', () => {
  const cases: [string, (x: Value) => Value][] = [
    ['Rosenbrock (slices, powers, a scalar times a vector)', rosenbrock],
    // add hands its cotangent to both arguments unchanged: one buffer, two readers.
    ['sum(sin(x) + cos(x)), a cotangent shared by two nodes', (x) => sum(add(sin(x), cos(x)))],
    ['sum(x .* x + x), three uses of x', (x) => sum(add(mul(x, x), x))],
    [
      'exp(x[idx]) at indices out of order, with repeats',
      (x) => sum(exp(getindex(x, [[5, 3, 3, 90, 0, 1, 2, ...range(10, 80)]]))),
    ],
    ['cumsum, reshape and concat', (x) => sum(mul(concat([cumsum(x), neg(x)]), reshape(concat([x, x]), [2 * N])))],
    // concat's pullback gives each argument a view into its cotangent; exp's pullback runs
    // after it and before the views are read (sin and cos come first on the tape), and makes a
    // buffer of the same size.
    [
      'concat, pulled back as views, with a same-sized product in between',
      (x) => {
        const p = sin(x)
        const q = cos(x)
        const big = exp(concat([x, x]))
        return sum(mul(concat([p, q]), big))
      },
    ],
    [
      'tanh of a slice in the middle plus the whole',
      (x) => add(sum(tanh(getindex(x, [range(20, 90)]))), sum(pow(x, 3))),
    ],
  ]
  for (const [name, f] of cases) {
    it(`${name}: the same gradient, bit for bit, with and without recycling`, () => {
      const x = randomVector(N, 7)
      const [plain, recorded] = bothWays(f, x)
      expect(plain).toEqual(recorded)
      // And again: the second run draws on memory the first gave back.
      expect(Array.from(concrete(gradient(f, x)).data)).toEqual(recorded)
    })
  }

  it('Rosenbrock: the recycled gradient is the closed form, over several runs in a row', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const x = randomVector(N, seed)
      const g = concrete(gradient(rosenbrock, x)).data
      const want = rosenbrockGradient(x.data)
      for (let i = 0; i < N; i++) expect(g[i]).toBeCloseTo(want[i]!, 9)
    }
  })

  it('a shared cotangent is not overwritten while its second reader still needs it', () => {
    // d/dx sum(sin(x) + cos(x)) = cos(x) - sin(x): the cotangent of the sum reaches sin and cos
    // as one buffer; if cos's pullback gave it back, its own products would overwrite it before
    // sin's pullback read it.
    const x = randomVector(N, 3)
    const g = concrete(gradient((v) => sum(add(sin(v), cos(v))), x)).data
    for (let i = 0; i < N; i++) expect(g[i]).toBe(Math.cos(x.data[i]!) - Math.sin(x.data[i]!))
  })

  it('what the caller holds is never reused: results, cotangents passed in, values f kept', () => {
    const x = randomVector(N, 4)
    const kept: Value[] = []
    const f = (v: Value): Value => {
      const y = sin(v)
      kept.push(y)
      return sum(mul(y, y))
    }
    const g1 = concrete(gradient(f, x))
    const g1Copy = Array.from(g1.data)
    const keptCopy = Array.from(concrete(kept[0]!).data)
    const v = randomVector(N, 5)
    const vCopy = Array.from(v.data)
    const u = concrete(vjp((z) => add(sin(z), z), x, v))
    const uCopy = Array.from(u.data)
    for (let k = 0; k < 3; k++) gradient(f, randomVector(N, 10 + k))
    vjp((z) => add(sin(z), z), x, v)
    expect(Array.from(g1.data)).toEqual(g1Copy)
    expect(Array.from(concrete(kept[0]!).data)).toEqual(keptCopy)
    expect(Array.from(v.data)).toEqual(vCopy)
    expect(Array.from(u.data)).toEqual(uCopy)
  })

  it('nested: every Hessian method agrees with the closed form at n = 70 (inner sweeps see boxes, not plain tensors)', () => {
    const n = 70
    const x = randomVector(n, 9)
    const H = new Float64Array(n * n)
    for (let i = 0; i < n - 1; i++) {
      const xi = x.data[i]!
      H[i * n + i]! += 1200 * xi * xi - 400 * x.data[i + 1]! + 2
      H[(i + 1) * n + i + 1]! += 200
      H[i * n + i + 1]! += -400 * xi
      H[(i + 1) * n + i]! += -400 * xi
    }
    for (const method of HESSIAN_METHODS) {
      const got = concrete(hessian(rosenbrock, x, method)).data
      for (let k = 0; k < n * n; k++) expect(Math.abs(got[k]! - H[k]!)).toBeLessThan(1e-9 * (1 + Math.abs(H[k]!)))
    }
  })
})
