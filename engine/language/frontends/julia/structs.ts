/**
 * `struct T ... end` and `mutable struct T{S} <: A ... end`: an assignment of T's constructor,
 * struct("T", mutable, "a", "b") (language/julia/structs.ts). Field types and type parameters
 * are read and not enforced (every number is a Float64 here). A callable struct's method
 * `(a::T)(x) = ...` is a definition named functorName(T), made in calls.ts.
 */
import type { Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { kids } from './context.ts'
import { name } from './lower.ts'

/** The type's name in its head: T, T{S}, T <: A, T{S} <: A. */
function typeName(cell: Cell, head: LezerNode): LezerNode {
  let node = head
  while (node.name !== 'Identifier') {
    const first = kids(node)[0]
    if (!first) throw cell.error(head, `${cell.text(head)}: a struct is named as struct T ... end`)
    node = first
  }
  return node
}

export function structDefinition(cell: Cell, node: LezerNode): Expr {
  const pos = cell.at(node)
  const parts = kids(node)
  const mutable = parts.some((k) => k.name === 'mutable')
  const head = parts.find((k) => k.name === 'TypeHead')
  if (!head) throw cell.error(node, 'a struct is written struct T ... end')
  const typeNode = typeName(cell, head)
  const fields = parts
    .filter((k) => !['mutable', 'struct', 'TypeHead', 'end'].includes(k.name))
    .map((k) => {
      const [left, op] = kids(k)
      if (k.name === 'Identifier') return cell.text(k)
      if (k.name === 'BinaryExpression' && op?.name === 'SubTypeOp' && left?.name === 'Identifier')
        return cell.text(left)
      const inner = /\(/.test(cell.text(k).split('=')[0] ?? '') || k.name === 'FunctionDefinition'
      throw cell.error(
        k,
        inner
          ? `${cell.text(k).split('\n')[0]} (${cell.where(k)}): constructors inside a struct are not supported here: ` +
              `use the default constructor ${cell.text(typeNode)}(fields...) and write any other as a function outside the struct`
          : `${cell.text(k).split('\n')[0]} (${cell.where(k)}): a struct's fields are written one per line, as a or a::Float64` +
              (k.name === 'Assignment' ? ' (default values, Base.@kwdef, are not supported here)' : ''),
      )
    })
  const str = (value: string): Expr => ({ kind: 'string', value, pos })
  const value: Expr = {
    kind: 'call',
    callee: name(cell, typeNode, 'struct'),
    args: [str(cell.text(typeNode)), { kind: 'boolean', value: mutable, pos }, ...fields.map(str)],
    keywords: [],
    broadcast: false,
    pos,
  }
  return { kind: 'assign', target: name(cell, typeNode), value, op: null, pos }
}
