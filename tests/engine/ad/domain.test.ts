/**
 * Fresh NaNs and infinities as each cell language has them (engine/ad/domain.ts), each case
 * checked against the rule of the language it names:
 *  - Julia: Float64 arithmetic is IEEE 754: exp(1000.0) is Inf, 1/Inf is 0.0, 1/0 is Inf, 0/0
 *    and rem(1.0, 0.0) are NaN, log(0.0) is -Inf; sqrt, log and log1p of a number outside their
 *    domain, and a negative base to a non-integer power, throw DomainError.
 *  - JAX, NumPy, PyTorch: IEEE results everywhere (jnp.sqrt(-1.) is nan, np.log(0.) is -inf).
 *  - `ad` cells and the engine's own callers: every fresh NaN or infinity is an error.
 * A kept value is never silent: a note under it says where it came from.
 */
import { describe, expect, it } from 'vitest'
import { bind } from '../../../engine/ad/bind.ts'
import { withNonFinitePolicy } from '../../../engine/ad/domain.ts'
import { notesOf } from '../../../engine/ad/notes.ts'
import type { Primitive } from '../../../engine/ad/primitive.ts'
import { concrete } from '../../../engine/ad/value.ts'
import { exp, scalar } from '../../../engine/index.ts'
import { Tensor } from '../../../engine/tensor/tensor.ts'
import type { CellResult } from '../../../engine/standard.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'

const julia = (source: string) => runCell(source, new Scope(), 'julia')
const python = (source: string) => runCell(source, new Scope(), 'python')

function ok(r: CellResult) {
  if (!r.ok) expect.fail(r.error)
  return { json: toJson(r.value), notes: notesOf(r.value).join('\n') }
}

describe('Julia: IEEE arithmetic, DomainError where Julia throws one', () => {
  it('σ(-1000.0) is 0.0: exp(1000.0) is Inf and 1/(1 + Inf) is 0.0, with a note naming exp and σ', () => {
    const { json, notes } = ok(julia('σ(x) = 1/(1+exp(-x)); σ(-1000.0)'))
    expect(json).toBe(0)
    expect(notes).toMatch(/^exp\(1000\) overflows to infinity \(in σ\): Julia gives Inf here/)
  })

  it.each([
    ['exp(1000.0)', 'Infinity', /exp\(1000\) overflows/],
    ['1e308 * 10', 'Infinity', /overflowed/],
    ['1/0', 'Infinity', /division by zero/],
    ['-1/0', '-Infinity', /division by zero/],
    ['log(0.0)', '-Infinity', /log\(0\) is -Infinity/],
    ['0.0^-1', 'Infinity', /zero to a negative power/],
    ['0.0/0.0', 'NaN', /0\/0/],
    ['rem(1.0, 0.0)', 'NaN', /by zero/],
    ['exp.([1.0, 1000.0])[2]', 'Infinity', /exp\(1000\) overflows/],
  ])('%s is %s, as IEEE gives, with a note', (source, value, why) => {
    const { json, notes } = ok(julia(source))
    expect(json).toBe(value)
    expect(notes).toMatch(why)
    expect(notes).toMatch(/Julia gives (-?Inf|NaN) here, as IEEE arithmetic does/)
  })

  it.each([
    ['sqrt(-1.0)', /sqrt\(-1\) is undefined/],
    ['log(-1.0)', /log\(-1\) is undefined/],
    ['log1p(-2.0)', /log1p\(-2\) is undefined/],
    ['(-8.0)^(1/3)', /has no real value/],
  ])('%s throws, as Julia throws DomainError', (source, why) => {
    const r = julia(source)
    if (r.ok) expect.fail(`${source} gave ${toJson(r.value)}`)
    expect(r.error).toMatch(why)
  })

  it("ChainRules' sqrt rule inv(2Ω) is +Inf at 0: Zygote and ForwardDiff give Inf, with a note", () => {
    expect(ok(julia('using Zygote\nZygote.gradient(sqrt, 0.0)')).json).toEqual({ tuple: ['Infinity'] })
    const forward = ok(julia('using ForwardDiff\nForwardDiff.derivative(sqrt, 0.0)'))
    expect(forward.json).toBe('Infinity')
    expect(forward.notes).toMatch(/Julia gives Inf here/)
  })

  it('the gradient of σ at -1000 is NaN, as in Zygote: the pullback of exp multiplies -0.0 by exp(1000) = Inf', () => {
    const { json, notes } = ok(julia('using Zygote\nσ(x) = 1/(1+exp(-x))\nZygote.gradient(σ, -1000.0)'))
    expect(json).toEqual({ tuple: ['NaN'] })
    expect(notes).toMatch(/exp\(1000\) overflows to infinity \(in σ\)/)
  })

  it('one note per operation and kind of value: exp overflowing at many points is noted at its first', () => {
    const { notes } = ok(julia('f(x) = exp(x); sum(f(x) for x in 700.0:10.0:1000.0)'))
    expect(notes.match(/overflows to infinity/g)).toHaveLength(1)
    expect(notes).toMatch(/^exp\(710\) overflows/)
  })

  it('a result that stays finite has no note', () => {
    expect(ok(julia('σ(x) = 1/(1+exp(-x)); σ(-10.0)')).notes).toBe('')
  })
})

describe('Python: JAX, NumPy and PyTorch return IEEE values', () => {
  it.each([
    ['import jax.numpy as jnp\njnp.sqrt(-1.)', 'NaN', /sqrt\(-1\) is undefined.*give nan here/],
    ['import jax.numpy as jnp\njnp.log(-1.)', 'NaN', /give nan here/],
    ['import jax.numpy as jnp\njnp.exp(1000.)', 'Infinity', /exp\(1000\) overflows.*give inf here/],
    ['import numpy as np\nnp.log(0.)', '-Infinity', /give -inf here/],
    ['import torch\ntorch.sqrt(torch.tensor(-1.))', 'NaN', /give nan here/],
  ])('%s is %s, with a note', (source, value, why) => {
    const { json, notes } = ok(python(source))
    expect(json).toBe(value)
    expect(notes).toMatch(why)
  })

  it('jax.grad(jnp.sqrt)(0.) is inf (the slope 1/(2√0))', () => {
    expect(ok(python('import jax\nimport jax.numpy as jnp\njax.grad(jnp.sqrt)(0.)')).json).toBe('Infinity')
  })
})

describe('ad cells and the engine itself keep the error', () => {
  it('an ad cell stops at exp(1000) and sqrt(-1)', () => {
    for (const source of ['exp(1000)', 'sqrt(-1)', '1/0']) {
      const r = runCell(source, new Scope())
      expect(r.ok, source).toBe(false)
    }
  })

  it('outside a cell (no language) exp(1000) is an error, also after a Julia cell ran', () => {
    ok(julia('exp(1000.0)'))
    expect(() => exp(scalar(1000))).toThrow(/exp\(1000\) overflows to infinity/)
  })
})

describe("the policy at a primitive (bind's check), by the primitive's name", () => {
  // A primitive that gives NaN for every input, named as Julia's guarded functions or not.
  const nanNamed = (name: string): Primitive<undefined> => ({
    name,
    impl: ([a]) => new Tensor(a!.shape, new Float64Array(a!.data.length).fill(NaN)),
    domain: () => `${name}(2) is undefined`,
  })
  const at2 = (name: string) => bind(nanNamed(name), [scalar(2)], undefined)

  it.each(['asin', 'acos', 'acosh', 'atanh', 'log2', 'log10', 'sqrt', 'log', 'log1p', 'pow'])(
    'julia: a fresh NaN from %s is an error (Julia throws DomainError)',
    (name) => {
      expect(() => withNonFinitePolicy('julia', () => at2(name))).toThrow(`${name}(2) is undefined`)
    },
  )

  it('julia: a fresh NaN from other operations (0/0, Inf - Inf in a matmul) is kept; ieee keeps all; error keeps none', () => {
    expect(Number.isNaN(concrete(withNonFinitePolicy('julia', () => at2('matmul'))).item())).toBe(true)
    expect(Number.isNaN(concrete(withNonFinitePolicy('ieee', () => at2('asin'))).item())).toBe(true)
    expect(() => withNonFinitePolicy('error', () => at2('matmul'))).toThrow('matmul(2) is undefined')
  })
})
