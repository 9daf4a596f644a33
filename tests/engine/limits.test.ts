/**
 * Resource limits, through the notebook language: each is refused before the work where the
 * size is known in advance, with a message giving the size asked for, the limit, and what to do
 * instead; what cannot be known in advance stops on the cell's budget.
 */
import { describe, expect, it } from 'vitest'
import { LimitError } from '../../engine/errors.ts'
import { LIMITS, chargeSteps, chargeWork, checkHeld, withBudget } from '../../engine/limits.ts'
import { ReactiveNotebook } from '../../engine/notebook/reactive.ts'
import { failure, run } from './language/helpers.ts'

/** The failure of a cell, checked to be a limit, and how long it took to be refused. */
function refused(source: string): { error: string; ms: number } {
  const t0 = performance.now()
  const { cause, error } = failure(source)
  const ms = performance.now() - t0
  expect(cause.kind, error).toBe('limit')
  return { error, ms }
}

describe('tensors too large to allocate', () => {
  it('zeros, ones and identity name the size and the limit, in both spellings of a shape', () => {
    expect(refused('zeros(1e5, 1e5)').error).toContain('100000×100000 elements is more than the limit of 10000000')
    expect(refused('zeros([1e5, 1e5])').error).toContain('100000×100000 elements is more than the limit of 10000000')
    expect(refused('ones([4000, 4000])').error).toContain('limit')
    expect(refused('identity(1e5)').error).toContain(
      'a 100000×100000 matrix has 1e10 elements, more than the limit of 1e7',
    )
  })

  it('an outer product of long vectors is refused before it is allocated', () => {
    const { error, ms } = refused("x = ones(1e6)\nx * x'")
    expect(error).toMatch(/^line 2, in x \* x': matrix product: a 1000000×1000000 matrix has 1e12 elements/)
    expect(ms).toBeLessThan(5000)
  })

  it('indexing that would build a huge tensor (repeated index lists) is refused', () => {
    const idx = Array(11).fill('1:1000').join(', ')
    expect(refused(`B = ones(1000, 1000)\nB[1:1000, [${idx}]]`).error).toContain(
      'indexing: a 1000×11000 matrix has 1.1e7 elements, more than the limit of 1e7',
    )
  })

  it('concatenation that would grow past the limit is refused', () => {
    expect(refused('x = ones(6e6)\nconcat(x, x)').error).toContain('concat: a 12000000-vector has 1.2e7 elements')
  })
})

describe('work known in advance', () => {
  it('a matrix product of too many multiply-adds says how many and the limit', () => {
    expect(refused('ones(1000, 1000) * ones(1000, 1000)').error).toContain(
      'matrix product: a 1000×1000 times a 1000×1000 needs 1e9 multiply-adds, more than the limit of 5e8',
    )
  })

  it('inv and det of a matrix too large for LU are refused before starting', () => {
    expect(refused('inv(ones(1000, 1000))').error).toContain('inv of a 1000×1000 matrix needs about 1e9 multiply-adds')
    expect(refused('det(ones(1000, 1000))').error).toContain('det of a 1000×1000 matrix')
  })

  it('a Hessian too large to hold is refused before any pass, pointing at hvp', () => {
    const { error, ms } = refused('hessian(h(x) = sum(x .^ 2), zeros(4000))')
    expect(error).toContain(
      'hessian of 4000 variables: a 4000×4000 matrix has 1.6e7 elements, more than the limit of 1e7',
    )
    expect(error).toContain('hvp(f, x, v)')
    expect(ms).toBeLessThan(5000)
  })

  it('a Hessian whose passes would exceed the budget is refused after the first pass, pointing at hvp', () => {
    const { error } = refused('A = ones(900, 900)\nhessian(h(x) = sum(abs2, A * x), zeros(900))')
    expect(error).toMatch(
      /a hessian of 900 variables needs 9 forward passes \(chunks of 128 columns\): about [\d.e]+ element operations, more than/,
    )
    expect(error).toContain('Use hvp(f, x, v)')
  })

  it('a Jacobian too large to hold is refused, pointing at jvp and vjp', () => {
    const { error } = refused('x = ones(1e5)\njacobian(h(y) = y .* 2, x)')
    expect(error).toContain('the result of jacobian: a 100000×100000 matrix has 1e10 elements')
    expect(error).toContain('jvp(f, x, v)')
  })

  it('prod and max of ten million elements (one operation each) are refused with the alternative', () => {
    expect(refused('prod(ones(1e7))').error).toContain('exp(sum(log(x)))')
    expect(refused('max(ones(1e7))').error).toContain('max(a, b)')
  })
})

describe('runaway loops and recursion', () => {
  it('f(x) = f(x) stops at the call depth limit with a message naming f', () => {
    const { error } = refused('f(x) = f(x)\nf(1)')
    expect(error).toMatch(
      /^line 2, in f\(x\): f: more than 200 nested calls; is a function calling itself without end\?/,
    )
  })

  it('a map over a long range is refused before it starts when even one step per element cannot fit', () => {
    const { error, ms } = refused('k(t) = t + 1\nmap(1:1e6, k)')
    expect(error).toMatch(/^line 2, in map\(1:1e\+6, k\): map over 1000000 elements with k: about 1e6 evaluation steps/)
    expect(error).toContain('elementwise operations')
    expect(ms).toBeLessThan(5000)
  })

  it('a map whose first element shows the whole will not fit is refused then', () => {
    // Each call of k costs about 20 steps: 1e5 calls are 2e6, more than the budget of 1e6.
    const body = Array(10).fill('t').join(' + ')
    const { error } = refused(`k(t) = ${body}\nmap(1:1e5, k)`)
    expect(error).toContain('map over 100000 elements with k: about')
  })

  it('recursion that branches (exponential time, shallow depth) stops on the step budget', () => {
    const { error } = refused('fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(40)')
    expect(error).toContain(`this cell stopped after 1e6 evaluation steps in one statement`)
    expect(error).toContain('(inside fib)')
    // A million interpreted steps: about 1.5 s of CPU, more on a busy machine (not a timing check).
  }, 30_000)

  it('a matrix to a huge power is computed by repeated squaring, exactly and quickly', () => {
    const t0 = performance.now()
    expect(run('[1, 1; 0, 1] ^ 1000000')).toEqual([
      [1, 1000000],
      [0, 1],
    ])
    expect(performance.now() - t0).toBeLessThan(2000)
    expect(run('[1, 1; 0, 1] ^ 0')).toEqual([
      [1, 0],
      [0, 1],
    ])
    expect(run('[2, 0; 0, 3] ^ 5')).toEqual([
      [32, 0],
      [0, 243],
    ])
  })

  it('each statement starts with a fresh budget; work within limits is not refused', () => {
    expect(run('k(t) = t + 1\nmap(1:1000, k)\nsum(map(1:1000, k))')).toBe(501500)
    expect(run('fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)\nfib(15)')).toBe(610)
  })
})

describe('the budget', () => {
  it('counts nothing, and refuses nothing, outside a budget (engine code, the benchmark)', () => {
    expect(() => chargeWork(LIMITS.work * 10, 'x')).not.toThrow()
    expect(() => chargeSteps(LIMITS.steps * 10)).not.toThrow()
  })

  it('is shared by nested budgets, and refuses once the total passes the limit', () => {
    expect(() =>
      withBudget(() => {
        chargeSteps(LIMITS.steps / 2)
        withBudget(() => chargeSteps(LIMITS.steps / 2 + 1))
      }),
    ).toThrow(LimitError)
    expect(() => withBudget(() => chargeSteps(LIMITS.steps))).not.toThrow()
  })
})

/** Runs fn with the held-bytes limit at limit bytes. */
function withHeldLimit<T>(limit: number, fn: () => T): T {
  const saved = LIMITS.heldBytes
  LIMITS.heldBytes = limit
  try {
    return fn()
  } finally {
    LIMITS.heldBytes = saved
  }
}
const MB = 2 ** 20

describe('memory held by the notebook’s variables', () => {
  // 10^5 float64 numbers are 800,000 bytes; ten of them fit in 8 MB, eleven do not.
  const statements = (name: (k: number) => string) =>
    Array.from({ length: 40 }, (_, k) => `${name(k + 1)} = ones(10^5) .* ${k + 1}`).join('\n')

  it('refuses the assignment that would go over the limit, naming the largest holders', () => {
    const result = withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      notebook.update([{ id: 'a', source: statements((k) => `v${k}`) }])
      return notebook.result('a')!
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toContain('assigning v11 (781 KB)')
    expect(result.error).toContain('more than the limit of 8 MB')
    expect(result.error).toMatch(/the largest are v\d+ \(781 KB\), v\d+ \(781 KB\), v\d+ \(781 KB\)/)
    expect(result.error).toContain('reuse a name')
  })

  it('counts what the variables hold, not what was computed: a tensor two names share counts once', () => {
    withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      notebook.update([
        { id: 'a', source: 'v = ones(10^6)' }, // 7.6 MB
        { id: 'b', source: Array.from({ length: 20 }, (_, k) => `w${k} = v`).join('\n') },
        { id: 'c', source: 's = sum(ones(10^6) .* 2)' }, // computed, not held
      ])
      for (const id of ['a', 'b', 'c']) expect(notebook.result(id)).toMatchObject({ ok: true })
    })
  })

  it('frees what a cell held when it is edited', () => {
    withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      const cells = (n: number) => [
        { id: 'a', source: Array.from({ length: n }, (_, k) => `a${k} = ones(10^5) .* ${k}`).join('\n') },
        { id: 'b', source: Array.from({ length: 5 }, (_, k) => `b${k} = ones(10^5) .* ${k}`).join('\n') },
      ]
      notebook.update(cells(5))
      expect(notebook.result('b')).toMatchObject({ ok: true })
      notebook.update(cells(6)) // 11 in all: over
      expect(notebook.result('a')?.ok === false || notebook.result('b')?.ok === false).toBe(true)
      notebook.update(cells(4))
      expect(notebook.result('a')).toMatchObject({ ok: true })
      expect(notebook.result('b')).toMatchObject({ ok: true })
    })
  })

  it('checkHeld names the three largest holders and formats sizes', () => {
    withHeldLimit(100 * MB, () => {
      expect(() =>
        checkHeld('x', 80 * MB, [
          { name: 'y', bytes: 30 * MB },
          { name: 'z', bytes: 1024 },
        ]),
      ).toThrow(
        'would make the notebook’s variables hold 110 MB, more than the limit of 100 MB; the largest are x (80 MB), y (30 MB), z (1 KB)',
      )
      expect(() => checkHeld('x', 70 * MB, [{ name: 'y', bytes: 30 * MB }])).not.toThrow()
    })
  })
})

describe('memory held by the tape of reverse mode', () => {
  /** A function of x whose tape keeps n intermediate vectors the size of x. */
  const chain = (n: number) => `h(x) = sum(x${' .* 1.5'.repeat(n)})`

  it('refuses a tape that would go over the limit, saying what reverse mode keeps', () => {
    withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      // 10^5 numbers are 781 KB: twelve of them on the tape are over 8 MB.
      notebook.update([{ id: 'a', source: `${chain(12)}\ng = gradient(h, ones(10^5))` }])
      const result = notebook.result('a')!
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/keeps every intermediate value .* more than the limit of 8 MB/)
    })
  })

  it('releases each tape when its recording ends: many small gradients in a row are fine', () => {
    withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      const gradients = Array.from({ length: 20 }, (_, k) => `g${k} = sum(gradient(h, ones(10^5) .* ${k}))`)
      notebook.update([{ id: 'a', source: [chain(4), ...gradients].join('\n') }])
      expect(notebook.result('a')).toMatchObject({ ok: true })
    })
  })

  it('counts the tape together with what the variables hold', () => {
    withHeldLimit(8 * MB, () => {
      const notebook = new ReactiveNotebook()
      notebook.update([
        { id: 'a', source: 'v = ones(7 * 10^5)' }, // 5.3 MB
        { id: 'b', source: `${chain(4)}\ng = sum(gradient(h, ones(10^5)))` }, // about 3.9 MB of tape
      ])
      expect(notebook.result('a')).toMatchObject({ ok: true })
      expect(notebook.result('b')).toMatchObject({
        ok: false,
        error: expect.stringContaining('5 MB the notebook') as string,
      })
      notebook.update(
        [
          { id: 'a', source: 'v = ones(10^5)' },
          { id: 'b', source: `${chain(4)}\ng = sum(gradient(h, ones(10^5)))` },
        ],
        { rerun: ['b'] },
      )
      expect(notebook.result('b')).toMatchObject({ ok: true })
    })
  })
})
