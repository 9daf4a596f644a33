/**
 * The derivative checks as builtins: check_gradient(f, x), test_rrule(f, x...) and
 * test_frule(f, x...), with the options rtol, atol and seed as keywords (Julia:
 * `test_rrule(f, x; rtol = 1e-4)`) or, in ad cells, as a record after the arguments
 * (`test_rrule(f, x, {rtol: 1e-4})`). One set per cell language, which differ only in how an
 * array is laid out in a line (Julia's column-major vec; ad cells' rows) and where counting starts.
 */
import { tensorArg } from '../language/args.ts'
import { count, number } from '../language/builtinArgs.ts'
import { LangError } from '../language/errors.ts'
import { acceptsKeywords } from '../language/keywords.ts'
import { plural } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe, isFunction, isRecord } from '../language/values.ts'
import type { CheckKind, CheckOptions } from './derivativeCheck.ts'
import { DEFAULT_CHECK, derivativeCheck } from './derivativeCheck.ts'
import type { IndexConvention } from './derivativeCheckIndex.ts'
import { panelRecord } from './registry.ts'

const OPTION_NAMES = ['rtol', 'atol', 'seed']

/** ChainRulesTestUtils' own options the notebook does not take, and why. */
const NOT_HERE: Record<string, string> = {
  fdm: 'the notebook chooses the finite differences itself (a 5-point central stencil, step eps^(1/5)·max(1, |x|))',
  check_inferred: 'the notebook has no type inference to check',
  output_tangent: 'the random cotangents come from the seed; set seed = ... to change them',
}

function checkOptions(fields: ReadonlyMap<string, LangValue>, who: string): CheckOptions {
  const o = { ...DEFAULT_CHECK }
  for (const [k, v] of fields) {
    if (!OPTION_NAMES.includes(k)) {
      const why = NOT_HERE[k] ? `${k} is not needed here: ${NOT_HERE[k]}. ` : `${who} has no option ${k}. `
      throw new LangError(`${why}Its options are rtol, atol and seed`)
    }
    if (k === 'seed') o.seed = count(v, who, 'the seed')
    else {
      const x = number(v, who, k)
      if (!(x >= 0 && Number.isFinite(x))) throw new LangError(`${who}: ${k} must be a number ≥ 0, but is ${x}`)
      o[k as 'rtol' | 'atol'] = x
    }
  }
  return o
}

/** A name that reads as one in a sentence (∂f/∂x): its own, or a stand-in for an anonymous one. */
const isName = (s: string) => /^[\p{L}_][\p{L}\p{N}_!′]*$/u.test(s)

/** The arguments' names: f's parameter names when they fit, else x (one) or x1, x2, .... */
function argNames(f: LangFunction, k: number): string[] {
  const ps = f.params.filter((p) => p !== 'options')
  if (ps.length === k && ps.every(isName) && new Set(ps).size === k) return [...ps]
  return k === 1 ? ['x'] : Array.from({ length: k }, (_, i) => `x${i + 1}`)
}

const USAGE: Record<CheckKind, string> = {
  check_gradient: 'check_gradient(f, x)',
  test_rrule: 'test_rrule(f, x)',
  test_frule: 'test_frule(f, x)',
}

function run(check: CheckKind, indexing: IndexConvention, args: LangValue[], options: CheckOptions): LangValue {
  const [f, ...xs] = args
  if (!isFunction(f))
    throw new LangError(`${check} needs the function to check first, as in ${USAGE[check]}, but got ${describe(f)}`)
  if (xs.length === 0)
    throw new LangError(`${check} needs a point to check ${f.name} at, as in ${USAGE[check].replace('f', f.name)}`)
  const names = argNames(f, xs.length)
  const tensors = xs.map((x, k) => tensorArg(x, check, names[k]!))
  const fnName = isName(f.name) ? f.name : 'f'
  const spec = derivativeCheck({ check, f, fnName, args: tensors, names, indexing, options })
  // An exercise's `passes:` reads these (engine/course/passes.ts sits beside the panels, not above).
  return panelRecord(spec, { status: spec.status, verdict: spec.verdict })
}

/** One check as a builtin of a cell language; `record` lets ad cells pass options as a last record. */
function checkBuiltin(check: CheckKind, indexing: IndexConvention, record: boolean): LangFunction {
  const f: LangFunction = {
    kind: 'function',
    name: check,
    params: ['f', 'x', '...'],
    source: check,
    call(args) {
      const last = args[args.length - 1]
      if (record && args.length > 2 && isRecord(last) && last.tag === 'record')
        return run(check, indexing, args.slice(0, -1), checkOptions(last.fields, check))
      return run(check, indexing, args, { ...DEFAULT_CHECK })
    },
  }
  acceptsKeywords(f, (args, kw) => {
    if (args.length < 2)
      throw new LangError(
        `${check} takes the function and a point before its keywords, as in ${USAGE[check]}, but was given ${plural(args.length, 'argument')}`,
      )
    return run(check, indexing, args, checkOptions(kw, check))
  })
  return f
}

/** The three checks for a cell language with these conventions. */
export function derivativeCheckBuiltins(indexing: IndexConvention, record = false): LangFunction[] {
  return (['check_gradient', 'test_rrule', 'test_frule'] as const).map((c) => checkBuiltin(c, indexing, record))
}
