// Python's rule for a function's names (the language reference, "Naming and binding"): a name
// bound anywhere in a function body is local to the whole body; reading it before it is bound
// raises UnboundLocalError instead of reading the name outside.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

describe('UnboundLocalError', () => {
  it('reading a name the function assigns later fails, naming both lines', () => {
    const message = failure('x = 1\ndef f():\n    y = x\n    x = 2\n    return y\nf()')
    expect(message).toMatch(/UnboundLocalError: x is read \(line 3\) before f assigns it \(line 4\)/)
    expect(message).toMatch(/pass x in as an argument/)
  })

  it('x += 1 reads x first', () => {
    expect(failure('x = 1\ndef f():\n    x += 1\n    return x\nf()')).toMatch(/UnboundLocalError: x is read/)
  })

  it('an assignment in a branch not taken leaves the local unbound; taken, it is read', () => {
    const def = 'x = 1\ndef f(c):\n    if c:\n        x = 5\n    return x'
    expect(numbers(run(def, 'f(True)'))).toEqual([5])
    expect(failure(def, 'f(False)')).toMatch(/UnboundLocalError: x is read \(line 5\)/)
  })

  it('names read without being assigned are the outer ones; assigned first, the local ones', () => {
    expect(numbers(run('x = 10\ndef f():\n    return [x * i for i in range(3)]', 'f()'))).toEqual([0, 10, 20])
    expect(
      numbers(run('def f(n):\n    s = 0\n    for i in range(n):\n        s = s + i\n    return s', 'f(4)')),
    ).toEqual([6])
  })

  it('an accumulator under jax.grad: d/dw Σₖ k·Σw² = 3·2w over k = 0, 1, 2', () => {
    const cell =
      'import jax\nimport jax.numpy as jnp\ndef loss(w):\n    total = 0.\n    for k in range(3):\n        total += jnp.sum(w ** 2) * k\n    return total'
    expect(numbers(run(cell, 'jax.grad(loss)(jnp.array([1., 2.]))'))).toEqual([6, 12])
  })
})
