/**
 * Operators and imports in the language of the cell they were written in: the front-end writes
 * the dialect into the tree, and these choose the meaning (Julia's, Python's, or `ad`'s), so the
 * interpreter has one call per construct whatever the language.
 */
import { arrayLiteral, field } from './arrays.ts'
import type { ArrayLit, Binary, Compare, Expr, Field, Import, Unary } from './syntax/tree.ts'
import { juliaVector } from './julia/vectors.ts'
import { importModule } from './julia/modules.ts'
import { binary, compareChain, unary } from './operators.ts'
import { juliaBinary, juliaCompareChain, juliaUnary } from './operatorsJulia.ts'
import { importerOf } from './overlays.ts'
import { pythonAttribute } from './python/attributes.ts'
import { pythonList } from './python/lists.ts'
import { pythonBinary, pythonCompareChain, pythonUnary } from './python/operators.ts'
import type { LangValue } from './values.ts'

/** left op right; the right operand is a thunk so that `ad`'s and/or checks the left one first. */
export function binaryIn(b: Binary, left: LangValue, right: () => LangValue): LangValue {
  if (b.dialect === 'julia') return juliaBinary(b.op, b.broadcast, left, right())
  if (b.dialect === 'python') return pythonBinary(b.op, left, right())
  return binary(b.op, b.broadcast, b.implicit, left, right)
}

export function unaryIn(node: Unary, operand: LangValue): LangValue {
  if (node.dialect === 'julia') return juliaUnary(node.op, node.broadcast, operand)
  if (node.dialect === 'python') return pythonUnary(node.op, operand)
  return unary(node.op, operand)
}

export function compareIn(node: Compare, operands: LangValue[]): LangValue {
  if (node.dialect === 'julia') return juliaCompareChain(node.ops, operands)
  if (node.dialect === 'python') return pythonCompareChain(node.ops, operands)
  return compareChain(node.ops, operands)
}

/** What an import binds: Julia's packages are built in; Python's modules are bound by name. */
export function importIn(node: Import): [string, LangValue][] {
  return node.dialect === 'python'
    ? importerOf('python')(node.module, node.alias)
    : importModule(node.module, node.alias)
}

/** [a, b]: Julia's vector, Python's list (an array only of numbers or of equal rows), `ad`'s array. */
export function arrayIn(node: ArrayLit, evaluate: (e: Expr) => LangValue): LangValue {
  if (node.dialect === 'julia') return juliaVector(node, evaluate)
  if (node.dialect === 'python') return pythonList(node, evaluate)
  return arrayLiteral(node.items, evaluate)
}

/** x.name: a record's field, or in Python an array's attribute or method (x.T, x.sum()). */
export function fieldIn(node: Field, object: LangValue): LangValue {
  return node.dialect === 'python' ? pythonAttribute(object, node.name) : field(object, node.name)
}
