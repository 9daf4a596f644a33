/**
 * Teaching messages for Julia functions a learner reaches for that the notebook does not have
 * (push!, append!, Dict, Pkg.add ...): instead of "push! is not defined", what
 * to write instead, with the learner's own arguments as written, in Julia, so that it runs as
 * typed (tests/engine/language/teaching.test.ts runs each suggestion).
 */
import { printSource } from './syntax/source.ts'
import type { Expr } from './syntax/tree.ts'

interface Advice {
  /** Why, or what the notebook does instead, in a few words. */
  why: string
  /** A call that does it, with the learner's arguments; none when there is no one-line form. */
  instead?: string
}

const IN_PLACE = 'arrays are not changed in place here (as inside Zygote): make a new array'

const JULIA: Record<string, (a: string[]) => Advice> = {
  'push!': ([v, x]) => ({ why: IN_PLACE, ...(v && x ? { instead: `${v} = vcat(${v}, ${x})` } : {}) }),
  'append!': ([v, w]) => ({ why: IN_PLACE, ...(v && w ? { instead: `${v} = vcat(${v}, ${w})` } : {}) }),
  'fill!': ([v, x]) => ({ why: IN_PLACE, ...(v && x ? { instead: `${v} = fill(${x}, size(${v})...)` } : {}) }),
  Dict: () => ({ why: 'dictionaries are not supported; a named tuple holds named values', instead: '(a = 1, b = 2)' }),
  include: () => ({ why: "there are no files to read here: paste the file's code into cells" }),
}
for (const name of [
  'pop!',
  'popfirst!',
  'pushfirst!',
  'insert!',
  'deleteat!',
  'empty!',
  'resize!',
  'sort!',
  'reverse!',
])
  JULIA[name] = () => ({ why: IN_PLACE })

const PACKAGES = new Set(['Pkg', 'Plots', 'DifferentialEquations', 'Flux', 'ReverseDiff', 'Enzyme', 'ChainRules'])

/** A Julia function the notebook does not have, called as written: why, and what to write instead. */
export interface UnsupportedCall extends Advice {
  /** As written: `push!`, `Pkg.add`. */
  name: string
}

/** The advice for calling a Julia function the notebook does not have, or null when it is not one of them. */
export function unsupportedCall(calleeNode: Expr, argNodes: readonly Expr[]): UnsupportedCall | null {
  if (calleeNode.kind === 'field' && calleeNode.object.kind === 'name' && PACKAGES.has(calleeNode.object.name)) {
    return {
      name: calleeNode.object.name,
      why: 'nothing is installed or loaded here; Zygote, ForwardDiff, LinearAlgebra, Statistics and NNlib are built in, by those names',
    }
  }
  if (calleeNode.kind !== 'name' || !Object.hasOwn(JULIA, calleeNode.name)) return null
  // As typed: Julia's x -> ... for an anonymous function of one parameter.
  const args = argNodes.map((a) => printSource(a).replace(/\(([\p{L}_][\p{L}\p{N}_!]*)\) ->/gu, '$1 ->'))
  return { name: calleeNode.name, ...JULIA[calleeNode.name]!(args) }
}
