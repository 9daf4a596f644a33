// The Python corpus (issue 16's "Done when"): cells as JAX, PyTorch and TensorFlow users write
// them, each naming the rule it pins down, run as Python cells and compared with an oracle
// (closed forms, central differences, the thread's numbers; corpus/oracle.ts), never with the
// engine's own output.
import { describe, expect, it } from 'vitest'
import type { Case } from './corpus/cases.ts'
import { GAP_CASES } from './corpus/gaps.ts'
import { JAX_CASES } from './corpus/jax.ts'
import { METHOD_CASES, PYTHON_CASES, TAPE_CASES, TORCH_CASES } from './corpus/others.ts'
import { numbers, run } from './cells.ts'

const GROUPS: [string, Case[]][] = [
  ['JAX', JAX_CASES],
  ['torch.func and torch.autograd.functional', TORCH_CASES],
  ['TensorFlow GradientTape', TAPE_CASES],
  ["Python's own meaning", PYTHON_CASES],
  ['array methods and lists', METHOD_CASES],
  ['new axes, x.at updates, has_aux on Jacobians, f-strings', GAP_CASES],
]

/** actual (from numbers()) against expected, numbers within a relative tolerance. */
function agree(actual: unknown, expected: unknown, path = 'value'): string | null {
  if (expected === null)
    return actual === undefined || actual === null ? null : `${path}: expected None, got ${JSON.stringify(actual)}`
  if (typeof expected === 'number') return agree(actual, [expected], path)
  if (typeof expected === 'boolean' || typeof expected === 'string')
    return actual === expected ? null : `${path}: expected ${String(expected)}, got ${JSON.stringify(actual)}`
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i]
      const a = actual[i]
      if (typeof e === 'number') {
        if (typeof a !== 'number' || !(Math.abs(a - e) <= 1e-6 * Math.max(1, Math.abs(e))))
          return `${path}[${i}]: expected ${e}, got ${String(a)}`
      } else {
        const why = agree(a, e, `${path}[${i}]`)
        if (why) return why
      }
    }
    return null
  }
  const keys = Object.keys(expected as object)
  if (typeof actual !== 'object' || actual === null || Object.keys(actual).join() !== keys.join())
    return `${path}: expected keys ${keys.join(', ')}, got ${JSON.stringify(actual)}`
  for (const k of keys) {
    const why = agree((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`)
    if (why) return why
  }
  return null
}

describe('the Python corpus', () => {
  it('has at least 120 cells, each naming its rule once', () => {
    const all = GROUPS.flatMap(([, cases]) => cases)
    expect(all.length).toBeGreaterThanOrEqual(120)
    expect(new Set(all.map(([rule]) => rule)).size).toBe(all.length)
  })

  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      it.each(cases)('%s', (_rule, cells, expected) => {
        expect(agree(numbers(run(...cells)), expected)).toBeNull()
      })
    })
  }
})
