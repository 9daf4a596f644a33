/**
 * show_pullbacks(f, x), run as a learner writes it in a cell. The seed example is checked
 * against the Hessian 2AᵀA worked out by hand, a non-square function against central finite
 * differences of a plain-JavaScript copy of it (never the engine's derivatives), and the limits
 * against the messages a learner would read.
 */
import { describe, expect, it } from 'vitest'
import { MAX_GRAPH_NODES, MAX_INPUTS, MAX_OUTPUTS } from '../../../engine/panels/pullbacks.ts'
import { SEED_HESSIAN, panelOf, seedSession } from './helpers.ts'
import { toDisplay } from '../../../engine/standard.ts'
import type { Session } from '../language/helpers.ts'
import { A, failure, matmulPlain, session, transposePlain } from '../language/helpers.ts'

const HESSIAN = SEED_HESSIAN

/** The pullbacks spec a cell ends with. */
const pullbacks = (source: string, s: Session = session()) => panelOf('pullbacks', source, s)

const seed = () => seedSession('g(x) = gradient(f, x)')

const close = (a: number, b: number, tol = 1e-9) =>
  expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
const closeAll = (a: readonly number[], b: readonly number[], tol = 1e-9) => {
  expect(a.length).toBe(b.length)
  a.forEach((x, k) => close(x, b[k]!, tol))
}

describe('show_pullbacks(g, x1) on the seed example, g = gradient(f, .)', () => {
  const spec = pullbacks('show_pullbacks(g, x1)', seed())

  it('the oracle itself: 2AᵀA is the Hessian the seed thread gives', () => {
    const twoAtA = matmulPlain(transposePlain(A), A).map((r) => r.map((v) => 2 * v))
    expect(twoAtA).toEqual(HESSIAN)
  })

  it('pulls back e_1, e_2, e_3 into the rows of the Hessian', () => {
    expect(spec.m).toBe(3)
    expect(spec.n).toBe(3)
    expect(spec.reverse.passes.map((p) => p.seed)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
    expect(spec.reverse.passes.map((p) => p.row)).toEqual(HESSIAN)
    expect(spec.jacobian).toEqual(HESSIAN)
  })

  it('the cotangent each reverse pass leaves at the input is its row', () => {
    spec.reverse.passes.forEach((p, i) => {
      const last = p.steps[p.steps.length - 1]!
      expect(last.node).toBe(spec.input)
      expect(last.cotangent).toEqual(HESSIAN[i])
    })
  })

  it('each reverse pass starts at the output with e_i and visits nodes from right to left', () => {
    spec.reverse.passes.forEach((p) => {
      expect(p.steps[0]!.node).toBe(spec.output)
      expect(p.steps[0]!.cotangent).toEqual(p.seed)
      const order = p.steps.map((s) => s.node)
      expect([...order].sort((a, b) => b - a)).toEqual(order)
    })
  })

  it('pushes e_1, e_2, e_3 forward into the same matrix, column by column', () => {
    expect(spec.forward.passes.map((p) => p.column)).toEqual(transposePlain(HESSIAN))
    expect(spec.rowsVsColumns).toBe(0)
    spec.forward.passes.forEach((p, j) => {
      expect(p.steps[0]).toEqual({ node: spec.input, tangent: p.seed })
      const out = p.steps.find((s) => s.node === spec.output)
      expect(out?.tangent).toEqual(HESSIAN.map((r) => r[j]))
    })
  })

  it('counts 1 primal + 3 reverse passes against 3 forward passes, with their operations', () => {
    expect(spec.reverse.passes).toHaveLength(3)
    expect(spec.forward.passes).toHaveLength(3)
    const perPass = spec.reverse.passes.reduce((s, p) => s + p.ops, 0)
    expect(spec.reverse.primalOps + perPass).toBe(spec.reverse.ops)
    expect(spec.forward.passes.reduce((s, p) => s + p.ops, 0)).toBe(spec.forward.ops)
    expect(spec.reverse.ops).toBeGreaterThan(0)
    expect(spec.forward.ops).toBeGreaterThan(0)
    // g's own gradient runs inside: one primal and one reverse pass each time g is evaluated.
    expect(spec.reverse.innerPasses).toBe(2)
    expect(spec.forward.innerPasses).toBe(6)
    expect(spec.summary).toContain('3 pullbacks (rows)')
    expect(spec.summary).toContain('3 pushforwards (columns)')
  })

  it('the all-ones pullback is [20, 36, 44], the gradient of sum(g(x))', () => {
    expect(spec.allOnes.v).toEqual([1, 1, 1])
    expect(spec.allOnes.result).toEqual([20, 36, 44])
    expect(spec.allOnes.meaning).toBe('the gradient of sum(g(x))')
  })

  it("draws g's graph: x, the matrix A, the primal values, and the backward matmul by Aᵀ", () => {
    const x = spec.nodes[spec.input]!
    expect(x).toMatchObject({ role: 'input', label: 'x', value: { shape: [3], data: [0, 1, 2] } })
    expect(spec.nodes.some((n) => n.role === 'constant' && n.value.data.join() === A.flat().join())).toBe(true)
    const sum = spec.nodes.find((n) => n.label === 'sum')
    expect(sum?.value.data).toEqual([86]) // f(x1), computed inside g
    const out = spec.nodes[spec.output!]!
    expect(out.value.data).toEqual([16, 44, 64]) // g(x1)
    const matmuls = spec.nodes.filter((n) => n.label === 'matmul').map((n) => n.detail)
    expect(matmuls).toEqual(['A·B', 'Aᵀ·B'])
    spec.nodes.forEach((n, k) => {
      expect(n.id).toBe(k)
      n.inputs.forEach((i) => expect(i).toBeLessThan(k)) // computation order
    })
    expect(spec.nodes.length).toBeLessThanOrEqual(MAX_GRAPH_NODES)
  })

  it('is plain data: it survives structured cloning, as the worker posts it', () => {
    const display = toDisplay(seed().value('show_pullbacks(g, x1)'))
    expect(display.kind).toBe('panel')
    expect(structuredClone(display)).toEqual(display)
    expect(spec.title).toContain('g')
    expect(spec.code.julia).toContain('Zygote.pullback(g, x)')
    expect(spec.code.jax).toContain('jax.vjp(g, x)')
    expect(spec.code.pytorch).toContain('torch.autograd.functional')
  })
})

describe('show_pullbacks(f, x, v): pulling back a chosen cotangent', () => {
  it('gives vᵀJ, equal to the sum of v_i times row i', () => {
    const spec = pullbacks('show_pullbacks(g, x1, [1, 2, 3])', seed())
    expect(spec.cotangent?.v).toEqual([1, 2, 3])
    expect(spec.cotangent?.result).toEqual([36, 80, 108])
    expect(spec.cotangent?.terms).toEqual([
      [10, 4, 6],
      [8, 40, 24],
      [18, 36, 78],
    ])
    // The extra pullbacks are not counted: the counters stay 1 primal + m reverse passes.
    expect(spec.reverse.passes).toHaveLength(3)
  })

  it("puts the learner's v and vᵀJ in the text summary, before the all-ones pullback", () => {
    const spec = pullbacks('show_pullbacks(g, x1, [1, 2, 3])', seed())
    expect(spec.summary).toContain('your v = [1, 2, 3]')
    expect(spec.summary).toContain('vᵀJ = [36, 80, 108]')
    expect(spec.summary.indexOf('your v')).toBeLessThan(spec.summary.indexOf('all ones'))
    // Without a v there is nothing of the learner's to mention.
    expect(pullbacks('show_pullbacks(g, x1)', seed()).summary).not.toContain('your v')
  })

  it('says so when the learner’s v is itself all ones', () => {
    const spec = pullbacks('show_pullbacks(g, x1, [1, 1, 1])', seed())
    expect(spec.summary).toContain('Your v = [1, 1, 1] is all ones')
    expect(spec.summary).toContain('[20, 36, 44]')
  })

  it('says so when v does not have the shape of f(x)', () => {
    const { error } = failure('show_pullbacks(sin, [1, 2], [1, 2, 3])')
    expect(error).toContain('the cotangent v must have the output')
    expect(error).toContain('2-vector')
    expect(error).toContain('3-vector')
  })
})

describe('a non-square example: h maps R² to R³', () => {
  // The same function in plain JavaScript, for finite differences.
  const hPlain = ([a, b]: number[]) => [a! * b!, Math.sin(a!), Math.exp(b!)]
  const x = [0.5, -1.2]
  const s = session()
  s.run('h(x) = [x[1] * x[2]; sin(x[1]); exp(x[2])]')
  const spec = pullbacks('show_pullbacks(h, [0.5, -1.2])', s)

  it('needs m = 3 reverse passes for rows but only n = 2 forward passes for columns', () => {
    expect(spec.m).toBe(3)
    expect(spec.n).toBe(2)
    expect(spec.reverse.passes).toHaveLength(3)
    expect(spec.forward.passes).toHaveLength(2)
    expect(spec.summary).toContain('h maps 2 inputs to 3 outputs')
    expect(spec.summary).toContain('forward mode needs fewer passes')
  })

  it('J agrees with central finite differences, by rows and by columns', () => {
    const step = 1e-6
    const fd = [0, 1].map((j) => {
      const plus = [...x]
      const minus = [...x]
      plus[j]! += step
      minus[j]! -= step
      const [p, m] = [hPlain(plus), hPlain(minus)]
      return p.map((v, i) => (v - m[i]!) / (2 * step))
    }) // fd[j] is column j
    spec.jacobian.forEach((row, i) => closeAll(row, [fd[0]![i]!, fd[1]![i]!], 1e-7))
    spec.forward.passes.forEach((p, j) => closeAll(p.column, fd[j]!, 1e-7))
    expect(spec.rowsVsColumns).toBeLessThan(1e-12)
  })

  it('the all-ones pullback is the column sums of J', () => {
    const sums = [0, 1].map((j) => spec.jacobian.reduce((s, r) => s + r[j]!, 0))
    closeAll(spec.allOnes.result, sums, 1e-12)
  })
})

describe('a scalar output: f maps R³ to R', () => {
  const s = seed()
  const spec = pullbacks('show_pullbacks(f, x1)', s)

  it('J is one row, the gradient, from one reverse pass; forward mode needs one pass per input', () => {
    expect(spec.m).toBe(1)
    expect(spec.n).toBe(3)
    expect(spec.jacobian).toEqual([[16, 44, 64]])
    expect(spec.reverse.passes).toHaveLength(1)
    expect(spec.reverse.passes[0]!.seed).toEqual([1])
    expect(spec.forward.passes.map((p) => p.column)).toEqual([[16], [44], [64]])
    expect(spec.y).toEqual({ shape: [], data: [86] })
  })

  it('calls the pullback of 1 the gradient of f itself, not of a sum', () => {
    expect(spec.allOnes).toMatchObject({ v: [1], result: [16, 44, 64], meaning: 'the gradient of f itself' })
    expect(spec.summary).toContain('f maps 3 inputs to 1 output')
    expect(spec.summary).toContain('reverse mode needs fewer passes')
    expect(spec.summary).toContain('the whole gradient [16, 44, 64] in one reverse pass')
    expect(spec.summary).not.toContain('sum(f(x))')
  })

  it('takes a scalar cotangent v and scales the gradient by it', () => {
    const scaled = pullbacks('show_pullbacks(f, x1, 2)', s)
    expect(scaled.cotangent?.result).toEqual([32, 88, 128])
    expect(scaled.summary).toContain('vᵀJ = [32, 88, 128]')
  })
})

describe('limits, each with what to do instead', () => {
  it(`refuses more than ${MAX_INPUTS} inputs`, () => {
    const { error, cause } = failure('show_pullbacks(sin, ones(13))')
    expect(error).toContain(`x has 13 numbers`)
    expect(error).toContain(`stops at ${MAX_INPUTS}`)
    expect(error).toContain('jacobian(sin, x)')
    expect(cause.kind).toBe('limit')
  })

  it(`refuses more than ${MAX_OUTPUTS} outputs`, () => {
    const { error, cause } = failure('show_pullbacks(r(x) = [x; x; x; x; x], [1, 2, 3])')
    expect(error).toContain('r(x) has 15 numbers')
    expect(error).toContain(`stops at ${MAX_OUTPUTS}`)
    expect(cause.kind).toBe('limit')
  })

  it(`refuses a graph of more than ${MAX_GRAPH_NODES} nodes`, () => {
    const s = session()
    s.run('k(x) = sum(map(x, s(t) = sin(t) * cos(t) + t^2))')
    const { error, cause } = s.failure('show_pullbacks(k, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])')
    expect(error).toMatch(/the graph of k at this x has \d+ nodes/)
    expect(error).toContain(`more than ${MAX_GRAPH_NODES}`)
    expect(error).toContain('jacobian(k, x)')
    expect(cause.kind).toBe('limit')
    // A shorter x of the same function fits.
    expect(pullbacks('show_pullbacks(k, [1, 2])', s).n).toBe(2)
  })

  it('explains a wrong first argument and a function of two arguments', () => {
    expect(failure('show_pullbacks([1, 2], [1, 2])').error).toContain('needs a function as its first argument')
    const s = session()
    s.run('p(a, b) = a * b')
    expect(s.failure('show_pullbacks(p, [1, 2])').error).toContain('collect the inputs into one vector')
  })
})

describe('edge cases', () => {
  it('a function that ignores x: a zero Jacobian, and every pass still ends at x', () => {
    const spec = pullbacks('show_pullbacks(c(x) = [1, 2], [3, 4])')
    expect(spec.output).toBeNull()
    expect(spec.jacobian).toEqual([
      [0, 0],
      [0, 0],
    ])
    spec.reverse.passes.forEach((p) => expect(p.steps.at(-1)?.node).toBe(spec.input))
  })

  it('a scalar function of a scalar: one pass each way', () => {
    const spec = pullbacks('show_pullbacks(sin, 2)')
    expect([spec.m, spec.n]).toEqual([1, 1])
    close(spec.jacobian[0]![0]!, Math.cos(2), 1e-15)
  })
})
