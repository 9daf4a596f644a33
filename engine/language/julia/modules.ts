/**
 * The packages of the thread, by name: `Zygote`, `ForwardDiff`, `LinearAlgebra`, `Statistics`
 * and `NNlib` are records of functions (`Zygote.gradient`, `ForwardDiff.hessian`, ...), all built
 * in, so `using` and `import` of them have nothing to load. ForwardDiff's dual numbers
 * (`ForwardDiff.Dual`, `value`, `partials`) come from duals.ts.
 */
import { BUILTINS } from '../builtins.ts'
import { LangError } from '../errors.ts'
import type { LangRecord, LangValue } from '../values.ts'
import { ARRAY_BUILTINS } from './arrays.ts'
import { BASE_BUILTINS } from './base.ts'
import { DUAL_MEMBERS } from './duals.ts'
import { NUMBER_BUILTINS, seedBang } from './numbers.ts'
import {
  forwardDerivative,
  forwardGradient,
  forwardHessian,
  forwardJacobian,
  hessianOf,
  zygoteGradient,
  zygoteJacobian,
  zygotePullback,
  zygoteWithGradient,
} from './transforms.ts'
import { I } from './uniformScaling.ts'
import { CHAIN_RULES_CORE } from './rules.ts'

/** What Zygote exports, under the names `using Zygote` brings in. */
export const ZYGOTE_EXPORTS: [string, LangValue][] = [
  ['gradient', zygoteGradient('gradient')],
  ['jacobian', zygoteJacobian('jacobian')],
  ['hessian', hessianOf('hessian')],
  ['hessian_reverse', hessianOf('hessian_reverse', 'reverse-over-reverse')],
  ['pullback', zygotePullback('pullback')],
  ['withgradient', zygoteWithGradient('withgradient')],
]

/** Julia's version of a name where it differs from the core table, else the core builtin. */
const julia = new Map([...ARRAY_BUILTINS, ...NUMBER_BUILTINS, ...BASE_BUILTINS].map((f) => [f.name, f]))
const member = (name: string): [string, LangValue] => [name, julia.get(name) ?? BUILTINS.get(name)]

function module(name: string, members: [string, LangValue][]): LangRecord {
  return { kind: 'record', tag: `module ${name}`, fields: new Map(members) }
}

export const MODULES: [string, LangRecord][] = [
  [
    'Zygote',
    module('Zygote', [
      ['gradient', zygoteGradient('Zygote.gradient')],
      ['jacobian', zygoteJacobian('Zygote.jacobian')],
      ['hessian', hessianOf('Zygote.hessian')],
      ['hessian_reverse', hessianOf('Zygote.hessian_reverse', 'reverse-over-reverse')],
      ['pullback', zygotePullback('Zygote.pullback')],
      ['withgradient', zygoteWithGradient('Zygote.withgradient')],
    ]),
  ],
  [
    'ForwardDiff',
    module('ForwardDiff', [
      ['derivative', forwardDerivative('ForwardDiff.derivative')],
      ['gradient', forwardGradient('ForwardDiff.gradient')],
      ['jacobian', forwardJacobian('ForwardDiff.jacobian')],
      ['hessian', forwardHessian('ForwardDiff.hessian')],
      ...DUAL_MEMBERS,
    ]),
  ],
  [
    'LinearAlgebra',
    module('LinearAlgebra', [
      ...[
        'dot',
        'norm',
        'tr',
        'diag',
        'diagm',
        'det',
        'inv',
        'logdet',
        'logabsdet',
        'kron',
        'transpose',
        'adjoint',
        'triu',
        'tril',
        'opnorm',
        'cross',
        'normalize',
        'Diagonal',
        'Symmetric',
        'Hermitian',
        'UpperTriangular',
        'LowerTriangular',
      ].map(member),
      ['I', I],
    ]),
  ],
  ['Statistics', module('Statistics', ['mean', 'std', 'var'].map(member))],
  ['NNlib', module('NNlib', ['softmax', 'logsumexp', 'sigmoid', 'σ', 'relu'].map(member))],
  ['ChainRulesCore', CHAIN_RULES_CORE],
  ['ChainRules', CHAIN_RULES_CORE],
  ['Random', module('Random', [['seed!', seedBang], ...['randn', 'rand', 'MersenneTwister', 'Xoshiro'].map(member)])],
]

const BY_NAME = new Map<string, LangRecord>(MODULES)
/** Packages a thread's code loads that need nothing here: their macros get their own messages. */
const NOTHING_TO_LOAD = new Set(['ZygoteRules', 'Printf'])

/**
 * `using M`, `import M`, `import M as N`: the built-in packages are accepted (their names are
 * already defined in Julia cells); the bindings returned are what the statement defines (an
 * alias). Any other package is named in a message listing what is built in.
 */
export function importModule(path: readonly string[], alias: string | null): [string, LangValue][] {
  const name = path[0] ?? ''
  const found = BY_NAME.get(name)
  if (found === undefined) {
    if (NOTHING_TO_LOAD.has(name)) return []
    throw new LangError(
      `the package ${name} is not available here: ${[...BY_NAME.keys()].join(', ')} are built in, and need no using`,
      'name',
    )
  }
  return alias === null ? [] : [[alias, found]]
}
