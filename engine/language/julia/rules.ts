/**
 * ChainRulesCore by name in Julia cells: `NoTangent()`, `ZeroTangent()`, `unthunk` (thunks are
 * evaluated at once here, see frontends/julia/macros.ts), and `rrule(f, x...)` /
 * `frule((Δf, ẋ...), f, x...)` called directly, which give the learner's rule when f has one and
 * the engine's derivative otherwise, in ChainRules' conventions: the pullback returns a tangent
 * for f itself (NoTangent()) and then one per argument. Rules are defined by the front-end
 * (frontends/julia/rules.ts) and applied by engine/language/rules.ts.
 */
import { Dual, concrete, isValue, newLevel, runningAt } from '../../ad/value.ts'
import { zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import { NO_TANGENT, ZERO_TANGENT, isZeroTangent, rulesOf } from '../rules.ts'
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tuple } from '../values.ts'
import { zygotePullback } from './transforms.ts'

const noTangent = builtin('NoTangent', [], () => NO_TANGENT)
const zeroTangent = builtin('ZeroTangent', [], () => ZERO_TANGENT)
const unthunk = builtin('unthunk', ['x'], ([x]) => x)

const enginePullback = zygotePullback('rrule')

function functionArg(f: LangValue, who: string, usage: string): LangFunction {
  if (!isFunction(f)) throw new LangError(`${who} needs the function first, as in ${usage}, but got ${describe(f)}`)
  return f
}

/** rrule(f, x...): (y, pullback), the pullback giving (NoTangent(), x̄...). */
const rrule = builtin(
  'rrule',
  ['f', 'x', '...'],
  ([f, ...args]) => {
    const fn = functionArg(f, 'rrule', 'rrule(f, x)')
    const own = rulesOf(fn)?.rules
    if (own?.rrule) return own.rrule.call(args)
    const made = own?.adjoint ? own.adjoint.call(args) : enginePullback.call([fn, ...args])
    if (!isTuple(made) || made.items.length !== 2 || !isFunction(made.items[1]))
      throw new LangError(`the @adjoint of ${fn.name} must return a tuple of the value and its pullback`)
    const [y, pullback] = made.items as [LangValue, LangFunction]
    return tuple([
      y,
      builtin('pullback', ['ȳ'], ([g]) => {
        const pulled = pullback.call([g])
        const items = isTuple(pulled) ? pulled.items : [pulled]
        return tuple([NO_TANGENT, ...items])
      }),
    ])
  },
  { arity: [2, Infinity] },
)

/** frule((Δf, ẋ...), f, x...): (y, ẏ) by f's frule, or by forward mode through f. */
const frule = builtin(
  'frule',
  ['Δargs', 'f', 'x', '...'],
  ([dargs, f, ...args]) => {
    const fn = functionArg(f, 'frule', 'frule((NoTangent(), ẋ), f, x)')
    const own = rulesOf(fn)?.rules
    if (own?.frule) return own.frule.call([dargs, ...args])
    if (!isTuple(dargs) || dargs.items.length !== args.length + 1)
      throw new LangError(
        `frule needs a tuple of tangents first, one for f and one per argument, as in frule((NoTangent(), ẋ), f, x); got ${describe(dargs)}`,
      )
    const level = newLevel()
    const duals = args.map((x, i) => {
      const t = dargs.items[i + 1]
      return isValue(x) && isValue(t) && !isZeroTangent(t) ? new Dual(x, t, level) : x
    })
    const y = runningAt(level, () => fn.call(duals))
    if (y instanceof Dual && y.level === level) return tuple([y.primal, y.tangent])
    return tuple([y, isValue(y) ? zeros(concrete(y).shape) : ZERO_TANGENT])
  },
  { arity: [3, Infinity] },
)

export const RULE_BUILTINS: [string, LangValue][] = [
  ['NoTangent', noTangent],
  ['ZeroTangent', zeroTangent],
  ['unthunk', unthunk],
  ['rrule', rrule],
  ['frule', frule],
]

export const CHAIN_RULES_CORE: LangRecord = {
  kind: 'record',
  tag: 'module ChainRulesCore',
  fields: new Map(RULE_BUILTINS),
}
