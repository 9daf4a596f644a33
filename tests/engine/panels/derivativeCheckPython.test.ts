// Python's derivative checks on the notebook's check: jax.test_util.check_grads ("Checks gradients
// from autodiff against finite differences ... order: int, modes: 'fwd', 'rev'"; returns None or
// raises AssertionError) and torch.autograd.gradcheck ("Check gradients computed via small finite
// differences against analytical gradients ... Returns True if all differences satisfy allclose
// condition"; raise_exception=False returns False instead), gradgradcheck (second derivatives).
// Wrong rules are off by known amounts, so the checks' verdicts are checked against closed forms.
import { describe, expect, it } from 'vitest'
import { Scope } from '../../../engine/language/scope.ts'
import { runCell } from '../../../engine/notebook/run.ts'
import { failure, run } from '../language/python/cells.ts'

const J = `import jax
import jax.numpy as jnp
from jax.test_util import check_grads
x = jnp.array([0.5, 1.0, 2.0])`

/** g = sin with a reverse rule that doubles the derivative: entry (0,0) is 2cos(0.5) against cos(0.5). */
const DOUBLED = `@jax.custom_vjp
def g(x):
    return jnp.sin(x)
def g_fwd(x):
    return jnp.sin(x), x
def g_bwd(x, ct):
    return (ct * jnp.cos(x) * 2.,)
g.defvjp(g_fwd, g_bwd)`

/** h = sin with a right first derivative that is a constant to autodiff (stop_gradient): its second derivative is lost. */
const FROZEN = `@jax.custom_vjp
def h(x):
    return jnp.sin(x)
def h_fwd(x):
    return jnp.sin(x), jax.lax.stop_gradient(x)
def h_bwd(x, ct):
    return (ct * jnp.cos(x),)
h.defvjp(h_fwd, h_bwd)`

/** The message names entry (0,0) of ∂g/∂x with AD 2cos(t) and finite differences cos(t). */
function namesEntry(message: string, t: number): void {
  const m = /Entry \(0,0\) of ∂g\/∂x is off: AD gives ([\d.e-]+), finite differences ([\d.e-]+)/.exec(message)
  expect(m, message).not.toBeNull()
  expect(Number(m![1])).toBeCloseTo(2 * Math.cos(t), 8)
  expect(Number(m![2])).toBeCloseTo(Math.cos(t), 8)
}

describe('jax.test_util.check_grads', () => {
  it('passes (returns None) on sin(x)·x₀ in both modes, orders 1 and 2', () => {
    const f = 'def f(x):\n    return jnp.sin(x) * x[0]'
    expect(run(J, f, 'check_grads(f, (x,), order=1)')).toBeUndefined()
    expect(run(J, f, 'check_grads(f, (x,), order=2, modes=["fwd", "rev"])')).toBeUndefined()
  })
  it('a reverse rule off by 2 is an AssertionError naming entry (0,0), 0-based, with both values', () => {
    const message = failure(J, DOUBLED, 'check_grads(g, (x,), order=1, modes=["rev"])')
    expect(message).toMatch(/AssertionError: check_grads \(order 1, rev\)/)
    namesEntry(message, 0.5)
  })
  it('order 2 catches a second derivative the first order cannot see', () => {
    expect(run(J, FROZEN, 'check_grads(h, (x,), order=1, modes=["rev"])')).toBeUndefined()
    expect(failure(J, FROZEN, 'check_grads(h, (x,), order=2, modes=["rev"])')).toMatch(/order 2, rev.*is off/)
  })
  it('a kink FD cannot check (|x| at 0) passes, and says so once for both modes', () => {
    const scope = new Scope(null)
    runCell(J, scope, 'python')
    const r = runCell('check_grads(lambda x: jnp.abs(x), (jnp.array([0., 1.]),), order=1)', scope, 'python')
    expect(r.ok).toBe(true)
    expect(r.printed).toHaveLength(1)
    expect(r.printed![0]).toMatch(/not differentiable at x\[0\].*slope is -1 on the left and 1 on the right/)
  })
  it('several arguments are a tuple, each a block', () => {
    expect(run(J, 'check_grads(lambda a, b: a * jnp.exp(b), (x, 2 * x), order=1)')).toBeUndefined()
  })
})

describe('torch.autograd.gradcheck and gradgradcheck', () => {
  const T = 'import torch'
  it('gradcheck returns True when the gradients agree', () => {
    expect(
      run(T, 'torch.autograd.gradcheck(lambda a, b: (a * b).sum(), (torch.tensor([1., 2.]), torch.tensor([3., 4.])))'),
    ).toBe(true)
  })
  it('gradcheck raises GradcheckError on a wrong rule, or returns False with raise_exception=False', () => {
    const message = failure(J, T, DOUBLED, 'torch.autograd.gradcheck(g, (x,))')
    expect(message).toMatch(/GradcheckError: Jacobian mismatch/)
    namesEntry(message, 0.5)
    expect(run(J, T, DOUBLED, 'torch.autograd.gradcheck(g, (x,), raise_exception=False)')).toBe(false)
  })
  it('gradgradcheck: the frozen rule passes gradcheck and fails gradgradcheck', () => {
    expect(run(J, T, FROZEN, 'torch.autograd.gradcheck(h, (x,))')).toBe(true)
    expect(run(J, T, FROZEN, 'torch.autograd.gradgradcheck(h, (x,), raise_exception=False)')).toBe(false)
    expect(run(J, T, 'torch.autograd.gradgradcheck(lambda x: (x ** 3).sum(), (torch.tensor([1., 2.]),))')).toBe(true)
  })
})
