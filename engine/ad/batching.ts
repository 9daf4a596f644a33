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
import type { Primitive } from './primitive.ts'
import type { Value } from './value.ts'
import { Box } from './value.ts'

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
  /** One example's shape: code running under vmap sees one example. */
  override get shape(): Shape {
    return this.stacked.shape.slice(1)
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

/**
 * Every primitive has a batch rule: one without its own is run example by example and the
 * results stacked (correct, not faster). ops installs the slicing and stacking it needs, since ad
 * sits below ops.
 */
let sliceRule: BatchRule | undefined
export function setFallbackBatchRule(rule: BatchRule): void {
  sliceRule = rule
}

/** Whether a primitive runs batched by its own rule (tests and the cost model ask). */
export function hasBatchRule(name: string): boolean {
  return rules.has(name)
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
  const rule = (rules.get(prim.name) as BatchRule<P> | undefined) ?? (sliceRule as BatchRule<P>)
  return new Batched(rule(prim, inner, batched, size, params), size, level)
}
