/**
 * A primitive operation: its concrete implementation and its two derivative rules.
 *
 * The rules are written with the engine's own operations (engine/ops), never with raw arrays,
 * so that they are themselves differentiable: that is what makes derivatives of any order and
 * every nesting of forward and reverse mode work.
 */
import type { Tensor } from '../tensor/tensor.ts'
import type { Value } from './value.ts'

export interface Primitive<P = unknown> {
  readonly name: string
  /** Concrete evaluation on tensors. Shape checks happen in the op that binds it. */
  impl(args: readonly Tensor[], params: P): Tensor
  /**
   * Pushforward: the output tangent given the inputs' tangents (null means zero). Returns null
   * when the output does not depend on any perturbed input. Absent: the primitive has zero
   * derivative everywhere it is defined (comparisons, sign).
   */
  jvp?(primals: readonly Value[], tangents: readonly (Value | null)[], out: Value, params: P): Value | null
  /**
   * Pullback, one rule per argument: the cotangent of argument i given the output's cotangent g.
   * Primitives with any number of arguments (concat) give a function from i to the rule.
   */
  vjp?: readonly PullbackRule<P>[] | ((i: number) => PullbackRule<P>)
  /** Explains a non-finite result at flat index k that came from finite inputs (log(-1), 0/0). */
  domain?(args: readonly Tensor[], k: number, params: P): string
  /**
   * Why a derivative rule failed, e.g. "sqrt is not differentiable at 0": a string when it holds
   * wherever a rule can fail, or a function of the point that gives one only where it holds
   * (so a derivative that merely overflows near 0 is not said to be taken at 0).
   */
  singular?: string | ((args: readonly Tensor[]) => string | undefined)
  /**
   * True for the engine's own rules, which keep no reference to their cotangent, their
   * arguments or anything they make once they return: the backward sweep may then reuse the
   * memory of cotangents it has finished with (reverse.ts). A learner's rule may keep anything.
   */
  readonly keepsNothing?: boolean
  /**
   * True when every number of its result is one of its arguments' numbers, moved or with its
   * sign changed (getindex, broadcast, reshape, concat, neg, abs): it cannot make a NaN or an
   * infinity out of finite numbers, so bind does not scan its result for fresh ones.
   */
  readonly keepsFinite?: boolean
}

export type PullbackRule<P> = (g: Value, primals: readonly Value[], out: Value, params: P) => Value

export function pullbackRule<P>(prim: Primitive<P>, i: number): PullbackRule<P> {
  const v = prim.vjp!
  return typeof v === 'function' ? v(i) : v[i]!
}
