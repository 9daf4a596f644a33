// Python cells the fuzzer (and its hand-written hostile list) found breaking the robustness
// property: each now fails with the language's own message, saying what was wrong.
import { describe, expect, it } from 'vitest'
import '../../../../engine/standard.ts'
import { concrete, isValue } from '../../../../engine/ad/value.ts'
import { Scope } from '../../../../engine/language/scope.ts'
import { runCell } from '../../../../engine/notebook/run.ts'
import { runRobust } from '../../../fuzz/properties.ts'

/** The numbers of a cell's value (an array or a number). */
function numbers(source: string): number[] {
  const r = runCell(source, new Scope(null), 'python')
  if (!r.ok || !isValue(r.value)) throw new Error(`${source}: ${r.ok ? 'not an array' : r.error}`)
  return Array.from(concrete(r.value).data)
}

/** The error a cell ends with, after checking it broke no robustness property. */
function failure(source: string): string {
  const ran = runRobust(source, 'python')
  expect(ran.problem, source).toBeNull()
  if (ran.result?.ok !== false) throw new Error(`${source} did not fail`)
  return ran.result.error
}

describe('sizes are checked before an array is allocated', () => {
  it('jnp.arange(1e12) is refused by the element limit (it crashed the process: V8 invalid size)', () => {
    expect(failure('import jax.numpy as jnp\njnp.arange(1e12)')).toMatch(/jnp\.arange: .* more than the limit/)
    expect(failure('import jax.numpy as jnp\njnp.arange(0, 1e9, 1e-9)')).toMatch(/more than the limit/)
  })

  it('jnp.arange still counts its elements as NumPy does: ⌈(stop − start) / step⌉, none when empty', () => {
    expect(numbers('import jax.numpy as jnp\njnp.arange(0, 1, 0.25)')).toEqual([0, 0.25, 0.5, 0.75])
    expect(numbers('import jax.numpy as jnp\njnp.arange(5, 0, -2)')).toEqual([5, 3, 1])
    expect(numbers('import jax.numpy as jnp\njnp.arange(-3)')).toEqual([])
    expect(numbers('import jax.numpy as jnp\nlen(jnp.arange(0, 1, 0.1))')).toEqual([10])
  })

  it('a negative size says so, instead of a JavaScript "Invalid typed array length"', () => {
    expect(failure('import jax.numpy as jnp\njnp.ones(-1)')).toMatch(/a size cannot be negative, and -1 is/)
    expect(failure('import jax.numpy as jnp\njnp.zeros((-1, 2))')).toMatch(/a size cannot be negative/)
    expect(failure('import jax.numpy as jnp\njnp.eye(-1)')).toMatch(/a size cannot be negative/)
    expect(failure('import torch\ntorch.ones(2, -3)')).toMatch(/torch\.ones: a size cannot be negative, and -3 is/)
  })

  it('jnp.eye(100000) is refused by the element limit, not by the typed array', () => {
    expect(failure('import jax.numpy as jnp\njnp.eye(100000)')).toMatch(/jnp\.eye: .* more than the limit/)
  })
})

describe('keywords the library has are followed, not ignored', () => {
  it('jax.vmap(f, out_axes=1) stacks the results along axis 1 (it once gave out_axes=0’s answer)', () => {
    const vmapped =
      'import jax\nimport jax.numpy as jnp\njax.vmap(lambda x: x * 2., out_axes=OUT)(jnp.array([[1., 2., 3.], [4., 5., 6.]]))'
    // Rows r₀ = [1, 2, 3], r₁ = [4, 5, 6] give 2r₀, 2r₁: as rows with out_axes 0, as columns with 1.
    expect(numbers(vmapped.replace('OUT', '1'))).toEqual([2, 8, 4, 10, 6, 12])
    expect(numbers(vmapped.replace('OUT', '0'))).toEqual([2, 4, 6, 8, 10, 12])
  })
})
