/**
 * show_pullbacks(f, x) and show_pullbacks(f, x, v): the data for the panel that shows reverse
 * mode assembling a Jacobian one row at a time (pull back e_1, e_2, ... e_m) and forward mode
 * assembling it one column at a time (push forward e_1, ... e_n).
 *
 * Everything is read from the engine's own trace (record()), so what the page replays is what
 * the engine did: the graph is the primitives taped at the pullback's level, the cotangents are
 * the ones its backward sweep wrote down, in that order, and the counts are its counters. The
 * page only replays this data and adds rows of J; it never differentiates.
 *
 * With g(x) = gradient(f, x) the graph is g's computation, inner backward sweep included: the
 * outer pullback sees every primitive that touched its input, at its own level.
 */
import { pushforward } from '../ad/forward.ts'
import { pullback } from '../ad/reverse.ts'
import type { Trace, TraceStep } from '../ad/trace.ts'
import { record, recorder } from '../ad/trace.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { Tensor, basis, describeShape, ones, sameShape, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import { builtin, functionArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { floatLiteral, matrixText, plural, vectorText } from '../language/numbers.ts'
import type { LangFunction } from '../language/values.ts'
import { tensorOperand } from '../language/values.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'

// -----------------------------------------------------------------------------------------------
// The spec: plain data for the page

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
const MAX_TRACE_STEPS = 400_000

const WHO = 'show_pullbacks'

// -----------------------------------------------------------------------------------------------
// The builtin

export const showPullbacks: LangFunction = builtin(
  WHO,
  ['f', 'x', 'v'],
  ([f, x, v]) => {
    const fn = functionArg(f, WHO, { usage: `${WHO}(f, x)`, verb: 'follows' })
    const x0 = concrete(tensorOperand(x, WHO))
    const v0 = v === undefined ? undefined : concrete(tensorOperand(v, WHO))
    return panelRecord(pullbacksSpec(fn, x0, v0))
  },
  { arity: [2, 3] },
)

// -----------------------------------------------------------------------------------------------
// Computing the spec

const plain = (t: Tensor): PlainTensor => ({ shape: [...t.shape], data: Array.from(t.data) })
const flat = (v: Value): number[] => Array.from(concrete(v).data)

/** The spec for f at x (and the pullback of v, when given). */
function pullbacksSpec({ f, fn }: { f: LangFunction; fn: Fn }, x: Tensor, v?: Tensor): PullbacksSpec {
  const n = sizeOf(x.shape)
  if (n === 0) throw new LangError(`${WHO}: x is empty (a ${describeShape(x.shape)}); give it at least one number`)
  if (n > MAX_INPUTS) {
    throw new LangError(
      `${WHO}: x has ${n} numbers, and the panel draws one forward pass per input, so it stops at ${MAX_INPUTS}. ` +
        `Try a shorter x; jacobian(${f.name}, x) computes J of any size without drawing it.`,
      'limit',
    )
  }

  // One primal pass, then m reverse passes, in one recording, so node ids agree across passes.
  let level = 0
  const rev = record(
    () => {
      const p = pullback(fn, x, WHO)
      level = ourLevel(recorder()!.steps, 'primal')
      const m = sizeOf(p.value.shape)
      checkOutputs(m, p.value, f.name)
      checkGraphSize(recorder()!.steps, level, f.name)
      const rows = Array.from({ length: m }, (_, i) => flat(p.back(basis(p.value.shape, i))))
      return { ...p, rows }
    },
    { maxSteps: MAX_TRACE_STEPS },
  )
  checkComplete(rev.trace)
  const { value: y, back, rows } = rev.result
  const m = rows.length
  const graph = buildGraph(rev.trace.steps, level, x)
  const reverse = reversePasses(rev.trace.steps, level, graph, rows)

  // n forward passes, each recorded on its own (each has its own level).
  const forward = Array.from({ length: n }, (_, j) => forwardPass(fn, x, j, graph))
  const columns = forward.map((p) => p.pass.column)

  // Outside any recording, so that the counters above stay 1 primal + m reverse passes.
  const allOnes = flat(back(ones(y.shape)))
  let cotangent: PullbacksSpec['cotangent']
  if (v !== undefined) {
    const ct = cotangentLike(v, y, f.name)
    const vs = Array.from(ct.data)
    cotangent = {
      v: vs,
      result: flat(back(ct)),
      terms: rows.map((row, i) => row.map((r) => vs[i]! * r)),
    }
  }

  let rowsVsColumns = 0
  rows.forEach((row, i) =>
    row.forEach((r, j) => (rowsVsColumns = Math.max(rowsVsColumns, Math.abs(r - columns[j]![i]!)))),
  )
  const counted = (t: Trace) => t.counters.passes.primal + t.counters.passes.forward + t.counters.passes.reverse

  const spec: PullbacksSpec = {
    kind: 'pullbacks',
    title: `Pullbacks assembling the Jacobian of ${f.name} at x = ${vectorText(Array.from(x.data))}`,
    summary: '',
    fn: f.name,
    source: f.source,
    x: plain(x),
    y: plain(concrete(y)),
    m,
    n,
    nodes: graph.nodes,
    input: graph.input,
    output: reverse.output,
    reverse: {
      primalOps: reverse.primalOps,
      passes: reverse.passes,
      ops: rev.trace.counters.ops,
      innerPasses: counted(rev.trace) - 1 - m,
    },
    forward: {
      passes: forward.map((p) => p.pass),
      ops: forward.reduce((s, p) => s + p.trace.counters.ops, 0),
      innerPasses: forward.reduce((s, p) => s + counted(p.trace), 0) - n,
    },
    jacobian: rows,
    rowsVsColumns,
    allOnes: {
      v: new Array<number>(m).fill(1),
      result: allOnes,
      // A single output needs no sum: v = [1] gives the gradient of f itself.
      meaning: m === 1 ? `the gradient of ${f.name} itself` : `the gradient of sum(${f.name}(x))`,
    },
    ...(cotangent ? { cotangent } : {}),
    code: codeFor(f.name, x),
  }
  spec.summary = summaryOf(spec)
  return spec
}

/** v shaped like f(x); a flat vector of the right length is accepted for a matrix-shaped output. */
function cotangentLike(v: Tensor, y: Value, name: string): Tensor {
  if (sameShape(v.shape, y.shape)) return v
  if (v.shape.length <= 1 && v.size === sizeOf(y.shape)) return new Tensor([...y.shape], v.data)
  throw new LangError(
    `${WHO}: the cotangent v must have the output's shape: ${name}(x) is a ${describeShape(y.shape)}, v a ${describeShape(v.shape)}`,
  )
}

/** The level of the first pass of this kind in the trace: the transform show_pullbacks started. */
function ourLevel(steps: readonly TraceStep[], mode: 'primal' | 'forward'): number {
  const s = steps.find((t) => t.kind === 'pass' && t.mode === mode)
  return s?.level ?? -1
}

function checkOutputs(m: number, y: Value, name: string): void {
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
function checkGraphSize(steps: readonly TraceStep[], level: number, name: string): void {
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

function checkComplete(trace: Trace): void {
  if (trace.truncated) {
    throw new LangError(
      `${WHO}: the function does too much work inside (more than ${MAX_TRACE_STEPS} recorded steps) to be replayed; try a simpler function or a smaller x`,
      'limit',
    )
  }
}

interface Graph {
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
function buildGraph(steps: readonly TraceStep[], level: number, x: Tensor): Graph {
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
function matmulForm(args: (Tensor | undefined)[], out: Tensor): string | undefined {
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
function reversePasses(
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
function forwardPass(fn: Fn, x: Tensor, j: number, graph: Graph): { pass: ForwardPassSpec; trace: Trace } {
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

// -----------------------------------------------------------------------------------------------
// Words and code

function summaryOf(s: PullbacksSpec): string {
  const cheaper =
    s.m < s.n
      ? 'reverse mode needs fewer passes here'
      : s.m > s.n
        ? 'forward mode needs fewer passes here'
        : 'both modes need the same number of passes here'
  return (
    `${s.fn} maps ${plural(s.n, 'input')} to ${plural(s.m, 'output')}; ` +
    `reverse mode needs ${plural(s.m, 'pullback')} (rows), forward mode ${plural(s.n, 'pushforward')} (columns), so ${cheaper}. ` +
    `The graph has ${plural(s.nodes.length, 'node')}. J = ${matrixText(s.jacobian)}. ` +
    yours(s) +
    (s.m === 1
      ? `With one output, J is a single row: pulling back the number 1 gives the whole gradient ${vectorText(s.allOnes.result)} in one reverse pass.`
      : `Pulling back all ones gives ${vectorText(s.allOnes.result)}, the gradient of sum(${s.fn}(x)).`)
  )
}

/** The learner's own cotangent, when they passed one: it is the point of their call, so it comes first. */
function yours(s: PullbacksSpec): string {
  const c = s.cotangent
  if (!c) return ''
  if (c.v.every((x) => x === 1)) return `Your v = ${vectorText(c.v)} is all ones. `
  return `Pulling back your v = ${vectorText(c.v)} in one reverse pass gives vᵀJ = ${vectorText(c.result)}. `
}

function pyList(xs: readonly number[]): string {
  return `[${xs.map(floatLiteral).join(', ')}]`
}

/** Code lines with their comments lined up in one column. */
function aligned(lines: readonly (readonly [string, string?])[]): string {
  const width = Math.max(...lines.filter(([, c]) => c !== undefined).map(([code]) => code.length)) + 2
  return lines.map(([code, c]) => (c === undefined ? code : `${code.padEnd(width)}# ${c}`)).join('\n')
}

/** The same computation in three libraries; the learner's f must be written in each one's terms. */
function codeFor(name: string, x: Tensor): PullbacksSpec['code'] {
  const xs = pyList(Array.from(x.data))
  const flatNote: [string][] =
    x.shape.length > 1 ? [['# x is flattened here: reshape it as your function expects']] : []
  const julia = aligned([
    ['using Zygote'],
    [`# ${name}: your function, written in Julia`],
    ...flatNote,
    [`x = ${xs}`],
    [`y, back = Zygote.pullback(${name}, x)`, 'one primal pass'],
    ['m = length(y)'],
    ['rows = [back(Float64.(1:m .== i))[1] for i in 1:m]', 'm reverse passes: row i = back(e_i)'],
    [`J = Zygote.jacobian(${name}, x)[1]`, 'the same rows, assembled'],
    ['back(ones(m))[1]', `gradient of sum(${name}(x)), what tf.gradients returns`],
    ['v = ones(m); back(v)[1]', "v' * J for any cotangent v"],
  ])
  const jax = aligned([
    ['import jax, jax.numpy as jnp'],
    [`# ${name}: your function, written with jax.numpy (a gradient inside it: jax.grad)`],
    ...flatNote,
    [`x = jnp.array(${xs})`],
    [`y, back = jax.vjp(${name}, x)`, 'one primal pass'],
    ['rows = [back(e)[0] for e in jnp.eye(y.size)]', 'm reverse passes, one row each'],
    [`cols = [jax.jvp(${name}, (x,), (e,))[1] for e in jnp.eye(x.size)]`, 'n forward passes'],
    [`J_rows = jax.jacrev(${name})(x)`, 'J by rows'],
    [`J_cols = jax.jacfwd(${name})(x)`, 'J by columns'],
    ['back(jnp.ones_like(y))[0]', `gradient of sum(${name}(x)), what tf.gradients returns`],
  ])
  const pytorch = aligned([
    ['import torch'],
    ['from torch.autograd.functional import vjp, jvp, jacobian'],
    [`# ${name}: your function, written with torch operations (a gradient inside it needs create_graph=True)`],
    ...flatNote,
    [`x = torch.tensor(${xs})`],
    [`y = ${name}(x)`],
    [`rows = [vjp(${name}, x, e)[1] for e in torch.eye(y.numel())]`, 'm reverse passes'],
    [`cols = [jvp(${name}, x, e)[1] for e in torch.eye(x.numel())]`, 'n forward passes'],
    [`J = jacobian(${name}, x)`, 'reverse mode, row by row'],
    [`J_fwd = jacobian(${name}, x, vectorize=True, strategy="forward-mode")`, 'forward mode, column by column'],
    [`vjp(${name}, x, torch.ones_like(y))[1]`, `gradient of sum(${name}(x)), what tf.gradients returns`],
  ])
  return { julia, jax, pytorch }
}
