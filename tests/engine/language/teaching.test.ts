/**
 * Teaching messages name the learner's own function and point, in the cell's language, and
 * every call they suggest runs as typed: each suggestion is run in the same notebook and its
 * value compared with the closed form (f(x) = |Ax|², so ∇f = 2AᵀAx and H = 2AᵀA; q(x) = Σxᵢ⁴,
 * so ∇q = 4x³ and its Jacobian diag(12x²)).
 */
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../engine/standard.ts'
import type { CellLanguage } from '../../../engine/language/frontends/cell.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'
import '../../../engine/language/julia/index.ts'
import { TeachingError } from '../../../engine/language/teaching.ts'
import { A, X1, expectNear, matmulPlain, transposePlain } from './helpers.ts'

/** 2AᵀA: the Hessian of f, and the Jacobian of its gradient g. */
const H = matmulPlain(transposePlain(A), A).map((row) => row.map((v) => 2 * v))
const diag = (d: number[]) => d.map((v, i) => d.map((_, j) => (i === j ? v : 0)))
/** The Jacobian of ∇q at x: diag(12x²). */
const jacobianOfGradQ = (x: number[]) => diag(x.map((v) => 12 * v * v))

function notebook(language: CellLanguage) {
  const scope = new Scope()
  return {
    run(source: string): Json {
      const r = runCell(source, scope, language)
      if (!r.ok) expect.fail(`${source} failed: ${r.error}`)
      return toJson(r.value)
    },
    fail(source: string): { error: string; taught: TeachingError } {
      const r = runCell(source, scope, language)
      if (r.ok) expect.fail(`${source} was expected to fail`)
      expect(r.cause, r.error).toBeInstanceOf(TeachingError)
      return { error: r.error, taught: r.cause as TeachingError }
    },
  }
}

const AD_PRELUDE = [
  'A = [0, 3, 2; 1, 0, 3; 2, 1, 0]',
  'x1 = [0, 1, 2]',
  'f(x) = sum(abs2, A * x)',
  'g(x) = gradient(f, x)',
  'q(x) = sum(x .^ 4)',
  'gq(x) = gradient(q, x)',
]

function adNotebook() {
  const nb = notebook('ad')
  for (const cell of AD_PRELUDE) nb.run(cell)
  return nb
}

describe('ad cells: the gradient of a vector-valued function', () => {
  it('names g and x1 as typed, and jacobian(g, x1) gives 2AᵀA', () => {
    const nb = adNotebook()
    const { error, taught } = nb.fail('gradient(g, x1)')
    expect(error).toContain('g returns a 3-vector')
    // g is defined as the gradient of f, so its Jacobian is f's Hessian, which the message says too.
    expect(taught.suggestions).toEqual(['jacobian(g, x1)', 'tf_gradients(g, x1)', 'hessian(f, x1)'])
    expect(error).toContain('g is itself the gradient of f, so this Jacobian is the Hessian of f: hessian(f, x1)')
    expectNear(nb.run(taught.suggestions[2]!), H)
    expect(taught.teaching).toMatchObject({ kind: 'non-scalar-output', fn: 'g', point: 'x1' })
    expect(error).not.toContain('jacobian(f, x)')
    expectNear(nb.run(taught.suggestions[0]!), H)
    // tf.gradients' sum trap: Jᵀ·1, the row sums of the symmetric 2AᵀA.
    expectNear(
      nb.run(taught.suggestions[1]!),
      H.map((row) => row.reduce((a, b) => a + b)),
    )
  })

  it("inside the learner's functions, names the function and the point of the top-level call", () => {
    const nb = adNotebook()
    nb.run('h(x) = gradient(gq, x)')
    const { error, taught } = nb.fail('h(x1)')
    expect(error).toMatch(/^line 1, in h\(x1\): /)
    expect(error).toContain('inside h')
    expect(taught.suggestions[0]).toBe('jacobian(gq, x1)')
    expectNear(nb.run(taught.suggestions[0]!), jacobianOfGradQ(X1))
  })

  it('replaces parameters by the arguments as written, frame by frame', () => {
    const nb = adNotebook()
    nb.run('h(x) = gradient(gq, x)')
    nb.run('k(y) = h(2 * y + 1)')
    const { taught } = nb.fail('k(x1)')
    expect(taught.suggestions[0]).toBe('jacobian(gq, 2 * x1 + 1)')
    expectNear(nb.run(taught.suggestions[0]!), jacobianOfGradQ(X1.map((v) => 2 * v + 1)))
  })

  it('a function passed as an argument is followed out too', () => {
    const nb = adNotebook()
    nb.run('twice(F, p) = gradient(F, p)')
    const { taught } = nb.fail('twice(gq, x1)')
    expect(taught.suggestions[0]).toBe('jacobian(gq, x1)')
  })

  it('a local variable stays inside its function, and the message says where to write it', () => {
    const nb = adNotebook()
    // A function called by a builtin (map) is not reached through a call as written.
    nb.run('m(x) = gradient(gq, [x, x, x])')
    const { error, taught } = nb.fail('map(m, x1)')
    expect(taught.frame).toBe('m')
    expect(error).toContain('write it inside m')
    expect(taught.suggestions[0]).toBe('jacobian(gq, [x, x, x])')
  })

  it('the Hessian of a vector-valued function suggests its Jacobian', () => {
    const nb = adNotebook()
    const { error, taught } = nb.fail('hessian(g, x1)')
    expect(error).toContain('g returns a 3-vector')
    expectNear(nb.run(taught.suggestions[0]!), H)
  })
})

describe('ad cells: gradient(gradient(f), x)', () => {
  it('says gradient(f) needs a point and that the gradient of a gradient is the Hessian', () => {
    const nb = adNotebook()
    const { error, taught } = nb.fail('gradient(gradient(f), x1)')
    expect(error).toContain('gradient(f) needs a point')
    expect(error).toContain('Hessian')
    expect(taught.suggestions).toEqual(['jacobian(grad_f(x) = gradient(f, x), x1)', 'hessian(f, x1)'])
    for (const s of taught.suggestions) expectNear(nb.run(s), H)
  })

  it("with the learner's own names: a point called x and a function called q", () => {
    const nb = adNotebook()
    nb.run('x = [1, -1, 2]')
    const { taught } = nb.fail('jacobian(gradient(q), x)')
    expect(taught.suggestions).toEqual(['jacobian(grad_q(y) = gradient(q, y), x)', 'hessian(q, x)'])
    for (const s of taught.suggestions) expectNear(nb.run(s), jacobianOfGradQ([1, -1, 2]))
  })

  it('gradient(f) alone says it needs a point and writes the gradient as a function', () => {
    const nb = adNotebook()
    const { error, taught } = nb.fail('gradient(f)')
    expect(error).toContain('gradient(f) needs a point')
    nb.run(taught.suggestions[0]!)
    expectNear(
      nb.run('grad_f(x1)'),
      matmulPlain(
        H,
        X1.map((v) => [v]),
      ).map((r) => r[0]!),
    )
  })
})

// Julia cells: Zygote's gradient and jacobian return tuples, so a suggestion takes [1]; the
// thread's own definitions (../shared/seed/): g is the gradient of f, h the gradient of g.
const JULIA_PRELUDE = [
  'A = [0 3 2; 1 0 3; 2 1 0]',
  'x1 = [0, 1, 2]',
  'f(x) = sum(abs2, A * x)',
  'g(x) = Zygote.gradient(x_ -> f(x_), x)[1]',
  'q(x) = sum(x .^ 4)',
]

function juliaNotebook() {
  const nb = notebook('julia')
  for (const cell of JULIA_PRELUDE) nb.run(cell)
  return nb
}

describe('Julia cells: the gradient of a vector-valued function', () => {
  it("the thread's h(x1) names g (seen through x_ -> g(x_)) and x1, and the suggestion is the Hessian", () => {
    const nb = juliaNotebook()
    nb.run('h(x) = Zygote.gradient(x_ -> g(x_), x)[1]')
    const { error, taught } = nb.fail('h(x1)')
    expect(error).toMatch(/^line 1, column 1, in h\(x1\): /)
    expect(error).toContain('g returns a 3-vector (in Zygote.gradient(x_ -> g(x_), x), inside h)')
    expect(taught.suggestions[0]).toBe('Zygote.jacobian(g, x1)[1]')
    expect(error).toContain('jacobian(g, x1)[1]')
    // The thread's g is the gradient of f: the Jacobian asked for is f's Hessian.
    expect(taught.suggestions[2]).toBe('Zygote.hessian(f, x1)')
    expectNear(nb.run(taught.suggestions[2]!), H)
    // Zygote's jacobian returns a tuple: [1] is the matrix, here the Jacobian of ∇f, 2AᵀA.
    expectNear(nb.run(taught.suggestions[0]!), H)
    expectNear(
      nb.run(taught.suggestions[1]!),
      H.map((row) => row.reduce((a, b) => a + b)),
    )
  })

  it('a bare gradient suggests the bare jacobian with [1]', () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('gradient(g, x1)')
    expect(taught.suggestions[0]).toBe('jacobian(g, x1)[1]')
    expectNear(nb.run(taught.suggestions[0]!), H)
  })

  it("ForwardDiff's jacobian returns the matrix itself: no [1]", () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('ForwardDiff.gradient(g, x1)')
    expect(taught.suggestions[0]).toBe('ForwardDiff.jacobian(g, x1)')
    expectNear(nb.run(taught.suggestions[0]!), H)
  })

  it('an anonymous function that is not a plain call is quoted as written, and runs', () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('gradient(x -> 2 .* x .^ 2, x1)')
    expect(taught.suggestions[0]).toBe('jacobian(x -> 2 .* x .^ 2, x1)[1]')
    // d(2xᵢ²)/dxⱼ = 4xᵢ δᵢⱼ
    expectNear(nb.run(taught.suggestions[0]!), diag(X1.map((v) => 4 * v)))
  })

  it('parameters are replaced through two functions, in Julia syntax', () => {
    const nb = juliaNotebook()
    nb.run('gq(x) = gradient(q, x)[1]')
    nb.run('function outer(y)\n  return inner(2y .+ 1)\nend')
    nb.run('inner(p) = gradient(gq, p)')
    const { taught } = nb.fail('outer(x1)')
    // 2y is printed back as 2 * y, which Julia reads the same.
    expect(taught.suggestions[0]).toBe('jacobian(gq, 2 * x1 .+ 1)[1]')
    expectNear(nb.run(taught.suggestions[0]!), jacobianOfGradQ(X1.map((v) => 2 * v + 1)))
  })

  it('a local variable keeps the suggestion inside its function, which the message names', () => {
    const nb = juliaNotebook()
    nb.run('function k(y)\n  z = 2y\n  gradient(g, z)\nend')
    const { error, taught } = nb.fail('k(x1)')
    expect(taught.frame).toBe('k')
    expect(error).toMatch(/^line 1, column 1, in k\(x1\): /)
    expect(error).toContain('jacobian(g, z)[1] (write it inside k')
  })

  it('the Hessian of a vector-valued function suggests its Jacobian', () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('hessian(g, x1)')
    expect(taught.suggestions[0]).toBe('jacobian(g, x1)[1]')
    expectNear(nb.run(taught.suggestions[0]!), H)
  })
})

describe('Julia cells: gradient(gradient(f), x)', () => {
  it('gives jacobian(x -> gradient(f, x)[1], x1)[1] and hessian(f, x1), both 2AᵀA', () => {
    const nb = juliaNotebook()
    const { error, taught } = nb.fail('gradient(gradient(f), x1)')
    expect(error).toContain('gradient(f) needs a point')
    expect(error).toContain('the Jacobian of the gradient')
    expect(taught.suggestions).toEqual(['jacobian(x -> gradient(f, x)[1], x1)[1]', 'hessian(f, x1)'])
    for (const s of taught.suggestions) expectNear(nb.run(s), H)
  })

  it("keeps the learner's module names, and picks a parameter name their point does not use", () => {
    const nb = juliaNotebook()
    nb.run('x = [1, -1, 2]')
    const { taught } = nb.fail('Zygote.gradient(Zygote.gradient(q), x)')
    expect(taught.suggestions).toEqual(['Zygote.jacobian(y -> Zygote.gradient(q, y)[1], x)[1]', 'Zygote.hessian(q, x)'])
    for (const s of taught.suggestions) expectNear(nb.run(s), jacobianOfGradQ([1, -1, 2]))
  })

  it('gradient(f) alone writes the gradient as a function', () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('gradient(f)')
    expect(taught.suggestions).toEqual(['x -> gradient(f, x)[1]'])
    nb.run(`df = ${taught.suggestions[0]!}`)
    expectNear(
      nb.run('df(x1)'),
      matmulPlain(
        H,
        X1.map((v) => [v]),
      ).map((r) => r[0]!),
    )
  })
})

describe('Julia cells: functions the notebook does not have say what to write instead', () => {
  it('push! suggests a new array made with vcat, under the same name', () => {
    const nb = juliaNotebook()
    nb.run('y = [1, 2]')
    const { taught } = nb.fail('push!(y, 3)')
    expect(taught.suggestions).toEqual(['y = vcat(y, 3)'])
    nb.run(taught.suggestions[0]!)
    expect(nb.run('y')).toEqual([1, 2, 3])
  })

  it('a package to install is named, without a suggestion', () => {
    const nb = juliaNotebook()
    const { error, taught } = nb.fail('Pkg.add("Zygote")')
    expect(error).toContain('nothing is installed or loaded here')
    expect(taught.suggestions).toEqual([])
  })

  it('a name defined by the learner is theirs, and an unknown one is still "not defined"', () => {
    const nb = juliaNotebook()
    nb.run('similar(k) = k % 2')
    expect(nb.run('similar(3)')).toBe(1)
    const r = runCell('nope(1)', new Scope(), 'julia')
    expect(r.ok ? '' : r.error).toContain('nope is not defined')
  })
})

describe('more ways to ask for a derivative of a derivative', () => {
  it("Julia's g'(x1) of a vector-valued g names g and suggests its Jacobian", () => {
    const nb = juliaNotebook()
    const { error, taught } = nb.fail("g'(x1)")
    expect(error).toContain("g' needs a function with a scalar output, but g returns a 3-vector")
    expect(taught.suggestions[0]).toBe('jacobian(g, x1)[1]')
    expectNear(nb.run(taught.suggestions[0]!), H)
  })

  it('withgradient of a vector-valued function suggests the Jacobian too', () => {
    const nb = juliaNotebook()
    const { taught } = nb.fail('Zygote.withgradient(g, x1)')
    expect(taught.suggestions[0]).toBe('Zygote.jacobian(g, x1)[1]')
  })

  it('derivative(derivative(sin), x) is the second derivative, −sin x, in both languages', () => {
    for (const [language, expected] of [
      ['julia', 'derivative(x -> derivative(sin, x), 1.0)'],
      // mathjs keeps no literal's spelling: 1.0 is printed back as 1.
      ['ad', 'derivative(deriv_sin(x) = derivative(sin, x), 1)'],
    ] as const) {
      const nb = notebook(language)
      const { error, taught } = nb.fail('derivative(derivative(sin), 1.0)')
      expect(error).toContain('second derivative of sin')
      expect(taught.suggestions).toEqual([expected])
      expectNear(nb.run(expected), -Math.sin(1))
    }
  })

  it("gradient(f)(x1), JAX's way, says the point goes in the same call", () => {
    const nb = juliaNotebook()
    const { error, taught } = nb.fail('gradient(f)(x1)')
    expect(error).toContain('how JAX writes it')
    expect(taught.suggestions).toEqual(['gradient(f, x1)[1]'])
    expectNear(
      nb.run(taught.suggestions[0]!),
      matmulPlain(
        H,
        X1.map((v) => [v]),
      ).map((r) => r[0]!),
    )
  })
})
