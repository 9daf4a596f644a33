/**
 * The tree written back as source text in the `ad` syntax: a function's `source` (shown as its
 * value, `sq(x) = x ^ 2`) and the snippet an error message quotes. Spacing and parentheses are
 * mathjs's, so what learners saw before the tree was the project's own reads the same.
 */
import { operandParens, precedence } from './precedence.ts'
import type { Binary, Expr, SyntaxNode } from './tree.ts'
import { leftSpine } from './walk.ts'

export function printSource(node: SyntaxNode): string {
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
      return `(${printSource(node.expr)})`
    case 'unary': {
      const [wrap] = operandParens(node, [node.operand], false)
      const operand = parens(printSource(node.operand), wrap!)
      const space = /[a-z]/i.test(node.op) ? ' ' : ''
      return (node.broadcast ? '.' : '') + (node.postfix ? operand + space + node.op : node.op + space + operand)
    }
    case 'binary':
      return printChain(node)
    case 'compare': {
      const prec = precedence(node)!
      const operands = node.operands.map((o) => {
        const p = precedence(o)
        return parens(printSource(o), p !== null && p <= prec)
      })
      return operands.reduce((acc, o, i) => `${acc} ${node.ops[i - 1]} ${o}`)
    }
    case 'logical':
      return `${printSource(node.left)} ${node.op} ${printSource(node.right)}`
    case 'ternary': {
      const prec = precedence(node)!
      const part = (e: Expr) => {
        const p = precedence(e)
        return parens(printSource(e), e.kind === 'unary' || e.kind === 'binary' || (p !== null && p <= prec))
      }
      return `${part(node.condition)} ? ${part(node.then)} : ${part(node.otherwise)}`
    }
    case 'call': {
      const callee = node.callee.kind === 'function' ? `(${printSource(node.callee)})` : printSource(node.callee)
      const args = node.args.map(printSource)
      const keywords = node.keywords.map((k) => `${k.name} = ${printSource(k.value)}`)
      const all = keywords.length > 0 ? `${args.join(', ')}; ${keywords.join(', ')}` : args.join(', ')
      return `${callee}${node.broadcast ? '.' : ''}(${all})`
    }
    case 'splat':
      return `${printSource(node.expr)}...`
    case 'index':
      return `${accessed(node.object)}[${node.indices.map(printSource).join(', ')}]`
    case 'field':
      return `${accessed(node.object)}.${node.name}`
    case 'range': {
      const prec = precedence(node)!
      const part = (e: Expr | null) => {
        if (e === null) return ''
        const p = precedence(e)
        return parens(printSource(e), p !== null && p <= prec)
      }
      return node.step
        ? `${part(node.start)}:${part(node.step)}:${part(node.stop)}`
        : `${part(node.start)}:${part(node.stop)}`
    }
    case 'array':
      return `[${node.items.map(printSource).join(', ')}]`
    case 'concat':
      return `[${node.rows.map((r) => r.map(printSource).join(' ')).join('; ')}]`
    case 'tuple':
    case 'tuple-target':
      return `(${node.items.map(printSource).join(', ')}${node.items.length === 1 ? ',' : ''})`
    case 'record':
      return `{${node.fields.map((f) => `${JSON.stringify(f.name)}: ${printSource(f.value)}`).join(', ')}}`
    case 'function': {
      const params = node.params.map((p) => (p.default ? `${p.name} = ${printSource(p.default)}` : p.name)).join(', ')
      const body = parens(printSource(node.body), precedence(node.body) === 0)
      return node.name === null ? `(${params}) -> ${body}` : `${node.name}(${params}) = ${body}`
    }
    case 'assign':
      return `${printSource(node.target)} ${node.op ?? ''}= ${parens(printSource(node.value), precedence(node.value) === 0)}`
    case 'block':
      return node.body.map(printSource).join('\n')
    case 'unsupported':
      return node.text
    default:
      // Statements only other front-ends produce: named by kind, enough for a message.
      return node.kind
  }
}

function parens(text: string, wrap: boolean): string {
  return wrap ? `(${text})` : text
}

/** The object of x[i] or p.f, in parentheses unless it is an atom. */
function accessed(object: Expr): string {
  const atom = ['index', 'field', 'array', 'number', 'string', 'boolean', 'call', 'record', 'paren', 'name']
  return parens(printSource(object), !atom.includes(object.kind))
}

/** a + b - c ... with a loop down the left side, so a long chain prints without deep recursion. */
function printChain(node: Binary): string {
  const { spine, leaf } = leftSpine(node)
  let text = printSource(leaf)
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!
    const [l, r] = operandParens(b, [b.left, b.right], false)
    const left = parens(text, l!)
    const right = parens(printSource(b.right), r!)
    const op = (b.broadcast ? '.' : '') + b.op
    text = b.implicit ? `${left} ${right}` : `${left} ${op} ${right}`
  }
  return text
}

/** The expression as the language writes it back, shortened: a very long one would drown a message. */
export function shortSource(node: SyntaxNode): string {
  let text: string
  try {
    text = printSource(node)
  } catch {
    return node.kind // too deep to print
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}
