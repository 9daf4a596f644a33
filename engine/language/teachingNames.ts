/**
 * Teaching messages for Julia functions a learner reaches for that the notebook does not have
 * (push!, reduce, mapreduce, all, Dict, Pkg.add ...): instead of "push! is not defined", what
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

/** `f` or `(x -> x > 0)`: a function as the callee of a broadcast call. */
const callable = (f: string) => (/^[\p{L}_][\p{L}\p{N}_!.]*$/u.test(f) ? f : `(${f})`)

const IN_PLACE = 'arrays are not changed in place here (as inside Zygote): make a new array'

/** What a reduction with a known operator is as one of the notebook's functions. */
const REDUCTIONS: Record<string, string> = { '+': 'sum', '*': 'prod', max: 'maximum', min: 'minimum' }

function reduction(op: string, what: string): string | undefined {
  const name = REDUCTIONS[op]
  return name === undefined ? undefined : `${name}(${what})`
}

const JULIA: Record<string, (a: string[]) => Advice> = {
  'push!': ([v, x]) => ({ why: IN_PLACE, ...(v && x ? { instead: `${v} = vcat(${v}, ${x})` } : {}) }),
  'append!': ([v, w]) => ({ why: IN_PLACE, ...(v && w ? { instead: `${v} = vcat(${v}, ${w})` } : {}) }),
  'fill!': ([v, x]) => ({ why: IN_PLACE, ...(v && x ? { instead: `${v} = fill(${x}, size(${v})...)` } : {}) }),
  reduce: ([op, x]) => {
    const instead = op && x ? reduction(op, x) : undefined
    return { why: 'a reduction is one of sum, prod, maximum, minimum, or a for loop', ...(instead ? { instead } : {}) }
  },
  mapreduce: ([f, op, x]) => {
    const instead = f && op && x ? reduction(op, op === '+' ? `${f}, ${x}` : `${callable(f)}.(${x})`) : undefined
    return { why: 'map then reduce', ...(instead ? { instead } : {}) }
  },
  // all(f, xs) has no one-line form: f.(xs) of a function giving true or false is refused here.
  all: ([c, x]) => ({
    why: 'true and false count as 1 and 0, so all of them hold when their product is 1',
    ...(c && !x ? { instead: `prod(${c}) == 1` } : {}),
  }),
  any: ([c, x]) => ({
    why: 'true and false count as 1 and 0, so one of them holds when their maximum is 1',
    ...(c && !x ? { instead: `maximum(${c}) == 1` } : {}),
  }),
  similar: ([x]) => ({ why: 'start from zeros of the same size', ...(x ? { instead: `zeros(size(${x})...)` } : {}) }),
  Dict: () => ({ why: 'dictionaries are not supported; a named tuple holds named values', instead: '(a = 1, b = 2)' }),
  include: () => ({ why: "there are no files to read here: paste the file's code into cells" }),
}
for (const name of ['foldl', 'foldr']) JULIA[name] = JULIA.reduce!
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
