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
import { fnArg, gradOf, jacobianLike, jvpOf, output, pyFunction, vjpOf, vmapOf } from './jax.ts'
import { NN_MEMBERS, NUMPY_MEMBERS } from './numpy.ts'
import { pythonBinary } from './operators.ts'

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

const TENSOR_FUNCTIONS: [string, LangValue][] = [
  ['tensor', tensor],
  ...['exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'sqrt', 'abs', 'dot', 'where', 'ones', 'zeros', 'eye', 'arange'].map(
    (n): [string, LangValue] => [n, numpy(n)],
  ),
  [
    'matmul',
    // The meaning of @, with NumPy's (and torch's) rules for vectors.
    builtin('torch.matmul', ['a', 'b'], ([a, b]) => pythonBinary('@', a, b)),
  ],
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
  ['linalg', module('torch.linalg', linalgMembers())],
  ['float32', 'torch.float32'],
  ['float64', 'torch.float64'],
]

function linalgMembers(): [string, LangValue][] {
  const linalg = numpy('linalg')
  return isRecord(linalg) ? [...linalg.fields] : []
}

// -----------------------------------------------------------------------------------------------
// torch.autograd.functional: f of one tensor (or a tuple of them, unpacked into f's arguments)

const AF = 'torch.autograd.functional'

/** f as an engine function of its input, and the input: one tensor, or a tuple flattened. */
function functionOf(f: LangValue, inputs: LangValue, who: string): { fn: Fn; x: Value } {
  const g = fnArg(f, who)
  if (isTuple(inputs) && inputs.items.length === 1) return functionOf(f, inputs.items[0], who)
  if (!isValue(inputs))
    throw new LangError(
      `${who} differentiates with respect to one tensor here (tuples of inputs are not supported yet), but got ${describe(inputs)}`,
    )
  return { fn: (z) => output(g, [z], who), x: inputs }
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

const vectorArg = (v: LangValue, who: string): Value => {
  if (!isValue(v)) throw new LangError(`${who} needs the vector v as a tensor, but got ${describe(v)}`)
  return v
}

const product = (name: string, run: (fn: Fn, x: Value, v: Value, who: string) => [Value, Value]) =>
  builtin(`${AF}.${name}`, ['func', 'inputs', 'v'], ([f, inputs, v]) => {
    const who = `${AF}.${name}`
    const { fn, x } = functionOf(f, inputs, who)
    if (v === undefined)
      throw new LangError(
        `${who} needs the vector v: ${who}(f, x, v), with v shaped like ${name.startsWith('vj') ? "f's output" : 'x'}`,
      )
    return tuple(run(fn, x, vectorArg(v, who), who))
  })

const AUTOGRAD_FUNCTIONAL: [string, LangValue][] = [
  [
    'jacobian',
    builtin(`${AF}.jacobian`, ['func', 'inputs'], ([f, inputs]) => {
      const { fn, x } = functionOf(f, inputs, `${AF}.jacobian`)
      return T.jacrev(fn, x)
    }),
  ],
  [
    'hessian',
    builtin(`${AF}.hessian`, ['func', 'inputs'], ([f, inputs]) => {
      const who = `${AF}.hessian`
      const { fn, x } = functionOf(f, inputs, who)
      return T.hessian(singleElement(fn, who, 'hessian'), x)
    }),
  ],
  [
    'hvp',
    product('hvp', (fn, x, v, who) => {
      const one = singleElement(fn, who, 'hvp')
      return [one(x), T.hvp(one, x, sameShape(v, x, who))]
    }),
  ],
  [
    'vhp',
    product('vhp', (fn, x, v, who) => {
      const one = singleElement(fn, who, 'vhp')
      // vᵀH: the pullback of v through the gradient (reverse over reverse).
      return [one(x), T.vjp((y) => T.gradient(one, y, who), x, sameShape(v, x, who))]
    }),
  ],
  ['jvp', product('jvp', (fn, x, v, who) => [fn(x), T.jvp(fn, x, sameShape(v, x, who))])],
  [
    'vjp',
    product('vjp', (fn, x, v, who) => {
      const { value, back } = T.pullback(fn, x)
      if (v.shape.join() !== value.shape.join())
        throw new LangError(
          `${who}: v must be shaped like f's output (${describeShape(value.shape)}), but it is a ${describeShape(v.shape)}`,
        )
      return [value, back(v)]
    }),
  ],
]

function sameShape(v: Value, x: Value, who: string): Value {
  if (v.shape.join() !== x.shape.join())
    throw new LangError(
      `${who}: v must be shaped like the input (${describeShape(x.shape)}), but it is a ${describeShape(v.shape)}`,
    )
  return v
}

// -----------------------------------------------------------------------------------------------
// torch.func: JAX's transforms under torch's names

/** torch.func.hessian is jacfwd(jacrev(f)), so a vector output gives one Hessian per output, as in torch. */
const torchHessian = (fn: Fn, x: Value): Value => T.jacfwd((y) => T.jacrev(fn, y), x)

const TORCH_FUNC_MEMBERS: [string, LangValue][] = [
  ['grad', gradOf(TORCH_FUNC)],
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
