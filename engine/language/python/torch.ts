/**
 * PyTorch's functional differentiation by its names: `torch.func` (the same transforms as JAX's,
 * built from the same pieces, speaking torch's words: `in_dims`, `vjp_fn`, torch's message for a
 * gradient of a non-scalar output) and `torch.autograd.functional` (jacobian, hessian, and the
 * products hvp, vhp, jvp, vjp that return `(f(x), product)`), on `torch.tensor` values, with the
 * tensor functions examples use (`dim` is NumPy's `axis`). In-place autograd (`requires_grad`,
 * `.backward()`, `.grad`) is not here: a tensor's value never changes, so gradients are
 * functions of the point (see `field` in ../arrays.ts for the message).
 */
import type { Value } from '../../ad/value.ts'
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape, sizeOf } from '../../tensor/tensor.ts'
import type { Fn } from '../../transforms/index.ts'
import * as T from '../../transforms/index.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { describe, isRecord, isTuple, tensorOperand, tuple } from '../values.ts'
import type { Flavor } from './jax.ts'
import {
  fnArg,
  gradOf,
  jacobianLike,
  jvpOf,
  output,
  pyFunction,
  restricted,
  valueAndGradOf,
  vjpOf,
  vmapOf,
} from './jax.ts'
import { NN_MEMBERS, NUMPY_MEMBERS, shapeOf } from './numpy.ts'
import { pythonBinary } from './operators.ts'
import { TORCH_ELEMENTWISE } from './elementwise.ts'
import { TORCH_MORE } from './arrays.ts'
import { flatten, leaves } from './pytree.ts'

const TORCH_FUNC: Flavor = {
  prefix: 'torch.func',
  pullbackName: 'vjp_fn',
  axesKeyword: 'in_dims',
  nonScalar: (shape, who) =>
    `${who}: grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with ${shape.length} dims. ` +
    `Maybe you wanted to use the vjp or jacrev APIs instead?`,
}

const module = (name: string, members: [string, LangValue][]): LangRecord => ({
  kind: 'record',
  tag: `module ${name}`,
  fields: new Map(members),
})

const numpy = (name: string): LangValue => {
  const entry = NUMPY_MEMBERS.find(([n]) => n === name) ?? NN_MEMBERS.find(([n]) => n === name)
  if (entry === undefined) throw new Error(`numpy's ${name} is missing`)
  return entry[1]
}

/** torch's `dim` keyword as a 0-based axis (negatives from the end); absent means every axis. */
function dimOf(kw: Map<string, LangValue>, x: Value, who: string): number | null {
  const d = kw.get('dim')
  if (d === undefined) return null
  const k = isValue(d) && d.shape.length === 0 ? concrete(d).item() : NaN
  const axis = k < 0 ? k + x.shape.length : k
  if (!Number.isInteger(axis) || axis < 0 || axis >= x.shape.length)
    throw new LangError(`${who}: dim ${describe(d)} is not a dimension of a ${describeShape(x.shape)}`)
  return axis
}

/** A torch function taking `dim` (and keepdim), as f(x, axis). */
function alongDim(name: string, f: (x: Value, axis: number | null, keep: boolean) => Value, needsDim = false) {
  const who = `torch.${name}`
  return pyFunction(
    who,
    ['input', 'dim'],
    ['dim', 'keepdim'],
    ([x, d], kw) => {
      const t = tensorOperand(x, who)
      const all = new Map(kw)
      if (d !== undefined) all.set('dim', d)
      const axis = dimOf(all, t, who)
      if (axis === null && needsDim && t.shape.length > 1)
        throw new LangError(`${who} needs the dimension to work along: ${who}(x, dim=-1)`)
      return f(t, axis, kw.get('keepdim') === true)
    },
    [1, 2],
  )
}

const dropKept = (y: Value, x: Value, axis: number, keep: boolean): Value =>
  keep
    ? y
    : ops.reshape(
        y,
        x.shape.filter((_, d) => d !== axis),
      )

const reduce = (whole: (x: Value) => Value, along: (x: Value, axis: number) => Value) => {
  return (x: Value, axis: number | null, keep: boolean): Value => {
    if (axis === null) return whole(x)
    const kept = ops.reshape(
      along(x, axis),
      x.shape.map((n, d) => (d === axis ? 1 : n)),
    )
    return dropKept(kept, x, axis, keep)
  }
}

/** torch.tensor(data): numbers, lists, tuples; requires_grad and dtype are accepted and change nothing. */
const tensor = pyFunction('torch.tensor', ['data'], ['requires_grad', 'dtype'], ([data]) => {
  const array = numpy('array') as LangFunction
  return array.call([data])
})

/** torch.ones(2, 3) and torch.ones((2, 3)): sizes as separate arguments, or one tuple as NumPy takes. */
const filled = (name: string) => {
  const f = numpy(name) as LangFunction
  return builtin(
    `torch.${name}`,
    ['size...'],
    (sizes) => {
      const size = sizes.length === 1 ? sizes[0]! : tuple(sizes)
      shapeOf(size, `torch.${name}`) // its errors name torch's function, not the jnp one below
      return f.call([size])
    },
    { arity: [1, Infinity] },
  )
}

const TENSOR_FUNCTIONS: [string, LangValue][] = [
  ['tensor', tensor],
  ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sqrt', 'abs', 'dot', 'where', 'eye', 'arange'].map(
    (n): [string, LangValue] => [n, numpy(n)],
  ),
  [
    'matmul',
    // The meaning of @, with NumPy's (and torch's) rules for vectors.
    builtin('torch.matmul', ['a', 'b'], ([a, b]) => pythonBinary('@', a, b)),
  ],
  ['stack', numpy('stack')],
  ['cat', numpy('concatenate')],
  ['ones', filled('ones')],
  ['zeros', filled('zeros')],
  ['ones_like', numpy('ones_like')],
  ['zeros_like', numpy('zeros_like')],
  ['sigmoid', numpy('sigmoid')],
  ['relu', numpy('relu')],
  [
    'sum',
    alongDim(
      'sum',
      reduce(ops.sum, (x, a) => ops.sum(x, a)),
    ),
  ],
  [
    'mean',
    alongDim(
      'mean',
      reduce(ops.mean, (x, a) => ops.mean(x, a)),
    ),
  ],
  ['softmax', alongDim('softmax', (x, axis) => (axis === null ? ops.softmax(x) : ops.softmaxAlong(x, [axis])), true)],
  [
    'logsumexp',
    alongDim(
      'logsumexp',
      (x, axis, keep) => (axis === null ? ops.logsumexp(x) : dropKept(ops.logsumexpAlong(x, [axis]), x, axis, keep)),
      true,
    ),
  ],
  ...TORCH_ELEMENTWISE,
  ...TORCH_MORE,
  ['linalg', module('torch.linalg', linalgMembers())],
  ['float32', 'torch.float32'],
  ['float64', 'torch.float64'],
]

function linalgMembers(): [string, LangValue][] {
  const linalg = numpy('linalg')
  return isRecord(linalg) ? [...linalg.fields] : []
}

// -----------------------------------------------------------------------------------------------
// torch.autograd.functional: f of one tensor, or of a tuple of them unpacked into f's arguments

const AF = 'torch.autograd.functional'

/**
 * f as an engine function of one point: the tensor itself, or a tuple of tensors (f's arguments)
 * flattened into one vector, with how to put a result shaped like the point back into the tuple
 * and how to read a v given like the inputs (a tensor, or a tuple of tensors).
 */
interface Point {
  fn: Fn
  x: Value
  back(z: Value): LangValue
  like(v: LangValue): Value
}

function pointOf(f: LangValue, inputs: LangValue, who: string): Point {
  const g = fnArg(f, who)
  if (isValue(inputs))
    return { fn: (z) => output(g, [z], who), x: inputs, back: (z) => z, like: (v) => sameShape(v, inputs, who) }
  if (!isTuple(inputs) || inputs.items.length === 0 || !inputs.items.every(isValue))
    throw new LangError(`${who} differentiates with respect to a tensor or a tuple of tensors, not ${describe(inputs)}`)
  const packed = flatten(inputs, who)
  const shapes = leaves(inputs).map((t) => t.shape.join())
  return {
    fn: (z) => {
      const args = packed.unflatten(z)
      return output(g, isTuple(args) ? [...args.items] : [args], who)
    },
    x: packed.point,
    back: (z) => packed.unflatten(z),
    like: (v) => {
      const parts = isTuple(v) ? leaves(v) : []
      if (parts.length !== shapes.length || parts.some((t, k) => t.shape.join() !== shapes[k]))
        throw new LangError(`${who}: v must be a tuple of tensors shaped like the inputs, but got ${describe(v)}`)
      return flatten(v, who).point
    },
  }
}

function sameShape(v: LangValue, x: Value, who: string): Value {
  if (!isValue(v) || v.shape.join() !== x.shape.join())
    throw new LangError(
      `${who}: v must be a tensor shaped like the input (${describeShape(x.shape)}), not ${describe(v)}`,
    )
  return v
}

/** The single element torch.autograd.functional's hessian, hvp and vhp require of f's output. */
function singleElement(fn: Fn, who: string, name: string): Fn {
  return (z) => {
    const y = fn(z)
    if (sizeOf(y.shape) !== 1)
      throw new LangError(
        `${who}: The Tensor returned by the function given to ${name} should contain a single element, but it is a ${describeShape(y.shape)}. ` +
          `A Hessian belongs to one output; for a vector output take ${AF}.jacobian of each output's gradient, or torch.func.jacfwd(torch.func.jacrev(f)).`,
      )
    return y.shape.length === 0 ? y : ops.reshape(y, [])
  }
}

/** hvp, vhp, jvp, vjp: (f(x), the product with v), v required (torch allows None only for one element). */
/**
 * torch.autograd.functional's keyword arguments. create_graph and strict change nothing here
 * (every result can be differentiated again; an input f ignores gets zeros), vectorize is how
 * this engine always works, and strategy picks the mode.
 */
const FUNCTIONAL_KEYWORDS = ['create_graph', 'strict', 'vectorize', 'strategy', 'outer_jacobian_strategy']

const product = (name: string, run: (p: Point, v: LangValue, who: string) => [Value, LangValue]) =>
  pyFunction(
    `${AF}.${name}`,
    ['func', 'inputs', 'v'],
    ['v', ...FUNCTIONAL_KEYWORDS],
    ([f, inputs, vArg], kw) => {
      const v = vArg ?? kw.get('v')
      const who = `${AF}.${name}`
      const p = pointOf(f, inputs, who)
      if (v === undefined)
        throw new LangError(
          `${who} needs the vector v: ${who}(f, x, v), with v shaped like ${name === 'vjp' ? "f's output" : 'x'}`,
        )
      return tuple(run(p, v, who))
    },
    [2, 3],
  )

const AUTOGRAD_FUNCTIONAL: [string, LangValue][] = [
  [
    'jacobian',
    pyFunction(`${AF}.jacobian`, ['func', 'inputs'], FUNCTIONAL_KEYWORDS, ([f, inputs], kw) => {
      const who = `${AF}.jacobian`
      const strategy = kw.get('strategy') ?? 'reverse-mode'
      if (strategy !== 'reverse-mode' && strategy !== 'forward-mode')
        throw new LangError(`${who}: strategy is "reverse-mode" or "forward-mode", not ${describe(strategy)}`)
      const jac = strategy === 'forward-mode' ? T.jacfwd : T.jacrev
      if (!isTuple(inputs)) {
        const { fn, x } = pointOf(f, inputs, who)
        return jac(fn, x)
      }
      // One Jacobian per input, as torch returns them.
      const g = fnArg(f, who)
      return tuple(
        inputs.items.map((_, i) => {
          const { flat, fn } = restricted(g, [...inputs.items], i, who)
          return jac(fn, flat.point)
        }),
      )
    }),
  ],
  [
    'hessian',
    pyFunction(`${AF}.hessian`, ['func', 'inputs'], FUNCTIONAL_KEYWORDS, ([f, inputs]) => {
      const who = `${AF}.hessian`
      if (!isValue(inputs))
        throw new LangError(
          `${who} of a tuple of inputs is not supported yet: give one tensor, or use ${AF}.hvp for the products`,
        )
      const { fn, x } = pointOf(f, inputs, who)
      return T.hessian(singleElement(fn, who, 'hessian'), x)
    }),
  ],
  [
    'hvp',
    product('hvp', (p, v, who) => {
      const one = singleElement(p.fn, who, 'hvp')
      return [one(p.x), p.back(T.hvp(one, p.x, p.like(v)))]
    }),
  ],
  [
    'vhp',
    product('vhp', (p, v, who) => {
      const one = singleElement(p.fn, who, 'vhp')
      // vᵀH: the pullback of v through the gradient (reverse over reverse).
      return [one(p.x), p.back(T.vjp((y) => T.gradient(one, y, who), p.x, p.like(v)))]
    }),
  ],
  ['jvp', product('jvp', (p, v) => [p.fn(p.x), T.jvp(p.fn, p.x, p.like(v))])],
  [
    'vjp',
    product('vjp', (p, v, who) => {
      const { value, back } = T.pullback(p.fn, p.x)
      if (!isValue(v) || v.shape.join() !== value.shape.join())
        throw new LangError(
          `${who}: v must be a tensor shaped like f's output (${describeShape(value.shape)}), not ${describe(v)}`,
        )
      return [value, p.back(back(v))]
    }),
  ],
]

// -----------------------------------------------------------------------------------------------
// torch.func: JAX's transforms under torch's names

/** torch.func.hessian is jacfwd(jacrev(f)), so a vector output gives one Hessian per output, as in torch. */
const torchHessian = (fn: Fn, x: Value): Value => T.jacfwd((y) => T.jacrev(fn, y), x)

const TORCH_FUNC_MEMBERS: [string, LangValue][] = [
  ['grad', gradOf(TORCH_FUNC)],
  ['grad_and_value', valueAndGradOf(TORCH_FUNC, 'grad_and_value')],
  ['jacfwd', jacobianLike('jacfwd', (fn, x) => T.jacfwd(fn, x), TORCH_FUNC)],
  ['jacrev', jacobianLike('jacrev', (fn, x) => T.jacrev(fn, x), TORCH_FUNC)],
  ['hessian', jacobianLike('hessian', torchHessian, TORCH_FUNC)],
  ['jvp', jvpOf(TORCH_FUNC)],
  ['vjp', vjpOf(TORCH_FUNC)],
  ['vmap', vmapOf(TORCH_FUNC)],
]

export const TORCH = module('torch', [
  ...TENSOR_FUNCTIONS,
  ['func', module('torch.func', TORCH_FUNC_MEMBERS)],
  ['vmap', vmapOf(TORCH_FUNC)],
  ['autograd', module('torch.autograd', [['functional', module(AF, AUTOGRAD_FUNCTIONAL)]])],
])
