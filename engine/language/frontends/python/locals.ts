/**
 * Python's rule for a function's names: a name assigned anywhere in a def's body is local to
 * the whole body, so reading it before its assignment is an UnboundLocalError, not a read of the
 * name outside. Reads that may come first (not after an unconditional assignment at the body's
 * top level) are checked at run time: the body starts by binding those names to a marker, and
 * each such read goes through the Python overlay's `__local__` (engine/language/python/unbound.ts).
 */
import type { Block, Expr, Name, Param, SyntaxNode, Target } from '../../syntax/tree.ts'
import { children } from '../../syntax/walk.ts'

/** The names a target binds. */
function targetNames(t: Target, out: Set<string>): void {
  if (t.kind === 'name') out.add(t.name)
  else if (t.kind === 'tuple-target') for (const i of t.items) targetNames(i, out)
}

/** Where each name the body binds is first assigned (line), nested functions and comprehensions aside. */
function bindings(node: SyntaxNode, out: Map<string, number>): void {
  const add = (names: Set<string>, line: number) => {
    for (const n of names) if (!out.has(n)) out.set(n, line)
  }
  const names = new Set<string>()
  if (node.kind === 'assign' || node.kind === 'for') targetNames(node.target, names)
  if (node.kind === 'with' && node.target) targetNames(node.target, names)
  if (node.kind === 'function' && node.defines && node.name !== null) names.add(node.name)
  if (node.kind === 'import') names.add(node.alias ?? node.module[0] ?? '')
  add(names, node.pos.line)
  if (node.kind === 'function' || node.kind === 'comprehension') return
  for (const c of children(node)) bindings(c, out)
}

/** The names an assignment at the body's top level surely binds once it has run. */
function surelyBound(statement: Expr, bound: Set<string>): void {
  if (statement.kind === 'assign' && statement.op === null) {
    targetNames(statement.target, bound)
    if (statement.value.kind === 'assign') surelyBound(statement.value, bound)
  }
  if (statement.kind === 'function' && statement.defines && statement.name !== null) bound.add(statement.name)
  if (statement.kind === 'import') bound.add(statement.alias ?? statement.module[0] ?? '')
}

/** The body of `def name(params)` with its reads of not-yet-assigned locals checked. */
export function checkLocals(fnName: string, params: readonly Param[], body: Block): Block {
  const assigned = new Map<string, number>()
  for (const s of body.body) bindings(s, assigned)
  for (const p of params) assigned.delete(p.name)
  if (assigned.size === 0) return body
  const bound = new Set<string>()
  const checked = new Set<string>()
  const check = (name: Name) => {
    checked.add(name.name)
    const line = assigned.get(name.name)!
    const original: Name = { ...name }
    const text = (s: string): Expr => ({ kind: 'string', value: s, pos: name.pos })
    // The read becomes __local__(x, "x", "f", read line, assigned line), in place (its parent keeps it).
    const call: Expr = {
      kind: 'call',
      callee: { kind: 'name', name: '__local__', dialect: 'python', pos: name.pos },
      args: [original, text(name.name), text(fnName), text(String(name.pos.line)), text(String(line))],
      keywords: [],
      broadcast: false,
      dialect: 'python',
      pos: name.pos,
    }
    const node = name as unknown as Record<string, unknown>
    for (const k of Object.keys(node)) delete node[k]
    Object.assign(node, call)
  }
  const reads = (node: SyntaxNode, shadowed: ReadonlySet<string>): void => {
    if (node.kind === 'name') {
      if (assigned.has(node.name) && !bound.has(node.name) && !shadowed.has(node.name)) check(node)
      return
    }
    if (node.kind === 'function') return // a nested function reads the names when it runs
    if (node.kind === 'comprehension') {
      const own = new Set(shadowed)
      for (const c of node.clauses) targetNames(c.target, own)
      for (const c of children(node)) reads(c, own)
      return
    }
    if (node.kind === 'assign' && node.op !== null && node.target.kind === 'name') {
      // x += v reads x first.
      const t = node.target
      if (assigned.has(t.name) && !bound.has(t.name) && !shadowed.has(t.name)) {
        const read: Name = { ...t }
        node.value = {
          kind: 'binary',
          op: node.op,
          left: read,
          right: node.value,
          broadcast: false,
          implicit: false,
          dialect: 'python',
          pos: node.pos,
        }
        node.op = null
        check(read)
        reads(node.value.right, shadowed)
        return
      }
    }
    for (const c of children(node)) {
      // Assignment targets bind; only their indices and objects are read.
      if ((node.kind === 'assign' || node.kind === 'for' || node.kind === 'with') && c === node.target) {
        if (c.kind === 'index' || c.kind === 'field') reads(c, shadowed)
        continue
      }
      reads(c, shadowed)
    }
  }
  for (const s of body.body) {
    reads(s, new Set())
    surelyBound(s, bound)
  }
  if (checked.size === 0) return body
  const start: Expr[] = [...checked].map((n) => ({
    kind: 'assign',
    target: { kind: 'name', name: n, dialect: 'python', pos: body.pos },
    op: null,
    value: {
      kind: 'call',
      callee: { kind: 'name', name: '__unbound__', dialect: 'python', pos: body.pos },
      args: [],
      keywords: [],
      broadcast: false,
      dialect: 'python',
      pos: body.pos,
    },
    pos: body.pos,
  }))
  return { ...body, body: [...start, ...body.body] }
}
