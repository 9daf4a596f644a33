/**
 * The tree as LaTeX, for KaTeX: a function's definition shown as mathematics (`\frac`, powers,
 * `\sqrt`, cases for `? :`, subscripts for indices). The layout follows what mathjs's toTex gave
 * the `ad` syntax before the tree was the project's own, with one deliberate difference: a
 * variable is always set as a variable, where mathjs set names that happen to be units (t, h, A)
 * upright.
 */
import { operandParens, operation, own, precedence } from './precedence.ts'
import type { Binary, Expr, SyntaxNode } from './tree.ts'
import { leftSpine } from './walk.ts'

const SYMBOLS: Record<string, string> = {
  pi: '\\pi',
  Inf: '\\infty',
  inf: '\\infty',
  Infinity: '\\infty',
  infinity: '\\infty',
  oo: '\\infty',
  true: '\\mathrm{True}',
  false: '\\mathrm{False}',
  undefined: '\\mathbf{?}',
}
// Greek letters by name, as KaTeX writes them; capitals that look Latin stay Latin.
for (const g of 'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega'.split(
  ' ',
))
  SYMBOLS[g] = `\\${g}`
for (const g of 'Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(' ')) SYMBOLS[g] = `\\${g}`
Object.assign(SYMBOLS, { Alpha: 'A', Beta: 'B', Epsilon: 'E', Zeta: 'Z', Eta: 'H', Iota: 'I', Kappa: 'K' })
Object.assign(SYMBOLS, { Mu: 'M', Nu: 'N', Omicron: 'O', omicron: 'o', Rho: 'P', Tau: 'T', Chi: 'X' })

const OPERATORS: Record<string, string> = {
  ctranspose: '^H',
  factorial: '!',
  pow: '^',
  dotPow: '.^\\wedge',
  unaryPlus: '+',
  unaryMinus: '-',
  bitNot: '\\~',
  not: '\\neg',
  multiply: '\\cdot',
  dotMultiply: '.\\cdot',
  dotDivide: '.:',
  mod: '\\mod',
  add: '+',
  subtract: '-',
  to: '\\rightarrow',
  equal: '=',
  unequal: '\\neq',
  smaller: '<',
  larger: '>',
  smallerEq: '\\leq',
  largerEq: '\\geq',
  and: '\\wedge',
  xor: '\\veebar',
  or: '\\vee',
  bitAnd: '\\&',
  bitOr: '|',
}
const COMPARISONS: Record<string, string> = {
  '<': '<',
  '<=': '\\leq',
  '>': '>',
  '>=': '\\geq',
  '==': '=',
  '!=': '\\neq',
}

/** Builtins with a conventional notation, by their number of arguments. */
const FUNCTIONS: Record<string, Record<number, (a: string[]) => string>> = {
  exp: { 1: ([x]) => `\\exp\\left(${x}\\right)` },
  log: { 1: ([x]) => `\\ln\\left(${x}\\right)`, 2: ([x, b]) => `\\log_{${b}}\\left(${x}\\right)` },
  sin: { 1: ([x]) => `\\sin\\left(${x}\\right)` },
  cos: { 1: ([x]) => `\\cos\\left(${x}\\right)` },
  tan: { 1: ([x]) => `\\tan\\left(${x}\\right)` },
  tanh: { 1: ([x]) => `\\tanh\\left(${x}\\right)` },
  sqrt: { 1: ([x]) => `\\sqrt{${x}}` },
  abs: { 1: ([x]) => `\\left|${x}\\right|` },
  dot: { 2: ([x, y]) => `\\left(${x}\\cdot${y}\\right)` },
  norm: { 1: ([x]) => `\\left\\|${x}\\right\\|` },
  det: { 1: ([x]) => `\\det\\left(${x}\\right)` },
  inv: { 1: ([x]) => `\\left(${x}\\right)^{-1}` },
  transpose: { 1: ([x]) => `\\left(${x}\\right)^\\top` },
}
const VARIADIC: Record<string, string> = { max: '\\max', min: '\\min' }

export function printTex(node: SyntaxNode): string {
  switch (node.kind) {
    case 'number': {
      if (!Number.isFinite(node.value)) return node.value < 0 ? '-\\infty' : '\\infty'
      const e = node.raw.toLowerCase().indexOf('e')
      return e === -1 ? node.raw : `${node.raw.slice(0, e)}\\cdot10^{${node.raw.slice(e + 1)}}`
    }
    case 'string':
      return `\\mathtt{${escape(JSON.stringify(node.value))}}`
    case 'boolean':
      return String(node.value)
    case 'name':
      return symbol(node.name)
    case 'paren':
      return `\\left(${printTex(node.expr)}\\right)`
    case 'unary': {
      const [wrap] = operandParens(node, [node.operand], true)
      const operand = parens(printTex(node.operand), wrap!)
      const op = own(OPERATORS, operation(node)) ?? node.op
      return node.postfix ? operand + op : op + operand
    }
    case 'binary':
      return printChain(node)
    case 'compare': {
      const prec = precedence(node)!
      const operands = node.operands.map((o) => {
        const p = precedence(o)
        return parens(printTex(o), p !== null && p <= prec)
      })
      return operands.reduce((acc, o, i) => acc + (own(COMPARISONS, node.ops[i - 1]!) ?? node.ops[i - 1]) + o)
    }
    case 'logical':
      return printTex(node.left) + (node.op === '&&' ? '\\wedge' : '\\vee') + printTex(node.right)
    case 'ternary':
      return `\\begin{cases} {${printTex(node.then)}}, &\\quad{\\text{if }\\;${printTex(node.condition)}}\\\\{${printTex(node.otherwise)}}, &\\quad{\\text{otherwise}}\\end{cases}`
    case 'call':
      return call(node.callee, node.args.map(printTex))
    case 'index':
      return `${accessed(node.object)}_{${node.indices.map(printTex).join(',')}}`
    case 'field':
      return `${accessed(node.object)}.${escape(node.name)}`
    case 'range': {
      const prec = precedence(node)!
      const part = (e: Expr | null) => {
        if (e === null) return ''
        const p = precedence(e)
        return parens(printTex(e), p !== null && p <= prec)
      }
      return [node.start, ...(node.step ? [node.step] : []), node.stop].map(part).join(':')
    }
    case 'array':
      return arrayTex(node.items, false)
    case 'concat':
      return `\\begin{bmatrix}${node.rows.map((r) => r.map(printTex).join('&')).join('\\\\')}\\end{bmatrix}`
    case 'tuple':
    case 'tuple-target':
      return `\\left(${node.items.map(printTex).join(',')}\\right)`
    case 'record': {
      const entries = node.fields.map((f) => `\\mathbf{${f.name}:} & ${printTex(f.value)}\\\\`)
      return `\\left\\{\\begin{array}{ll}${entries.join('\n')}\\end{array}\\right\\}`
    }
    case 'function': {
      const params = node.params.map((p) => symbol(p.name).trim()).join(',')
      const body = parens(printTex(node.body), precedence(node.body) === 0)
      const head =
        node.name === null
          ? `\\left(${params}\\right)\\mapsto `
          : `\\mathrm{${escape(node.name)}}\\left(${params}\\right)=`
      return head + body
    }
    case 'assign':
      return `${printTex(node.target)}=${parens(printTex(node.value), precedence(node.value) === 0)}`
    case 'block':
      return node.body.map(printTex).join('\\;\\;\n')
    case 'return':
      return node.value === null ? '\\mathbf{return}' : `\\mathbf{return}\\;${printTex(node.value)}`
    case 'unsupported':
      return `\\text{${escape(node.text)}}`
    default:
      return `\\text{${node.kind}}`
  }
}

function parens(tex: string, wrap: boolean): string {
  return wrap ? `\\left(${tex}\\right)` : tex
}

/** A variable: Greek letters and constants by their signs, other names as written (escaped). */
function symbol(name: string): string {
  const s = own(SYMBOLS, name) ?? escape(name)
  // A leading space keeps a name from running into a command before it (\cdot x, not \cdotx).
  return s.startsWith('\\') ? s : ` ${s}`
}

/** Characters that mean something to LaTeX, escaped. */
function escape(text: string): string {
  return text.replace(/[\\{}#$%&^_~]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\textasciicircum{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`,
  )
}

function call(callee: Expr, args: string[]): string {
  const name = callee.kind === 'name' ? callee.name : callee.kind === 'field' ? callee.name : null
  if (name === null) return `${printTex(callee)}\\left(${args.join(',')}\\right)`
  const template = own(FUNCTIONS, name)?.[args.length]
  if (template) return template(args)
  const variadic = own(VARIADIC, name)
  if (variadic) return `${variadic}\\left(${args.join(',')}\\right)`
  return `\\mathrm{${escape(name)}}\\left(${args.join(',')}\\right)`
}

function accessed(object: Expr): string {
  const atom = ['index', 'field', 'array', 'number', 'string', 'boolean', 'call', 'record', 'paren', 'name']
  return parens(printTex(object), !atom.includes(object.kind))
}

/** Rows of a matrix literal: a vector of numbers is a column, a list of rows a matrix. */
function arrayTex(items: Expr[], nested: boolean): string {
  const isArray = (e: Expr) => e.kind === 'array'
  const mixed = items.some(isArray) && !items.every(isArray)
  const formRow = nested || mixed
  const tex = items
    .map((e) => (e.kind === 'array' ? arrayTex(e.items, !nested) : printTex(e)))
    .join(formRow ? '&' : '\\\\')
  return mixed || !formRow || !nested ? `\\begin{bmatrix}${tex}\\end{bmatrix}` : tex
}

/** a + b - c ... with a loop down the left side, so a long chain prints without deep recursion. */
function printChain(node: Binary): string {
  const { spine, leaf } = leftSpine(node)
  let tex = printTex(leaf)
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!
    const [l, r] = operandParens(b, [b.left, b.right], true)
    let left = parens(tex, l!)
    let right = parens(printTex(b.right), r!)
    const op = operation(b)
    if (op === 'divide') {
      tex = `\\frac{${left}}{${right}}`
      continue
    }
    if (op === 'pow') {
      left = `{${left}}`
      right = `{${right}}`
      if (b.left.kind === 'ternary' || operation(b.left) === 'divide') left = `\\left(${left}\\right)`
    }
    tex = op === 'multiply' && b.implicit ? `${left}~${right}` : left + (own(OPERATORS, op) ?? b.op) + right
  }
  return tex
}
