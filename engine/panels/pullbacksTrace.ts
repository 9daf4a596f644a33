/**
 * Reading show_pullbacks' recordings (record(), engine/ad/trace.ts): the graph of primitives taped
 * at the pullback's level, with x and the constants they read; the reverse passes split at each
 * sweep of that level; one pushforward per input matched to the graph's nodes. Also the checks
 * that refuse what the panel cannot draw, each saying what to do instead.
 */
import { pushforward } from '../ad/forward.ts'
import type { Trace, TraceStep } from '../ad/trace.ts'
import { record } from '../ad/trace.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import type { Tensor } from '../tensor/tensor.ts'
import { basis, describeShape } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import { LangError } from '../language/errors.ts'
import type { ForwardPassSpec, PlainTensor, PullbacksNode, ReversePassSpec, TangentArrival } from './pullbacksSpec.ts'
import { MAX_GRAPH_NODES, MAX_OUTPUTS, MAX_TRACE_STEPS, WHO } from './pullbacksSpec.ts'

export const plain = (t: Tensor): PlainTensor => ({ shape: [...t.shape], data: Array.from(t.data) })
export const flat = (v: Value): number[] => Array.from(concrete(v).data)

/** The level of the first pass of this kind in the trace: the transform show_pullbacks started. */
export function ourLevel(steps: readonly TraceStep[], mode: 'primal' | 'forward'): number {
  const s = steps.find((t) => t.kind === 'pass' && t.mode === mode)
  return s?.level ?? -1
}

export function checkOutputs(m: number, y: Value, name: string): void {
  if (m === 0)
    throw new LangError(`${WHO}: ${name}(x) is empty (a ${describeShape(y.shape)}); there is no row to pull back`)
  if (m > MAX_OUTPUTS) {
    throw new LangError(
      `${WHO}: ${name}(x) has ${m} numbers, and the panel draws one reverse pass per output, so it stops at ${MAX_OUTPUTS}. ` +
        `Look at a few outputs (${name}(x)[1:3]) or use jacobian(${name}, x) for the whole matrix without the drawing.`,
      'limit',
    )
  }
}

/** x, the constants and the primitives taped at our level, before any reverse pass runs. */
export function checkGraphSize(steps: readonly TraceStep[], level: number, name: string): void {
  const made = new Set<number>()
  const read = new Set<number>()
  for (const s of steps) {
    if (s.kind !== 'op' || s.level !== level) continue
    for (const i of s.inputs) if (!made.has(i)) read.add(i)
    made.add(s.node)
  }
  const nodes = made.size + Math.max(1, read.size)
  if (nodes > MAX_GRAPH_NODES) {
    throw new LangError(
      `${WHO}: the graph of ${name} at this x has ${nodes} nodes (${made.size} primitive operations, plus x and constants), ` +
        `and more than ${MAX_GRAPH_NODES} is too many to follow step by step. ` +
        `Try a smaller x or a simpler ${name} (split it into pieces and show each); jacobian(${name}, x) still computes J.`,
      'limit',
    )
  }
}

export function checkComplete(trace: Trace): void {
  if (trace.truncated) {
    throw new LangError(
      `${WHO}: the function does too much work inside (more than ${MAX_TRACE_STEPS} recorded steps) to be replayed; try a simpler function or a smaller x`,
      'limit',
    )
  }
}

export interface Graph {
  nodes: PullbacksNode[]
  input: number
  /** Trace node id -> graph node id, for primitives and x. */
  ids: Map<number, number>
  /** Graph ids of the primitives, in computation order. */
  ops: number[]
}

/**
 * The primitives taped at the pullback's level, in order, with x and the constants they read.
 * x is the node whose cotangent ends each reverse pass (the tape's first entry).
 */
export function buildGraph(steps: readonly TraceStep[], level: number, x: Tensor): Graph {
  const values = new Map<number, Tensor>()
  for (const s of steps)
    if (s.kind === 'input' || s.kind === 'op') if (!values.has(s.node)) values.set(s.node, s.primal)
  const firstReverse = steps.findIndex((s) => s.kind === 'pass' && s.mode === 'reverse' && s.level === level)
  let xTrace = -1
  for (let k = firstReverse + 1; k < steps.length; k++) {
    const s = steps[k]!
    if (s.kind === 'pass' && s.level === level) break
    if (s.kind === 'cotangent' && s.level === level) xTrace = s.node
  }

  const nodes: PullbacksNode[] = [{ id: 0, role: 'input', label: 'x', inputs: [], value: plain(x) }]
  const ids = new Map<number, number>()
  if (xTrace >= 0) ids.set(xTrace, 0)
  const constants = new Map<number, number>()
  const ops: number[] = []
  const end = firstReverse < 0 ? steps.length : firstReverse
  for (let k = 0; k < end; k++) {
    const s = steps[k]!
    if (s.kind !== 'op' || s.level !== level) continue
    const inputs = s.inputs.map((t) => {
      const known = ids.get(t) ?? constants.get(t)
      if (known !== undefined) return known
      const id = nodes.length
      const v = values.get(t)
      nodes.push({ id, role: 'constant', label: 'const', inputs: [], value: v ? plain(v) : { shape: [], data: [] } })
      constants.set(t, id)
      return id
    })
    const id = nodes.length
    const detail =
      s.prim === 'matmul'
        ? matmulForm(
            s.inputs.map((t) => values.get(t)),
            s.primal,
          )
        : undefined
    nodes.push({ id, role: 'op', label: s.prim, inputs, ...(detail ? { detail } : {}), value: plain(s.primal) })
    ids.set(s.node, id)
    ops.push(id)
  }
  return { nodes, input: 0, ids, ops }
}

/**
 * Which of A·B, Aᵀ·B, A·Bᵀ, Aᵀ·Bᵀ a matmul computed, found by redoing the product: the pullback
 * of A·x multiplies by Aᵀ, and the learner should see that. Vectors are columns.
 */
export function matmulForm(args: (Tensor | undefined)[], out: Tensor): string | undefined {
  const [a, b] = args
  if (!a || !b || a.shape.length > 2 || b.shape.length > 2) return undefined
  const dims = (t: Tensor): [number, number] => (t.shape.length === 2 ? [t.shape[0]!, t.shape[1]!] : [t.size, 1])
  const [ar, ac] = dims(a)
  const [br, bc] = dims(b)
  const at = (i: number, j: number, ta: boolean) => (ta ? a.data[j * ac + i]! : a.data[i * ac + j]!)
  const bt = (i: number, j: number, tb: boolean) => (tb ? b.data[j * bc + i]! : b.data[i * bc + j]!)
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    const [m, k] = ta ? [ac, ar] : [ar, ac]
    const [k2, n] = tb ? [bc, br] : [br, bc]
    if (k !== k2 || m * n !== out.size) continue
    let same = true
    for (let i = 0; i < m && same; i++)
      for (let j = 0; j < n && same; j++) {
        let sum = 0
        for (let p = 0; p < k; p++) sum += at(i, p, ta) * bt(p, j, tb)
        same = Math.abs(sum - out.data[i * n + j]!) <= 1e-9 * Math.max(1, Math.abs(sum))
      }
    if (same) return `${ta ? 'Aᵀ' : 'A'}·${tb ? 'Bᵀ' : 'B'}`
  }
  return undefined
}

/** Splits the recording at each reverse pass of our level: arrivals, rows and op counts. */
export function reversePasses(
  steps: readonly TraceStep[],
  level: number,
  graph: Graph,
  rows: number[][],
): { passes: ReversePassSpec[]; primalOps: number; output: number | null } {
  const passes: ReversePassSpec[] = []
  let primalOps = 0
  let current: ReversePassSpec | null = null
  for (const s of steps) {
    if (s.kind === 'pass' && s.level === level && s.mode === 'reverse') {
      current = { seed: flat(s.seed!), steps: [], row: rows[passes.length]!, ops: 0 }
      passes.push(current)
    } else if (s.kind === 'op' && s.level === 0 && s.mode === 'primal') {
      if (current) current.ops++
      else primalOps++
    } else if (s.kind === 'cotangent' && s.level === level && current) {
      const node = graph.ids.get(s.node)
      if (node !== undefined) current.steps.push({ node, cotangent: flat(s.cotangent) })
    }
  }
  const output = passes[0]?.steps[0]?.node ?? null
  // f(x) does not depend on x: back returns zeros without a sweep; x still receives its (zero) row.
  for (const p of passes) if (p.steps.length === 0) p.steps.push({ node: graph.input, cotangent: p.row })
  return { passes, primalOps, output }
}

/** One pushforward of e_j, recorded alone; its primitives are matched to the graph in order. */
export function forwardPass(fn: Fn, x: Tensor, j: number, graph: Graph): { pass: ForwardPassSpec; trace: Trace } {
  const seed = basis(x.shape, j)
  const { result, trace } = record(() => pushforward(fn, x, seed, WHO), { maxSteps: MAX_TRACE_STEPS })
  checkComplete(trace)
  const level = ourLevel(trace.steps, 'forward')
  const steps: TangentArrival[] = [{ node: graph.input, tangent: flat(seed) }]
  // Walk both op lists in order; a primitive the forward pass skipped (its tangent was zero) is
  // simply not updated, so match by name rather than by position alone.
  let k = 0
  for (const s of trace.steps) {
    if (s.kind !== 'op' || s.level !== level || s.tangent === undefined) continue
    while (k < graph.ops.length && graph.nodes[graph.ops[k]!]!.label !== s.prim) k++
    if (k >= graph.ops.length) break
    steps.push({ node: graph.ops[k]!, tangent: Array.from(s.tangent.data) })
    k++
  }
  const column = flat(result.tangent)
  return { pass: { seed: flat(seed), steps, column, ops: trace.counters.ops }, trace }
}
