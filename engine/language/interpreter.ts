/**
 * The notebook language's interpreter: it walks the tree mathjs parses and calls the engine.
 * mathjs is used only as a parser; user text never reaches eval, Function, or mathjs's own
 * evaluate/compile, and property access only ever reads our own records (never JS objects).
 */
import type { MathNode } from 'mathjs'
import { create, parseDependencies } from 'mathjs'
import type { Value } from '../ad/value.ts'
import { concrete } from '../ad/value.ts'
import { attachNotes, collectNotes } from '../ad/notes.ts'
import { EngineError, withContext } from '../errors.ts'
import { chargeSteps, withBudget } from '../limits.ts'
import * as ops from '../ops/index.ts'
import { Tensor, describeShape, identity, scalar, vector } from '../tensor/tensor.ts'
import { BUILTINS, CONSTANTS } from './builtins.ts'
import { LangError } from './errors.ts'
import type { LangFunction, LangValue } from './values.ts'
import { callFunction, describe, isFunction, isRecord, tensorOperand } from './values.ts'

const math = create({ parseDependencies })

/** Parses one statement; syntax errors become LangErrors with a 1-based column. */
export function parseStatement(text: string): MathNode {
  try {
    return math.parse(text)
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message))
      throw new LangError(
        'syntax error: the expression nests too deeply to read: split it into several statements',
        'syntax',
      )
    const e = err as Error & { char?: number }
    const message = e.message.replace(/\s*\(char \d+\)$/, '')
    const error = new LangError(`syntax error: ${message}`, 'syntax')
    if (typeof e.char === 'number') {
      // mathjs counts characters from 1: char is the 1-based position of the offending token.
      const before = text.slice(0, e.char - 1)
      const line = before.split('\n').length
      error.span = { line, column: e.char - 1 - before.lastIndexOf('\n') }
    }
    throw error
  }
}

/** Variables in a chain of scopes: a function call's arguments, then where it was defined. */
export class Scope {
  readonly vars = new Map<string, LangValue>()
  constructor(readonly parent: Scope | null = null) {}

  /** The innermost scope that defines name, if any. */
  private owner(name: string): Scope | null {
    return this.vars.has(name) ? this : (this.parent?.owner(name) ?? null)
  }

  lookup(name: string): LangValue | undefined {
    const s = this.owner(name)
    if (s !== null) return s.vars.get(name)
    return BUILTINS.get(name) ?? CONSTANTS.get(name)
  }

  has(name: string): boolean {
    return this.owner(name) !== null || BUILTINS.has(name) || CONSTANTS.has(name)
  }

  define(name: string, value: LangValue): void {
    if (BUILTINS.has(name)) {
      throw new LangError(`${name} is a built-in function and cannot be redefined; choose another name`, 'name')
    }
    this.vars.set(name, value)
  }
}

/** Limits that keep a runaway cell from hanging the page. */
const MAX_CALL_DEPTH = 200
let depth = 0

function evalNode(node: MathNode, scope: Scope): LangValue {
  chargeSteps(1)
  try {
    return evaluateNode(node, scope)
  } catch (err) {
    // The innermost operation or call that failed is where the error is reported.
    if (
      err instanceof EngineError &&
      (node.type === 'OperatorNode' || node.type === 'FunctionNode' || node.type === 'AccessorNode')
    ) {
      const e = err as LangError
      e.span ??= { line: 1 }
      e.span.snippet ??= snippet(node)
    }
    throw err
  }
}

/**
 * Evaluates one statement of a cell under the resource budget (engine/limits.ts), and attaches
 * the notes its derivatives raised (a subgradient used at a kink) to its value for display.
 */
export function evaluate(node: MathNode, scope: Scope): LangValue {
  try {
    const { result, notes } = collectNotes(() => withBudget(() => evalNode(node, scope)))
    attachNotes(result, notes)
    return result
  } catch (err) {
    throw outOfResources(err)
  }
}

/** JavaScript's own limits (stack depth, allocation size) in the language's words. */
function outOfResources(err: unknown): unknown {
  if (!(err instanceof RangeError)) return err
  if (/call stack/i.test(err.message))
    return new LangError(
      'this expression nests too deeply to evaluate: split it into several statements or functions',
      'limit',
    )
  if (/array|allocation/i.test(err.message))
    return new LangError(`not enough memory for this computation (${err.message}): use smaller sizes`, 'limit')
  return err
}

/** The expression as the parser writes it back, shortened: a very long one would drown the message. */
function snippet(node: MathNode): string {
  let text: string
  try {
    text = node.toString()
  } catch {
    return node.type // too deep to print
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

function evaluateNode(node: MathNode, scope: Scope): LangValue {
  const n = node as MathNode & Record<string, unknown>
  switch (node.type) {
    case 'ConstantNode':
      return constant(n.value)
    case 'SymbolNode':
      return symbol(n.name as string, scope)
    case 'ParenthesisNode':
      return evalNode(n.content as MathNode, scope)
    case 'OperatorNode':
      return operator(n.op as string, n.args as MathNode[], scope, n.implicit === true)
    case 'ConditionalNode':
      return conditional(n.condition as MathNode, n.trueExpr as MathNode, n.falseExpr as MathNode, scope)
    case 'FunctionNode':
      return functionCall(n.fn as MathNode, n.args as MathNode[], scope)
    case 'FunctionAssignmentNode': {
      const f = defineFunction(n.name as string, n.params as string[], n.expr as MathNode, node, scope)
      scope.define(f.name, f)
      return f
    }
    case 'AssignmentNode': {
      if (n.index) {
        throw new LangError(
          'assigning into part of a vector or matrix is not supported: build a new one (for example with concat)',
        )
      }
      const name = (n.object as MathNode & { name: string }).name
      const value = evalNode(n.value as MathNode, scope)
      scope.define(name, value)
      return value
    }
    case 'ArrayNode':
      return arrayLiteral(n.items as MathNode[], scope)
    case 'AccessorNode':
      return access(n.object as MathNode, n.index as MathNode & { dimensions: MathNode[]; dotNotation: boolean }, scope)
    case 'RangeNode':
      return vector(rangeValues(n, scope))
    case 'RelationalNode': {
      const conds = n.conditionals as string[]
      const params = (n.params as MathNode[]).map((p) => evalNode(p, scope))
      let result: Value = scalar(1)
      // mathjs names each comparison of a chain (a < b <= c) by its function: smaller, smallerEq...
      conds.forEach((c, i) => (result = ops.mul(result, compare(CHAINED[c] ?? c, params[i]!, params[i + 1]!))))
      return result
    }
    case 'BlockNode': {
      let last: LangValue
      for (const b of n.blocks as { node: MathNode }[]) last = evalNode(b.node, scope)
      return last
    }
    case 'ObjectNode': {
      // The parser stores fields in a plain object, where a field named __proto__ would vanish.
      if (Object.getPrototypeOf(n.properties) !== Object.prototype)
        throw new LangError('__proto__ cannot be the name of a field')
      const fields = new Map<string, LangValue>()
      for (const [k, v] of Object.entries(n.properties as Record<string, MathNode>)) fields.set(k, evalNode(v, scope))
      return { kind: 'record', tag: 'record', fields }
    }
    default:
      throw new LangError(
        `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not part of the notebook language`,
      )
  }
}

function constant(v: unknown): LangValue {
  if (typeof v === 'number') return scalar(v)
  if (typeof v === 'string' || typeof v === 'boolean') return v
  throw new LangError(`the constant ${String(v)} is not supported`)
}

function symbol(name: string, scope: Scope): LangValue {
  if (scope.has(name)) return scope.lookup(name)
  const near = nearestName(name, scope)
  throw new LangError(`${name} is not defined${near ? ` (did you mean ${near}?)` : ''}`, 'name')
}

function nearestName(name: string, scope: Scope): string | undefined {
  const names = new Set<string>([...BUILTINS.keys(), ...CONSTANTS.keys()])
  for (let s: Scope | null = scope; s !== null; s = s.parent) for (const k of s.vars.keys()) names.add(k)
  let best: string | undefined
  let bestD = name.length <= 3 ? 1 : 2
  for (const k of names) {
    const d = editDistance(name, k)
    if (d <= bestD && d > 0) [best, bestD] = [k, d - 0.5]
  }
  return best
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

// -----------------------------------------------------------------------------------------------
// Values and operators

function operator(op: string, argNodes: MathNode[], scope: Scope, implicit: boolean): LangValue {
  if (op === 'and' || op === 'or') {
    const a = truth(evalNode(argNodes[0]!, scope), op)
    const b = truth(evalNode(argNodes[1]!, scope), op)
    return op === 'and' ? ops.mul(ops.ne(a, 0), ops.ne(b, 0)) : ops.ne(ops.add(ops.ne(a, 0), ops.ne(b, 0)), 0)
  }
  const args = argNodes.map((a) => evalNode(a, scope))
  // f(x)(2) parses as an implicit product; with a function on the left it is a call.
  if (implicit && op === '*' && isFunction(args[0])) return callFunction(args[0], [args[1]])
  const t = (i: number) => tensorOperand(args[i], `the operator ${op}`)
  if (args.length === 1) {
    switch (op) {
      case '-':
        return ops.neg(t(0))
      case '+':
        return t(0)
      case "'":
        return ops.transpose(t(0))
      case 'not':
        return ops.eq(truth(args[0], op), 0)
    }
  }
  switch (op) {
    case '+':
      return ops.add(t(0), t(1))
    case '-':
      return ops.sub(t(0), t(1))
    case '.*':
      return ops.mul(t(0), t(1))
    case './':
      return ops.div(t(0), t(1))
    case '.^':
      return ops.pow(t(0), t(1))
    case '*': {
      const a = t(0)
      const b = t(1)
      return a.shape.length === 0 || b.shape.length === 0 ? ops.mul(a, b) : ops.matmul(a, b)
    }
    case '/': {
      const b = t(1)
      if (b.shape.length !== 0) {
        throw new LangError(
          `division by a ${describeShape(b.shape)} is not defined: use ./ to divide elementwise, or multiply by inv(B)`,
        )
      }
      return ops.div(t(0), b)
    }
    case '^':
      return power(t(0), t(1))
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
      return compare(op, args[0], args[1])
  }
  throw new LangError(`the operator ${op} is not part of the notebook language`)
}

const CHAINED: Record<string, string> = {
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '==',
  unequal: '!=',
}

function truth(v: LangValue, op: string): Value {
  return tensorOperand(v, `the operator ${op}`)
}

function compare(op: string, a: LangValue, b: LangValue): Value {
  if (typeof a === 'string' && typeof b === 'string' && (op === '==' || op === '!=')) {
    return scalar((a === b) === (op === '==') ? 1 : 0)
  }
  const x = tensorOperand(a, `the comparison ${op}`)
  const y = tensorOperand(b, `the comparison ${op}`)
  const f = { '<': ops.lt, '<=': ops.le, '>': ops.gt, '>=': ops.ge, '==': ops.eq, '!=': ops.ne }[op]
  if (!f) throw new LangError(`unknown comparison ${op}`)
  return f(x, y)
}

/** x^y: a power of a number, or an integer power of a square matrix (repeated products). */
function power(x: Value, y: Value): Value {
  if (x.shape.length === 0) return ops.pow(x, y)
  const k = y.shape.length === 0 ? concrete(y).item() : NaN
  const square = x.shape.length === 2 && x.shape[0] === x.shape[1]
  if (!(y instanceof Tensor))
    throw new LangError('the exponent of a matrix power cannot depend on the variable being differentiated')
  if (square && Number.isInteger(k) && k < 0) {
    throw new LangError(`a negative power of a matrix is a power of its inverse: write inv(A) ^ ${-k}`)
  }
  if (!square || !Number.isInteger(k) || k < 0) {
    throw new LangError(
      `^ raises a number, or a square matrix to a whole power; for a ${describeShape(x.shape)} use .^ to raise each element`,
    )
  }
  // By repeated squaring: A^1000000 takes 40 products, not a million.
  let result: Value = identity(x.shape[0]!)
  let base: Value = x
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = ops.matmul(result, base)
    if (e > 1) base = ops.matmul(base, base)
  }
  return result
}

function conditional(c: MathNode, a: MathNode, b: MathNode, scope: Scope): LangValue {
  const cond = evalNode(c, scope)
  if (typeof cond === 'boolean') return evalNode(cond ? a : b, scope)
  const t = tensorOperand(cond, 'the condition of ? :')
  // A single condition chooses a branch; a tensor of conditions chooses elementwise.
  if (t.shape.length === 0) return evalNode(concrete(t).item() !== 0 ? a : b, scope)
  return ops.ifelse(t, tensorOperand(evalNode(a, scope), '? :'), tensorOperand(evalNode(b, scope), '? :'))
}

// -----------------------------------------------------------------------------------------------
// Functions

function defineFunction(name: string, params: string[], body: MathNode, node: MathNode, scope: Scope): LangFunction {
  return {
    kind: 'function',
    name,
    params,
    source: node.toString(),
    tex: node.toTex(),
    call(args) {
      if (args.length !== params.length) {
        throw new LangError(
          `${name} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')}), but was given ${args.length}`,
        )
      }
      if (++depth > MAX_CALL_DEPTH) {
        throw new LangError(
          `${name}: more than ${MAX_CALL_DEPTH} nested calls; is a function calling itself without end?`,
          'limit',
        )
      }
      try {
        // Arguments live in a fresh scope whose parent is where the function was defined.
        const local = new Scope(scope)
        params.forEach((p, i) => local.vars.set(p, args[i]))
        return evalNode(body, local)
      } catch (err) {
        throw withContext(stackOverflow(err, name), `inside ${name}`)
      } finally {
        depth--
      }
    },
  }
}

/** JavaScript's stack can run out before MAX_CALL_DEPTH when a body nests deeply: say so in the language's words. */
function stackOverflow(err: unknown, name: string): unknown {
  if (!(err instanceof RangeError && /call stack/i.test(err.message))) return err
  return new LangError(`${name}: too many nested calls; is a function calling itself without end?`, 'limit')
}

function functionCall(fnNode: MathNode, argNodes: MathNode[], scope: Scope): LangValue {
  const callee = evalNode(fnNode, scope)
  if (!isFunction(callee)) {
    const name = fnNode.type === 'SymbolNode' ? (fnNode as MathNode & { name: string }).name : fnNode.toString()
    throw new LangError(`${name} is ${describe(callee)}, not a function, so ${name}(...) cannot be called`)
  }
  // An inline definition as an argument, gradient(q(v) = sum(v .* v) / 2, x), is an anonymous function.
  const args = argNodes.map((a) => {
    if (a.type !== 'FunctionAssignmentNode') return evalNode(a, scope)
    const d = a as MathNode & { name: string; params: string[]; expr: MathNode }
    return defineFunction(d.name, d.params, d.expr, a, scope)
  })
  return callee.call(args)
}

// -----------------------------------------------------------------------------------------------
// Arrays, indexing, ranges

function arrayLiteral(items: MathNode[], scope: Scope): Value {
  if (items.length > 0 && items.every((i) => i.type === 'ArrayNode')) {
    const rows = items.map((row) =>
      (row as MathNode & { items: MathNode[] }).items.map((i) => tensorOperand(evalNode(i, scope), 'a matrix entry')),
    )
    // [x; y] stacks vectors (or numbers) into one longer vector, as in Julia: [3; 4] is a vector.
    if (rows.every((r) => r.length === 1 && r[0]!.shape.length <= 1)) {
      return ops.concat(
        rows.map((r) => ops.reshape(r[0]!, [r[0]!.shape[0] ?? 1])),
        0,
      )
    }
    const built = rows.map((r) => ops.stack(r))
    return ops.stack(built)
  }
  const values = items.map((i) => tensorOperand(evalNode(i, scope), 'an array entry'))
  // Plain numbers make a vector directly; stacking them one operation each is only needed
  // when some entry carries a derivative.
  if (values.every((v) => v instanceof Tensor && v.shape.length === 0))
    return vector(values.map((v) => (v as Tensor).data[0]!))
  return ops.stack(values)
}

function rangeValues(n: Record<string, unknown>, scope: Scope): number[] {
  const num = (node: MathNode) => concrete(tensorOperand(evalNode(node, scope), 'a range')).item()
  const start = num(n.start as MathNode)
  const end = num(n.end as MathNode)
  const step = n.step ? num(n.step as MathNode) : 1
  if (step === 0) throw new LangError('a range with step 0 never ends')
  const count = Math.floor((end - start) / step + 1e-9) + 1
  if (count > 1e6)
    throw new LangError(`the range ${start}:${end} has ${count} elements, more than the limit of 1000000`, 'limit')
  return Array.from({ length: Math.max(0, count) }, (_, i) => start + i * step)
}

function access(objNode: MathNode, index: { dimensions: MathNode[]; dotNotation: boolean }, scope: Scope): LangValue {
  const obj = evalNode(objNode, scope)
  if (index.dotNotation) {
    const key = String((index.dimensions[0] as MathNode & { value: unknown }).value)
    if (!isRecord(obj)) throw new LangError(`${describe(obj)} has no field ${key}`)
    if (!obj.fields.has(key)) {
      throw new LangError(
        `a ${obj.tag} object has no field ${key}; its fields are ${[...obj.fields.keys()].join(', ')}`,
      )
    }
    return obj.fields.get(key)
  }
  const x = tensorOperand(obj, 'indexing')
  const dims = index.dimensions
  if (dims.length !== x.shape.length) {
    const hint = x.shape.length === 2 && dims.length === 1 ? ': write A[i, j] for an element or A[i, :] for a row' : ''
    throw new LangError(
      `a ${describeShape(x.shape)} needs ${x.shape.length} indices, but ${dims.length} were given${hint}`,
    )
  }
  const spec = dims.map((d, axis) => {
    // Inside an index, end is the length of that dimension (1-based, as in Julia and MATLAB).
    const local = new Scope(scope)
    local.vars.set('end', scalar(x.shape[axis]!))
    if (d.type === 'RangeNode')
      return rangeValues(d as unknown as Record<string, unknown>, local).map((i) => toIndex(i, axis, x))
    const v = concrete(tensorOperand(evalNode(d, local), 'an index'))
    if (v.shape.length === 0) return toIndex(v.item(), axis, x)
    return Array.from(v.data, (i) => toIndex(i, axis, x))
  })
  return ops.getindex(x, spec)
}

function toIndex(i: number, axis: number, x: Value): number {
  if (!Number.isInteger(i) || i < 1 || i > x.shape[axis]!) {
    const what = Number.isInteger(i) ? 'is out of range' : 'is not a whole number'
    throw new LangError(
      `index ${i} ${what} for dimension ${axis + 1} of a ${describeShape(x.shape)}: indices run from 1 to ${x.shape[axis]}`,
    )
  }
  return i - 1
}
