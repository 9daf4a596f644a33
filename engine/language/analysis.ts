/**
 * What a cell defines and what it uses, read from its parse tree without running it. The
 * reactive notebook links cells by these names: a cell depends on the cells that define the
 * names it uses.
 */
import type { MathNode } from 'mathjs'
import { BUILTINS } from './builtins.ts'
import { LangError } from './errors.ts'
import { parseStatement } from './interpreter.ts'
import { splitStatements } from './statements.ts'

export interface CellAnalysis {
  /** Names the cell assigns or defines as functions at its top level, in order. */
  defines: string[]
  /** Names the cell reads that it did not define itself first (builtins excluded). */
  uses: string[]
  /** The first syntax error, with its line; a cell with one neither defines nor uses anything. */
  syntaxError?: LangError
  /** Names of sliders: x = slider(...) binds x to an input the app shows. */
  sliders: string[]
}

export function analyzeCell(source: string): CellAnalysis {
  const defines: string[] = []
  const uses = new Set<string>()
  const sliders: string[] = []
  for (const st of splitStatements(source)) {
    let node: MathNode
    try {
      node = parseStatement(st.text)
    } catch (err) {
      if (err instanceof LangError && err.span) err.span.line += st.line - 1
      return { defines: [], uses: [], syntaxError: err as LangError, sliders: [] }
    }
    const own = new Set(defines)
    const read = (name: string) => {
      if (!own.has(name) && !BUILTINS.has(name)) uses.add(name)
    }
    const n = node as MathNode & Record<string, unknown>
    if (node.type === 'AssignmentNode' && !n.index) {
      freeNames(n.value as MathNode, new Set(), read)
      const name = (n.object as MathNode & { name: string }).name
      defines.push(name)
      const v = n.value as MathNode & { fn?: { name?: string } }
      if (v.type === 'FunctionNode' && v.fn?.name === 'slider') sliders.push(name)
    } else if (node.type === 'FunctionAssignmentNode') {
      // A function may call itself: its own name is bound inside its body.
      const name = n.name as string
      freeNames(n.expr as MathNode, new Set([...(n.params as string[]), name]), read)
      defines.push(name)
    } else {
      freeNames(node, new Set(), read)
    }
  }
  return { defines, uses: [...uses], sliders }
}

/** Calls read for every free variable of node, given the names bound around it. */
function freeNames(node: MathNode, bound: ReadonlySet<string>, read: (name: string) => void): void {
  const n = node as MathNode & Record<string, unknown>
  switch (node.type) {
    case 'SymbolNode': {
      const name = n.name as string
      if (!bound.has(name)) read(name)
      return
    }
    case 'FunctionAssignmentNode':
      freeNames(n.expr as MathNode, new Set([...bound, ...(n.params as string[]), n.name as string]), read)
      return
    case 'AccessorNode': {
      freeNames(n.object as MathNode, bound, read)
      const index = n.index as MathNode & { dotNotation: boolean; dimensions: MathNode[] }
      // p.back names a field, not a variable; inside x[...], end is bound.
      if (!index.dotNotation) for (const d of index.dimensions) freeNames(d, new Set([...bound, 'end']), read)
      return
    }
    default:
      node.forEach((child) => freeNames(child, bound, read))
  }
}
