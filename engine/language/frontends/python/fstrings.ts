/**
 * Python's f-strings, lowered to calls of the Python overlay's f-string functions
 * (python/strings.ts), which format each field as Python's format() does.
 */
import type { Expr } from '../../syntax/tree.ts'
import type { Cell, LezerNode } from './context.ts'
import { allKids, kids, unsupported } from './context.ts'
import { lowerExpr, stringValue } from './lower.ts'
import { internalCall } from './subscripts.ts'

/**
 * f"...": the literal text between replacement fields ({{ and }} are braces) and each field
 * `{expr!conversion:spec}` as a call of python/strings.ts's FORMAT; `{x=}` writes the text
 * `x=` first and shows the value's repr unless a spec or conversion says otherwise. The spec
 * may hold fields of its own, `{x:{w}.{p}f}`.
 */
export function formatString(cell: Cell, node: LezerNode): Expr {
  const text = cell.text(node)
  const prefix = /^[a-zA-Z]*/.exec(text)![0]
  const quote = /^("""|'''|"|')/.exec(text.slice(prefix.length))![0].length
  const raw = /r/i.test(prefix)
  return fieldsAndText(cell, node, node.from + prefix.length + quote, node.to - quote, raw)
}

function fieldsAndText(cell: Cell, node: LezerNode, from: number, to: number, raw: boolean): Expr {
  const pos = cell.at(node)
  const parts: Expr[] = []
  const literal = (a: number, b: number) => {
    if (b <= a) return
    const t = cell.source.slice(a, b).replace(/\{\{/g, '{').replace(/\}\}/g, '}')
    parts.push({ kind: 'string', value: raw ? t : stringValue(`"${t}"`), pos })
  }
  let at = from
  for (const field of kids(node).filter((k) => k.name === 'FormatReplacement')) {
    literal(at, field.from)
    parts.push(...replacementField(cell, field))
    at = field.to
  }
  literal(at, to)
  return internalCall('·fstring', parts, pos)
}

function replacementField(cell: Cell, field: LezerNode): Expr[] {
  const pos = cell.at(field)
  const children = allKids(field).filter((k) => k.name !== '{' && k.name !== '}')
  const conversion = children.find((k) => k.name === 'FormatConversion')
  const spec = children.find((k) => k.name === 'FormatSpec')
  const selfDoc = children.find((k) => k.name === 'FormatSelfDoc')
  const values = children.filter((k) => k !== conversion && k !== spec && k !== selfDoc && k.name !== ',')
  if (values.length === 0) return [unsupported(cell, field, 'an f-string field needs an expression, as in f"{x}"')]
  const lowered = values.map((v) => lowerExpr(cell, v))
  const value: Expr = lowered.length === 1 ? lowered[0]! : { kind: 'tuple', items: lowered, pos }
  const specExpr: Expr = spec
    ? fieldsAndText(cell, spec, spec.from + 1, spec.to, true)
    : { kind: 'string', value: '', pos }
  const convertedBy = conversion ? cell.text(conversion).slice(1) : selfDoc && !spec ? 'r' : ''
  const formatted = internalCall('·format', [value, specExpr, { kind: 'string', value: convertedBy, pos }], pos)
  if (!selfDoc) return [formatted]
  // {x = } keeps the text as typed, spaces included, up to and with the =.
  const typed = cell.source.slice(field.from + 1, selfDoc.to)
  return [{ kind: 'string', value: typed, pos }, formatted]
}
