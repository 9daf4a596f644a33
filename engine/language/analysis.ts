/**
 * What a cell defines and what it uses, read from its syntax tree without running it. The
 * reactive notebook links cells by these names: a cell depends on the cells that define the
 * names it uses.
 */
import { BUILTINS } from './builtins.ts'
import { LangError } from './errors.ts'
import type { CellLanguage } from './frontends/cell.ts'
import { parseCell } from './frontends/cell.ts'
import { RULE_KINDS, ruleName } from './rules.ts'
import type { Expr, SyntaxNode } from './syntax/tree.ts'
import { children } from './syntax/walk.ts'
import { functorName } from './values.ts'

export interface CellAnalysis {
  /** Names the cell assigns or defines as functions at its top level, in order. */
  defines: string[]
  /** Names the cell reads that it did not define itself first (builtins excluded, but not those a notebook may redefine). */
  uses: string[]
  /**
   * The rules of every name it reads, builtins included ("rrule(f)"): a cell that defines one of
   * them comes first (language/rules.ts). Names no cell defines are simply not found.
   */
  ruleUses: string[]
  /** The first syntax error, with its line; a cell with one neither defines nor uses anything. */
  syntaxError?: LangError
  /** Names of sliders: x = slider(...) binds x to an input the app shows. */
  sliders: string[]
}

export function analyzeCell(source: string, language: CellLanguage = 'ad'): CellAnalysis {
  let statements: Expr[]
  try {
    statements = parseCell(source, language).map((st) => st.expr)
  } catch (err) {
    const error = err instanceof LangError ? err : new LangError(`syntax error: ${String(err)}`, 'syntax')
    return { defines: [], uses: [], ruleUses: [], syntaxError: error, sliders: [] }
  }
  return analyzeStatements(statements)
}

/** What a cell's statements, already lowered by any front-end, define and use. */
export function analyzeStatements(statements: readonly Expr[]): CellAnalysis {
  const uses = new Set<string>()
  const ruleUses = new Set<string>()
  const sliders: string[] = []
  // Names defined by the statements before this one, in order, each once (a cell may reassign
  // a name); kept as they come: a copy per statement made a 30,000-line cell take seconds.
  const own = new Set<string>()
  const read = (name: string) => {
    // A builtin a notebook may redefine (relu, mean...) is a use: a cell that defines it comes first.
    const builtin = BUILTINS.get(name)
    if (!own.has(name) && (builtin === undefined || builtin.shadowable)) uses.add(name)
    // Calling f uses the rules of f (language/rules.ts) that some cell may define, builtins' too.
    for (const kind of RULE_KINDS) {
      const rule = ruleName(kind, name)
      if (!own.has(rule)) ruleUses.add(rule)
    }
    // Making or calling a value of a struct T uses its method (a::T)(x) = ..., wherever it is defined.
    if (!own.has(functorName(name))) ruleUses.add(functorName(name))
  }
  const visit = (node: Expr): void => {
    if (node.kind === 'with') {
      // Python's with block has no scope of its own: its target and its assignments are the cell's.
      freeNames(node.context, new Set(), read)
      for (const name of node.target ? targetNames(node.target) : []) own.add(name)
      node.body.body.forEach(visit)
    } else if (node.kind === 'assign' && node.target.kind !== 'index' && node.target.kind !== 'field') {
      if (node.op !== null && node.target.kind === 'name') read(node.target.name)
      freeNames(node.value, new Set(), read)
      for (const name of targetNames(node.target)) own.add(name)
      const v = node.value
      if (node.target.kind === 'name' && v.kind === 'call' && v.callee.kind === 'name' && v.callee.name === 'slider')
        sliders.push(node.target.name)
    } else if (node.kind === 'assign' && node.target.kind === 'index' && node.target.object.kind === 'name') {
      // x[i] = v reads x and binds x anew: the cell defines x (a second cell doing it is a conflict).
      freeNames(node, new Set(), read)
      own.add(node.target.object.name)
    } else if (node.kind === 'function' && node.defines && node.name !== null) {
      // A function may call itself: its own name is bound inside its body.
      freeNames(node, new Set([node.name]), read)
      own.add(node.name)
    } else if (node.kind === 'block' && node.scope === 'shared') {
      // begin ... end at the top level (and a rule macro's pair of rules) defines the cell's names.
      node.body.forEach(visit)
    } else {
      freeNames(node, new Set(), read)
    }
  }
  statements.forEach(visit)
  return { defines: [...own], uses: [...uses], ruleUses: [...ruleUses], sliders }
}

/** The names a destructuring target binds: `a` or `a, (b, c)`. */
function targetNames(target: SyntaxNode): string[] {
  if (target.kind === 'name') return [target.name]
  if (target.kind === 'tuple-target') return target.items.flatMap(targetNames)
  return []
}

/** Names a function body assigns (its locals), not looking into functions nested inside it. */
function assignedNames(body: SyntaxNode): string[] {
  const names: string[] = []
  const stack: SyntaxNode[] = [body]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.kind === 'function') continue
    if (node.kind === 'assign') names.push(...targetNames(node.target))
    if (node.kind === 'for') names.push(...targetNames(node.target))
    stack.push(...children(node))
  }
  return names
}

/**
 * Calls read for every free variable of node, given the names bound around it. The walk keeps
 * its own stack rather than recursing: a sum of thousands of terms is a tree thousands deep.
 */
function freeNames(root: SyntaxNode, rootBound: ReadonlySet<string>, read: (name: string) => void): void {
  const stack: [SyntaxNode, ReadonlySet<string>][] = [[root, rootBound]]
  const push = (nodes: SyntaxNode[], bound: ReadonlySet<string>) => {
    // Pushed last to first, so names are read in source order.
    for (let i = nodes.length - 1; i >= 0; i--) stack.push([nodes[i]!, bound])
  }
  while (stack.length > 0) {
    const [node, bound] = stack.pop()!
    switch (node.kind) {
      case 'name':
        if (!bound.has(node.name)) read(node.name)
        break
      case 'function': {
        // Its parameters and the names it assigns are the function's own.
        const inner = new Set([...bound, ...node.params.map((p) => p.name), ...assignedNames(node.body)])
        if (node.name !== null) inner.add(node.name)
        push(children(node), inner)
        break
      }
      case 'for':
        // The loop variable is bound in the body only.
        push([node.body], new Set([...bound, ...targetNames(node.target)]))
        push([node.iterable], bound)
        break
      case 'comprehension': {
        // Each clause's names are bound in the clauses after it, its condition and the entry.
        let inner = new Set(bound)
        const parts: [SyntaxNode, ReadonlySet<string>][] = []
        for (const c of node.clauses) {
          parts.push([c.iterable, inner])
          inner = new Set([...inner, ...targetNames(c.target)])
          if (c.condition) parts.push([c.condition, inner])
        }
        parts.push([node.expr, inner])
        for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!)
        break
      }
      case 'assign':
        // A name written is not read, unless by x += ...; x[i] = ... and p.f = ... read x and p.
        if (node.target.kind === 'name' || node.target.kind === 'tuple-target') {
          if (node.op !== null && node.target.kind === 'name' && !bound.has(node.target.name)) read(node.target.name)
          push([node.value], bound)
        } else push(children(node), bound)
        break
      case 'index':
        // Inside x[...], end is bound.
        push(node.indices, new Set([...bound, 'end']))
        push([node.object], bound)
        break
      case 'field':
        // p.back names a field, not a variable.
        push([node.object], bound)
        break
      default:
        push(children(node), bound)
    }
  }
}
