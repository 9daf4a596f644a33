/**
 * Panels that answer back: a panel on the page asks for a fresh engine pass with a vector the
 * learner typed (the Hessian panel an HVP with its v, the pullbacks panel the pullback of its
 * ȳ), and gets new panel data with the pass's trace, as any other run gives.
 *
 * The page cannot send a function, so the panel builtins are wrapped (requestable) to remember
 * the function and point each panel was made with, next to its spec; the worker keeps those per
 * cell after a run and answers a request with them (answerPanel). Nothing here is kept alive
 * by the spec: the inputs go when the spec goes.
 */
import { pullback } from '../ad/reverse.ts'
import { record, recorder } from '../ad/trace.ts'
import type { Counters } from '../ad/trace.ts'
import { concrete } from '../ad/value.ts'
import { Tensor, describeShape, sameShape, sizeOf } from '../tensor/tensor.ts'
import * as T from '../transforms/index.ts'
import { functionArg, tensorArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import type { DualPass } from './hessian.ts'
import { Constants, readPass } from './hessian.ts'
import type { ReversePassSpec } from './pullbacksSpec.ts'
import { MAX_TRACE_STEPS } from './pullbacksSpec.ts'
import { buildGraph, checkComplete, flat, ourLevel, reversePasses } from './pullbacksTrace.ts'
import { panelSpecOf } from './registry.ts'
import type { PanelSpec } from './spec.ts'

/** What a panel asks for: one pass seeded with the learner's vector. */
export type PanelRequest =
  /** H·v for the Hessian panel: one forward-over-reverse pass seeded with x + ε·v. */
  | { kind: 'hvp'; v: number[] }
  /** ȳᵀJ for the pullbacks panel: one primal pass and one reverse pass of ȳ. */
  | { kind: 'pullback'; v: number[] }

/** The passes a request ran, by kind, from record()'s counters. */
export type PassCounts = Counters['passes']

export type PanelAnswer =
  | { kind: 'hvp'; v: number[]; pass: DualPass; Hv: number[]; passes: PassCounts }
  | {
      kind: 'pullback'
      v: number[]
      pass: ReversePassSpec
      result: number[]
      /** Every pass in the trace: the pullback's one primal and one reverse pass, and f's own inside it. */
      passes: PassCounts
      /** Passes f runs inside itself (g(x) = gradient(f, x) runs a gradient each time). */
      innerPasses: number
      ops: number
    }

/** The function and point a panel was made with. */
export interface PanelInputs {
  f: LangValue
  x: LangValue
}

const inputs = new WeakMap<PanelSpec, PanelInputs>()

/** The panels whose passes can be asked for again: their builtins are wrapped by requestable. */
const ANSWERING = new Set(['show_hessian', 'show_pullbacks'])

/** The panel builtins, those that answer requests wrapped so that they remember their inputs. */
export function withRequests(builtins: LangFunction[]): LangFunction[] {
  return builtins.map((b) => (ANSWERING.has(b.name) ? requestable(b) : b))
}

/** The panel builtin b, remembering the f and x of each panel it makes (its first two arguments). */
export function requestable(b: LangFunction): LangFunction {
  return {
    ...b,
    call(args) {
      const made = b.call(args)
      const spec = panelSpecOf(made)
      if (spec) inputs.set(spec, { f: args[0], x: args[1] })
      return made
    },
  }
}

/** What a panel was made with, if it was made by a requestable builtin. */
export function panelInputsOf(spec: PanelSpec): PanelInputs | undefined {
  return inputs.get(spec)
}

/** Runs the pass a panel asked for, with the panel's own function and point. */
export function answerPanel(spec: PanelSpec, request: PanelRequest): PanelAnswer {
  const made = inputs.get(spec)
  if (!made) throw new LangError(`this ${spec.kind} panel cannot run a new pass; run its cell again`)
  if (request.kind === 'hvp') return hvpAnswer(made, request.v)
  return pullbackAnswer(made, request.v)
}

function vectorLike(v: readonly number[], shape: readonly number[], what: string, who: string): Tensor {
  if (v.length !== sizeOf(shape) || !v.every(Number.isFinite))
    throw new LangError(`${who}: ${what} must be ${sizeOf(shape)} numbers, shaped like a ${describeShape(shape)}`)
  return new Tensor([...shape], Float64Array.from(v))
}

function hvpAnswer({ f, x }: PanelInputs, v: readonly number[]): PanelAnswer {
  const who = 'show_hessian'
  const { fn } = functionArg(f, who)
  const x0 = tensorArg(x, who, 'the point x')
  const seed = vectorLike(v, x0.shape, 'v', who)
  const { result, trace } = record(() => T.hvp(fn, x0, seed), { maxSteps: 50000 })
  const pass = readPass(trace, seed, new Constants(), who)
  // The ε-part is hvp's own result; keep the engine's numbers exactly.
  const Hv = Array.from(concrete(result).data)
  pass.result = { ...pass.result, tangent: Hv }
  return { kind: 'hvp', v: [...v], pass, Hv, passes: { ...trace.counters.passes } }
}

function pullbackAnswer({ f, x }: PanelInputs, v: readonly number[]): PanelAnswer {
  const who = 'show_pullbacks'
  const { fn } = functionArg(f, who, { verb: 'follows' })
  const x0 = concrete(tensorArg(x, who, 'the point x'))
  // Recorded as the panel records its passes, so the graph's node numbers are the panel's.
  let level = 0
  const run = record(
    () => {
      const p = pullback(fn, x0, who)
      level = ourLevel(recorder()!.steps, 'primal')
      const y = concrete(p.value)
      const ybar = vectorLike(v, y.shape, 'the cotangent ȳ (one number per output)', who)
      if (!sameShape(ybar.shape, y.shape)) throw new LangError(`${who}: ȳ must have the shape of f(x)`)
      return flat(p.back(ybar))
    },
    { maxSteps: MAX_TRACE_STEPS },
  )
  checkComplete(run.trace)
  const graph = buildGraph(run.trace.steps, level, x0)
  const { passes } = reversePasses(run.trace.steps, level, graph, [run.result])
  return {
    kind: 'pullback',
    v: [...v],
    pass: passes[0]!,
    result: run.result,
    passes: { ...run.trace.counters.passes },
    innerPasses: Object.values(run.trace.counters.passes).reduce((a, b) => a + b, 0) - 2,
    ops: run.trace.counters.ops,
  }
}
