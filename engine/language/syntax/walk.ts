/**
 * Walking the syntax tree: the children of a node, and the left spine of a chain of binary
 * operators. `1+1+...+1` parses left-deep, one level per term, so everything that walks the
 * tree (lowering, analysis, interpreter, printers) follows such chains with a loop instead of
 * recursion: a long sum must give its value, not overflow the stack (a worker's is small).
 */
import type { Binary, Expr, SyntaxNode } from './tree.ts'

/** The sub-expressions of a node, in source order (assignment targets included). */
export function children(node: SyntaxNode): SyntaxNode[] {
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'name':
    case 'break':
    case 'continue':
    case 'import':
    case 'unsupported':
      return []
    case 'paren':
    case 'splat':
      return [node.expr]
    case 'unary':
      return [node.operand]
    case 'binary':
    case 'logical':
      return [node.left, node.right]
    case 'compare':
      return node.operands
    case 'ternary':
      return [node.condition, node.then, node.otherwise]
    case 'call':
      return [node.callee, ...node.args, ...node.keywords.map((k) => k.value)]
    case 'index':
      return [node.object, ...node.indices]
    case 'field':
      return [node.object]
    case 'range':
      return [node.start, node.step, node.stop].filter((e): e is Expr => e !== null)
    case 'array':
    case 'tuple':
      return node.items
    case 'tuple-target':
      return node.items
    case 'concat':
      return node.rows.flat()
    case 'record':
      return node.fields.map((f) => f.value)
    case 'function':
      return [...node.params.flatMap((p) => (p.default ? [p.default] : [])), node.body]
    case 'assign':
      return [node.target, node.value]
    case 'block':
      return node.body
    case 'if':
      return [...node.branches.flatMap((b) => [b.condition, b.body]), ...(node.otherwise ? [node.otherwise] : [])]
    case 'while':
      return [node.condition, node.body]
    case 'for':
      return [node.target, node.iterable, node.body]
    case 'return':
      return node.value ? [node.value] : []
    case 'comprehension':
      return [node.expr, ...node.clauses.flatMap((c) => [c.target, c.iterable, ...(c.condition ? [c.condition] : [])])]
    case 'with':
      return [node.context, ...(node.target ? [node.target] : []), node.body]
  }
}

/**
 * The binary operators down the left side of node, outermost first, and the operand they end
 * at: for ((a + b) - c) * d that is [*, -, +] and a (parentheses stop the chain).
 */
export function leftSpine(node: Binary): { spine: Binary[]; leaf: Expr } {
  const spine: Binary[] = []
  let cur: Expr = node
  while (cur.kind === 'binary') {
    spine.push(cur)
    cur = cur.left
  }
  return { spine, leaf: cur }
}
