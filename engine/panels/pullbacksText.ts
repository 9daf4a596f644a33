/**
 * show_pullbacks in words and code: the summary a screen reader reads (how many passes each mode
 * needs, J, the all-ones pullback) and the same computation in Julia, JAX and PyTorch.
 */
import type { Tensor } from '../tensor/tensor.ts'
import { floatLiteral, matrixText, plural, vectorText } from '../language/numbers.ts'
import { RULE_LABEL_SUFFIX as RULE_SUFFIX } from '../language/rules.ts'
import type { PullbacksSpec } from './pullbacksSpec.ts'

export function summaryOf(s: PullbacksSpec): string {
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
    disagreement(s) +
    (s.m === 1
      ? `With one output, J is a single row: pulling back the number 1 gives the whole gradient ${vectorText(s.allOnes.result)} in one reverse pass.`
      : `Pulling back all ones gives ${vectorText(s.allOnes.result)}, the gradient of sum(${s.fn}(x)).`)
  )
}

/**
 * Rows and columns that differ beyond rounding: with a rule of the learner's in the graph,
 * reverse mode used that rule and forward mode the function's body (or its frule), so one of the
 * two derivatives is wrong. Empty when they agree.
 */
export function disagreement(s: PullbacksSpec): string {
  const scale = Math.max(1, ...s.jacobian.flat().map(Math.abs))
  if (!(s.rowsVsColumns > 1e-8 * scale)) return ''
  const rules = s.nodes.filter((n) => n.label.endsWith(RULE_SUFFIX)).map((n) => n.label.slice(0, -RULE_SUFFIX.length))
  const why =
    rules.length > 0
      ? `reverse mode used your rule for ${[...new Set(rules)].join(' and ')}, forward mode the function itself, so the rule does not match the function: check it with test_rrule.`
      : 'one of the two modes is not computing the derivative of this function.'
  return `The rows (reverse mode) and the columns (forward mode) disagree, by up to ${floatLiteral(s.rowsVsColumns)}: ${why} `
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
export function codeFor(name: string, x: Tensor): PullbacksSpec['code'] {
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
