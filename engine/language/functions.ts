/**
 * The learner's functions beyond a plain call: keyword arguments (Julia's `f(x; k = 3)`, and
 * the options record builtins such as plot take), and running `f.(x)` once on whole arrays
 * when f's body is elementwise. That body is then evaluated with every operator and call
 * dotted, which gives what f gives element by element exactly when the body only combines its
 * parameters and single numbers with operators and calls (checked conservatively by walking
 * it); anything else goes element by element (broadcast.ts). Also JavaScript's own limits
 * (stack depth, allocation) said in the language's words.
 */
import { keywordCallOf } from './keywords.ts'
import { isValue } from '../ad/value.ts'
import { LangError } from './errors.ts'
import { DOTTED_OPERATORS } from './operatorsJulia.ts'
import { Scope, lookupName } from './scope.ts'
import type { Dialect, Expr, Keyword, Lambda } from './syntax/tree.ts'
import type { LangFunction, LangValue } from './values.ts'
import { isFunction } from './values.ts'

type Evaluate = (e: Expr, scope: Scope) => LangValue

/** A printed definition, or a stand-in when it nests too deeply to print on this stack. */
export function printed(print: () => string, otherwise: string): string {
  try {
    return print()
  } catch (err) {
    if (err instanceof RangeError) return otherwise
    throw err
  }
}

/** JavaScript's stack can run out before the call-depth limit when a body nests deeply: say so in the language's words. */
export function stackOverflow(err: unknown, name: string): unknown {
  // A plain search: a regular expression compiled with the stack nearly full can overflow it again.
  if (!(err instanceof RangeError && err.message.includes('call stack'))) return err
  return new LangError(`${name}: too many nested calls; is a function calling itself without end?`, 'limit')
}

/** JavaScript's own limits (stack depth, allocation size) in the language's words. */
export function outOfResources(err: unknown): unknown {
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

// -----------------------------------------------------------------------------------------------
// Keyword arguments

export { acceptsKeywords } from './keywords.ts'

/**
 * f(x; k = 1) as a function of the positional arguments: a learner's function with keyword
 * parameters gets them by name; a builtin gets the options record it takes as its last
 * argument (plot(f, a, b; derivative = true) is plot(f, a, b, {derivative: true})). The
 * keywords are evaluated once, here.
 */
export function callWithKeywords(
  callee: LangFunction,
  keywords: Keyword[],
  scope: Scope,
  evaluate: Evaluate,
): LangFunction {
  const names = keywords.map((k) => k.name).join(', ')
  const fields = new Map<string, LangValue>()
  for (const k of keywords) {
    if (fields.has(k.name)) throw new LangError(`${callee.name} was given the keyword ${k.name} twice`)
    fields.set(k.name, evaluate(k.value, scope))
  }
  const own = keywordCallOf(callee)
  const last = callee.params.length - 1
  if (own === undefined && callee.params[last] !== 'options')
    throw new LangError(`${callee.name} takes no keyword arguments, but was given ${names}`)
  const call = (args: LangValue[]): LangValue => {
    if (own !== undefined) return own(args, fields)
    if (args.length !== last) {
      throw new LangError(
        `${callee.name}'s keyword arguments (${names}) come after all of its other arguments: ${callee.params.slice(0, last).join(', ')}`,
      )
    }
    return callee.call([...args, { kind: 'record', tag: 'record', fields }])
  }
  return {
    kind: 'function',
    name: callee.name,
    params: callee.params,
    get source() {
      return callee.source
    },
    ...(callee.elementwise ? { elementwise: true } : {}),
    call,
  }
}

// -----------------------------------------------------------------------------------------------
// f.(x) on whole arrays

/** The body with every operator and call dotted, and the outside names it reads. */
interface WholeArrayForm {
  body: Expr
  /** Names read as values: each must be a single number when f.(x) runs. */
  values: Map<string, Dialect | undefined>
  /** Names called: each must be a function. */
  callees: Map<string, Dialect | undefined>
}

const UNARY = new Set(['-', '+', '!', '√'])

/** The dotted form of a function's body, or null when the body does anything but combine elements. */
export function wholeArrayForm(node: Lambda): WholeArrayForm | null {
  if (node.params.some((p) => p.default || p.rest || p.keyword)) return null
  const locals = new Set(node.params.map((p) => p.name))
  const values = new Map<string, Dialect | undefined>()
  const callees = new Map<string, Dialect | undefined>()
  const dot = (e: Expr): Expr | null => {
    switch (e.kind) {
      case 'number':
      case 'boolean':
        return e
      case 'name':
        if (!locals.has(e.name)) values.set(e.name, e.dialect)
        return e
      case 'paren': {
        const x = dot(e.expr)
        return x && { ...e, expr: x }
      }
      case 'unary': {
        const x = UNARY.has(e.op) && !e.postfix ? dot(e.operand) : null
        return x && { ...e, operand: x, broadcast: true, dialect: 'julia' }
      }
      case 'binary': {
        if (!DOTTED_OPERATORS.has(e.op)) return null
        const left = dot(e.left)
        const right = left && dot(e.right)
        return right && { ...e, left: left!, right, broadcast: true, implicit: false, dialect: 'julia' }
      }
      case 'call': {
        const c = e.callee
        if (c.kind !== 'name' || locals.has(c.name) || c.name === node.name || e.keywords.length > 0) return null
        const args: Expr[] = []
        for (const a of e.args) {
          const x = a.kind === 'splat' ? null : dot(a)
          if (x === null) return null
          args.push(x)
        }
        callees.set(c.name, c.dialect)
        return { ...e, args, broadcast: true, dialect: 'julia' }
      }
      case 'block':
        return e.body.length === 0 ? null : statements(e.body)
      case 'return':
        return e.value === null ? null : dot(e.value)
      default:
        return null
    }
  }
  // Assignments to local names, then the value (a return only as the last statement).
  const statements = (body: Expr[]): Expr | null => {
    const out: Expr[] = []
    for (const [i, s] of body.entries()) {
      const last = i === body.length - 1
      if (s.kind === 'assign') {
        if (last || s.target.kind !== 'name' || (s.op !== null && !DOTTED_OPERATORS.has(s.op))) return null
        const value = dot(
          s.op === null
            ? s.value
            : { ...s, kind: 'binary', op: s.op, left: s.target, right: s.value, broadcast: true, implicit: false },
        )
        if (value === null) return null
        locals.add(s.target.name)
        out.push({ ...s, op: null, value })
      } else if (!last) return null
      else {
        const value = dot(s)
        if (value === null) return null
        out.push(value)
      }
    }
    return { kind: 'block', body: out, scope: 'shared', pos: body[0]!.pos }
  }
  const body = dot(node.body)
  return body && { body, values, callees }
}

/** For each learner's function with an elementwise body: how to run f.(x) once on whole arrays. */
const wholeArrayRunners = new WeakMap<LangFunction, (args: LangValue[]) => LangValue | null>()

/**
 * Registers f's whole-array form, if its body has one. At each f.(x) the names it reads from
 * outside are checked again (they may have changed): single numbers as values, functions as
 * callees; otherwise the runner gives null and f.(x) goes element by element.
 */
export function registerWholeArray(f: LangFunction, node: Lambda, scope: Scope, evaluate: Evaluate): void {
  // The body is walked on the first f.(x), not at every definition (closures are made in loops).
  let form: WholeArrayForm | null | undefined
  const defined = (name: string, dialect: Dialect | undefined, ok: (v: LangValue) => boolean): boolean => {
    try {
      return ok(lookupName(name, scope, dialect))
    } catch {
      return false
    }
  }
  wholeArrayRunners.set(f, (args) => {
    if (form === undefined) form = wholeArrayForm(node)
    if (form === null || args.length !== node.params.length) return null
    for (const [name, dialect] of form.values)
      if (!defined(name, dialect, (v) => typeof v === 'boolean' || (isValue(v) && v.shape.length === 0))) return null
    for (const [name, dialect] of form.callees) if (!defined(name, dialect, isFunction)) return null
    const local = new Scope(scope)
    node.params.forEach((p, i) => local.vars.set(p.name, args[i]))
    return evaluate(form.body, local)
  })
}

export function wholeArrayRunner(f: LangFunction): ((args: LangValue[]) => LangValue | null) | undefined {
  return wholeArrayRunners.get(f)
}
