/**
 * The untaken-branch trap in every mode, as the real tools have it. ifelse / jnp.where /
 * torch.where compute both branches and keep one; at v = 0, sqrt's slope 1/(2√v) is Inf, and at
 * v < 0 (JAX, PyTorch) sqrt's value and slope are NaN.
 *  - Reverse mode (Zygote, jax.grad, torch.func.grad): the branch not taken gets a cotangent 0,
 *    and 0·Inf = 0·NaN = NaN reaches the gradient.
 *  - Forward mode (ForwardDiff.derivative, jax.jvp): the select keeps the taken branch's tangent
 *    and drops the other, so the derivative is the taken branch's (0 here): no NaN.
 *  - Hessians: forward over forward (ForwardDiff.hessian) has no NaN; any nesting with a reverse
 *    pass (Zygote.hessian, forward over reverse; hessian_reverse; jax.hessian) has NaN in the
 *    entries of the row of the untaken entry.
 * Every NaN comes with a note naming the branch and the fix, the "double where", which gives the
 * closed forms everywhere: d/dv = 1/(2√v) for v > 0 and 0 otherwise, d²/dv² = -1/(4 v^(3/2)).
 */
import { describe, expect, it } from 'vitest'
import { notesOf } from '../../../engine/ad/notes.ts'
import type { CellResult } from '../../../engine/standard.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'

const julia = (source: string) => runCell(source, new Scope(), 'julia')
const python = (source: string) =>
  runCell(`import jax\nimport jax.numpy as jnp\nimport torch\n${source}`, new Scope(), 'python')

function ok(r: CellResult) {
  if (!r.ok) expect.fail(r.error)
  // Through JSON, so -0 (an off-diagonal 0·(-x)) compares equal to 0.
  return { json: JSON.parse(JSON.stringify(toJson(r.value))) as unknown, notes: notesOf(r.value).join('\n') }
}

const REVERSE_NOTE = /NaN from the first branch of (ifelse|where), not taken here.*"double where"/
const FORWARD_NOTE = /forward mode: the first branch of (ifelse|where), not taken here.*discarded it/
const TRAP = 'trap(v) = sum(ifelse.(v .> 0, sqrt.(v), 0.0))'
const SAFE = 'safe(v) = sum(ifelse.(v .> 0, sqrt.(ifelse.(v .> 0, v, 1.0)), 0.0))'

describe('Julia, a scalar ifelse at v = 0', () => {
  it('reverse mode (Zygote) gives NaN with the note', () => {
    const { json, notes } = ok(julia('using Zygote\nZygote.gradient(v -> ifelse(v > 0, sqrt(v), 0.0), 0.0)'))
    expect(json).toEqual({ tuple: ['NaN'] })
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it("forward mode (ForwardDiff) gives the taken branch's 0: the select drops sqrt's Inf tangent, and a note says so", () => {
    const { json, notes } = ok(
      julia('using ForwardDiff\nForwardDiff.derivative(v -> ifelse(v > 0, sqrt(v), 0.0), 0.0)'),
    )
    expect(json).toBe(0)
    expect(notes).toMatch(FORWARD_NOTE)
    expect(notes).toMatch(/Reverse mode \(Zygote\) gives NaN here instead/)
  })

  it('at v = -1 Julia throws: both branches are computed, and sqrt(-1.0) is a DomainError', () => {
    const r = julia('using Zygote\nZygote.gradient(v -> ifelse(v > 0, sqrt(v), 0.0), -1.0)')
    expect(r.ok).toBe(false)
  })
})

describe("x·log(x), cut off at 0 (the entropy term; the example of JAX's FAQ on where and NaN gradients)", () => {
  it("forward mode: the untaken branch's value 0·(-Inf) and its tangent are NaN, the select drops both: 0", () => {
    const { json, notes } = ok(
      julia('using ForwardDiff\nForwardDiff.derivative(x -> ifelse(x > 0, x * log(x), 0.0), 0.0)'),
    )
    expect(json).toBe(0)
    expect(notes).toMatch(FORWARD_NOTE)
  })

  it('reverse mode: the product rule multiplies the 0 cotangent by log(0) = -Inf: NaN, with the note', () => {
    const { json, notes } = ok(julia('using Zygote\nZygote.gradient(x -> ifelse(x > 0, x * log(x), 0.0), 0.0)'))
    expect(json).toEqual({ tuple: ['NaN'] })
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('jax.grad of jnp.where(x > 0, x * jnp.log(x), 0.) at 0 is nan; with the double where, 0', () => {
    const trap = ok(python('jax.grad(lambda x: jnp.where(x > 0, x * jnp.log(x), 0.))(0.)'))
    expect(trap.json).toBe('NaN')
    expect(trap.notes).toMatch(REVERSE_NOTE)
    const safe = ok(
      python(
        'jax.grad(lambda x: jnp.where(x > 0, jnp.where(x > 0, x, 1.) * jnp.log(jnp.where(x > 0, x, 1.)), 0.))(0.)',
      ),
    )
    expect(safe.json).toBe(0)
  })
})

describe('Julia, a broadcast ifelse.(v .> 0, sqrt.(v), 0.0) at v = [0, 4]', () => {
  it('has the value [0, 2]', () => {
    expect(ok(julia('v = [0.0, 4.0]; ifelse.(v .> 0, sqrt.(v), 0.0)')).json).toEqual([0, 2])
  })

  it('gradient: [NaN, 1/4], with the note', () => {
    const { json, notes } = ok(julia(`using Zygote\n${TRAP}\nZygote.gradient(trap, [0.0, 4.0])`))
    expect(json).toEqual({ tuple: [['NaN', 0.25]] })
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('jacobian (one pullback per row): column 1 is NaN, the diagonal entry 2 is 1/4', () => {
    const { json, notes } = ok(julia('using Zygote\nZygote.jacobian(v -> ifelse.(v .> 0, sqrt.(v), 0.0), [0.0, 4.0])'))
    expect(json).toEqual({
      tuple: [
        [
          ['NaN', 0],
          ['NaN', 0.25],
        ],
      ],
    })
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('ForwardDiff.hessian (forward over forward) has no NaN: [0 0; 0 -1/32]', () => {
    const { json, notes } = ok(julia(`using ForwardDiff\n${TRAP}\nForwardDiff.hessian(trap, [0.0, 4.0])`))
    expect(json).toEqual([
      [0, 0],
      [0, -1 / 32],
    ])
    expect(notes).toMatch(FORWARD_NOTE)
  })

  it('Zygote.hessian (forward over reverse): row 1 is NaN, H[2,1] = 0, H[2,2] = -1/32, with the note', () => {
    const { json, notes } = ok(julia(`using Zygote\n${TRAP}\nZygote.hessian(trap, [0.0, 4.0])`))
    expect(json).toEqual([
      ['NaN', 'NaN'],
      [0, -1 / 32],
    ])
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('Zygote.hessian_reverse (reverse over reverse): NaN reaches H[1,1]; H[2,2] = -1/32; with the note', () => {
    const { json, notes } = ok(julia(`using Zygote\n${TRAP}\nZygote.hessian_reverse(trap, [0.0, 4.0])`))
    const h = json as (number | string)[][]
    expect(h[0]![0]).toBe('NaN')
    expect(h[1]![1]).toBe(-1 / 32)
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('the double where gives the closed forms in every mode, with no NaN note', () => {
    const { json, notes } = ok(
      julia(
        `using Zygote, ForwardDiff\n${SAFE}\n(Zygote.gradient(safe, [0.0, 4.0])[1], Zygote.hessian(safe, [0.0, 4.0]), Zygote.hessian_reverse(safe, [0.0, 4.0]), ForwardDiff.hessian(safe, [0.0, 4.0]))`,
      ),
    )
    const h = [
      [0, 0],
      [0, -1 / 32],
    ]
    expect(json).toEqual({ tuple: [[0, 0.25], h, h, h] })
    expect(notes).not.toMatch(/NaN/)
  })
})

describe('Python: jnp.where and torch.where', () => {
  it('jax.grad at x = -1 is nan (sqrt(-1.) is nan, times the 0 cotangent), with the note and a jnp.where fix', () => {
    const { json, notes } = ok(python('jax.grad(lambda x: jnp.where(x > 0, jnp.sqrt(x), 0.))(-1.)'))
    expect(json).toBe('NaN')
    expect(notes).toMatch(REVERSE_NOTE)
    expect(notes).toMatch(/jnp\.where\(c, jnp\.sqrt\(jnp\.where\(c, x, 1\.0\)\), 0\.0\)/)
    expect(notes).toMatch(/the chain rule computes 0 × NaN = NaN/)
  })

  it("jax.jvp at x = -1 keeps the taken branch's tangent 0: (0., 0.), with the forward note", () => {
    const { json, notes } = ok(python('jax.jvp(lambda x: jnp.where(x > 0, jnp.sqrt(x), 0.), (-1.,), (1.,))'))
    expect(json).toEqual({ tuple: [0, 0] })
    expect(notes).toMatch(FORWARD_NOTE)
  })

  it('jax.hessian (forward over reverse) at [0, 4]: row 1 nan, H[2,2] = -1/32', () => {
    const { json, notes } = ok(
      python('jax.hessian(lambda x: jnp.sum(jnp.where(x > 0, jnp.sqrt(x), 0.)))(jnp.array([0., 4.]))'),
    )
    expect(json).toEqual([
      ['NaN', 'NaN'],
      [0, -1 / 32],
    ])
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('torch.func.grad through torch.where at 0 is nan, with the note', () => {
    const { json, notes } = ok(
      python('torch.func.grad(lambda x: torch.where(x > 0, torch.sqrt(x), 0.))(torch.tensor(0.))'),
    )
    expect(json).toBe('NaN')
    expect(notes).toMatch(REVERSE_NOTE)
  })

  it('the double where: jax.grad at -1, 0 and 4 is 0, 0 and 1/4', () => {
    const { json, notes } = ok(
      python('g = jax.grad(lambda x: jnp.where(x > 0, jnp.sqrt(jnp.where(x > 0, x, 1.)), 0.))\n(g(-1.), g(0.), g(4.))'),
    )
    expect(json).toEqual({ tuple: [0, 0, 0.25] })
    expect(notes).not.toMatch(/NaN|nan/)
  })
})

describe('a branch ifelse computes although it is not taken, failing on its own', () => {
  it('ifelse(v > 0, sqrt(v), 0.0) at -1 stops at sqrt(-1) (Julia: DomainError) and says both branches run, with the fixes', () => {
    const r = julia('r(v) = ifelse(v > 0, sqrt(v), 0.0)\nr(-1.0)')
    if (r.ok) expect.fail('r(-1.0) gave a value')
    expect(r.error).toMatch(
      /sqrt\(-1\) is undefined.*ifelse computes both of its branches.*"double where".*c \? sqrt\(x\) : 0\.0/,
    )
  })

  it('the same hint in a broadcast ifelse.(...)', () => {
    const r = julia('ifelse.([-1.0, 4.0] .> 0, sqrt.([-1.0, 4.0]), 0.0)')
    if (r.ok) expect.fail('gave a value')
    expect(r.error).toMatch(/ifelse computes both of its branches/)
  })
})
