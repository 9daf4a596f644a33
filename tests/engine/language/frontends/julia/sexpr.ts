/**
 * The lowered syntax tree printed as a compact S-expression, close to Julia's own
 * `Meta.show_sexpr` (`(call + a b)` is written `(+ a b)` here), so a conformance case states the
 * tree a Julia parser gives in one line: `2x^2` is `(* 2 (^ x 2))`.
 */
import { parseJulia } from '../../../../../engine/language/frontends/julia/index.ts'
import type { Expr, SyntaxNode } from '../../../../../engine/language/syntax/tree.ts'

const dot = (broadcast: boolean) => (broadcast ? '.' : '')
const list = (head: string, parts: (string | null)[]) => `(${[head, ...parts.filter((p) => p !== null)].join(' ')})`

export function sexpr(node: SyntaxNode): string {
  const s = sexpr
  switch (node.kind) {
    case 'number':
      return node.raw
    case 'string':
      return JSON.stringify(node.value)
    case 'boolean':
      return String(node.value)
    case 'name':
      return node.name
    case 'paren':
      return s(node.expr)
    case 'unary':
      return list(dot(node.broadcast) + node.op, [s(node.operand)])
    case 'binary':
      return list(dot(node.broadcast) + node.op, [s(node.left), s(node.right)])
    case 'compare':
      return list(
        'cmp',
        node.operands.flatMap((o, i) => (i === 0 ? [s(o)] : [node.ops[i - 1]!, s(o)])),
      )
    case 'logical':
      return list(node.op, [s(node.left), s(node.right)])
    case 'ternary':
      return list('?', [s(node.condition), s(node.then), s(node.otherwise)])
    case 'call': {
      const keywords = node.keywords.map((k) => `${k.name}=${s(k.value)}`)
      return list(`call${dot(node.broadcast)}`, [
        s(node.callee),
        ...node.args.map(s),
        ...(keywords.length ? [`;`, ...keywords] : []),
      ])
    }
    case 'splat':
      return list('...', [s(node.expr)])
    case 'index':
      return list('ref', [s(node.object), ...node.indices.map(s)])
    case 'field':
      return list('.', [s(node.object), node.name])
    case 'range':
      if (!node.start && !node.step && !node.stop) return ':'
      return list(':', [node.start && s(node.start), node.step && s(node.step), node.stop && s(node.stop)])
    case 'array':
      return list('vect', node.items.map(s))
    case 'concat':
      return list(
        'concat',
        node.rows.map((r) => list('row', r.map(s))),
      )
    case 'tuple':
    case 'tuple-target':
      return list('tuple', node.items.map(s))
    case 'record':
      return list(
        'named',
        node.fields.map((f) => `${f.name}=${s(f.value)}`),
      )
    case 'function': {
      const params = node.params.map(
        (p) => `${p.keyword ? ';' : ''}${p.name}${p.rest ? '...' : ''}${p.default ? `=${s(p.default)}` : ''}`,
      )
      return list(node.name === null ? '->' : `function ${node.name}`, [`(${params.join(' ')})`, s(node.body)])
    }
    case 'assign':
      return list(`${node.op ?? ''}=`, [s(node.target), s(node.value)])
    case 'block':
      return list(node.scope === 'local' ? 'block:local' : 'block', node.body.map(s))
    case 'if':
      return list('if', [
        ...node.branches.flatMap((b) => [s(b.condition), s(b.body)]),
        node.otherwise && s(node.otherwise),
      ])
    case 'while':
      return list('while', [s(node.condition), s(node.body)])
    case 'for':
      return list('for', [s(node.target), s(node.iterable), s(node.body)])
    case 'break':
    case 'continue':
      return `(${node.kind})`
    case 'return':
      return list('return', [node.value && s(node.value)])
    case 'comprehension':
      return list('comprehension', [
        s(node.expr),
        ...node.clauses.map((c) =>
          list('for', [s(c.target), s(c.iterable), c.condition && list('if', [s(c.condition)])]),
        ),
      ])
    case 'import':
      return list('using', [node.module.join('.') + (node.alias ? ` as ${node.alias}` : '')])
    case 'unsupported':
      return '(unsupported)'
    case 'with':
      return list('with', [s(node.context), node.target && s(node.target), s(node.body)])
  }
}

/** Each top-level statement of a Julia cell as an S-expression, joined by "; ". */
export function juliaTree(source: string): string {
  return parseJulia(source)
    .map((st) => sexpr(st.expr as Expr))
    .join('; ')
}
