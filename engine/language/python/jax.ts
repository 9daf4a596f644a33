/**
 * JAX's transforms by their names, with JAX's conventions: `jax.grad(f)` returns a function;
 * `argnums` (an int or a tuple) picks the arguments; parameters may be pytrees (tuples and dicts
 * of arrays); `jax.vjp(f, x)` is `(y, f_vjp)` with `f_vjp(v)` a tuple; `jax.jvp(f, primals,
 * tangents)` is `(y, tangent)`; `jax.vmap` is the engine's batching level. Under them are the same
 * engine transforms every cell uses, so nesting works as anywhere else.
 */
import type { Value } from '../../ad/value.ts'
import { pushforward } from '../../ad/forward.ts'
import { concrete, isValue } from '../../ad/value.ts'
import { NonScalarOutputError } from '../../errors.ts'
import { describeShape, scalar } from '../../tensor/tensor.ts'
import type { Fn } from '../../transforms/index.ts'
import * as T from '../../transforms/index.ts'
import { vmap } from '../../transforms/vmap.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import { acceptsKeywords } from '../functions.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isTuple, tuple } from '../values.ts'
import { chosen, flatten } from './pytree.ts'

type Keywords = Map<string, LangValue>

/** A builtin that takes keyword arguments (allowed: their names), Python style. */
export function pyFunction(
  name: string,
  params: string[],
  allowed: string[],
  run: (args: LangValue[], kw: Keywords) => LangValue,
  arity: [number, number] = [params.length, params.length],
): LangFunction {
  const f = builtin(name, params, (args) => run(args, new Map()), { arity })
  acceptsKeywords(f, (args, kw) => {
    for (const k of kw.keys())
      if (!allowed.includes(k))
        throw new LangError(
          `${name} has no keyword argument ${k}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
        )
    return f.call(args) === undefined ? undefined : run(args, kw)
  })
  return f
}

function fnArg(f: LangValue, who: string): LangFunction {
  if (!isFunction(f)) throw new LangError(`${who} needs a function first, as in ${who}(f), but got ${describe(f)}`)
  return f
}

/** f's output, which must be an array or a number to be differentiated. */
function output(f: LangFunction, args: LangValue[], who: string): Value {
  const y = f.call(args)
  if (typeof y === 'boolean') return scalar(y ? 1 : 0)
  if (!isValue(y))
    throw new LangError(`${who}: ${f.name} must return an array or a number, but returned ${describe(y)}`)
  return y
}

/** The items of a tuple rebuilt from a flat point. */
const itemsOf = (v: LangValue): LangValue[] => (isTuple(v) ? [...v.items] : [v])

/** f as an engine function of the flattened arguments chosen by argnums, the others held fixed. */
function restricted(f: LangFunction, args: LangValue[], index: number, who: string) {
  const flat = flatten(args[index], who)
  const fn: Fn = (z) =>
    output(
      f,
      args.map((a, k) => (k === index ? flat.unflatten(z) : a)),
      who,
    )
  return { flat, fn }
}

function argnumsOf(kw: Keywords): LangValue {
  return kw.get('argnums') ?? scalar(0)
}

function refuseAux(kw: Keywords, who: string): void {
  const aux = kw.get('has_aux')
  if (aux === true)
    throw new LangError(`${who}: has_aux=True is not supported yet: return the auxiliary value from a second function`)
}

/** JAX's message for a non-scalar output, then the course's explanation. */
function jaxScalarOnly(err: unknown, who: string): never {
  if (err instanceof NonScalarOutputError) {
    const shape = err.shape.length === 0 ? '()' : `(${err.shape.join(', ')}${err.shape.length === 1 ? ',' : ''})`
    throw new LangError(
      `${who}: Gradient only defined for scalar-output functions. Output had shape: ${shape}. ` +
        `A gradient exists only for one output; a ${describeShape(err.shape)} output has a Jacobian, one gradient per output: ` +
        `use jax.jacrev(f) (or jax.jacfwd) for the whole matrix, or jax.vjp(f, x) and f_vjp(v) for the combination vᵀJ of its rows. ` +
        `The gradient of a gradient is the Jacobian of the gradient: jax.jacfwd(jax.grad(f)), which is jax.hessian(f).`,
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

function gradientIn(f: LangFunction, args: LangValue[], index: number, who: string): { value: Value; grad: LangValue } {
  const { flat, fn } = restricted(f, args, index, who)
  const { value, back } = T.pullback(fn, flat.point)
  if (value.shape.length !== 0) jaxScalarOnly(new NonScalarOutputError('', who, value.shape), who)
  return { value, grad: flat.unflatten(back(scalar(1))) }
}

const grad = pyFunction('jax.grad', ['f'], ['argnums', 'has_aux'], ([f], kw) => {
  const g = fnArg(f, 'jax.grad')
  refuseAux(kw, 'jax.grad')
  return builtin(
    `grad(${g.name})`,
    [...g.params],
    (args) => perArgument(args, kw, 'jax.grad', (i) => gradientIn(g, args, i, 'jax.grad').grad),
    { arity: [1, Infinity] },
  )
})

const valueAndGrad = pyFunction('jax.value_and_grad', ['f'], ['argnums', 'has_aux'], ([f], kw) => {
  const g = fnArg(f, 'jax.value_and_grad')
  refuseAux(kw, 'jax.value_and_grad')
  return builtin(
    `value_and_grad(${g.name})`,
    [...g.params],
    (args) => {
      const { indices, many } = chosen(args, argnumsOf(kw), 'jax.value_and_grad')
      const parts = indices.map((i) => gradientIn(g, args, i, 'jax.value_and_grad'))
      return tuple([parts[0]!.value, many ? tuple(parts.map((p) => p.grad)) : parts[0]!.grad])
    },
    { arity: [1, Infinity] },
  )
})

/** jacfwd, jacrev, hessian: an engine transform of f in each chosen argument (arrays only). */
function jacobianLike(name: string, transform: (fn: Fn, x: Value) => Value) {
  return pyFunction(`jax.${name}`, ['f'], ['argnums'], ([f], kw) => {
    const g = fnArg(f, `jax.${name}`)
    return builtin(
      `${name}(${g.name})`,
      [...g.params],
      (args) =>
        perArgument(args, kw, `jax.${name}`, (i) => {
          const { flat, fn } = restricted(g, args, i, `jax.${name}`)
          if (!flat.single)
            throw new LangError(
              `jax.${name} with respect to a tuple or dict is not supported yet: differentiate with respect to one array`,
            )
          try {
            return transform(fn, flat.point)
          } catch (err) {
            return jaxScalarOnly(err, `jax.${name}`)
          }
        }),
      { arity: [1, Infinity] },
    )
  })
}

const jvp = builtin('jax.jvp', ['f', 'primals', 'tangents'], ([f, primals, tangents]) => {
  const g = fnArg(f, 'jax.jvp')
  if (!isTuple(primals) || !isTuple(tangents) || primals.items.length !== tangents.items.length)
    throw new LangError(
      'jax.jvp takes the primals and the tangents as two tuples of the same length: jax.jvp(f, (x,), (v,))',
    )
  const xs = primals.items
  const packed = flatten(tuple(xs), 'jax.jvp')
  const dirs = flatten(tuple(tangents.items), 'jax.jvp')
  const fn: Fn = (z) => output(g, itemsOf(packed.unflatten(z)), 'jax.jvp')
  const { out, tangent } = pushforward(fn, packed.point, dirs.point, 'jax.jvp')
  return tuple([out, tangent])
})

const vjpOf = builtin(
  'jax.vjp',
  ['f', 'primals...'],
  ([f, ...xs]) => {
    const g = fnArg(f, 'jax.vjp')
    const packed = flatten(tuple(xs), 'jax.vjp')
    const fn: Fn = (z) => output(g, itemsOf(packed.unflatten(z)), 'jax.vjp')
    const { value, back } = T.pullback(fn, packed.point)
    const fVjp = builtin('f_vjp', ['v'], ([v]) => {
      if (!isValue(v))
        throw new LangError(
          `f_vjp needs a cotangent shaped like the output (${describeShape(value.shape)}), but got ${describe(v)}`,
        )
      return packed.unflatten(back(v))
    })
    return tuple([value, fVjp])
  },
  { arity: [2, Infinity] },
)

const vmapOf = pyFunction('jax.vmap', ['f'], ['in_axes', 'out_axes'], ([f], kw) => {
  const g = fnArg(f, 'jax.vmap')
  const inAxes = kw.get('in_axes')
  const outAxes = kw.get('out_axes')
  if (outAxes !== undefined && !(isValue(outAxes) && outAxes.shape.length === 0))
    throw new LangError('jax.vmap: out_axes other than 0 is not supported yet')
  return builtin(
    `vmap(${g.name})`,
    [...g.params],
    (args) => {
      // in_axes absent maps every argument; None (nothing) holds one fixed.
      const axes = args.map((_, k) => (kw.has('in_axes') ? axisOf(isTuple(inAxes) ? inAxes.items[k] : inAxes) : 0))
      for (const a of args) if (!isValue(a)) throw new LangError(`jax.vmap maps over arrays, but got ${describe(a)}`)
      return vmap((...xs) => output(g, xs, 'jax.vmap'), args as Value[], axes)
    },
    { arity: [1, Infinity] },
  )
})

function axisOf(v: LangValue): 0 | null {
  if (v === undefined) return null
  if (isValue(v) && v.shape.length === 0 && concrete(v).item() === 0) return 0
  throw new LangError(
    `jax.vmap: in_axes may be 0 or None for each argument (other axes are not supported yet), not ${describe(v)}`,
  )
}

export const JAX_MEMBERS: [string, LangValue][] = [
  ['grad', grad],
  ['value_and_grad', valueAndGrad],
  ['jacfwd', jacobianLike('jacfwd', (fn, x) => T.jacfwd(fn, x))],
  ['jacrev', jacobianLike('jacrev', (fn, x) => T.jacrev(fn, x))],
  ['jacobian', jacobianLike('jacobian', (fn, x) => T.jacrev(fn, x))],
  ['hessian', jacobianLike('hessian', (fn, x) => T.hessian(fn, x))],
  ['jvp', jvp],
  ['vjp', vjpOf],
  ['vmap', vmapOf],
  ['jit', builtin('jax.jit', ['f'], ([f]) => fnArg(f, 'jax.jit'))],
]
