/**
 * The one argument checker every builtin goes through (the core table, plots and teaching
 * panels): `builtin` checks how many arguments came and says what the builtin takes, and the
 * helpers below check the kinds of argument several builtins share (a learner's function of one
 * argument, a concrete tensor of finite numbers), each with a message that says what was wrong.
 */
import { concrete, isValue } from '../ad/value.ts'
import type { Tensor } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import { LangError } from './errors.ts'
import { plural } from './numbers.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe, isFunction } from './values.ts'

export interface BuiltinOptions {
  /** Smallest and largest number of arguments; by default exactly one per parameter. */
  arity?: [number, number]
  /**
   * The forms it takes, for a builtin whose counts are not a range (show_sum_trap() or
   * show_sum_trap(g, x)): the counts accepted, and how to say them ("a function and a point, ...").
   */
  forms?: { counts: readonly number[]; usage: string }
  /** Applies to each element of a tensor by itself (map and sum(fn, X) pass the whole tensor). */
  elementwise?: boolean
}

/** A builtin of the notebook language that checks its number of arguments before it runs. */
export function builtin(
  name: string,
  params: string[],
  impl: (args: LangValue[]) => LangValue,
  options: BuiltinOptions = {},
): LangFunction {
  const [min, max] = options.arity ?? [params.length, params.length]
  const forms = options.forms
  return {
    kind: 'function',
    name,
    params,
    source: name,
    ...(options.elementwise ? { elementwise: true } : {}),
    call(args) {
      const n = args.length
      if (forms) {
        if (!forms.counts.includes(n))
          throw new LangError(`${name} takes ${forms.usage}, but was given ${plural(n, 'argument')}`)
      } else if (n < min || n > max) {
        const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`
        throw new LangError(
          `${name} takes ${expected} argument${max === 1 || (min === 1 && max === Infinity) ? '' : 's'} (${params.join(', ')}), but was given ${n}`,
        )
      }
      return impl(args)
    },
  }
}

export interface FunctionArgOptions {
  /** A call that shows where the function goes, as in "plot(f, -2, 2)". */
  usage?: string
  /** What the builtin needs, when it is more than a function: "a vector-valued function first". */
  needs?: string
  /** What the builtin does with it, for a function of several arguments: "draws" functions of one. */
  verb?: string
  /** What to do instead when the function takes several arguments ('' for nothing to add). */
  instead?: (f: LangFunction) => string
  /** What the function must return: "a number", "a vector"; by default any tensor. */
  returns?: string
}

/**
 * A learner's function of one argument, checked, with it as an engine function of one tensor: a
 * call that returns anything but a tensor stops with a message naming the function.
 */
export function functionArg(
  f: LangValue,
  who: string,
  options: FunctionArgOptions = {},
): { f: LangFunction; fn: Fn; name: string } {
  const { usage, needs = 'a function as its first argument', verb = 'differentiates', returns } = options
  if (!isFunction(f))
    throw new LangError(`${who} needs ${needs}${usage ? `, as in ${usage}` : ''}, but got ${describe(f)}`)
  if (f.params.length !== 1) {
    const instead = options.instead ? options.instead(f) : 'collect the inputs into one vector'
    throw new LangError(
      `${who} ${verb} functions of one argument, but ${f.name} takes ${f.params.length} (${f.params.join(', ')})${instead ? `: ${instead}` : ''}`,
    )
  }
  const fn: Fn = (x) => {
    const y = f.call([x])
    if (!isValue(y))
      throw new LangError(
        `${who}: ${f.name} must return ${returns ?? 'a number, vector or matrix'}, but it returned ${describe(y)}`,
      )
    return y
  }
  return { f, fn, name: f.name }
}

/** A concrete tensor argument with finite entries (a point to measure or step through at). */
export function tensorArg(v: LangValue, who: string, what: string): Tensor {
  if (typeof v === 'boolean' || !isValue(v))
    throw new LangError(`${who}: ${what} must be a number, vector or matrix, but got ${describe(v)}`)
  const t = concrete(v)
  if (!t.data.every(Number.isFinite)) throw new LangError(`${who}: every entry of ${what} must be finite`)
  return t
}
