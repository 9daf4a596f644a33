/**
 * The notebook language's interpreter: it walks the project's own syntax tree (syntax/tree.ts,
 * which each front-end lowers its syntax into) and calls the engine. User text never reaches
 * eval or Function, and field access only ever reads our own records (never JS objects).
 */
import { attachNotes, collectNotes, enterFunction, leaveFunction } from '../ad/notes.ts'
import { concrete } from '../ad/value.ts'
import { EngineError, withContext } from '../errors.ts'
import { chargeSteps, withBudget } from '../limits.ts'
import * as ops from '../ops/index.ts'
import { scalar, vector } from '../tensor/tensor.ts'
import {
  concatLiteral,
  indexInto,
  mutationRefused,
  rangeValues,
  replaceAt,
  tupleItem,
  underReverseMode,
} from './arrays.ts'
import {
  JumpSignal,
  ReturnSignal,
  bindParams,
  checkParams,
  comprehension,
  destructure,
  destructured,
  forLoop,
  strayJump,
  whileLoop,
} from './control.ts'
import { refuseBatched } from './batched.ts'
import { withBlock } from './contexts.ts'
import { LangError } from './errors.ts'
import { broadcastCall } from './broadcast.ts'
import { binary } from './operators.ts'
import { juliaBinary } from './operatorsJulia.ts'
import { arrayIn, binaryIn, compareIn, fieldIn, importIn, unaryIn } from './dialects.ts'
import { bindName, dictItem, indexAssignmentRefused, isDict, pythonBinary } from './python/operators.ts'
import {
  acceptsKeywords,
  callWithKeywords,
  outOfResources,
  printed,
  registerWholeArray,
  stackOverflow,
} from './functions.ts'
import { checkNumberCall } from './julia/scalarCalls.ts'
import { callableStruct, setField } from './julia/structs.ts'
import { Scope, lookupName } from './scope.ts'
import { leavingFunction, teachArgument, teachCall, teachCallee } from './teaching.ts'
import { printSource, shortSource } from './syntax/source.ts'
import { printTex } from './syntax/latex.ts'
import type { Binary, Dialect, Expr, Keyword, Lambda, SyntaxNode, Target } from './syntax/tree.ts'
import { ruleDefined, withRules } from './rules.ts'
import { leftSpine } from './syntax/walk.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe, isFunction, isTuple, tensorOperand, tuple } from './values.ts'

export { Scope } from './scope.ts'

/** Limits that keep a runaway cell from hanging the page. */
const MAX_CALL_DEPTH = 200
let depth = 0

/**
 * Evaluates one statement of a cell under the resource budget (engine/limits.ts), and attaches
 * the notes its derivatives raised (a subgradient used at a kink) to its value for display.
 */
export function evaluate(node: Expr, scope: Scope): LangValue {
  try {
    const { result, notes } = collectNotes(() => withBudget(() => evalNode(node, scope)))
    attachNotes(result, notes)
    return result
  } catch (err) {
    throw outOfResources(strayJump(err))
  }
}

/** Operations whose failure is reported with their own text: the innermost one that failed. */
const OPERATIONS = new Set(['unary', 'binary', 'call', 'index', 'field'])

function evalNode(node: Expr, scope: Scope): LangValue {
  if (node.kind === 'binary') return binaryChain(node, scope)
  chargeSteps(1)
  try {
    return evaluateNode(node, scope)
  } catch (err) {
    if (OPERATIONS.has(node.kind)) markWhere(err, node)
    throw err
  }
}

function markWhere(err: unknown, node: SyntaxNode): void {
  if (!(err instanceof EngineError)) return
  const e = err as LangError
  e.span ??= { line: node.pos.line }
  e.span.snippet ??= shortSource(node)
  e.span.at ??= node.pos
}

/**
 * a + b - c ...: evaluated with a loop down the left side, so that a sum of thousands of terms
 * gives its value instead of exhausting the stack.
 */
function binaryChain(node: Binary, scope: Scope): LangValue {
  const { spine, leaf } = leftSpine(node)
  chargeSteps(spine.length)
  let acc: LangValue
  try {
    acc = evalNode(leaf, scope)
  } catch (err) {
    markWhere(err, spine[spine.length - 1]!)
    throw err
  }
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!
    try {
      const left = acc
      acc = binaryIn(b, left, () => evalNode(b.right, scope))
    } catch (err) {
      markWhere(err, b)
      throw err
    }
  }
  return acc
}

function evaluateNode(node: Expr, scope: Scope): LangValue {
  switch (node.kind) {
    case 'number':
      return scalar(node.value)
    case 'string':
    case 'boolean':
      return node.value
    case 'name':
      return withRules(node.name, lookupName(node.name, scope, node.dialect), scope)
    case 'paren':
      return evalNode(node.expr, scope)
    case 'unary':
      return unaryIn(node, evalNode(node.operand, scope))
    case 'binary':
      return binaryChain(node, scope)
    case 'compare': {
      const operands = node.operands.map((o) => evalNode(o, scope))
      return compareIn(node, operands)
    }
    case 'logical': {
      const left = evalNode(node.left, scope)
      const holds = isTrue(left, node.op)
      if (node.op === '&&' ? !holds : holds) return holds
      return evalNode(node.right, scope)
    }
    case 'ternary':
      return conditional(node.condition, node.then, node.otherwise, node.elementwise, scope)
    case 'call':
      return call(node.callee, node.args, node.keywords, node.broadcast, scope, node.dialect)
    case 'index': {
      const object = evalNode(node.object, scope)
      if (node.dialect === 'python' && isDict(object))
        return dictItem(
          object,
          node.indices.map((e) => evalNode(e, scope)),
        )
      const withEnd = evaluateWithEnd(scope)
      return isTuple(object) ? tupleItem(object, node, withEnd) : indexInto(object, node, withEnd)
    }
    case 'tuple':
      return tuple(node.items.map((e) => evalNode(e, scope)))
    case 'field':
      return fieldIn(node, evalNode(node.object, scope))
    case 'range':
      return vector(rangeValues(node, (e) => evalNode(e, scope)))
    case 'array':
      return arrayIn(node, (e) => evalNode(e, scope))
    case 'concat':
      return concatLiteral(node.rows, (e) => evalNode(e, scope))
    case 'record': {
      const fields = new Map<string, LangValue>()
      for (const f of node.fields) fields.set(f.name, evalNode(f.value, scope))
      return { kind: 'record', tag: 'record', fields }
    }
    case 'function': {
      const f = defineFunction(node, scope)
      if (node.defines && node.name !== null) scope.define(node.name, f)
      if (node.rule) ruleDefined(node.rule, scope)
      return f
    }
    case 'assign':
      return assign(node.target, node.op, node.value, scope)
    case 'block': {
      // A local block (Julia's let, a function's body) is a hard scope: see Scope.assign.
      const inner = node.scope === 'local' ? new Scope(scope, false, true) : scope
      let last: LangValue
      for (const e of node.body) last = evalNode(e, inner)
      return last
    }
    case 'if': {
      for (const b of node.branches) if (isTrue(evalNode(b.condition, scope), 'if')) return evalNode(b.body, scope)
      return node.otherwise ? evalNode(node.otherwise, scope) : undefined
    }
    case 'while':
      return whileLoop(node, scope, evalNode, (v) => isTrue(v, 'while'))
    case 'for':
      return forLoop(node, scope, evalNode)
    case 'comprehension':
      return comprehension(node, scope, evalNode, (v) => isTrue(v, 'a comprehension'))
    case 'break':
    case 'continue':
      throw new JumpSignal(node.kind)
    case 'return':
      throw new ReturnSignal(node.value === null ? undefined : evalNode(node.value, scope))
    case 'unsupported':
      throw new LangError(node.message)
    case 'with':
      return withBlock(node, scope, evalNode)
    case 'import':
      // using Zygote: the packages are built in; an alias (import ForwardDiff as FD) is bound (H2).
      for (const [name, value] of importIn(node)) scope.define(name, value, node.dialect === 'python')
      return undefined
    default:
      throw new LangError(`${CONSTRUCTS[node.kind] ?? node.kind} is not part of the notebook language yet`)
  }
}

/** The constructs not run yet, named as a learner would recognise them. */
const CONSTRUCTS: Partial<Record<Expr['kind'], string>> = {
  splat: 'splatting (xs...) outside the arguments of a call',
}

/** Evaluates an index with end bound to the length of the dimension being indexed. */
function evaluateWithEnd(scope: Scope): (e: Expr, end: number) => LangValue {
  return (e, end) => {
    const local = new Scope(scope)
    local.vars.set('end', scalar(end))
    return evalNode(e, local)
  }
}

/** A single true or false: a boolean or a number (nonzero is true). */
function isTrue(v: LangValue, where: string): boolean {
  if (typeof v === 'boolean') return v
  const t = refuseBatched(tensorOperand(v, `the condition of ${where}`), `the condition of ${where}`)
  if (t.shape.length !== 0)
    throw new LangError(`the condition of ${where} must be a single true or false, not ${describe(v)}`)
  const x = concrete(t).item()
  // NaN compares false to everything, so it would quietly pick a branch: say so instead.
  if (Number.isNaN(x))
    throw new LangError(`the condition of ${where} is NaN (not a number), so it is neither true nor false`)
  return x !== 0
}

function conditional(c: Expr, a: Expr, b: Expr, elementwise: boolean, scope: Scope): LangValue {
  const cond = evalNode(c, scope)
  if (typeof cond === 'boolean') return evalNode(cond ? a : b, scope)
  const t = tensorOperand(cond, 'the condition of ? :')
  // A single condition chooses a branch; in ad, a tensor of conditions chooses elementwise.
  if (t.shape.length === 0 || !elementwise) return evalNode(isTrue(t, '? :') ? a : b, scope)
  return ops.ifelse(t, tensorOperand(evalNode(a, scope), '? :'), tensorOperand(evalNode(b, scope), '? :'))
}

function assign(target: Target, op: string | null, valueNode: Expr, scope: Scope): LangValue {
  if (target.kind === 'index' && target.dialect === 'python') throw indexAssignmentRefused()
  if (target.kind === 'index' && target.object.kind === 'name') {
    // x[i] = v rebinds x to a copy with those entries replaced.
    const name = target.object.name
    const old = lookupName(name, scope)
    if (target.dialect === 'julia' && underReverseMode(old)) throw mutationRefused(name)
    const withEnd = evaluateWithEnd(scope)
    const value =
      op === null
        ? evalNode(valueNode, scope)
        : update(op, target.dialect, indexInto(old, target, withEnd), () => evalNode(valueNode, scope))
    if (target.dialect === 'julia' && underReverseMode(value)) throw mutationRefused(name)
    scope.assign(name, replaceAt(old, target, value, withEnd))
    return value
  }
  if (target.kind === 'field' && target.object.kind === 'name' && target.object.dialect === 'julia') {
    const next = () => evalNode(valueNode, scope) // p.a = v changes a mutable struct's field (julia/structs.ts)
    return setField(evalNode(target.object, scope), target.name, next, op, update)
  }
  if (target.kind !== 'name') {
    if (op !== null) throw new LangError(`${op}= needs a single name on its left`)
    const value = evalNode(valueNode, scope)
    destructure(target, value, (name, v) => bindName(target, scope, name, v))
    return value
  }
  const value =
    op === null
      ? evalNode(valueNode, scope)
      : update(op, target.dialect, lookupName(target.name, scope, target.dialect), () => evalNode(valueNode, scope))
  // In a loop or block, an outer name is updated; in a function, a new name is the function's own.
  bindName(target, scope, target.name, value)
  return value
}

/** x op= v: x op v, with the operator's meaning in the cell's language (Julia's x .+= v broadcasts). */
function update(op: string, dialect: Dialect | undefined, old: LangValue, value: () => LangValue): LangValue {
  if (dialect === 'python') return pythonBinary(op, old, value())
  if (dialect !== 'julia') return binary(op, false, false, old, value)
  const dotted = op.length > 1 && op.startsWith('.')
  return juliaBinary(dotted ? op.slice(1) : op, dotted, old, value())
}

// -----------------------------------------------------------------------------------------------
// Functions

function defineFunction(node: Lambda, scope: Scope): LangFunction {
  const name = node.name ?? 'this anonymous function'
  const params = node.params.filter((p) => !p.keyword).map((p) => p.name)
  checkParams(node.params, name)
  const invoke = (args: LangValue[], keywords?: Map<string, LangValue>): LangValue => {
    // Arguments live in a fresh scope whose parent is where the function was defined.
    const local = new Scope(scope, false, true)
    bindParams(node.params, args, local, name, evalNode, keywords, node.dialect === 'python')
    if (++depth > MAX_CALL_DEPTH) {
      throw new LangError(
        `${name}: more than ${MAX_CALL_DEPTH} nested calls; is a function calling itself without end?`,
        'limit',
      )
    }
    enterFunction(name) // for notes that say where (ad/notes.ts)
    try {
      return evalNode(node.body, local)
    } catch (err) {
      if (err instanceof ReturnSignal) return err.value
      // A break in a function does not reach the loop around its call.
      throw withContext(leavingFunction(stackOverflow(strayJump(err), name), name, params), `inside ${name}`)
    } finally {
      depth--
      leaveFunction()
    }
  }
  let source: string | undefined
  let tex: string | undefined
  const f: LangFunction = {
    kind: 'function',
    name,
    params,
    // Printed only when shown: a closure made on every call need not be printed each time.
    get source() {
      return (source ??= node.text ?? printed(() => printSource(node), `${name}(${params.join(', ')}) = ...`))
    },
    get tex() {
      // A rule is shown as written: its meaning is the code, not a formula.
      return (tex ??= node.rule ? '' : printed(() => printTex(node), ''))
    },
    call: (args) => invoke(args),
  }
  if (node.params.some((p) => p.keyword) || node.dialect === 'python') acceptsKeywords(f, invoke)
  registerWholeArray(f, node, scope, evalNode)
  return f
}

/** A call's argument; a bare `:` (Julia's Colon(), as in reshape(x, :, 2)) is the string ":". */
function argument(node: Expr, scope: Scope): LangValue {
  if (node.kind === 'range' && node.start === null && node.step === null && node.stop === null) return ':'
  return evalNode(node, scope)
}

function call(
  calleeNode: Expr,
  argNodes: Expr[],
  keywords: Keyword[],
  broadcast: boolean,
  scope: Scope,
  dialect?: Dialect,
): LangValue {
  // Teaching messages (teaching.ts) name the learner's own function and point as written here.
  const site = { calleeNode, argNodes, broadcast, scope }
  let callee: LangValue
  try {
    callee = evalNode(calleeNode, scope)
  } catch (err) {
    throw teachCallee(err, site)
  }
  callee = callableStruct(callee, (name) => scope.lookup(name)) // (a::T)(x) = ... for a value of T
  if (!isFunction(callee)) {
    const name = printSource(calleeNode)
    throw new LangError(`${name} is ${describe(callee)}, not a function, so ${name}(...) cannot be called`)
  }
  // An inline definition as an argument (a function that defines nothing) is an anonymous function.
  // f(xs...) passes a tuple's or a vector's items as separate arguments.
  let args: LangValue[]
  try {
    args = argNodes.flatMap((a) => (a.kind === 'splat' ? destructured(evalNode(a.expr, scope)) : [argument(a, scope)]))
  } catch (err) {
    throw teachArgument(err, callee, site)
  }
  try {
    if (dialect === 'julia' && !broadcast) checkNumberCall(callee, args, calleeNode, argNodes)
    if (keywords.length === 0) return broadcast ? broadcastCall(callee, args, dialect) : callee.call(args)
    // f.(x; k = 1): the keywords go whole to every call.
    const withKeywords = callWithKeywords(callee, keywords, scope, evalNode)
    return broadcast ? broadcastCall(withKeywords, args, dialect) : withKeywords.call(args)
  } catch (err) {
    throw teachCall(err, callee, site)
  }
}
