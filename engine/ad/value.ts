/**
 * Values the engine computes with: a concrete Tensor, or a box that carries a perturbation of
 * one transformation on top of a primal value.
 *
 * Every box has a level: the id of the transformation (one call of jvp or pullback) that made
 * it. Ids grow with nesting, so the box with the highest level among an operation's arguments
 * belongs to the innermost active transformation; boxes of other levels are constants to it.
 * This is what keeps perturbations of nested derivatives apart (no perturbation confusion):
 * in D(x -> x * D(y -> x + y, 1), 1) the inner derivative sees x as a constant.
 */
import type { Shape } from '../tensor/tensor.ts'
import { Tensor } from '../tensor/tensor.ts'
import type { Primitive } from './primitive.ts'

export abstract class Box {
  abstract readonly primal: Value
  abstract readonly level: number
  get shape(): Shape {
    return this.primal.shape
  }
}

/** Forward mode: a dual number primal + tangent·ε_level, for tensors. */
export class Dual extends Box {
  private t: Value | (() => Value)
  constructor(
    readonly primal: Value,
    /** A function gives a tangent computed when first read (ad/forward.ts deferTangent). */
    tangent: Value | (() => Value),
    readonly level: number,
  ) {
    super()
    this.t = tangent
  }
  get tangent(): Value {
    const t = this.t
    return typeof t === 'function' ? (this.t = t()) : t
  }
  /** The computation a deferred tangent waits for, until it is read. */
  get pending(): (() => Value) | undefined {
    const t = this.t
    return typeof t === 'function' ? t : undefined
  }
}

/** Reverse mode: a primal value and its place on the tape of its level. */
export class TapeNode extends Box {
  constructor(
    readonly primal: Value,
    readonly level: number,
    readonly tape: Tape,
    readonly index: number,
    // How this node was computed; the input of a pullback has none.
    readonly prim: Primitive | null,
    readonly args: readonly Value[],
    readonly parents: readonly (TapeNode | null)[],
    readonly params: unknown,
  ) {
    super()
  }
}

export type Tape = TapeNode[]

export type Value = Tensor | Box

let lastLevel = 0
/** A fresh level for a new transformation; always above every level created before it. */
export function newLevel(): number {
  return ++lastLevel
}

const running: number[] = []
/**
 * Runs f as the body of the transformation of this level (its levels nest, innermost last), so
 * that values made inside it, such as a learner's ForwardDiff dual, can be put above it.
 */
export function runningAt<T>(level: number, f: () => T): T {
  running.push(level)
  try {
    return f()
  } finally {
    running.pop()
  }
}

/** The levels of the transformations whose functions are running now, outermost first. */
export function runningLevels(): readonly number[] {
  return running
}

/** The concrete tensor under any number of boxes. */
export function concrete(v: Value): Tensor {
  while (v instanceof Box) v = v.primal
  return v
}

export function isValue(v: unknown): v is Value {
  return v instanceof Tensor || v instanceof Box
}
