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
import { pullback } from '../ad/reverse.ts'
import type { Trace } from '../ad/trace.ts'
import { record, recorder } from '../ad/trace.ts'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { Tensor, basis, describeShape, ones, sameShape, sizeOf } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import { builtin, functionArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { vectorText } from '../language/numbers.ts'
import type { LangFunction } from '../language/values.ts'
import { tensorOperand } from '../language/values.ts'
import type { PullbacksSpec } from './pullbacksSpec.ts'
import { MAX_INPUTS, MAX_TRACE_STEPS, WHO } from './pullbacksSpec.ts'
import {
  buildGraph,
  checkComplete,
  checkGraphSize,
  checkOutputs,
  flat,
  forwardPass,
  ourLevel,
  plain,
  reversePasses,
} from './pullbacksTrace.ts'
import { codeFor, summaryOf } from './pullbacksText.ts'
import { panelRecord } from './registry.ts'

export type {
  CotangentArrival,
  ForwardPassSpec,
  PlainTensor,
  PullbacksNode,
  PullbacksSpec,
  ReversePassSpec,
  TangentArrival,
} from './pullbacksSpec.ts'
export { MAX_GRAPH_NODES, MAX_INPUTS, MAX_OUTPUTS } from './pullbacksSpec.ts'

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
    // The snippets call the function by its name (f for an anonymous one), so they can run.
    code: codeFor(/^[\p{L}_][\p{L}\p{N}_]*$/u.test(f.name) ? f.name : 'f', x),
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
