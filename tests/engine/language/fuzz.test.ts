/**
 * Property-based fuzzing of parse -> evaluate -> differentiate -> display, bounded to run in
 * `npm test` with a fixed seed (the long run is `npm run fuzz`; the arbitraries and properties
 * live in tests/fuzz/). Below them, each bug the fuzzer found, as its shrunk counterexample.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anyCell, smoothScalarOfScalar, smoothScalarOfVector, smoothVectorOfVector } from '../../fuzz/arbitraries.ts'
import { anyJuliaCell } from '../../fuzz/julia.ts'
import { JULIA_CORPUS } from '../../fuzz/juliaCorpus.ts'
import { PYTHON_CORPUS, anyPythonCell } from '../../fuzz/python.ts'
import {
  checkDerivatives,
  checkGradient,
  checkHessian,
  checkFailure,
  checkJacobian,
  plainData,
  runRobust,
} from '../../fuzz/properties.ts'
import { EngineError } from '../../../engine/errors.ts'
import { LangError } from '../../../engine/language/errors.ts'
import { parseJulia } from '../../../engine/language/frontends/julia/index.ts'
import { parsePython } from '../../../engine/language/frontends/python/index.ts'
import { failure, run } from './helpers.ts'

const SEED = 20240601

/** A property over an arbitrary whose check returns a problem or null. */
function holds<T>(arb: fc.Arbitrary<T>, numRuns: number, check: (v: T) => string | null): void {
  fc.assert(
    fc.property(arb, (v) => {
      const problem = check(v)
      if (problem !== null) throw new Error(problem)
    }),
    { numRuns, seed: SEED },
  )
}

describe('fuzzing (fixed seed, bounded)', () => {
  it('any cell: no uncaught exception, errors say what and where, output is plain data, bounded time', () => {
    holds(anyCell, 300, (src) => runRobust(src).problem)
  }, 60_000)

  it('any Julia cell parses, or throws a syntax error that says where', () => {
    holds(anyJuliaCell, 2000, (src) => {
      try {
        parseJulia(src)
        return null
      } catch (err) {
        if (!(err instanceof LangError)) return `parseJulia threw ${String(err)}`
        if (err.kind !== 'syntax' || !err.span?.line || !err.span.column) return `no place: ${err.message}`
        return null
      }
    })
  }, 60_000)

  it('any Julia cell runs: no uncaught exception, errors say what and where, output is plain data', () => {
    holds(anyJuliaCell, 300, (src) => runRobust(src, 'julia').problem)
  }, 60_000)

  it('every cell of the Julia corpus parses', () => {
    for (const src of JULIA_CORPUS) expect(() => parseJulia(src), src).not.toThrow()
  })

  it('any Python cell parses, or throws a syntax error that says where', () => {
    holds(anyPythonCell, 1000, (src) => {
      try {
        parsePython(src)
        return null
      } catch (err) {
        if (!(err instanceof LangError)) return `parsePython threw ${String(err)}`
        if (!err.span?.line) return `no place: ${err.message}`
        return null
      }
    })
  }, 60_000)

  it('any Python cell runs: no uncaught exception, errors say what and where, output is plain data', () => {
    holds(anyPythonCell, 300, (src) => runRobust(src, 'python').problem)
  }, 60_000)

  it('every cell of the Python corpus runs', () => {
    for (const src of PYTHON_CORPUS) expect(runRobust(src, 'python').result?.ok, src).toBe(true)
  })

  it('gradient of smooth f: Rⁿ → R agrees with central differences', () => {
    holds(smoothScalarOfVector, 40, checkGradient)
  }, 30_000)

  it('jacobian, jacfwd and jacrev of smooth F: Rⁿ → Rⁿ agree with central differences', () => {
    holds(smoothVectorOfVector, 30, checkJacobian)
  }, 30_000)

  it('the four Hessian nestings agree with differences of the gradient; so do jacobian(gradient) and hvp', () => {
    holds(smoothScalarOfVector, 25, checkHessian)
  }, 30_000)

  it('derivative, derivative of derivative, and a mixed nested derivative agree with differences', () => {
    holds(smoothScalarOfScalar, 25, checkDerivatives)
  }, 30_000)

  it('the robustness oracle rejects what it must: JavaScript errors, no place, class instances', () => {
    const fail = (error: string, cause: unknown) => checkFailure('x', { ok: false, error, cause })
    expect(fail('line 1: boom', new TypeError('boom'))).toMatch(/not an engine error/)
    expect(fail('boom', new EngineError('boom'))).toMatch(/does not say where/)
    expect(fail('line 3: boom', new EngineError('boom'))).toMatch(/outside the cell/)
    expect(fail("line 1: Cannot read properties of undefined (reading 'x')", new EngineError('x'))).toMatch(/leaked/)
    expect(fail('line 1, in f(x): f is not defined', new EngineError('f is not defined'))).toBeNull()
    expect(plainData({ a: [1, { b: new Float64Array(1) }] }, 'out')).toMatch(/out\.a\[1\]\.b is a Float64Array/)
    expect(plainData({ a: [1, 'x', null, { b: true }] }, 'out')).toBeNull()
    expect(runRobust('x = 1\ny = [x, 2]').problem).toBeNull()
  })
})

describe('bugs the fuzzer found (shrunk counterexamples)', () => {
  it('a number times an empty vector is an empty vector, not a NaN "for finite inputs"', () => {
    // Found as: s * basis(1, 1)[2:1] -> "mul gave NaN for finite inputs" (the result had the
    // larger operand's size, 1, and read past the empty one).
    expect(run('s = 2\ns * basis(1, 1)[2:1]')).toEqual([])
    expect(run('[1, 2][2:1] + 1')).toEqual([])
    expect(run('[1, 2][2:1] .^ 2')).toEqual([])
    expect(run('gradient(h(x) = sum(3 * x), [1, 2][2:1])')).toEqual([])
  })

  it('the literal undefined is refused in the language’s words', () => {
    // Found by token soup as "undefined x"; the message is the language's, not JavaScript's.
    expect(failure('undefined x').error).toMatch(/^line 1, in .*: the constant undefined is not supported/)
  })

  it('a long sum of terms gives its value: chains are walked with loops, not recursion', () => {
    expect(run(`1${'+1'.repeat(30000)}`)).toBe(30001)
  })

  it('deeply nested brackets are a syntax error that says so', () => {
    const { error } = failure(`${'('.repeat(5000)}1${')'.repeat(5000)}`)
    expect(error).toMatch(/^line 1: syntax error: .*nest/)
  })
})
