/**
 * show_sum_trap(g, x): three answers to "the gradient of a vector-valued g" side by side.
 *  (a) what was meant: the Jacobian J of g at x (for g = ∇f, the Hessian of f);
 *  (b) what TensorFlow's tf.gradients returns: Jᵀ·1, the pullback of the all-ones cotangent,
 *      i.e. the column sums of J, computed here by the engine's own tf_gradients;
 *  (c) what a strict engine does: the error gradient(g, x) actually stops with.
 * The panel also says why the sums happen to be the derivative values when J is diagonal (an
 * elementwise g: each column has one nonzero) and why they mean something else otherwise.
 *
 * Called with no arguments it uses the seed's example, g = ∇f with f(x) = sum(abs2, A * x) at
 * x₁ = [0, 1, 2], where J = H = [10 4 6; 4 20 12; 6 12 26] and tf.gradients gives [20, 36, 44].
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { describeShape, matrix, vector } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { builtin, functionArg } from '../language/args.ts'
import { LangError } from '../language/errors.ts'
import { floatLiteral, short, subscript } from '../language/numbers.ts'
import type { LangFunction, LangValue } from '../language/values.ts'
import { describe } from '../language/values.ts'
import { JAX } from '../language/python/jax.ts'
import type { PanelBase } from './spec.ts'
import { panelRecord } from './registry.ts'

/** How the nonzeros of J sit: this decides whether the column sums mean anything. */
export type JacobianStructure =
  /** Square with nothing off the diagonal: an elementwise function. The sums are the diagonal. */
  | 'diagonal'
  /** At most one nonzero per column, not all on the diagonal: no mixing, but out of order. */
  | 'one-per-column'
  /** Some column has two or more nonzeros: its sum mixes the derivatives of different outputs. */
  | 'mixed'

export interface SumTrapSpec extends PanelBase {
  kind: 'sumtrap'
  /** The function's name and its definition as the learner wrote it. */
  fn: string
  source: string
  /** The point (a vector). */
  x: number[]
  /** g(x). */
  value: number[]
  /** J (m × n, row-major): J[i][j] = ∂gᵢ/∂xⱼ. Row i is the gradient of output i. */
  jacobian: { rows: number; cols: number; data: number[] }
  /** The sum of each column of J, Jᵀ·1, added up from J. */
  columnSums: number[]
  /** What the engine's tf_gradients(g, x) returned: the pullback of the all-ones vector. */
  tfGradients: number[]
  /** J·1, a tempting wrong prediction; equal to columnSums when J is symmetric (a Hessian). */
  rowSums: number[]
  /** The diagonal of J when it is square, another tempting prediction. */
  diagonal?: number[]
  /** The message gradient(g, x) stops with. */
  strictError: string
  structure: JacobianStructure
  /** For each column of J, how many of its entries are nonzero. */
  nonzeros: number[]
  /** Why the sums are, or are not, the derivative values; a few sentences. */
  explanation: string
  /** The summary without tf.gradients' numbers or the error, shown until the learner reveals them. */
  summaryBeforeReveal: string
  /** The same three answers in Julia, JAX and PyTorch. */
  code: { julia: string; jax: string; pytorch: string }
}

/** One sentence for the summary; the explanation has the details. */
const VERDICT: Record<JacobianStructure, string> = {
  diagonal:
    'J is diagonal, so its column sums are its diagonal: the elementwise derivative, right by luck of the structure.',
  'one-per-column':
    'Each column of J has one nonzero at most, so the sums lose no number, but they do not line up with the outputs.',
  mixed: 'J is not diagonal, so each column sum mixes the derivatives of different outputs: plausible, and wrong.',
}

/** The whole Jacobian is drawn, with a number input per component: keep it readable. */
export const SUM_TRAP_MAX = 8
const WHO = 'show_sum_trap'

/**
 * The calls the panel's words name, in the cell's language: a Julia or ad cell's gradient and
 * jacobian, a Python cell's jax.grad and jax.jacrev (the strict error then in JAX's words).
 */
interface Words {
  usage: string
  gradient: (g: string) => string
  jacobian: (g: string) => string
  pullback: (g: string) => string
  strictError?: (m: number) => string
  seedSource: string
}

const AD_WORDS: Words = {
  usage: 'show_sum_trap(g, x1) with g(x) = gradient(f, x)',
  gradient: (g) => `gradient(${g}, x)`,
  jacobian: (g) => `jacobian(${g}, x)`,
  pullback: (g) => `tf_gradients(${g}, x)`,
  seedSource: 'g(x) = gradient(f, x), with f(x) = sum(abs2, A * x) and A = [0, 3, 2; 1, 0, 3; 2, 1, 0]',
}

const PYTHON_WORDS: Words = {
  usage: 'show_sum_trap(g, x1) with g = jax.grad(f)',
  gradient: (g) => `jax.grad(${g})(x)`,
  jacobian: (g) => `jax.jacrev(${g})(x)`,
  pullback: (g) => `jax.vjp(${g}, x)`,
  strictError: (m) => JAX.nonScalar([m], 'jax.grad'),
  seedSource:
    'g = jax.grad(f), with f(x) = jnp.sum((A @ x) ** 2) and A = jnp.array([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])',
}

// -----------------------------------------------------------------------------------------------
// Arguments

function theFunction(g: LangValue, w: Words): { fn: Fn; name: string; source: string } {
  const { f, fn } = functionArg(g, WHO, {
    usage: w.usage,
    needs: 'a vector-valued function first',
    verb: 'takes',
    returns: 'a vector',
  })
  return { fn, name: f.name, source: f.source === f.name ? `${f.name}(${f.params[0]})` : f.source }
}

function thePoint(x: LangValue, w: Words): Value {
  if (!isValue(x)) throw new LangError(`${WHO}: the point x must be a vector such as [0, 1, 2], but got ${describe(x)}`)
  if (x.shape.length !== 1)
    throw new LangError(`${WHO}: the point x must be a vector such as [0, 1, 2], but it is a ${describeShape(x.shape)}`)
  tooBig(x.shape[0]!, 'x has', w)
  return concrete(x)
}

function tooBig(n: number, what: string, w: Words): void {
  if (n > SUM_TRAP_MAX)
    throw new LangError(
      `${WHO} draws the whole Jacobian, so it is for up to ${SUM_TRAP_MAX} inputs and ${SUM_TRAP_MAX} outputs, but ${what} ${n} components: try a smaller example, or call ${w.jacobian('g')} and ${w.pullback('g')} directly`,
      'limit',
    )
}

/** The seed's g = ∇f, f(x) = sum(abs2, A * x), built from engine operations. */
function seedExample(w: Words): { fn: Fn; name: string; source: string; x: Value } {
  const A = matrix([
    [0, 3, 2],
    [1, 0, 3],
    [2, 1, 0],
  ])
  const f: Fn = (x) => ops.sum(ops.abs2(ops.matmul(A, x)))
  return {
    fn: (x) => T.gradient(f, x),
    name: 'g',
    source: w.seedSource,
    x: vector([0, 1, 2]),
  }
}

// -----------------------------------------------------------------------------------------------
// The spec

/** g₁ + g₂ + g₃, or g₁ + … + g₈ when that is long. */
const total = (g: string, m: number) =>
  m <= 3
    ? Array.from({ length: m }, (_, i) => `${g}${subscript(i + 1)}`).join(' + ')
    : `${g}${subscript(1)} + … + ${g}${subscript(m)}`
const list = (xs: number[], scale?: number) => `[${xs.map((x) => short(x, 3, scale)).join(', ')}]`

export function sumTrap(args: LangValue[], language: 'ad' | 'python' = 'ad'): SumTrapSpec {
  const w = language === 'python' ? PYTHON_WORDS : AD_WORDS
  const ex = args.length === 0 ? seedExample(w) : { ...theFunction(args[0], w), x: thePoint(args[1], w) }
  const { fn, source } = ex
  // A Python transform's result is named like grad(f): the words call it g, as the snippets do.
  const name = language === 'python' && !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(ex.name) ? 'g' : ex.name
  const x = Array.from(concrete(ex.x).data)
  const y = fn(ex.x)
  if (y.shape.length === 0)
    throw new LangError(
      `${WHO}: ${name} returns a single number, so ${w.gradient(name)} is well defined and tf.gradients agrees with it: there is no trap. Use a vector-valued function, such as ${language === 'python' ? 'g = jax.grad(f)' : 'g(x) = gradient(f, x)'}`,
    )
  if (y.shape.length > 1)
    throw new LangError(
      `${WHO}: ${name} returns a ${describeShape(y.shape)}; this panel is for vector outputs: reshape the result into a vector`,
    )
  const m = y.shape[0]!
  const n = x.length
  tooBig(m, `${name}(x) has`, w)

  const J = Array.from(concrete(T.jacobian(fn, ex.x)).data)
  const tf = Array.from(concrete(T.tf_gradients(fn, ex.x)).data)
  const at = (i: number, j: number) => J[i * n + j]!
  const columnSums = Array.from({ length: n }, (_, j) => J.reduce((s, _v, k) => (k % n === j ? s + J[k]! : s), 0))
  const rowSums = Array.from({ length: m }, (_, i) => J.slice(i * n, (i + 1) * n).reduce((s, v) => s + v, 0))
  const diagonal = m === n ? Array.from({ length: n }, (_, i) => at(i, i)) : undefined

  let strictError = ''
  try {
    T.gradient(fn, ex.x)
  } catch (err) {
    strictError = err instanceof Error ? err.message : String(err)
  }
  if (w.strictError) strictError = w.strictError(m)

  const scale = J.reduce((s, v) => Math.max(s, Math.abs(v)), 0)
  const isNonzero = (v: number) => Math.abs(v) > 1e-12 * Math.max(1, scale)
  const nonzeros = Array.from({ length: n }, (_, j) => {
    let k = 0
    for (let i = 0; i < m; i++) if (isNonzero(at(i, j))) k++
    return k
  })
  const offDiagonal = J.some((v, k) => Math.floor(k / n) !== k % n && isNonzero(v))
  const structure: JacobianStructure =
    m === n && !offDiagonal ? 'diagonal' : nonzeros.every((k) => k <= 1) ? 'one-per-column' : 'mixed'

  const explanation = explain(structure, { name, m, n, J, at, isNonzero, nonzeros, columnSums, scale, w })
  const jText = Array.from({ length: m }, (_, i) => list(J.slice(i * n, (i + 1) * n), scale)).join(', ')
  const point = list(x)
  const meant = `The sum trap for ${name} at x = ${point}. What you meant: the Jacobian of ${name}, a ${m} by ${n} matrix with rows ${jText}.`
  return {
    kind: 'sumtrap',
    title: `The sum trap: ${name} at x = ${point}`,
    summary:
      `${meant} What tf.gradients returns: its column sums, ${list(tf, scale)}. ` +
      `What a strict engine does: ${w.gradient(name)} stops with an error, because ${name} returns a ${m}-vector. ` +
      VERDICT[structure],
    summaryBeforeReveal: `${meant} Predict what tf.gradients returns, then reveal it and what a strict engine does.`,
    fn: name,
    source,
    x,
    value: Array.from(concrete(y).data),
    jacobian: { rows: m, cols: n, data: J },
    columnSums,
    tfGradients: tf,
    rowSums,
    ...(diagonal ? { diagonal } : {}),
    strictError,
    structure,
    nonzeros,
    explanation,
    code: snippets(x, source, name),
  }
}

function explain(
  structure: JacobianStructure,
  c: {
    name: string
    m: number
    n: number
    J: number[]
    at: (i: number, j: number) => number
    isNonzero: (v: number) => boolean
    nonzeros: number[]
    columnSums: number[]
    scale: number
    w: Words
  },
): string {
  const { name, m, n, at, isNonzero, nonzeros, columnSums, scale } = c
  if (structure === 'diagonal') {
    const d = list(
      Array.from({ length: n }, (_, i) => at(i, i)),
      scale,
    )
    return (
      `J is diagonal: output i of ${name} depends on input i alone, so column j has a single nonzero entry, ∂${name}ⱼ/∂xⱼ. ` +
      `Summing a column adds only zeros to that entry, so tf.gradients returns exactly the diagonal ${d}: the elementwise derivative. ` +
      `It is right because of the shape of J, not because tf.gradients computes derivatives of each output: ` +
      `as soon as one output depends on two inputs, the sums mix them.`
    )
  }
  if (structure === 'one-per-column') {
    const from = Array.from({ length: n }, (_, j) => {
      for (let i = 0; i < m; i++) if (isNonzero(at(i, j))) return `∂${name}${subscript(i + 1)}/∂x${subscript(j + 1)}`
      return '0'
    })
    return (
      `Each column of J has at most one nonzero entry, so no sum mixes two numbers; but they do not line up with the outputs: ` +
      `tf.gradients returns [${from.join(', ')}], and that vector alone does not say which output each number belongs to. ` +
      `Only the whole J does.`
    )
  }
  const j = nonzeros.findIndex((k) => k > 1)
  const entries = Array.from({ length: m }, (_, i) => short(at(i, j), 3, scale))
  return (
    `J is not diagonal: column ${j + 1} says how every output of ${name} moves when x${subscript(j + 1)} moves, ` +
    `and it has ${nonzeros[j]} nonzero entries (${entries.join(', ')}). ` +
    `tf.gradients adds them into ${short(columnSums[j]!, 3, scale)}, the rate of change of ${total(name, m)}, ` +
    `a function nobody asked about. The numbers look plausible and mean something else. ` +
    `J itself takes one pullback per output (basis vectors e₁ … e${subscript(m)}), or ${c.w.jacobian(name)}.`
  )
}

/**
 * The three answers in Julia, JAX and PyTorch, at the learner's point, calling the learner's
 * function by its name (g when it has none), so that a Run button can run them in the notebook.
 * PyTorch's is the functional form this engine runs; its in-place y.backward is in a comment.
 */
function snippets(x: number[], source: string, name: string): SumTrapSpec['code'] {
  const py = x.map(floatLiteral).join(', ')
  const g = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? name : 'g'
  const note = `${g}: your vector-valued function (in the notebook: ${source})`
  return {
    julia: [
      'using Zygote',
      '',
      `x = [${py}]`,
      `# ${note}`,
      `J = Zygote.jacobian(${g}, x)[1]     # what you meant: row i is the gradient of output i`,
      `y, back = Zygote.pullback(${g}, x)`,
      "s = back(ones(length(y)))[1]     # what tf.gradients returns: J' * ones, the column sums",
      `# Zygote.gradient(${g}, x) refuses: the output of ${g} is not a scalar`,
    ].join('\n'),
    jax: [
      'import jax',
      'import jax.numpy as jnp',
      '',
      `x = jnp.array([${py}])`,
      `# ${note}`,
      `J = jax.jacrev(${g})(x)             # what you meant: row i is the gradient of output i`,
      `y, g_vjp = jax.vjp(${g}, x)`,
      '(s,) = g_vjp(jnp.ones_like(y))   # what tf.gradients returns: J.T @ ones, the column sums',
      `# jax.grad(${g})(x) refuses: grad needs a scalar output`,
    ].join('\n'),
    pytorch: [
      'import torch',
      'from torch.autograd.functional import jacobian, vjp',
      '',
      `x = torch.tensor([${py}])`,
      `# ${note}`,
      `# (if ${g} itself calls torch.autograd.grad, pass create_graph=True there)`,
      `J = jacobian(${g}, x)               # what you meant: row i is the gradient of output i`,
      `y, s = vjp(${g}, x, torch.ones_like(${g}(x)))   # what tf.gradients returns: J.T @ ones, the column sums`,
      '# in place: y.backward(torch.ones_like(y)) leaves the same s in x.grad;',
      '# y.backward() with no argument refuses: y is not a scalar',
    ].join('\n'),
  }
}

/** The builtin: show_sum_trap(g, x), or show_sum_trap() for the seed's example. */
const showSumTrapIn = (language: 'ad' | 'python'): LangFunction =>
  builtin(WHO, ['g', 'x'], (args) => panelRecord(sumTrap(args, language)), {
    forms: {
      counts: [0, 2],
      usage: `a function and a point, as in ${(language === 'python' ? PYTHON_WORDS : AD_WORDS).usage}, or no arguments for the seed's example`,
    },
  })

export const showSumTrap: LangFunction = showSumTrapIn('ad')
/** A Python cell's show_sum_trap: the same panel, its words in JAX's names (registered as a Python overlay). */
export const showSumTrapPython: LangFunction = showSumTrapIn('python')
