/**
 * jax.custom_vjp and jax.custom_jvp (engine/language/python/custom.ts), on the rules machinery
 * of the Julia cells: reverse mode uses the learner's fwd/bwd, forward mode of a custom_vjp
 * function is JAX's error, a custom_jvp rule serves both modes. The rules are deliberately off
 * by a known factor (2 cos x for sin, 3eˣ for exp) so each answer shows which rule ran; the
 * expected numbers are those closed forms.
 */
import { describe, expect, it } from 'vitest'
import { Scope } from '../../../../engine/language/scope.ts'
import { runCell } from '../../../../engine/notebook/run.ts'
import { failure, numbers, run } from './cells.ts'

const IMPORTS = 'import jax\nimport jax.numpy as jnp'

const VJP = `@jax.custom_vjp
def f(x):
    return jnp.sin(x)

def f_fwd(x):
    return f(x), (x,)

def f_bwd(res, g):
    (x,) = res
    return (2 * g * jnp.cos(x),)

f.defvjp(f_fwd, f_bwd)`

const JVP = `@jax.custom_jvp
def g(x):
    return jnp.exp(x)

@g.defjvp
def g_jvp(primals, tangents):
    x, = primals
    t, = tangents
    y = g(x)
    return y, 3 * y * t`

const close = (actual: unknown, expected: number[]) => {
  const a = (Array.isArray(actual) ? actual : [actual]) as number[]
  expect(a).toHaveLength(expected.length)
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12))
}

describe('jax.custom_vjp', () => {
  it('reverse mode uses fwd and bwd; calling f runs its body', () => {
    close(numbers(run(IMPORTS, VJP, 'jax.grad(f)(0.5)')), [2 * Math.cos(0.5)])
    close(numbers(run(IMPORTS, VJP, 'f(0.5)')), [Math.sin(0.5)])
    // Twice: the bwd is differentiated too, d/dx 2cos x = -2 sin x.
    close(numbers(run(IMPORTS, VJP, 'jax.grad(jax.grad(f))(0.5)')), [-2 * Math.sin(0.5)])
  })

  it('works elementwise, under jacrev and under vmap', () => {
    close(numbers(run(IMPORTS, VJP, 'jax.grad(lambda x: jnp.sum(f(x)))(jnp.array([0.0, 1.0]))')), [2, 2 * Math.cos(1)])
    close(numbers(run(IMPORTS, VJP, 'jax.grad(lambda x: jnp.sum(jax.vmap(f)(x)))(jnp.array([0.0, 1.0]))')), [
      2,
      2 * Math.cos(1),
    ])
    close(numbers(run(IMPORTS, VJP, 'jax.jacrev(f)(jnp.array([0.0, 1.0]))')), [2, 0, 0, 2 * Math.cos(1)])
  })

  it('keeps its rules when some notebook gave a Julia rule to another function named f', () => {
    // Rules are found by name; a name with no rule in this scope must leave the value alone.
    const julia = runCell(
      'f(x) = x\nChainRulesCore.rrule(::typeof(f), x) = f(x), ȳ -> (NoTangent(), ȳ)',
      new Scope(),
      'julia',
    )
    expect(julia.ok).toBe(true)
    close(numbers(run(IMPORTS, VJP, 'jax.grad(f)(0.5)')), [2 * Math.cos(0.5)])
  })

  it('forward mode is refused in JAX’s words, with the way out', () => {
    expect(failure(IMPORTS, VJP, 'jax.jvp(f, (0.5,), (1.0,))')).toMatch(
      /can't apply forward-mode autodiff \(jvp\) to a custom_vjp function.*custom_jvp/,
    )
  })

  it('a bwd that returns a bare cotangent is told to return a tuple', () => {
    const bare = VJP.replace('return (2 * g * jnp.cos(x),)', 'return 2 * g * jnp.cos(x)')
    expect(failure(IMPORTS, bare, 'jax.grad(f)(0.5)')).toMatch(/must return a tuple with one cotangent per argument/)
  })
})

describe('jax.custom_jvp', () => {
  it('serves forward mode and, transposed, reverse mode', () => {
    const jvp = numbers(run(IMPORTS, JVP, 'jax.jvp(g, (0.0,), (1.0,))')) as number[][]
    close(jvp[0], [1])
    close(jvp[1], [3])
    close(numbers(run(IMPORTS, JVP, 'jax.grad(g)(0.0)')), [3])
    close(numbers(run(IMPORTS, JVP, 'jax.grad(lambda x: jnp.sum(g(x)))(jnp.array([0.0, 1.0]))')), [3, 3 * Math.E])
    close(numbers(run(IMPORTS, JVP, 'jax.jacfwd(g)(jnp.array([0.0, 1.0]))')), [3, 0, 0, 3 * Math.E])
    close(numbers(run(IMPORTS, JVP, 'jax.jacrev(g)(jnp.array([0.0, 1.0]))')), [3, 0, 0, 3 * Math.E])
  })

  it('nests: the rule’s own g(x) uses the rule again, so the second derivative is 9eˣ', () => {
    close(numbers(run(IMPORTS, JVP, 'jax.hessian(g)(0.0)')), [9])
  })

  it('x, = t unpacks a one-item tuple', () => {
    close(numbers(run('t = (2.5,)\nx, = t\nx')), [2.5])
  })
})
