/**
 * Array literals, ranges and indexing, on values the interpreter evaluates through the
 * callbacks it passes in (so this file needs no evaluator of its own). Indices count from the
 * base the front-end wrote into the tree (1 in `ad`), and `end` inside brackets is the length
 * of the dimension being indexed.
 */
import type { Value } from '../ad/value.ts'
import { Box, TapeNode, concrete, isValue } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { Tensor, describeShape, vector } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'
import { isMask } from './operatorsJulia.ts'
import { dualField } from './julia/duals.ts'
import type { Expr, Index, Range } from './syntax/tree.ts'
import type { LangValue } from './values.ts'
import { describe, isRecord, isTuple, tensorOperand } from './values.ts'

type Evaluate = (e: Expr) => LangValue

export function arrayLiteral(items: Expr[], evaluate: Evaluate): Value {
  if (items.length > 0 && items.every((i) => i.kind === 'array')) {
    const rows = items.map((row) =>
      (row as { items: Expr[] }).items.map((i) => tensorOperand(evaluate(i), 'a matrix entry')),
    )
    // [x; y] stacks vectors (or numbers) into one longer vector, as in Julia: [3; 4] is a vector.
    if (rows.every((r) => r.length === 1 && r[0]!.shape.length <= 1)) {
      return ops.concat(
        rows.map((r) => ops.reshape(r[0]!, [r[0]!.shape[0] ?? 1])),
        0,
      )
    }
    return ops.stack(rows.map((r) => ops.stack(r)))
  }
  const values = items.map((i) => tensorOperand(evaluate(i), 'an array entry'))
  // Plain numbers make a vector directly; stacking them one operation each is only needed
  // when some entry carries a derivative.
  if (values.every((v) => v instanceof Tensor && v.shape.length === 0))
    return vector(values.map((v) => (v as Tensor).data[0]!))
  return ops.stack(values)
}

/**
 * Julia's `[a b; c d]`: the blocks of each row joined side by side, then the rows stacked. A
 * number is a 1×1 block and a vector a column, as in Julia; a single column of numbers and
 * vectors (`[1; 2; 3]`, `[x; y]`) is a vector, and `[1 2 3]` a 1×3 matrix.
 */
export function concatLiteral(rows: Expr[][], evaluate: Evaluate): Value {
  const blocks = rows.map((row) => row.map((e) => tensorOperand(evaluate(e), 'a block of a matrix')))
  if (blocks.length === 0) return vector([])
  if (blocks.every((r) => r.length === 1 && r[0]!.shape.length <= 1))
    return ops.concat(
      blocks.map((r) => ops.reshape(r[0]!, [r[0]!.shape[0] ?? 1])),
      0,
    )
  const asMatrix = (x: Value): Value => {
    if (x.shape.length === 2) return x
    if (x.shape.length > 2) throw new LangError(`a ${describeShape(x.shape)} cannot be a block of a matrix`)
    return ops.reshape(x, [x.shape[0] ?? 1, 1])
  }
  return ops.concat(
    blocks.map((r) => ops.concat(r.map(asMatrix), 1)),
    0,
  )
}

export function rangeValues(range: Range, evaluate: Evaluate): number[] {
  const num = (e: Expr | null, missing: string) => {
    if (e === null) throw new LangError(`a range needs its ${missing}`)
    return concrete(tensorOperand(evaluate(e), 'a range')).item()
  }
  const start = num(range.start, 'start')
  const end = num(range.stop, 'end')
  const step = range.step ? num(range.step, 'step') : 1
  if (step === 0) throw new LangError('a range with step 0 never ends')
  // Inclusive (ad, Julia): 1:3 is 1, 2, 3. Exclusive (Python): 1:3 is 1, 2.
  const steps = (end - start) / step
  const count = range.inclusive ? Math.floor(steps + 1e-9) + 1 : Math.ceil(steps - 1e-9)
  if (count > 1e6)
    throw new LangError(`the range ${start}:${end} has ${count} elements, more than the limit of 1000000`, 'limit')
  return Array.from({ length: Math.max(0, count) }, (_, i) => start + i * step)
}

/** A record's field by name. */
export function field(obj: LangValue, key: string): LangValue {
  const dual = dualField(obj, key) // d.value, d.partials of a ForwardDiff dual
  if (dual !== undefined) return dual
  if (isValue(obj) && IN_PLACE_AUTOGRAD.includes(key)) throw inPlaceAutograd(key)
  if (isValue(obj))
    throw new LangError(
      `${describe(obj)} has no field ${key}: arrays have no methods or fields here; pass the array to a function instead (in Python, torch.${key}(x) or jnp.${key}(x) rather than x.${key}())`,
    )
  if (!isRecord(obj)) throw new LangError(`${describe(obj)} has no field ${key}`)
  if (!obj.fields.has(key)) {
    throw new LangError(`a ${obj.tag} object has no field ${key}; its fields are ${[...obj.fields.keys()].join(', ')}`)
  }
  return obj.fields.get(key)
}

/** PyTorch's in-place autograd on a tensor, which values that never change cannot have. */
const IN_PLACE_AUTOGRAD = ['backward', 'grad', 'requires_grad', 'requires_grad_', 'grad_fn', 'retain_grad']

function inPlaceAutograd(key: string): LangError {
  return new LangError(
    `.${key} is PyTorch's in-place autograd (requires_grad, y.backward(), x.grad), which is not supported here: ` +
      `a tensor never changes, so a gradient is a function of the point. Write it the functional way: ` +
      `torch.func.grad(f)(x) for the gradient of a scalar f, or torch.autograd.functional.jacobian(f, x) for a Jacobian.`,
  )
}

/** t[i]: one item of a tuple, counted from the front-end's base (Python's t[-1] from the end). */
export function tupleItem(t: LangValue, node: Index, evaluateWithEnd: (e: Expr, end: number) => LangValue): LangValue {
  if (!isTuple(t)) throw new LangError(`${describe(t)} is not a tuple`)
  const n = t.items.length
  if (node.indices.length !== 1) throw new LangError(`a tuple takes one index, but ${node.indices.length} were given`)
  const i = concrete(tensorOperand(evaluateWithEnd(node.indices[0]!, n), 'an index')).item()
  const at = node.negativeFromEnd && i < 0 ? i + n : i
  if (!Number.isInteger(at) || at < node.base || at > n - 1 + node.base)
    throw new LangError(
      `index ${i} is out of range for a tuple of ${n}: indices run from ${node.base} to ${n - 1 + node.base}`,
    )
  return t.items[at - node.base]
}

/**
 * x[i, j, ...]: each index a number, a list of numbers, or a range, counted from node.base.
 * `evaluateWithEnd` evaluates an index with `end` bound to the length of its dimension.
 */
export function indexInto(obj: LangValue, node: Index, evaluateWithEnd: (e: Expr, end: number) => LangValue): Value {
  const x = tensorOperand(obj, 'indexing')
  // Python: indices left out take whole dimensions (A[0] is a row).
  const dims = node.dialect === 'python' ? wholeRest(node, x.shape.length) : node.indices
  // Julia: one index into a matrix counts down its columns (A[k], A[:], A[A .> 0]).
  if (node.dialect === 'julia' && dims.length === 1 && x.shape.length === 2)
    return indexInto(columnMajor(x), node, evaluateWithEnd)
  if (dims.length !== x.shape.length) {
    const hint = x.shape.length === 2 && dims.length === 1 ? ': write A[i, j] for an element or A[i, :] for a row' : ''
    throw new LangError(
      `a ${describeShape(x.shape)} needs ${x.shape.length} indices, but ${dims.length} were given${hint}`,
    )
  }
  const spec = dims.map((d, axis) => {
    const length = x.shape[axis]!
    // Python counts negative indices from the end: x[-1] is the last element.
    const at = (i: number) => toIndex(node.negativeFromEnd && i < 0 ? i + length : i, axis, x, node.base)
    const evaluate = (e: Expr) => evaluateWithEnd(e, length)
    if (d.kind === 'range' && node.dialect === 'python') return pythonSlice(d, length, evaluate)
    if (d.kind === 'range') return rangeValues(wholeByDefault(d, length, node), evaluate).map(at)
    const index = tensorOperand(evaluate(d), 'an index')
    const v = concrete(index)
    if (node.dialect === 'julia' && isMask(index)) return maskPositions(v, length, x)
    if (v.shape.length === 0) return at(v.item())
    return Array.from(v.data, at)
  })
  return ops.getindex(x, spec)
}

/**
 * x[i, j] = v as a new value of x (values never change in place): the selected entries are
 * replaced by v (one number for all of them, or v's entries in order), through concat and
 * getindex so that derivatives flow to both x and v.
 */
export function replaceAt(
  obj: LangValue,
  node: Index,
  v: LangValue,
  evaluateWithEnd: (e: Expr, end: number) => LangValue,
): Value {
  const x = tensorOperand(obj, 'assigning into part of a value')
  const n = x.shape.reduce((a, b) => a * b, 1)
  // Which entries the index selects, found by indexing a tensor of their positions.
  const positions = new Tensor(
    x.shape,
    Float64Array.from({ length: n }, (_, i) => i),
  )
  const selected = Array.from(concrete(indexInto(positions, node, evaluateWithEnd)).data)
  const value = tensorOperand(v, 'the value assigned')
  const count = value.shape.reduce((a, b) => a * b, 1)
  if (count !== 1 && count !== selected.length)
    throw new LangError(
      `cannot put a ${describeShape(value.shape)} into ${selected.length} entries: give one number or as many values`,
    )
  const picks = Array.from({ length: n }, (_, i) => i)
  selected.forEach((p, k) => (picks[p] = n + (count === 1 ? 0 : k)))
  const joined = ops.concat([ops.reshape(x, [n]), ops.reshape(value, [count])], 0)
  return ops.reshape(ops.getindex(joined, [picks]), x.shape)
}

/** Python's indices padded with whole slices up to the array's rank. */
function wholeRest(node: Index, rank: number): Expr[] {
  const whole: Range = { kind: 'range', start: null, step: null, stop: null, inclusive: false, pos: node.pos }
  return node.indices.length >= rank
    ? node.indices
    : [...node.indices, ...Array(rank - node.indices.length).fill(whole)]
}

/**
 * The positions a Python slice start:stop:step picks from a dimension of length n, by Python's
 * rules: negative ends count from the end, ends beyond the dimension are clamped, and a negative
 * step walks backwards from the last element by default (x[::-1]).
 */
function pythonSlice(range: Range, n: number, evaluate: (e: Expr) => LangValue): number[] {
  const num = (e: Expr | null): number | null =>
    e === null ? null : concrete(tensorOperand(evaluate(e), 'a slice')).item()
  const step = num(range.step) ?? 1
  if (step === 0 || !Number.isInteger(step))
    throw new LangError(`a slice's step must be a nonzero whole number, not ${step}`)
  const clamp = (v: number | null, fallback: number, lo: number, hi: number) => {
    if (v === null) return fallback
    if (!Number.isInteger(v)) throw new LangError(`slice ends must be whole numbers, not ${v}`)
    const w = v < 0 ? v + n : v
    return Math.min(Math.max(w, lo), hi)
  }
  const up = step > 0
  const start = up ? clamp(num(range.start), 0, 0, n) : clamp(num(range.start), n - 1, -1, n - 1)
  const stop = up ? clamp(num(range.stop), n, 0, n) : clamp(num(range.stop), -1, -1, n - 1)
  const out: number[] = []
  for (let i = start; up ? i < stop : i > stop; i += step) out.push(i)
  return out
}

/**
 * A slice's missing ends are the dimension's: Julia's A[:, 1], Python's x[1:], x[::2]. (Negative
 * ends of a Python slice, x[-2:], are not counted from the end here yet.)
 */
function wholeByDefault(range: Range, length: number, node: Index): Range {
  if (range.start !== null && range.stop !== null) return range
  const number = (value: number): Expr => ({ kind: 'number', value, raw: String(value), pos: range.pos })
  const last = range.inclusive ? length - 1 + node.base : length + node.base
  return { ...range, start: range.start ?? number(node.base), stop: range.stop ?? number(last) }
}

/** A matrix's entries as a vector, down its columns (Julia's memory order). */
function columnMajor(x: Value): Value {
  return ops.reshape(ops.transpose(x), [x.shape[0]! * x.shape[1]!])
}

/** Julia's logical indexing x[mask]: the positions where a mask of trues and falses (from .>, .==, ...) holds. */
function maskPositions(mask: Tensor, length: number, x: Value): number[] {
  const flat = mask.shape.length === 2 ? concrete(columnMajor(mask)) : mask
  if (flat.data.length !== length)
    throw new LangError(
      `a mask of ${describeShape(mask.shape)} cannot pick from a ${describeShape(x.shape)}: it needs one true or false per element`,
    )
  const out: number[] = []
  flat.data.forEach((b, i) => b !== 0 && out.push(i))
  return out
}

/**
 * Whether a value is being differentiated in reverse mode (Zygote's way), where assigning into
 * an array is refused as Zygote refuses it. Forward mode alone (ForwardDiff's way) allows it.
 */
export function underReverseMode(v: LangValue): boolean {
  for (let x: unknown = v; x instanceof Box; x = x.primal) if (x instanceof TapeNode) return true
  return false
}

/** Zygote's "mutating arrays is not supported", with what to write instead. */
export function mutationRefused(name: string): LangError {
  return new LangError(
    `${name}[...] = ... changes the array ${name} in place, and mutating arrays is not supported while taking a gradient in reverse mode (as in Zygote). ` +
      `Build the array in one go instead: a comprehension such as y = [f(x[i]) for i in 1:length(x)], map(f, x), ` +
      `or pieces joined with vcat(a, b) or hcat(a, b). (ForwardDiff's forward mode does allow x[i] = v.)`,
  )
}

function toIndex(i: number, axis: number, x: Value, base: number): number {
  const last = x.shape[axis]! - 1 + base
  if (!Number.isInteger(i) || i < base || i > last) {
    const what = Number.isInteger(i) ? 'is out of range' : 'is not a whole number'
    throw new LangError(
      `index ${i} ${what} for dimension ${axis + 1} of a ${describeShape(x.shape)}: indices run from ${base} to ${last}`,
    )
  }
  return i - base
}
