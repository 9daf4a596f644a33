/**
 * Operator precedence for printing the tree back as text and as LaTeX: where a child needs
 * parentheses that the tree does not hold as a `paren` node. The levels and rules are those of
 * mathjs (the `ad` syntax), so a printed function reads as the learner's definition did.
 */
import type { Expr, SyntaxNode } from './tree.ts'

const BINARY: Record<string, string> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '^': 'pow',
  '%': 'mod',
  mod: 'mod',
  '==': 'equal',
  '!=': 'unequal',
  '<': 'smaller',
  '>': 'larger',
  '<=': 'smallerEq',
  '>=': 'largerEq',
  and: 'and',
  or: 'or',
  xor: 'xor',
  '&': 'bitAnd',
  '|': 'bitOr',
  '^|': 'bitXor',
  '<<': 'leftShift',
  '>>': 'rightArithShift',
  '>>>': 'rightLogShift',
  to: 'to',
  in: 'to',
  '??': 'nullish',
}
const BROADCAST: Record<string, string> = { '*': 'dotMultiply', '/': 'dotDivide', '^': 'dotPow' }
const UNARY: Record<string, string> = {
  '-': 'unaryMinus',
  '+': 'unaryPlus',
  '~': 'bitNot',
  not: 'not',
  "'": 'ctranspose',
  '!': 'factorial',
}

/** table[key] only when the table itself has it: a name like `constructor` is just a name. */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** A name for the operation a node performs (mathjs's function names for operators). */
export function operation(node: SyntaxNode): string {
  switch (node.kind) {
    case 'binary':
      return own(node.broadcast ? BROADCAST : BINARY, node.op) ?? node.op
    case 'unary':
      return own(UNARY, node.op) ?? node.op
    default:
      return node.kind
  }
}

const LEVELS: string[][] = [
  ['assign', 'function'],
  ['ternary'],
  ['or'],
  ['xor'],
  ['and'],
  ['bitOr'],
  ['bitXor'],
  ['bitAnd'],
  ['equal', 'unequal', 'smaller', 'larger', 'smallerEq', 'largerEq', 'compare'],
  ['leftShift', 'rightArithShift', 'rightLogShift'],
  ['to'],
  ['range'],
  ['add', 'subtract'],
  ['multiply', 'divide', 'dotMultiply', 'dotDivide', 'mod'],
  ['implicit multiply'],
  ['unaryPlus', 'unaryMinus', 'bitNot', 'not'],
  ['pow', 'dotPow'],
  ['nullish'],
  ['factorial'],
  ['ctranspose'],
]
const LEVEL = new Map(LEVELS.flatMap((ops, i) => ops.map((op) => [op, i] as const)))

const isNumber = (e: Expr) => e.kind === 'number' || (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number')

/**
 * How tightly a node binds, or null for atoms (names, calls, parentheses...), which never need
 * parentheses. An implicit product binds tighter than `*` (2x / 3 is (2x)/3), except around a
 * fraction of numbers: `1/2 x` is (1/2)·x.
 */
export function precedence(node: SyntaxNode, parent?: SyntaxNode): number | null {
  const op = operation(node)
  if (node.kind === 'binary' && node.implicit && op === 'multiply') {
    const left = node.left
    const fractionLeft =
      left.kind === 'binary' && operation(left) === 'divide' && isNumber(left.left) && isNumber(left.right)
    const numberOverFraction =
      left.kind === 'number' && parent?.kind === 'binary' && operation(parent) === 'divide' && isNumber(parent.left)
    return fractionLeft || numberOverFraction ? LEVEL.get('multiply')! : LEVEL.get('implicit multiply')!
  }
  return LEVEL.get(op) ?? null
}

const RIGHT_ASSOCIATIVE = new Set(['pow', 'dotPow', 'unaryPlus', 'unaryMinus', 'bitNot', 'not'])

const ASSOCIATIVE_WITH: Record<string, string[]> = {
  add: ['add', 'subtract'],
  multiply: ['multiply', 'divide'],
  dotMultiply: ['multiply', 'divide', 'dotMultiply'],
}

/** LaTeX needs no parentheses around (or beside) a fraction or a cases block, nor right of a power. */
const NO_LATEX_PARENS = new Set(['divide', 'ternary'])

/** Which operands of a unary or binary node need parentheses to print as the tree reads. */
export function operandParens(node: SyntaxNode, operands: SyntaxNode[], latex: boolean): boolean[] {
  const prec = precedence(node)!
  const op = operation(node)
  const right = RIGHT_ASSOCIATIVE.has(op)
  const parens = operands.map((arg, i) => {
    const p = precedence(arg, node)
    if (p === null) return false
    if (latex) {
      if (NO_LATEX_PARENS.has(op) || NO_LATEX_PARENS.has(operation(arg))) return false
      if (i === 1 && op === 'pow') return false
    }
    if (operands.length === 1) return p <= prec
    const associative = own(ASSOCIATIVE_WITH, op)?.includes(operation(arg)) ?? false
    if (p === prec && !associative && (i === 0 ? right : !right)) return true
    return p < prec
  })
  // In an implicit product, a factor that starts with a number is bracketed after a bare one:
  // g0.5 is written g0 (0.5), not g0 0.5 (which reads as g00.5).
  if (node.kind === 'binary' && node.implicit && op === 'multiply' && !parens[0] && node.left.kind !== 'paren')
    parens[1] ||= startsWithLiteral(node.right)
  return parens
}

function startsWithLiteral(e: Expr): boolean {
  let cur = e
  for (;;) {
    if (cur.kind === 'binary') cur = cur.left
    else if (cur.kind === 'unary') cur = cur.operand
    else return ['number', 'string', 'boolean'].includes(cur.kind) || (cur.kind === 'unsupported' && cur.literal)
  }
}
