/**
 * JAX's custom derivative rules, on the machinery of the Julia cells' rules (language/rules.ts):
 *  - `f = jax.custom_vjp(f)` (or `@jax.custom_vjp`), then `f.defvjp(f_fwd, f_bwd)`: reverse mode
 *    runs f_fwd(x) -> (y, residuals) and pulls ȳ back with f_bwd(residuals, ȳ) -> one cotangent per
 *    argument (None for none); forward mode of f alone is JAX's error, as in JAX;
 *  - `f = jax.custom_jvp(f)`, then `@f.defjvp def f_jvp(primals, tangents): ... return y, ẏ`:
 *    forward mode uses it, and so does reverse mode (JAX transposes the JVP; here each basis
 *    tangent is pushed through it, which is the same linear map, one column per input number).
 * The custom function is a new function whose members (defvjp, defjvp) are looked up by
 * attributes.ts; without any rule it is f itself.
 */
import type { Value } from '../../ad/value.ts'
import { isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { basis, zeros as zerosOf } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { Rules } from '../rules.ts'
import { NO_TANGENT, isZeroTangent, ruledFunction } from '../rules.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tuple } from '../values.ts'

/** The members of custom functions: f.defvjp, f.defjvp. */
const members = new WeakMap<LangFunction, Map<string, LangValue>>()

export function functionMember(f: LangFunction, name: string): LangValue | undefined {
  return members.get(f)?.get(name)
}

function fnOf(f: LangValue, who: string): LangFunction {
  if (!isFunction(f))
    throw new LangError(`${who} needs a function, as in ${who}(f) or @${who} above a def, but got ${describe(f)}`)
  return f
}

/** A function that calls f with the rules, and whose members set them. */
function customFunction(f: LangFunction, rules: Rules, own: [string, LangValue][]): LangFunction {
  const custom = ruledFunction(f, rules)
  members.set(custom, new Map(own))
  return custom
}

/** Rules take the arguments of f, however many. */
const ANY = { arity: [0, Infinity] as [number, number] }

const itemsOf = (v: LangValue): readonly LangValue[] => (isTuple(v) ? v.items : [v])

export const customVjp = builtin('jax.custom_vjp', ['fun'], ([f]) => {
  const fun = fnOf(f, 'jax.custom_vjp')
  const rules: Rules = {}
  const defvjp = builtin(`${fun.name}.defvjp`, ['fwd', 'bwd'], ([fwdArg, bwdArg]) => {
    const fwd = fnOf(fwdArg, `${fun.name}.defvjp`)
    const bwd = fnOf(bwdArg, `${fun.name}.defvjp`)
    rules.rrule = builtin(
      `${fun.name}'s custom_vjp`,
      ['x', '...'],
      (args) => {
        const out = fwd.call(args)
        if (!isTuple(out) || out.items.length !== 2)
          throw new LangError(
            `${fwd.name} (the fwd of ${fun.name}'s custom_vjp) must return a pair (output, residuals), as in return y, (x,); it returned ${describe(out)}`,
          )
        const [y, residuals] = out.items
        const pullback = builtin('bwd', ['ȳ'], ([g]) => {
          const cts = bwd.call([residuals, g])
          if (!isTuple(cts))
            throw new LangError(
              `${bwd.name} (the bwd of ${fun.name}'s custom_vjp) must return a tuple with one cotangent per argument of ${fun.name}, as in return (g * 2 * x,): the comma makes it a tuple; it returned ${describe(cts)}`,
            )
          return tuple([NO_TANGENT, ...cts.items])
        })
        return tuple([y, pullback])
      },
      ANY,
    )
    // JAX: forward mode cannot see through a custom_vjp function.
    rules.frule = builtin(
      `${fun.name}'s custom_vjp`,
      ['Δargs', 'x', '...'],
      () => {
        throw new LangError(
          `TypeError: can't apply forward-mode autodiff (jvp) to a custom_vjp function. (${fun.name} has only a reverse-mode rule, so jax.jvp and jax.jacfwd have nothing to push a tangent through; use jax.jacrev or jax.grad, or give it a custom_jvp instead.)`,
        )
      },
      ANY,
    )
    return undefined
  })
  return customFunction(fun, rules, [['defvjp', defvjp]])
})

export const customJvp = builtin('jax.custom_jvp', ['fun'], ([f]) => {
  const fun = fnOf(f, 'jax.custom_jvp')
  const rules: Rules = {}
  const defjvp = builtin(`${fun.name}.defjvp`, ['jvp'], ([jvpArg]) => {
    const jvp = fnOf(jvpArg, `${fun.name}.defjvp`)
    const pushforward = (primals: readonly LangValue[], tangents: readonly LangValue[]) => {
      const out = jvp.call([tuple(primals), tuple(tangents)])
      if (!isTuple(out) || out.items.length !== 2)
        throw new LangError(
          `${jvp.name} (the custom_jvp of ${fun.name}) must return a pair (primal_out, tangent_out); it returned ${describe(out)}`,
        )
      return out.items as [LangValue, LangValue]
    }
    rules.frule = builtin(
      `${fun.name}'s custom_jvp`,
      ['Δargs', 'x', '...'],
      ([dargs, ...args]) => {
        const tangents = itemsOf(dargs!)
          .slice(1)
          .map((t, i) => (isZeroTangent(t) ? zerosLike(args[i]) : t))
        return tuple(pushforward(args, tangents))
      },
      ANY,
    )
    // Reverse mode: the transpose of the JVP, one basis tangent per input number.
    rules.rrule = builtin(
      `${fun.name}'s custom_jvp`,
      ['x', '...'],
      (args) => {
        const zeros = args.map(zerosLike)
        const [y] = pushforward(args, zeros)
        const pullback = builtin('pullback', ['ȳ'], ([g]) => {
          const cts = args.map((x, i) => {
            if (!isValue(x)) return NO_TANGENT
            const entries: Value[] = []
            for (let k = 0; k < x.shape.reduce((a, b) => a * b, 1); k++) {
              const tangents = zeros.map((z, j) => (j === i ? basis(x.shape, k) : z))
              const [, ydot] = pushforward(args, tangents)
              if (!isValue(ydot) || !isValue(g))
                throw new LangError(`the custom_jvp of ${fun.name} must give an array as its tangent`)
              entries.push(ops.sum(ops.mul(g, ydot)))
            }
            return ops.reshape(ops.stack(entries), x.shape)
          })
          return tuple([NO_TANGENT, ...cts])
        })
        return tuple([y, pullback])
      },
      ANY,
    )
    return jvp
  })
  return customFunction(fun, rules, [['defjvp', defjvp]])
})

function zerosLike(x: LangValue): LangValue {
  return isValue(x) ? zerosOf(x.shape) : NO_TANGENT
}
