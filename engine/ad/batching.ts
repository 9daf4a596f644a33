/**
 * The batching level (JAX's vmap): a Batched box holds a whole batch of values stacked along a
 * leading axis, while the code that computes with it sees one example. Its `shape` is the shape
 * of one example; `stacked` has shape [size, ...shape].
 *
 * A primitive applied to a Batched box runs once on the stacked values, by the primitive's batch
 * rule, instead of once per example. That is what makes forward mode cheap for Jacobians: the
 * basis vectors e_1..e_n ride through one primal computation as n tangent lanes (ForwardDiff's
 * chunks, JAX's jacfwd = vmap(jvp)), and reverse mode pulls a batch of cotangents back through
 * one tape in one sweep.
 *
 * Batching is a level like forward and reverse mode, so it nests with them in any order: a rule
 * is written with engine operations, and an enclosing level sees those operations next.
 */
import type { Shape } from '../tensor/tensor.ts'
import { Tensor, alloc } from '../tensor/tensor.ts'
import { bind } from './bind.ts'
import type { Primitive } from './primitive.ts'
import { pullbackRule } from './primitive.ts'
import type { Value } from './value.ts'
import { Box, concrete, newLevel } from './value.ts'

export class Batched extends Box {
  constructor(
    /** The batch, stacked: shape [size, ...this.shape]. */
    readonly stacked: Value,
    readonly size: number,
    readonly level: number,
  ) {
    super()
  }
  /** What lies under this level: the stacked values (concrete() of a batch is the whole stack). */
  get primal(): Value {
    return this.stacked
  }
  private example: Shape | undefined
  /** One example's shape: code running under vmap sees one example. */
  override get shape(): Shape {
    return (this.example ??= this.stacked.shape.slice(1))
  }
}

/**
 * A batch rule: the primitive applied to a batch. Batched arguments come stacked (leading axis
 * of length `size`), the others as they are, and `params` are those the op computed for one
 * example; the rule returns the stacked result, shape [size, ...one example's result].
 */
export type BatchRule<P = unknown> = (
  prim: Primitive<P>,
  args: readonly Value[],
  batched: readonly boolean[],
  size: number,
  params: P,
) => Value

const rules = new Map<string, BatchRule<never>>()

/** Installs the batch rule of the primitives with these names (ops/batchRules.ts does this). */
export function registerBatchRule<P>(names: readonly string[], rule: BatchRule<P>): void {
  for (const name of names) rules.set(name, rule as unknown as BatchRule<never>)
}

/** Whether a primitive runs batched by its own rule (tests and the cost model ask). */
export function hasBatchRule(name: string): boolean {
  return rules.has(name)
}

/** The names of the primitives with a batch rule of their own. */
export function batchRuleNames(): string[] {
  return [...rules.keys()]
}

/** bind's case for a Batched box on top: apply the primitive to the whole batch at once. */
export function batchApply<P>(prim: Primitive<P>, args: readonly Value[], params: P, level: number): Value {
  let size = -1
  const inner: Value[] = new Array(args.length)
  const batched: boolean[] = new Array(args.length)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const ours = a instanceof Batched && a.level === level
    batched[i] = ours
    inner[i] = ours ? a.stacked : a
    if (ours) size = a.size
  }
  // A primitive made by perExample (below) is not the primitive its name says: it goes per example again.
  const own = examplesOf.has(prim as Primitive) ? undefined : (rules.get(prim.name) as BatchRule<P> | undefined)
  const out =
    own !== undefined ? own(prim, inner, batched, size, params) : bind(perExample(prim, batched), inner, params)
  return new Batched(out, size, level)
}

// ---------------------------------------------------------------------------------------------
// The rule of every other primitive: its kernel run on each example in one evaluation

const examplesOf = new WeakSet<Primitive>()
const perExampleCache = new WeakMap<Primitive<never>, Map<string, Primitive<never>>>()

/**
 * The primitive applied to a stack, example by example inside one evaluation: its kernel runs on
 * a view of each example (no slicing operations, no copies of the inputs), and the outputs are
 * written into one stacked result. Its derivative rules are the primitive's own rules run on the
 * whole batch (the stacked values boxed at a fresh batching level), so they batch in turn.
 * `batched[i]` says whether argument i is stacked; the others are shared by every example.
 * It keeps the primitive's name, so messages and the cost model name the operation as written;
 * its arguments carry the leading batch axis.
 */
export function perExample<P>(prim: Primitive<P>, batched: readonly boolean[]): Primitive<P> {
  let byPattern = perExampleCache.get(prim as Primitive<never>)
  if (byPattern === undefined) perExampleCache.set(prim as Primitive<never>, (byPattern = new Map()))
  const key = batched.map((b) => (b ? 1 : 0)).join('')
  const known = byPattern.get(key)
  if (known !== undefined) return known as unknown as Primitive<P>
  const made = makePerExample(prim, batched)
  byPattern.set(key, made as unknown as Primitive<never>)
  examplesOf.add(made as Primitive)
  return made
}

function makePerExample<P>(prim: Primitive<P>, batched: readonly boolean[]): Primitive<P> {
  const isBatched = (i: number) => batched[i] === true
  const sizeOf = (args: readonly { shape: Shape }[]) => args[batched.indexOf(true)]!.shape[0]!
  const example = (args: readonly Tensor[], e: number): Tensor[] =>
    args.map((a, i) => (isBatched(i) ? exampleOf(a, e) : a))
  /** Runs a rule of prim on the whole batch, at a fresh batching level above every other. */
  const onBatch = (size: number, rule: (box: (v: Value, i: number) => Value, level: number) => Value | null) => {
    const level = newLevel()
    const box = (v: Value, i: number) => (i < 0 || isBatched(i) ? new Batched(v, size, level) : v)
    return { out: rule(box, level), level }
  }
  const made: Primitive<P> = {
    name: prim.name,
    impl: (args, params) => {
      const size = sizeOf(args)
      const first = prim.impl(example(args, 0), params)
      const each = first.size
      const data = alloc(size * each)
      data.set(first.data, 0)
      for (let e = 1; e < size; e++) data.set(prim.impl(example(args, e), params).data, e * each)
      return new Tensor([size, ...first.shape], data)
    },
  }
  if (prim.jvp !== undefined) {
    const jvp = prim.jvp
    made.jvp = (primals, tangents, out, params) => {
      const size = sizeOf(primals)
      const { out: t, level } = onBatch(size, (box) =>
        jvp(
          primals.map(box),
          tangents.map((t, i) => (t === null ? null : box(t, i))),
          box(out, -1),
          params,
        ),
      )
      return t === null ? null : unbox(t, level, size, out.shape.slice(1))
    }
  }
  if (prim.vjp !== undefined) {
    made.vjp = (i) => (g, primals, out, params) => {
      const size = sizeOf(primals)
      const rule = pullbackRule(prim, i)
      const { out: c, level } = onBatch(size, (box) => rule(box(g, -1), primals.map(box), box(out, -1), params))
      const shape = isBatched(i) ? primals[i]!.shape.slice(1) : primals[i]!.shape
      const stacked = unbox(c!, level, size, shape)
      // An argument shared by every example gathers the cotangents of all of them.
      return isBatched(i) ? stacked : sumOverBatch!(stacked)
    }
  }
  if (prim.domain !== undefined) {
    const domain = prim.domain
    made.domain = (args, _k, params) => {
      for (let e = 0; e < sizeOf(args); e++) {
        const one = example(args, e)
        const k = prim.impl(one, params).data.findIndex((x) => !Number.isFinite(x))
        if (k >= 0) return `${domain(one, k, params)} (in example ${e + 1} of the batch)`
      }
      return `${prim.name} gave a non-finite result`
    }
  }
  if (typeof prim.singular === 'function') {
    const singular = prim.singular
    made.singular = (args) => {
      for (let e = 0; e < sizeOf(args); e++) {
        const why = singular(example(args, e))
        if (why !== undefined) return `${why} (in example ${e + 1} of the batch)`
      }
      return undefined
    }
  } else if (prim.singular !== undefined) made.singular = prim.singular
  return made
}

/** Example e of a stacked tensor, as a view of its numbers. */
function exampleOf(a: Tensor, e: number): Tensor {
  const shape = a.shape.slice(1)
  const n = a.size / a.shape[0]!
  return new Tensor(shape, a.data.subarray(e * n, (e + 1) * n))
}

/** A rule's result on the batch, stacked: a value that ignored the batch is the same for every example. */
function unbox(v: Value, level: number, size: number, shape: Shape): Value {
  if (v instanceof Batched && v.level === level) return v.stacked
  return stretchToBatch!(v, [size, ...shape])
}

/**
 * Stacking and summing over the batch axis must be traced operations (enclosing levels
 * differentiate them); ops/batchRules.ts installs them, since ad sits below ops.
 */
let stretchToBatch: ((v: Value, shape: Shape) => Value) | undefined
let sumOverBatch: ((v: Value) => Value) | undefined
export function setBatchHelpers(stretch: (v: Value, shape: Shape) => Value, sumBatch: (v: Value) => Value): void {
  stretchToBatch = stretch
  sumOverBatch = sumBatch
}

/**
 * The batch v belongs to, if its value differs from example to example: a Batched box on its
 * primal chain (a dual number whose tangents alone are batched has one value, and is not).
 */
export function batchOf(v: Value): Batched | undefined {
  for (let u: Value = v; u instanceof Box; u = u.primal) if (u instanceof Batched) return u
  return undefined
}

/**
 * A constant computed from the numbers of each example, for operations that look at values to
 * choose a constant (the shift of logsumexp and softmax): f runs on each example of every batch
 * x belongs to, and the results come back batched alike, so no example gets another's constant.
 * Without batches, f(concrete(x)).
 */
export function exampleWise(x: Value, f: (example: Tensor) => Tensor): Value {
  const batches: Batched[] = []
  for (let u: Value = x; u instanceof Box; u = u.primal) if (u instanceof Batched) batches.push(u)
  const t = concrete(x)
  if (batches.length === 0) return f(t)
  // The stack's leading axes are the batches' from the deepest box up.
  const k = batches.length
  const lead = t.shape.slice(0, k)
  const count = lead.reduce((a, b) => a * b, 1)
  const each = t.size / count
  let out: Float64Array | undefined
  let shape: Shape = []
  for (let e = 0; e < count; e++) {
    const y = f(new Tensor(t.shape.slice(k), t.data.subarray(e * each, (e + 1) * each)))
    out ??= alloc(count * y.size)
    shape = y.shape
    out.set(y.data, e * y.size)
  }
  let v: Value = new Tensor([...lead, ...shape], out!)
  for (let i = k - 1; i >= 0; i--) v = new Batched(v, batches[i]!.size, batches[i]!.level)
  return v
}

/** Whether pred holds for every example of every batch x belongs to (for x itself, without batches). */
export function everyExample(x: Value, pred: (example: Tensor) => boolean): boolean {
  let all = true
  const none = new Tensor([], new Float64Array(1))
  exampleWise(x, (t) => {
    all &&= pred(t)
    return none
  })
  return all
}
