/**
 * The derivative checks as Python's libraries spell them, on the notebook's own check
 * (derivativeCheck.ts: every basis direction and a few seeded random ones, against a 5-point
 * central difference), with Python's 0-based, row-major entry names:
 *  - `jax.test_util.check_grads(f, args, order, modes=("fwd", "rev"), atol=, rtol=)`: forward mode
 *    checked as test_frule checks it, reverse mode as test_rrule; order 2 checks the derivative
 *    maps too (x ↦ J(x)·v and x ↦ J(x)ᵀu for seeded v, u), as JAX recurses; returns None, or
 *    raises AssertionError naming the first entry that is off;
 *  - `torch.autograd.gradcheck(func, inputs, atol=1e-5, rtol=1e-3, raise_exception=True)`:
 *    reverse mode (torch's default); True, or GradcheckError (False with raise_exception=False);
 *    `torch.autograd.gradgradcheck` checks the vector-Jacobian product's own derivative.
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import { Tensor, sizeOf } from '../tensor/tensor.ts'
import * as ops from '../ops/index.ts'
import * as T from '../transforms/index.ts'
import { builtin } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { printText } from '../language/printing.ts'
import { pyFunction } from '../language/python/jax.ts'
import { flatten } from '../language/python/pytree.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe, isFunction, isTuple, tuple } from '../language/values.ts'
import type { CheckKind, CheckOptions } from './derivativeCheck.ts'
import { derivativeCheck } from './derivativeCheck.ts'
import type { IndexConvention } from './derivativeCheckIndex.ts'
import { seededRandom, seededTensor } from './seeded.ts'

/** Python's conventions: counting from 0, arrays laid out row by row (NumPy's C order). */
export const PYTHON_INDEXING: IndexConvention = { base: 0, order: 'row' }

const itemsOf = (v: LangValue): LangValue[] => (isTuple(v) ? [...v.items] : [v])

function inputs(v: LangValue, who: string, usage: string): Tensor[] {
  return itemsOf(v).map((x, k) => {
    if (!isValue(x))
      throw new LangError(
        `${who} checks at arrays, but argument ${k} is ${describe(x)}: pass them as a tuple, ${usage}`,
      )
    return concrete(x)
  })
}

const number = (v: LangValue, who: string, name: string): number => {
  const x = isValue(v) && v.shape.length === 0 ? concrete(v).item() : NaN
  if (!(x >= 0)) throw new LangError(`${who}: ${name} must be a number ≥ 0, not ${describe(v)}`)
  return x
}

/** The check of one mode of f at xs: the verdict when it is off, null when it agrees. */
/** What finite differences could not check, said once per call however many modes meet it. */
function noting(): (verdict: string) => void {
  const said = new Set<string>()
  return (verdict) => {
    if (!said.has(verdict)) printText(`${verdict}\n`)
    said.add(verdict)
  }
}

function offBy(
  check: CheckKind,
  f: LangFunction,
  xs: Tensor[],
  o: CheckOptions,
  note: (verdict: string) => void,
): string | null {
  const names = xs.length === 1 ? ['x'] : xs.map((_, k) => `args[${k}]`)
  const fnName = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(f.name) ? f.name : 'f'
  const spec = derivativeCheck({ check, f, fnName, args: xs, names, indexing: PYTHON_INDEXING, options: o })
  if (spec.status === 'wrong') return spec.verdict
  if (spec.status === 'unchecked') note(spec.verdict)
  return null
}

/**
 * The derivative map of f as a function of the same arguments, for the second order: forward,
 * x ↦ J(x)·v; reverse, x ↦ J(x)ᵀu (all arguments' parts in one vector), v and u seeded.
 */
function derivativeMap(f: LangFunction, xs: Tensor[], mode: 'fwd' | 'rev', seed: number): LangFunction {
  const packed = flatten(tuple(xs), 'check_grads')
  const rand = seededRandom(seed)
  const out = (z: Value): Value => {
    const y = f.call(itemsOf(packed.unflatten(z)))
    if (!isValue(y)) throw new LangError(`${f.name} must return an array to be checked, but returned ${describe(y)}`)
    return y
  }
  const m = sizeOf(out(packed.point).shape)
  const v = seededTensor([sizeOf(packed.point.shape)], rand)
  const u = seededTensor([m], rand)
  return builtin(
    mode === 'fwd' ? `jvp(${f.name})` : `vjp(${f.name})`,
    xs.map((_, k) => `x${k}`),
    (args) => {
      const z = flatten(tuple(args), 'check_grads').point
      if (mode === 'fwd') return T.jvp((w) => ops.reshape(out(w), [m]), z, v)
      return T.pullback((w) => ops.reshape(out(w), [m]), z).back(u)
    },
  )
}

const checkGrads = pyFunction(
  'jax.test_util.check_grads',
  ['f', 'args', 'order'],
  ['modes', 'atol', 'rtol', 'eps', 'order'],
  ([f, args, orderArg], kw) => {
    const who = 'check_grads'
    if (!isFunction(f)) throw new LangError(`${who} needs the function first, check_grads(f, (x,), order=1)`)
    const xs = inputs(args, who, 'check_grads(f, (x, y), order=1)')
    const order = kw.has('order') || orderArg !== undefined ? number(kw.get('order') ?? orderArg, who, 'order') : 1
    if (order !== 1 && order !== 2)
      throw new LangError(`${who}: order ${order} is not checked here: order=1 or order=2`)
    const modes = itemsOf(kw.get('modes') ?? tuple(['fwd', 'rev'])).map(String)
    for (const m of modes)
      if (m !== 'fwd' && m !== 'rev') throw new LangError(`${who}: modes are "fwd" and "rev", not ${JSON.stringify(m)}`)
    // float64's default tolerances in JAX's test utilities.
    const tol = 1e-5
    const o: CheckOptions = {
      atol: kw.has('atol') ? number(kw.get('atol'), who, 'atol') : tol,
      rtol: kw.has('rtol') ? number(kw.get('rtol'), who, 'rtol') : tol,
      seed: 1,
    }
    const note = noting()
    for (const mode of modes as ('fwd' | 'rev')[]) {
      const kind: CheckKind = mode === 'fwd' ? 'test_frule' : 'test_rrule'
      const steps: [LangFunction, string][] = [[f, `order 1, ${mode}`]]
      if (order === 2)
        steps.push([
          derivativeMap(f, xs, mode, 2),
          `order 2, ${mode} (the derivative of ${mode === 'fwd' ? 'x ↦ J(x)·v' : 'x ↦ J(x)ᵀu'})`,
        ])
      for (const [g, what] of steps) {
        const off = offBy(kind, g, xs, o, note)
        if (off !== null) throw new LangError(`AssertionError: check_grads (${what}): ${off}`)
      }
    }
    return undefined
  },
  [2, 3],
)

function torchCheck(name: 'gradcheck' | 'gradgradcheck'): LangFunction {
  const who = `torch.autograd.${name}`
  return pyFunction(
    who,
    ['func', 'inputs'],
    [
      'eps',
      'atol',
      'rtol',
      'raise_exception',
      'nondet_tol',
      'check_undefined_grad',
      'fast_mode',
      'check_forward_ad',
      'check_backward_ad',
    ],
    ([f, args], kw) => {
      if (!isFunction(f)) throw new LangError(`${who} needs the function first, ${name}(f, (x,))`)
      const xs = inputs(args, who, `${name}(f, (x, y))`)
      const o: CheckOptions = {
        atol: kw.has('atol') ? number(kw.get('atol'), who, 'atol') : 1e-5,
        rtol: kw.has('rtol') ? number(kw.get('rtol'), who, 'rtol') : 1e-3,
        seed: 1,
      }
      const g = name === 'gradcheck' ? f : derivativeMap(f, xs, 'rev', 2)
      const kinds: CheckKind[] = kw.get('check_forward_ad') === true ? ['test_rrule', 'test_frule'] : ['test_rrule']
      const note = noting()
      for (const kind of kinds) {
        const off = offBy(kind, g, xs, o, note)
        if (off === null) continue
        if (kw.get('raise_exception') === false) return false
        const mode = kind === 'test_frule' ? 'forward AD' : 'backward'
        throw new LangError(
          `GradcheckError: Jacobian mismatch (${mode}${name === 'gradgradcheck' ? ', of the vector-Jacobian product' : ''}): ${off}`,
        )
      }
      return true
    },
  )
}

/** What python/index.ts's registerPythonMembers adds, by module path. */
export const PYTHON_CHECKS: [string, [string, LangValue][]][] = [
  ['jax.test_util', [['check_grads', checkGrads]]],
  [
    'torch.autograd',
    [
      ['gradcheck', torchCheck('gradcheck')],
      ['gradgradcheck', torchCheck('gradgradcheck')],
    ],
  ],
]
