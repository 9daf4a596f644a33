/**
 * The data behind the pullbacks panel (show_pullbacks), as the page receives it: the graph of f
 * at x with every node's primal value, and each reverse and forward pass as the arrivals of
 * cotangents (or tangents) node by node, in the order the engine computed them. Also the limits
 * beyond which the drawing stops teaching anything (and the page stops being quick).
 */
import type { PanelBase } from './spec.ts'

/** A tensor as plain numbers, row-major. */
export interface PlainTensor {
  shape: number[]
  data: number[]
}

export interface PullbacksNode {
  /** The node's place in computation order, and its index in PullbacksSpec.nodes. */
  id: number
  /** The input x, a constant (a matrix, a literal, a value f computed without x), or a primitive. */
  role: 'input' | 'constant' | 'op'
  /** "x", "const", or the primitive's name (matmul, mul, sum, ...). */
  label: string
  /** Ids of the nodes this one was computed from (empty for the input and constants). */
  inputs: number[]
  /** What a matmul multiplied: "A·B", or "Aᵀ·B" in a backward rule (the trace keeps no params). */
  detail?: string
  /** The primal value, computed once by the primal pass. */
  value: PlainTensor
}

/** One node update of a reverse pass: this node's cotangent is now complete. */
export interface CotangentArrival {
  node: number
  cotangent: number[]
}

/** One node update of a forward pass: this node's tangent has been pushed. */
export interface TangentArrival {
  node: number
  tangent: number[]
}

export interface ReversePassSpec {
  /** The cotangent pulled back: e_i, shaped like f(x). */
  seed: number[]
  /** Arrivals in the order the backward sweep completed them: the output first, x last. */
  steps: CotangentArrival[]
  /** The cotangent reaching x: row i of J. */
  row: number[]
  /** Primitive evaluations this pass did. */
  ops: number
}

export interface ForwardPassSpec {
  /** The tangent pushed: e_j, shaped like x. */
  seed: number[]
  /** x with its seed first, then every primitive in computation order. */
  steps: TangentArrival[]
  /** The tangent of f(x): column j of J. */
  column: number[]
  ops: number
}

export interface PullbacksSpec extends PanelBase {
  kind: 'pullbacks'
  /** The function's name and definition as written, e.g. "g" and "g(x) = gradient(f, x)". */
  fn: string
  source: string
  x: PlainTensor
  /** f(x). */
  y: PlainTensor
  /** Outputs (rows of J) and inputs (columns of J). */
  m: number
  n: number
  nodes: PullbacksNode[]
  /** The node of x, and the node of f(x); output is null when f(x) does not depend on x. */
  input: number
  output: number | null
  reverse: {
    /** Primitive evaluations of the one primal pass (the graph's values). */
    primalOps: number
    passes: ReversePassSpec[]
    /** All primitive evaluations: the primal pass and the m reverse passes (record()'s counter). */
    ops: number
    /** Passes of transforms inside f (a gradient inside g), on top of 1 primal + m reverse. */
    innerPasses: number
  }
  forward: {
    passes: ForwardPassSpec[]
    /** All primitive evaluations of the n forward passes. */
    ops: number
    innerPasses: number
  }
  /** J as m rows of n numbers, from the reverse passes. */
  jacobian: number[][]
  /** The largest difference between J from rows and J from columns (0 up to rounding). */
  rowsVsColumns: number
  /** The pullback of the all-ones cotangent: the gradient of sum(f(x)), what tf.gradients returns. */
  allOnes: { v: number[]; result: number[]; meaning: string }
  /** The pullback of the learner's v, with its decomposition vᵀJ = Σ v_i · row_i. */
  cotangent?: { v: number[]; result: number[]; terms: number[][] }
  /** The same computation in Julia, JAX and PyTorch. */
  code: { julia: string; jax: string; pytorch: string }
}

// -----------------------------------------------------------------------------------------------
// Limits: beyond these the drawing stops teaching anything (and the page stops being quick)

export const MAX_GRAPH_NODES = 60
export const MAX_INPUTS = 12
export const MAX_OUTPUTS = 12
export const MAX_TRACE_STEPS = 400_000

export const WHO = 'show_pullbacks'
