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
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from '../values.ts'

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

// -----------------------------------------------------------------------------------------------
// torch.autograd.Function: `class F(torch.autograd.Function)` with static forward(ctx, x...) and
// backward(ctx, ḡ) (and optionally setup_context, jvp), applied as F.apply(x...). The front-end
// lowers the class to ·autograd_function("F", {forward, backward, ...}).

/** torch's ctx: save_for_backward(...) keeps tensors for saved_tensors; needs_input_grad is all True here. */
function newContext(inputs: number): LangRecord {
  const fields = new Map<string, LangValue>()
  const ctx: LangRecord = { kind: 'record', tag: 'ctx', fields }
  const noOp = (name: string) => builtin(`ctx.${name}`, ['args...'], () => undefined, ANY)
  fields.set(
    'save_for_backward',
    builtin(
      'ctx.save_for_backward',
      ['tensors...'],
      (ts) => {
        fields.set('saved_tensors', tuple(ts))
        return undefined
      },
      ANY,
    ),
  )
  fields.set('saved_tensors', tuple([]))
  fields.set('needs_input_grad', tuple(Array.from({ length: inputs }, () => true)))
  for (const name of ['mark_non_differentiable', 'set_materialize_grads', 'mark_dirty']) fields.set(name, noOp(name))
  return ctx
}

/** o.k = v: only torch's ctx keeps attributes (values never change in place here). */
export const setAttribute = builtin('setattr', ['object', 'name', 'value'], ([o, k, v]) => {
  if (!isRecord(o) || o.tag !== 'ctx')
    throw new LangError(
      `assigning to an attribute (.${String(k)} = ...) is not supported: values never change here, so build a new value instead (a dict written out with its new entry, {"${String(k)}": v, ...}); only a torch.autograd.Function's ctx keeps attributes`,
    )
  ;(o.fields as Map<string, LangValue>).set(String(k), v)
  return v
})

export const autogradFunction = builtin('torch.autograd.Function', ['name', 'methods'], ([nameArg, methods]) => {
  const name = String(nameArg)
  const method = (m: string): LangFunction | undefined => {
    const f = isRecord(methods) ? methods.fields.get(m) : undefined
    return isFunction(f) ? f : undefined
  }
  const forward = method('forward')
  const backward = method('backward') ?? method('vjp')
  if (forward === undefined)
    throw new LangError(`${name} (a torch.autograd.Function) needs a forward: @staticmethod def forward(ctx, x): ...`)
  const setup = method('setup_context')
  // forward(ctx, x...) with the ctx filled, or forward(x...) then setup_context(ctx, inputs, output).
  const run = (args: readonly LangValue[]): { y: LangValue; ctx: LangRecord } => {
    const ctx = newContext(args.length)
    if (setup === undefined) return { y: forward.call([ctx, ...args]), ctx }
    const y = forward.call([...args])
    setup.call([ctx, tuple(args), y])
    return { y, ctx }
  }
  const body = builtin(name, ['x', '...'], (args) => run(args).y, ANY)
  const rules: Rules = {}
  if (backward !== undefined)
    rules.rrule = builtin(
      `${name}.backward`,
      ['x', '...'],
      (args) => {
        const { y, ctx } = run(args)
        const pullback = builtin('backward', ['ḡ'], ([g]) => {
          const grads = backward.call([ctx, g])
          // One gradient per input of forward; a lone tensor for a single input.
          const items = isTuple(grads) ? grads.items : [grads]
          if (items.length !== args.length)
            throw new LangError(
              `${name}.backward returned ${items.length} gradient${items.length === 1 ? '' : 's'}, but forward took ${args.length} input${args.length === 1 ? '' : 's'}: return one per input (None for an input with no gradient)`,
            )
          return tuple([NO_TANGENT, ...items.map((t) => t ?? NO_TANGENT)])
        })
        return tuple([y, pullback])
      },
      ANY,
    )
  const jvp = method('jvp')
  rules.frule = builtin(
    `${name}.jvp`,
    ['Δargs', 'x', '...'],
    ([dargs, ...args]) => {
      if (jvp === undefined)
        throw new LangError(
          `RuntimeError: ${name} (a torch.autograd.Function) has no jvp staticmethod, so forward-mode AD (torch.func.jvp, torch.func.jacfwd) cannot go through it: define @staticmethod def jvp(ctx, x_t): ..., or use reverse mode (torch.func.grad, jacrev)`,
        )
      const { y, ctx } = run(args)
      const tangents = itemsOf(dargs!)
        .slice(1)
        .map((t, i) => (isZeroTangent(t) ? zerosLike(args[i]) : t))
      return tuple([y, jvp.call([ctx, ...tangents])])
    },
    ANY,
  )
  const apply = ruledFunction(body, rules)
  const fields = new Map<string, LangValue>([['apply', apply]])
  for (const m of ['forward', 'backward', 'setup_context', 'jvp']) if (method(m)) fields.set(m, method(m))
  return { kind: 'record', tag: `autograd.Function ${name}`, fields }
})
