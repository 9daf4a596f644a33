/**
 * An array's attributes and methods in a Python cell, as NumPy/JAX arrays and torch tensors have
 * them: `x.T`, `x.shape`, `x.ndim`, `x.size`, and `x.sum()`, `x.mean(axis=0)`, `x.reshape(2, 3)`,
 * `x.dot(y)`, torch's `x.pow(2)`, `x.t()`, `x.item()`, `x.detach()`. A method is the library's
 * function with x as its first argument, so derivatives flow through it as through the function.
 */
import type { Value } from '../../ad/value.ts'
import { Box, concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { describeShape, scalar, sizeOf } from '../../tensor/tensor.ts'
import { field } from '../arrays.ts'
import { batchOf } from '../../ad/batching.ts'
import { LangError } from '../errors.ts'
import { keywordCallOf } from '../keywords.ts'
import type { LangFunction, LangValue } from '../values.ts'
import { describe, isFunction, isRecord, isTuple, tuple } from '../values.ts'
import { axisIn } from './axes.ts'
import { pyFunction } from './jax.ts'
import { NN_MEMBERS, NUMPY_MEMBERS, reshaped } from './numpy.ts'
import { functionMember } from './custom.ts'
import { pythonBinary } from './operators.ts'
import { TORCH } from './torch.ts'

type Method = (x: Value, args: LangValue[], kw: Map<string, LangValue>) => LangValue

const member = (name: string): LangFunction => {
  const f =
    (name === 'sum' || name === 'mean' ? TORCH.fields.get(name) : undefined) ??
    NUMPY_MEMBERS.find(([n]) => n === name)?.[1] ??
    NN_MEMBERS.find(([n]) => n === name)?.[1]
  if (!isFunction(f)) throw new Error(`the array method ${name} has no function`)
  return f
}

/** x.f(args) as f(x, args), keywords passed on (axis or dim, keepdims or keepdim, as the function spells them). */
const delegate =
  (name: string): Method =>
  (x, args, kw) => {
    const f = member(name)
    // sum and mean are torch's functions (dim, keepdim); the others NumPy's (axis, keepdims).
    const names: Record<string, string> =
      name === 'sum' || name === 'mean' ? { axis: 'dim', keepdims: 'keepdim' } : { dim: 'axis', keepdim: 'keepdims' }
    const renamed = new Map([...kw].map(([k, v]) => [names[k] ?? k, v]))
    const keywordCall = keywordCallOf(f)
    return renamed.size > 0 && keywordCall ? keywordCall([x, ...args], renamed) : f.call([x, ...args])
  }

/** NumPy's x.T reverses the axes (a vector stays itself); torch's x.t() is the same on 1 or 2 axes. */
const transposed = (x: Value): Value => ops.reverseAxes(x)

/** A plain number out of a one-element array; under a transform it has no single value, as in JAX and torch.func. */
function item(x: Value): LangValue {
  if (sizeOf(x.shape) !== 1)
    throw new LangError(
      `item() needs an array of one element, but got a ${describeShape(x.shape)}: index it first, x[0]`,
    )
  if (x instanceof Box || batchOf(x) !== undefined)
    throw new LangError(
      'item() turns an array into a plain Python number, which cannot carry a derivative (JAX and torch.func refuse it inside a transform too): keep it an array, e.g. x.reshape(()) or x[0]',
    )
  return scalar(concrete(x).data[0]!)
}

const METHODS: Record<string, Method> = {
  sum: delegate('sum'),
  mean: delegate('mean'),
  max: delegate('max'),
  min: delegate('min'),
  argmax: delegate('argmax'),
  argmin: delegate('argmin'),
  dot: delegate('dot'),
  exp: delegate('exp'),
  log: delegate('log'),
  sin: delegate('sin'),
  cos: delegate('cos'),
  tanh: delegate('tanh'),
  sqrt: delegate('sqrt'),
  abs: delegate('abs'),
  sigmoid: delegate('sigmoid'),
  relu: delegate('relu'),
  matmul: (x, [y]) => pythonBinary('@', x, y),
  mm: (x, [y]) => pythonBinary('@', x, y),
  mv: (x, [y]) => pythonBinary('@', x, y),
  pow: (x, [k]) => pythonBinary('**', x, k),
  square: (x) => pythonBinary('*', x, x),
  norm: (x) => ops.norm(x),
  reshape: (x, args) => reshaped(x, args.length === 1 ? args[0] : tuple(args), 'reshape'),
  view: (x, args) => reshaped(x, args.length === 1 ? args[0] : tuple(args), 'view'),
  flatten: (x) => ops.reshape(x, [sizeOf(x.shape)]),
  ravel: (x) => ops.reshape(x, [sizeOf(x.shape)]),
  transpose: (x, args) => {
    if (args.length === 2 && x.shape.length !== 2)
      throw new LangError(
        `transpose(dim0, dim1) swaps two dimensions of a matrix here, not of a ${describeShape(x.shape)}`,
      )
    return transposed(x)
  },
  t: (x) => {
    if (x.shape.length > 2)
      throw new LangError(`t() expects a tensor with at most 2 dimensions, but got a ${describeShape(x.shape)}`)
    return transposed(x)
  },
  item: (x) => item(x),
  // A gradient does not flow through detach (torch) : the value is held as a constant.
  detach: (x) => (batchOf(x) !== undefined ? x : concrete(x)),
  numpy: (x) => (batchOf(x) !== undefined ? x : concrete(x)),
  clone: (x) => x,
  float: (x) => x,
  double: (x) => x,
  dim: (x) => scalar(x.shape.length),
  numel: (x) => scalar(sizeOf(x.shape)),
}

const ATTRIBUTES: Record<string, (x: Value) => LangValue> = {
  T: transposed,
  mT: transposed,
  shape: (x) => tuple(x.shape.map((n) => scalar(n))),
  ndim: (x) => scalar(x.shape.length),
  size: (x) => scalar(sizeOf(x.shape)),
}

const METHOD_KEYWORDS = ['axis', 'dim', 'keepdims', 'keepdim', 'dtype']

/** x.name in a Python cell. */
export function pythonAttribute(object: LangValue, name: string): LangValue {
  if (
    (isTuple(object) || isValue(object)) &&
    (name === 'append' || name === 'extend' || name === 'pop' || name === 'insert')
  )
    throw new LangError(
      `a list cannot be changed in place here (${name}): build a new one, xs = xs + [x], or a list comprehension`,
    )
  if (isRecord(object) && object.tag === 'record' && (name === 'keys' || name === 'values' || name === 'items'))
    return dictView(object.fields, name)
  // jax.custom_vjp's f.defvjp, custom_jvp's f.defjvp.
  const member = isFunction(object) ? functionMember(object, name) : undefined
  if (member !== undefined) return member
  if (name === 'size()') return isValue(object) ? torchSize(object) : field(object, 'size')
  if (!isValue(object)) return field(object, name)
  const x = object
  const attribute = ATTRIBUTES[name]
  if (attribute) return attribute(x)
  const method = METHODS[name]
  if (method) return pyFunction(name, ['args...'], METHOD_KEYWORDS, (args, kw) => method(x, args, kw), [0, Infinity])
  if (name === 'at')
    throw new LangError(
      "x.at[i] is the start of JAX's functional update: finish it with .set(v), .add(v), .mul(v) or .get(), as in x.at[i].set(v)",
    )
  if (name in { backward: 1, grad: 1, requires_grad: 1, requires_grad_: 1, grad_fn: 1, retain_grad: 1 })
    return field(x, name)
  throw new LangError(
    `${describe(x)} has no attribute ${name}: arrays here have ${Object.keys(ATTRIBUTES).join(', ')} and the methods ${Object.keys(METHODS).join(', ')}`,
  )
}

/** torch's x.size(): the shape as a tuple, or x.size(d) one dimension's length (negatives from the end). */
function torchSize(x: Value): LangFunction {
  return pyFunction(
    'size',
    ['dim'],
    ['dim'],
    ([d], kw) => {
      const dim = kw.get('dim') ?? d
      if (dim === undefined) return tuple(x.shape.map((n) => scalar(n)))
      const k = isValue(dim) && dim.shape.length === 0 ? concrete(dim).item() : NaN
      return scalar(x.shape[axisIn(k, x.shape.length, 'size', x.shape)]!)
    },
    [0, 1],
  )
}

/** d.keys(), d.values(), d.items() of a dict, as lists (the dict's own order). */
function dictView(fields: ReadonlyMap<string, LangValue>, name: string): LangFunction {
  return pyFunction(`${name}`, [], [], () =>
    tuple([...fields].map(([k, v]) => (name === 'keys' ? k : name === 'values' ? v : tuple([k, v])))),
  )
}
