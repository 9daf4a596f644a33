/**
 * What the notebook does not run of Julia, each with a message that names the construct, says
 * where it is and what to write instead (the node raises it only if it is evaluated), and the
 * statements that are accepted for what they mean here: `using`/`import` of the packages that
 * are built in, which is decided when they run (macros are in macros.ts).
 */
import type { Expr, Import } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { child, kids } from './context.ts'

export function unsupportedNode(cell: Cell, node: LezerNode, message: string, literal = false): Expr {
  return { kind: 'unsupported', message, text: cell.text(node), literal, pos: cell.at(node) }
}

/** What to write instead of each unsupported construct. */
const ADVICE: Record<string, (what: string) => string> = {
  ModuleDefinition: (w) => `${w}: modules are not supported here: write the definitions at the top level of a cell`,
  AbstractDefinition: (w) =>
    `${w}: declaring types is not supported here: functions work on numbers, vectors and matrices without declared types`,
  PrimitiveDefinition: (w) => `${w}: declaring types is not supported here`,
  MacroDefinition: (w) => `${w}: defining macros is not supported here: write a function instead`,
  TryStatement: (w) =>
    `${w}: try ... catch is not supported here: test the condition with if ... else ... end before the step that could fail`,
  QuoteStatement: (w) => `${w}: quoting code is not supported here: write the expression itself`,
  QuoteExpression: (w) => `${w}: quoting code, :( ... ), is not supported here: write the expression itself`,
  InterpExpression: (w) => `${w}: $ interpolation is only meaningful in quoted code, which is not supported here`,
  BraceExpression: (w) =>
    `${w}: braces { } are only for type parameters here (ForwardDiff.Dual{Nothing}); write [a, b] for a vector or (a, b) for a tuple`,
  NsStringLiteral: (w) => `${w}: string macros such as r"..." are not supported here: write a plain string "..."`,
  CommandLiteral: (w) => `${w}: commands in backticks cannot run here`,
  FunctionDefinition: (w) =>
    `${w}: "function f end" declares a function without methods; define it with its parameters: function f(x) ... end`,
}

/** A construct that is read but not run: the message names it and says what to write instead. */
export function unsupported(cell: Cell, node: LezerNode): Expr {
  const text = cell.text(node)
  const shown = text.length > 40 ? `${text.slice(0, 37).trimEnd()}...` : text
  const what = `${shown.split('\n')[0]} (${cell.where(node)})`
  const advice = ADVICE[node.name]
  return unsupportedNode(cell, node, advice ? advice(what) : `${what}: this Julia syntax is not supported here`)
}

const OPERATOR_ADVICE: Record<string, string> = {
  '=>': 'pairs a => b are not supported here: use a tuple (a, b) or a named tuple (a = 1, b = 2)',
  '<:': 'types are not supported here: functions work on numbers, vectors and matrices without declared types',
  '>:': 'types are not supported here',
  '~': 'the ~ operator is not defined here',
  '..': 'write a range as a:b',
}

export function unsupportedOperator(cell: Cell, node: LezerNode, written: string, advice?: string): Expr {
  const hint = advice ?? OPERATOR_ADVICE[written] ?? `the operator ${written} is not supported here`
  return unsupportedNode(cell, node, `${written} (${cell.where(node)}): ${hint}`)
}

export function unsupportedAssignment(cell: Cell, node: LezerNode, written: string): Expr {
  const [lhs] = kids(node)
  const target = lhs ? cell.text(lhs) : 'x'
  const hint =
    written === '.='
      ? `values are not changed in place here: write ${target} = followed by the new value (an array of the same shape)`
      : `the assignment operator ${written} is not supported here: write ${target} = ...`
  return unsupportedNode(cell, node, `${written} (${cell.where(node)}): ${hint}`)
}

/**
 * `using Zygote, ForwardDiff`, `import LinearAlgebra`, `using LinearAlgebra: norm`: one Import
 * per package (the names after `:` are builtins already); evaluating it decides whether the
 * package is built in (language/julia/modules.ts).
 */
export function importStatement(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  const imports: Expr[] = []
  const paths = kids(node).flatMap((k) => {
    if (k.name === 'SelectedImport') return kids(k).slice(0, 1) // the package; its names are builtins already
    if (k.name === 'ImportAlias') return [k]
    return k.name === 'ImportPath' ? [k] : []
  })
  for (const p of paths) {
    const path = p.name === 'ImportAlias' ? child(p, 'ImportPath')! : p
    const module = kids(path)
      .filter((k) => k.name === 'Identifier')
      .map((k) => cell.text(k))
    const alias = p.name === 'ImportAlias' ? kids(p).at(-1) : undefined
    const imported: Import = { kind: 'import', module, alias: alias ? cell.text(alias) : null, pos: cell.at(p) }
    imports.push(imported)
  }
  return imports.length === 1 ? imports[0]! : { kind: 'block', body: imports, scope: 'shared', pos }
}
