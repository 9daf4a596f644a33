/**
 * `show_hessian(f, x)` and `show_hessian(f, x, v)`: the Hessian by forward-over-reverse, one
 * column per pass, as data for the app to replay.
 *
 * Pass j runs the reverse-mode gradient of f on dual numbers seeded with x + ε·e_j: every value
 * on the gradient's tape is a + b·ε, the cotangents of the reverse sweep are dual too, and the
 * ε-part of the gradient that comes out is column j of H (the directional derivative of the
 * gradient along e_j). Each pass is one call of hvp(f, x, e_j) under record(), and the tape and
 * cotangents are read off its trace; nothing here replays arithmetic of its own.
 *
 * Alongside: one pass seeded with v instead (H·v without forming H), and the nestings of
 * forward and reverse mode with their counted costs and their timings (hessianCosts.ts).
 */
import { concrete } from '../ad/value.ts'
import type { Trace } from '../ad/trace.ts'
import { record } from '../ad/trace.ts'
import { basis, describeShape } from '../tensor/tensor.ts'
import type { Tensor } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { builtin, functionArg, tensorArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { plural, short } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import type { MethodCost } from './hessianCosts.ts'
import { byCost, hessianVerdict, measureMethods } from './hessianCosts.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'

export type { MethodCost } from './hessianCosts.ts'

// -----------------------------------------------------------------------------------------------
// The spec

/** A dual number a + b·ε of tensors: primal a and ε-part b, flattened row-major. */
export interface DualValue {
  shape: number[]
  primal: number[]
  tangent: number[]
}

/** A node of the gradient's tape, in the order the forward sweep computed it. */
export interface TapeEntry {
  /** "x" for the input, "t1", "t2", ... for the nodes after it. */
  name: string
  /** The primitive that computed it; "" for the input. */
  prim: string
  /** Its operands: names of tape nodes, constants ("c1"), or a number written out. */
  args: string[]
  /** Its value during the forward sweep. */
  value: DualValue
}

/** A cotangent of the reverse sweep: the adjoint of tape node `node` (an index into tape). */
export interface CotangentEntry {
  node: number
  value: DualValue
}

/** One forward-over-reverse pass: the gradient computed on dual numbers seeded with x + ε·seed. */
export interface DualPass {
  seed: number[]
  tape: TapeEntry[]
  /** In the order the reverse sweep completed them; the last is the input's: the gradient. */
  cotangents: CotangentEntry[]
  /** The gradient with its ε-part: gradient + (H·seed)·ε. */
  result: DualValue
  /** Primitive evaluations in this pass (primal, forward and reverse together). */
  ops: number
  /** Scalar multiply-adds of this pass (engine/ad/cost.ts). */
  flops: number
}

/** A constant the tape uses (a matrix the function closes over, say), so the app can show it. */
export interface TapeConstant {
  name: string
  shape: number[]
  /** Left out when the constant is large; the app shows its shape only. */
  data?: number[]
}

export interface HessianPanelSpec extends PanelBase {
  kind: 'hessian'
  /** The function's name and its definition as written. */
  fname: string
  source: string
  x: number[]
  /** f(x) */
  value: number
  gradient: number[]
  /** H row by row; column j came from pass j. */
  H: number[][]
  /** max |H − Hᵀ| */
  asymmetry: number
  /** Pass j (0-based) seeded with e_{j+1}. */
  passes: DualPass[]
  constants: TapeConstant[]
  /** The Hessian-vector product: one pass seeded with v. */
  hvp: { v: number[]; pass: DualPass; Hv: number[] }
  /** The nestings, counted and timed; the verdict orders them by flops, then memory. */
  methods: MethodCost[]
  /** Index into methods of the cheapest: fewest flops, then least memory (hessianCosts.byCost). */
  cheapest: number
  /** What the counts above show, worded from the numbers (never from the timings). */
  verdict: string
}

// -----------------------------------------------------------------------------------------------
// Limits

export const MAX_HESSIAN_N = 8
const MAX_TAPE = 80
const MAX_VALUE_SIZE = 256
const MAX_CONSTANT_SHOWN = 64

// -----------------------------------------------------------------------------------------------
// One pass, read off the trace of hvp(f, x, seed)

const numbers = (t: Tensor): number[] => Array.from(t.data)

function dual(primal: Tensor, tangent: Tensor | undefined): DualValue {
  return {
    shape: [...primal.shape],
    primal: numbers(primal),
    tangent: tangent ? numbers(tangent) : new Array<number>(primal.size).fill(0),
  }
}

/** Names constants by first use, shared between passes (the same tensor gets the same name). */
export class Constants {
  readonly list: TapeConstant[] = []
  private byData = new Map<string, string>()
  name(t: Tensor): string {
    if (t.shape.length === 0) return short(t.item(), 6)
    const key = `${t.shape.join('x')}:${numbers(t).join(',')}`
    let name = this.byData.get(key)
    if (name === undefined) {
      name = `c${this.list.length + 1}`
      this.byData.set(key, name)
      this.list.push({
        name,
        shape: [...t.shape],
        ...(t.size <= MAX_CONSTANT_SHOWN ? { data: numbers(t) } : {}),
      })
    }
    return name
  }
}

export function readPass(trace: Trace, seed: Tensor, constants: Constants, who: string): DualPass {
  if (trace.truncated)
    throw new LangError(
      `${who}: this function takes too many steps to show one by one; hessian(f, x) still computes H`,
      'limit',
    )
  const primalPass = trace.steps.find((s) => s.kind === 'pass' && s.mode === 'primal')
  const level = primalPass?.level
  const primals = new Map<number, Tensor>()
  const tapeIndex = new Map<number, number>()
  const tape: TapeEntry[] = []
  const cotangents: CotangentEntry[] = []
  const check = (t: Tensor) => {
    if (t.size > MAX_VALUE_SIZE)
      throw new LangError(
        `${who}: a value on the tape is a ${describeShape(t.shape)}; the panel shows values of up to ${MAX_VALUE_SIZE} numbers`,
        'limit',
      )
  }
  for (const s of trace.steps) {
    if (s.kind === 'input' || s.kind === 'op') primals.set(s.node, s.primal)
    if (s.level !== level) continue
    if (s.kind === 'input') {
      // The tape's input: x itself, perturbed along the seed by the outer forward pass.
      tapeIndex.set(s.node, tape.length)
      tape.push({ name: 'x', prim: '', args: [], value: dual(s.primal, seed) })
    } else if (s.kind === 'op' && s.mode === 'reverse') {
      check(s.primal)
      const args = s.inputs.map((id) => {
        const k = tapeIndex.get(id)
        if (k !== undefined) return tape[k]!.name
        const c = primals.get(id)
        return c ? constants.name(c) : '?'
      })
      tapeIndex.set(s.node, tape.length)
      tape.push({ name: `t${tape.length}`, prim: s.prim, args, value: dual(s.primal, s.tangent) })
    } else if (s.kind === 'cotangent') {
      const k = tapeIndex.get(s.node)
      if (k === undefined) continue
      cotangents.push({ node: k, value: dual(s.cotangent, s.tangent) })
    }
    if (tape.length > MAX_TAPE)
      throw new LangError(
        `${who}: the gradient's tape has more than ${MAX_TAPE} nodes, too many to step through; hessian(f, x) still computes H`,
        'limit',
      )
  }
  const last = cotangents.at(-1)
  const n = seed.size
  const result =
    last && last.node === 0 ? last.value : { shape: [...seed.shape], primal: zerosOf(n), tangent: zerosOf(n) }
  return { seed: numbers(seed), tape, cotangents, result, ops: trace.counters.ops, flops: trace.counters.flops }
}

const zerosOf = (n: number) => new Array<number>(n).fill(0)

function dualPass(fn: Fn, x: Tensor, seed: Tensor, constants: Constants, who: string): DualPass {
  const { result, trace } = record(() => T.hvp(fn, x, seed), { maxSteps: 50000 })
  const pass = readPass(trace, seed, constants, who)
  // The ε-part read off the trace is hvp's own result; keep the engine's numbers exactly.
  pass.result = { ...pass.result, tangent: numbers(concrete(result)) }
  return pass
}

// -----------------------------------------------------------------------------------------------
// show_hessian(f, x[, v])

const USAGE = 'show_hessian(f, x1) or show_hessian(f, x1, [1, 2, 3])'

export function showHessian(args: LangValue[]): HessianPanelSpec {
  const who = 'show_hessian'
  const { f, fn, name } = functionArg(args[0], who, { usage: USAGE })
  const x = tensorArg(args[1], who, 'the point x')
  if (x.shape.length > 1)
    throw new LangError(
      `${who} steps through Hessians of functions of a vector, but x is a ${describeShape(x.shape)}; pass a vector such as [0, 1, 2]`,
    )
  const n = x.size
  if (n === 0) throw new LangError(`${who}: x is empty, so there is no Hessian to show`)
  if (n > MAX_HESSIAN_N)
    throw new LangError(
      `${who} steps through one pass per column, for vectors of up to ${MAX_HESSIAN_N} entries, but x has ${n}; hessian(f, x) computes larger Hessians without the replay`,
      'limit',
    )
  const y = fn(x)
  if (y.shape.length !== 0)
    throw new LangError(
      `${who}: ${name} must return one number (a Hessian is the Jacobian of a gradient, and only a scalar output has a gradient), but ${name}(x) is a ${describeShape(y.shape)}`,
    )
  let v = basis(x.shape, 0)
  if (args[2] !== undefined) {
    v = tensorArg(args[2], who, 'the vector v')
    if (v.size !== n || v.shape.length !== x.shape.length)
      throw new LangError(
        `${who}: v must have the shape of x (a ${describeShape(x.shape)}), but it is a ${describeShape(v.shape)}`,
      )
  }

  const constants = new Constants()
  const passes = Array.from({ length: n }, (_, j) => dualPass(fn, x, basis(x.shape, j), constants, who))
  const H = Array.from({ length: n }, (_, i) => passes.map((p) => p.result.tangent[i]!))
  let asymmetry = 0
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) asymmetry = Math.max(asymmetry, Math.abs(H[i]![j]! - H[j]![i]!))
  const hvpPass = dualPass(fn, x, v, constants, who)
  const methods = measureMethods(fn, x, H)
  const cheapest = methods.indexOf([...methods].sort(byCost)[0]!)

  const fname = name
  const col = (j: number) => `[${H.map((row) => short(row[j]!, 6)).join(', ')}]`
  const summary =
    `The Hessian of ${fname} at x = [${numbers(x)
      .map((t) => short(t, 6))
      .join(', ')}] by forward-over-reverse: ` +
    `${plural(n, 'pass')} of the reverse-mode gradient on dual numbers a + bε, pass j seeded with x + ε·eⱼ; ` +
    `the gradient's tape has ${passes[0]!.tape.length} nodes. ` +
    H.map((_, j) => `Column ${j + 1} of H = ${col(j)}`).join('; ') +
    `. max |H − Hᵀ| = ${short(asymmetry)}. ` +
    `One pass seeded with v = [${numbers(v)
      .map((t) => short(t, 6))
      .join(', ')}] gives H·v = [${hvpPass.result.tangent.map((t) => short(t, 6)).join(', ')}]. ` +
    `Cheapest nesting by the count: ${cheapestWords(methods[cheapest]!)}.`
  return {
    kind: 'hessian',
    title: `Forward-over-reverse Hessian of ${fname}`,
    summary,
    fname,
    source: f.source,
    x: numbers(x),
    value: concrete(y).item(),
    gradient: passes[0]!.result.primal,
    H,
    asymmetry,
    passes,
    constants: constants.list,
    hvp: { v: numbers(v), pass: hvpPass, Hv: hvpPass.result.tangent },
    methods,
    cheapest,
    verdict: hessianVerdict(methods, n),
  }
}

function cheapestWords(m: MethodCost): string {
  return `${m.method}${m.chunk > 1 ? ` batched (chunk ${m.chunk})` : ''}, ${m.flops} flops, ${m.memory} numbers held at once`
}

export function hessianBuiltins(): LangFunction[] {
  return [builtin('show_hessian', ['f', 'x', 'v'], (args) => panelRecord(showHessian(args)), { arity: [2, 3] })]
}
