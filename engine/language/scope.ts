/**
 * Variables in a chain of scopes (a function call's arguments, then where it was defined, then
 * the notebook's), the builtins and constants below them all, and the nearest known name for a
 * misspelt one.
 */
import { BUILTINS, CONSTANTS } from './builtins.ts'
import { LangError } from './errors.ts'
import { overlayNames, overlayValue } from './overlays.ts'
import type { Dialect } from './syntax/tree.ts'
import type { LangValue } from './values.ts'

export class Scope {
  readonly vars = new Map<string, LangValue>()
  /**
   * A soft scope (a loop's iteration, a block) lets assignment reach the notebook's names: a
   * name already defined there is updated, as Julia's soft scope (and Pluto, Jupyter) do. A
   * hard scope (a function call's) does not; both update the names of enclosing local scopes
   * (a closure's assignment reaches the function it was made in). See assign.
   */
  constructor(
    readonly parent: Scope | null = null,
    readonly soft = false,
    /** A function call's own scope: its names are gone when it returns, so they may shadow any builtin. */
    readonly local = false,
  ) {}

  /** The innermost scope that defines name, if any. */
  private owner(name: string): Scope | null {
    if (this.vars.has(name)) return this
    for (let s = this.parent; s !== null; s = s.parent) if (s.vars.has(name)) return s
    return null
  }

  /** Whether a scope of the chain defines name (builtins aside). */
  defines(name: string): boolean {
    return this.owner(name) !== null
  }

  lookup(name: string): LangValue | undefined {
    const s = this.owner(name)
    if (s !== null) return s.vars.get(name)
    return BUILTINS.get(name) ?? CONSTANTS.get(name)
  }

  has(name: string): boolean {
    return this.owner(name) !== null || BUILTINS.has(name) || CONSTANTS.has(name)
  }

  /**
   * `imported`: Python's `from jax import hessian` names the library's own function, which may
   * stand in for the core one of the same name, as the learner asked.
   */
  define(name: string, value: LangValue, imported = false): void {
    if (!imported && !this.local && BUILTINS.has(name) && !BUILTINS.get(name)!.shadowable) {
      // Redefining it would change the meaning of every cell that calls it (the transforms above all).
      throw new LangError(
        `${name} is a built-in function and cannot be redefined: your definition would change every cell that uses ${name}. Give yours another name, such as my_${name}, and call that`,
        'name',
      )
    }
    this.vars.set(name, value)
  }

  /**
   * name = value, by Julia's rules (which the `ad` syntax shares): a name of an enclosing local
   * scope (a function's, a let's) is updated; a name of the notebook's top scope is updated
   * only through soft scopes (a loop at top level updates its accumulator, as in Julia's REPL,
   * Pluto and Jupyter), while a function body or a let makes a new local instead. Otherwise the
   * name is defined here.
   */
  assign(name: string, value: LangValue): void {
    if (!this.updated(name, value, true)) this.define(name, value)
  }

  /** softPath: every scope walked so far is soft, so the top scope's names may be updated. */
  private updated(name: string, value: LangValue, softPath: boolean): boolean {
    if (this.vars.has(name)) {
      if (this.parent === null && !softPath) return false
      this.define(name, value)
      return true
    }
    return this.parent !== null && this.parent.updated(name, value, softPath && this.soft)
  }
}

/**
 * The value of a name, or an error that suggests the nearest defined name. A name written in a
 * dialect (a Julia cell's `gradient`) means that language's version of a builtin, unless the
 * notebook defines it.
 */
export function lookupName(name: string, scope: Scope, dialect?: Dialect): LangValue {
  if (dialect !== undefined && !scope.defines(name)) {
    const v = overlayValue(dialect, name)
    if (v !== undefined) return v
  }
  if (scope.has(name)) return scope.lookup(name)
  const near = nearestName(name, scope, dialect)
  throw new LangError(`${name} is not defined${near ? ` (did you mean ${near}?)` : ''}`, 'name')
}

function nearestName(name: string, scope: Scope, dialect?: Dialect): string | undefined {
  const names = new Set<string>([...BUILTINS.keys(), ...CONSTANTS.keys()])
  if (dialect !== undefined) for (const k of overlayNames(dialect)) names.add(k)
  for (let s: Scope | null = scope; s !== null; s = s.parent) for (const k of s.vars.keys()) names.add(k)
  let best: string | undefined
  let bestD = name.length <= 3 ? 1 : 2
  for (const k of names) {
    const d = editDistance(name, k)
    if (d <= bestD && d > 0) [best, bestD] = [k, d - 0.5]
  }
  return best
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}
