/**
 * JAX's transforms by their names, with JAX's conventions: `jax.grad(f)` returns a function;
 * `argnums` (an int or a tuple) picks the arguments; parameters may be pytrees (tuples and dicts
 * of arrays); `jax.vjp(f, x)` is `(y, f_vjp)` with `f_vjp(v)` a tuple; `jax.jvp(f, primals,
 * tangents)` is `(y, tangent)`; `jax.vmap` is the engine's batching level. Under them are the same
 * engine transforms every cell uses, so nesting works as anywhere else.
 */
import type { Value } from '../../ad/value.ts'
import { pushforward } from '../../ad/forward.ts'
import { Box, concrete, isValue, newLevel } from '../../ad/value.ts'
import { NonScalarOutputError } from '../../errors.ts'
import { describeShape, scalar } from '../../tensor/tensor.ts'
import type { Fn } from '../../transforms/index.ts'
import * as T from '../../transforms/index.ts'
import { vmap } from '../../transforms/vmap.ts'
import { customJvp, customVjp } from './custom.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import { acceptsKeywords } from '../functions.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tuple } from '../values.ts'
import { axisIn, moveAxis } from './axes.ts'
import { chosen, flatten, mapLeaves } from './pytree.ts'
import { hessianBlocks } from './hessianBlocks.ts'

type Keywords = Map<string, LangValue>

/**
 * Whose names a transform speaks in (JAX's, or torch.func's, which has the same transforms): the
 * prefix of its names, what its pullback is usually called, and the library's own words for a
 * gradient of a non-scalar output, which the course's explanation follows.
 */
export interface Flavor {
  prefix: string
  pullbackName: string
  nonScalar(shape: readonly number[], who: string): string
  axesKeyword: string
}

export const JAX: Flavor = {
  prefix: 'jax',
  pullbackName: 'f_vjp',
  axesKeyword: 'in_axes',
  nonScalar: (shape, who) => {
    const s = shape.length === 0 ? '()' : `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`
    return `${who}: Gradient only defined for scalar-output functions. Output had shape: ${s}.`
  },
}

/** A builtin that takes keyword arguments (allowed: their names), Python style. */
export function pyFunction(
  name: string,
  params: string[],
  allowed: string[],
  run: (args: LangValue[], kw: Keywords) => LangValue,
  arity: [number, number] = [params.length, params.length],
): LangFunction {
  // The keywords of the call under way, taken (and cleared) as the builtin starts, so that the
  // arguments' count is checked once and the body runs once.
  let pending: Keywords = new Map()
  const f = builtin(
    name,
    params,
    (args) => {
      const kw = pending
      pending = new Map()
      return run(args, kw)
    },
    { arity },
  )
  acceptsKeywords(f, (args, kw) => {
    for (const k of kw.keys())
      if (!allowed.includes(k))
        throw new LangError(
          `${name} has no keyword argument ${k}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
        )
    pending = kw
    try {
      return f.call(args)
    } finally {
      pending = new Map()
    }
  })
  return f
}

export function fnArg(f: LangValue, who: string): LangFunction {
  if (!isFunction(f)) throw new LangError(`${who} needs a function first, as in ${who}(f), but got ${describe(f)}`)
  return f
}

/** Where has_aux=True keeps the second item of f's (output, auxiliary) pair. */
export interface Aux {
  value?: LangValue
}

/** f's output, which must be an array or a number to be differentiated; with aux, f returns (output, auxiliary). */
export function output(f: LangFunction, args: LangValue[], who: string, aux?: Aux): Value {
  let y = f.call(args)
  if (aux !== undefined) {
    if (!isTuple(y) || y.items.length !== 2)
      throw new LangError(
        `${who}: with has_aux=True, ${f.name} must return a pair (output, auxiliary), as return loss, aux; but returned ${describe(y)}`,
      )
    aux.value = y.items[1]
    y = y.items[0]
  }
  if (typeof y === 'boolean') return scalar(y ? 1 : 0)
  if (!isValue(y))
    throw new LangError(`${who}: ${f.name} must return an array or a number, but returned ${describe(y)}`)
  return y
}

/** The items of a tuple rebuilt from a flat point. */
const itemsOf = (v: LangValue): LangValue[] => (isTuple(v) ? [...v.items] : [v])

/** f as an engine function of the flattened arguments chosen by argnums, the others held fixed. */
export function restricted(f: LangFunction, args: LangValue[], index: number, who: string, aux?: Aux) {
  const flat = flatten(args[index], who)
  const fn: Fn = (z) =>
    output(
      f,
      args.map((a, k) => (k === index ? flat.unflatten(z) : a)),
      who,
      aux,
    )
  return { flat, fn }
}

function argnumsOf(kw: Keywords): LangValue {
  return kw.get('argnums') ?? scalar(0)
}

const hasAux = (kw: Keywords): boolean => kw.get('has_aux') === true

/** The library's message for a non-scalar output, then the course's explanation. */
export function scalarOnly(err: unknown, who: string, flavor: Flavor): never {
  if (err instanceof NonScalarOutputError) {
    const p = flavor.prefix
    throw new LangError(
      `${flavor.nonScalar(err.shape, who)} ` +
        `A gradient exists only for one output; a ${describeShape(err.shape)} output has a Jacobian, one gradient per output: ` +
        `use ${p}.jacrev(f) (or ${p}.jacfwd) for the whole matrix, or ${p}.vjp(f, x) and ${flavor.pullbackName}(v) for the combination vᵀJ of its rows. ` +
        `The gradient of a gradient is the Jacobian of the gradient: ${p}.jacfwd(${p}.grad(f)), which is ${p}.hessian(f).`,
    )
  }
  throw err
}

/** Per chosen argument, the transform of f in that argument, as a tuple when argnums is a tuple. */
function perArgument(args: LangValue[], kw: Keywords, who: string, each: (index: number) => LangValue): LangValue {
  const { indices, many } = chosen(args, argnumsOf(kw), who)
  const results = indices.map(each)
  return many ? tuple(results) : results[0]
}

function gradientIn(
  f: LangFunction,
  args: LangValue[],
  index: number,
  who: string,
  flavor: Flavor,
  withAux: boolean,
): { value: Value; grad: LangValue; aux: LangValue } {
  const aux: Aux | undefined = withAux ? {} : undefined
  const { flat, fn } = restricted(f, args, index, who, aux)
  // The auxiliary value comes back as a value, not a derivative: levels opened from here on are stripped from it.
  const below = newLevel()
  const { value, back } = T.pullback(fn, flat.point)
  if (value.shape.length !== 0) scalarOnly(new NonScalarOutputError('', who, value.shape), who, flavor)
  return {
    value,
    grad: flat.unflatten(back(scalar(1))),
    aux: aux && mapLeaves(aux.value, (v) => primalBelow(v, below)),
  }
}

/** v without the boxes of levels above `level`: what it is to the transforms running outside. */
function primalBelow(v: Value, level: number): Value {
  let x = v
  while (x instanceof Box && x.level > level) x = x.primal
  return x
}

export const gradOf = (flavor: Flavor) => {
  const who = `${flavor.prefix}.grad`
  return pyFunction(who, ['f'], ['argnums', 'has_aux'], ([f], kw) => {
    const g = fnArg(f, who)
    return builtin(
      `grad(${g.name})`,
      [...g.params],
      (args) => {
        // With has_aux, (gradient, auxiliary), the auxiliary value computed once.
        let aux: LangValue
        const grads = perArgument(args, kw, who, (i) => {
          const part = gradientIn(g, args, i, who, flavor, hasAux(kw))
          aux = part.aux
          return part.grad
        })
        return hasAux(kw) ? tuple([grads, aux]) : grads
      },
      { arity: [1, Infinity] },
    )
  })
}

/** jax.value_and_grad gives (value, gradient); torch.func.grad_and_value the other way round. */
export const valueAndGradOf = (flavor: Flavor, name: 'value_and_grad' | 'grad_and_value') => {
  const who = `${flavor.prefix}.${name}`
  return pyFunction(who, ['f'], ['argnums', 'has_aux'], ([f], kw) => {
    const g = fnArg(f, who)
    return builtin(
      `${name}(${g.name})`,
      [...g.params],
      (args) => {
        const { indices, many } = chosen(args, argnumsOf(kw), who)
        const parts = indices.map((i) => gradientIn(g, args, i, who, flavor, hasAux(kw)))
        const gradient = many ? tuple(parts.map((p) => p.grad)) : parts[0]!.grad
        // JAX: ((value, aux), grad); torch.func.grad_and_value: (grad, (value, aux)).
        const value = hasAux(kw) ? tuple([parts[0]!.value, parts[0]!.aux]) : parts[0]!.value
        return tuple(name === 'value_and_grad' ? [value, gradient] : [gradient, value])
      },
      { arity: [1, Infinity] },
    )
  })
}

/**
 * jacfwd, jacrev, hessian: an engine transform of f in each chosen argument (arrays only). With
 * has_aux=True f returns (output, auxiliary) and the result is (jacobian, auxiliary), as in JAX
 * and torch.func.
 */
export function jacobianLike(name: string, transform: (fn: Fn, x: Value) => Value, flavor: Flavor = JAX) {
  const who = `${flavor.prefix}.${name}`
  return pyFunction(who, ['f'], ['argnums', 'has_aux'], ([f], kw) => {
    const g = fnArg(f, who)
    return builtin(
      `${name}(${g.name})`,
      [...g.params],
      (args) => {
        const aux: Aux | undefined = hasAux(kw) ? {} : undefined
        // The auxiliary value is a value to the caller: levels opened from here on are stripped from it.
        const below = newLevel()
        const { indices, many } = chosen(args, argnumsOf(kw), who)
        const jacobians =
          name === 'hessian' && many
            ? hessianBlocks(g, args, indices, who, flavor, aux)
            : perArgument(args, kw, who, (i) => {
                const { flat, fn } = restricted(g, args, i, who, aux)
                if (!flat.single)
                  throw new LangError(
                    `${who} with respect to a tuple or dict is not supported yet: differentiate with respect to one array`,
                  )
                try {
                  return transform(fn, flat.point)
                } catch (err) {
                  return scalarOnly(err, who, flavor)
                }
              })
        return aux ? tuple([jacobians, mapLeaves(aux.value, (v) => primalBelow(v, below))]) : jacobians
      },
      { arity: [1, Infinity] },
    )
  })
}

export const jvpOf = (flavor: Flavor) => {
  const who = `${flavor.prefix}.jvp`
  return builtin(who, ['f', 'primals', 'tangents'], ([f, primals, tangents]) => {
    const g = fnArg(f, who)
    if (!isTuple(primals) || !isTuple(tangents) || primals.items.length !== tangents.items.length)
      throw new LangError(
        `${who} takes the primals and the tangents as two tuples of the same length: ${who}(f, (x,), (v,))`,
      )
    const xs = primals.items
    const packed = flatten(tuple(xs), who)
    const dirs = flatten(tuple(tangents.items), who)
    const fn: Fn = (z) => output(g, itemsOf(packed.unflatten(z)), who)
    const { out, tangent } = pushforward(fn, packed.point, dirs.point, who)
    return tuple([out, tangent])
  })
}

export const vjpOf = (flavor: Flavor) => {
  const who = `${flavor.prefix}.vjp`
  return builtin(
    who,
    ['f', 'primals...'],
    ([f, ...xs]) => {
      const g = fnArg(f, who)
      const packed = flatten(tuple(xs), who)
      const fn: Fn = (z) => output(g, itemsOf(packed.unflatten(z)), who)
      const { value, back } = T.pullback(fn, packed.point)
      const pull = builtin(flavor.pullbackName, ['v'], ([v]) => {
        if (!isValue(v))
          throw new LangError(
            `${flavor.pullbackName} needs a cotangent shaped like the output (${describeShape(value.shape)}), but got ${describe(v)}`,
          )
        return packed.unflatten(back(v))
      })
      return tuple([value, pull])
    },
    { arity: [2, Infinity] },
  )
}

export const vmapOf = (flavor: Flavor) => {
  const who = `${flavor.prefix}.vmap`
  const axesKeyword = flavor.axesKeyword
  const outKeyword = axesKeyword.replace('in_', 'out_')
  return pyFunction(
    who,
    ['f', axesKeyword],
    [axesKeyword, outKeyword],
    ([f, positional], kw) => {
      const g = fnArg(f, who)
      const given = kw.has(axesKeyword) || positional !== undefined
      const inAxes = kw.has(axesKeyword) ? kw.get(axesKeyword) : positional
      const outAxes = kw.get(outKeyword)
      // An axis: a whole number, or None (nothing) for an argument held fixed.
      const axisOf = (v: LangValue, what: string): number | null => {
        if (v === undefined) return null
        const k = isValue(v) && v.shape.length === 0 ? concrete(v).item() : NaN
        if (!Number.isInteger(k))
          throw new LangError(`${who}: ${what} must be a whole number or None, not ${describe(v)}`)
        return k
      }
      if (isTuple(outAxes)) throw new LangError(`${who}: ${outKeyword} is one axis here: f returns one array`)
      const out = outAxes === undefined ? 0 : axisOf(outAxes, outKeyword)
      if (out === null) throw new LangError(`${who}: ${outKeyword}=None is not supported: f's result is mapped`)
      return builtin(
        `vmap(${g.name})`,
        [...g.params],
        (args) => {
          if (given && isTuple(inAxes) && inAxes.items.length !== args.length)
            throw new LangError(
              `${who}: ${axesKeyword} has ${inAxes.items.length} entries but ${g.name} was given ${args.length} arguments`,
            )
          for (const a of args) if (!isValue(a)) throw new LangError(`${who} maps over arrays, but got ${describe(a)}`)
          const xs = args as Value[]
          // Axes not given map every argument along its first; None holds one fixed.
          const axes = xs.map((x, k) => {
            if (!given) return 0
            const a = axisOf(isTuple(inAxes) ? inAxes.items[k] : inAxes, `${axesKeyword} for argument ${k}`)
            return a === null ? null : axisIn(a, x.shape.length, `${who} (${axesKeyword})`, x.shape)
          })
          const leading = xs.map((x, k) => (axes[k] === null ? x : moveAxis(x, axes[k]!, 0)))
          const y = vmap(
            (...zs) => output(g, zs, who),
            leading,
            axes.map((a) => (a === null ? null : 0)),
          )
          return moveAxis(y, 0, axisIn(out, y.shape.length, `${who} (${outKeyword})`, y.shape))
        },
        { arity: [1, Infinity] },
      )
    },
    [1, 2],
  )
}

export const JAX_MEMBERS: [string, LangValue][] = [
  ['grad', gradOf(JAX)],
  ['value_and_grad', valueAndGradOf(JAX, 'value_and_grad')],
  ['jacfwd', jacobianLike('jacfwd', (fn, x) => T.jacfwd(fn, x))],
  ['jacrev', jacobianLike('jacrev', (fn, x) => T.jacrev(fn, x))],
  ['jacobian', jacobianLike('jacobian', (fn, x) => T.jacrev(fn, x))],
  ['hessian', jacobianLike('hessian', (fn, x) => T.hessian(fn, x))],
  ['jvp', jvpOf(JAX)],
  ['vjp', vjpOf(JAX)],
  ['vmap', vmapOf(JAX)],
  ['jit', builtin('jax.jit', ['f'], ([f]) => fnArg(f, 'jax.jit'))],
  ['custom_vjp', customVjp],
  ['custom_jvp', customJvp],
]
