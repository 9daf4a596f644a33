/**
 * The notebook language's built-in functions, under exactly the names lessons use. Each entry
 * checks its arguments and says what was wrong with them, then calls the engine.
 */
import type { Value } from '../ad/value.ts'
import { concrete, isValue } from '../ad/value.ts'
import * as ops from '../ops/index.ts'
import { basis, describeShape, full, identity, scalar, sizeOf, vector } from '../tensor/tensor.ts'
import type { Fn } from '../transforms/index.ts'
import * as T from '../transforms/index.ts'
import { checkAhead, checkElements, chargeSteps, stepsUsed, workUsed } from '../limits.ts'
import { builtin, functionArg } from './args.ts'
import { count, dimension, number, shapeArgs, t } from './builtinArgs.ts'
import { EVERYDAY } from './builtinsEveryday.ts'
import { LangError } from './errors.ts'
import { reportSlider } from './sliders.ts'
import { withChunk } from './transformOptions.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe, isFunction, record } from './values.ts'

// -----------------------------------------------------------------------------------------------
// Argument helpers

/** A learner's function as an engine function of one tensor. */
const asFn = (f: LangValue, who: string): Fn => functionArg(f, who).fn

/** Applies f to each element of x, keeping x's shape; elementwise builtins take x whole. */
function mapElements(x: Value, f: LangValue, who: string): Value {
  if (!isFunction(f)) throw new LangError(`${who} needs a function, but got ${describe(f)}`)
  if (f.elementwise) return t(f.call([x]), who)
  const n = sizeOf(x.shape)
  // One call per element: refuse a loop that cannot fit before it starts (each call is at least a
  // step), and again after the first call, which shows what each one costs.
  const what = `${who} over ${n} elements with ${f.name}`
  const instead = 'Use elementwise operations (sin, abs2, .*, .^ ...) on the whole tensor instead.'
  checkAhead({ steps: n }, what, instead)
  const flat = ops.reshape(x, [n])
  const out: Value[] = []
  const start = { steps: stepsUsed(), work: workUsed() }
  for (let i = 0; i < n; i++) {
    chargeSteps(1, what)
    if (i === 1) {
      const each = { steps: stepsUsed() - start.steps, work: workUsed() - start.work }
      checkAhead({ steps: each.steps * (n - 1), work: each.work * (n - 1) }, what, instead)
    }
    const y = f.call([ops.getindex(flat, [i])])
    if (!isValue(y) || y.shape.length !== 0) {
      throw new LangError(`${who}: ${f.name} must return one number per element, but returned ${describe(y)}`)
    }
    out.push(y)
  }
  return x.shape.length === 0 ? out[0]! : ops.reshape(ops.stack(out), x.shape)
}

// -----------------------------------------------------------------------------------------------
// The table

const table: LangFunction[] = []
const add = (f: LangFunction) => table.push(f)

const elementwise: [string, (x: Value) => Value][] = [
  ['exp', ops.exp],
  ['log', ops.log],
  ['sin', ops.sin],
  ['cos', ops.cos],
  ['tan', ops.tan],
  ['tanh', ops.tanh],
  ['sqrt', ops.sqrt],
  ['abs', ops.abs],
  ['abs2', ops.abs2],
  ['sign', ops.sign],
]
for (const [name, f] of elementwise) add(builtin(name, ['x'], ([x]) => f(t(x, name)), { elementwise: true }))

add(
  builtin(
    'sum',
    ['x', 'dim'],
    ([a, b]) => {
      // sum(fn, X) as in Julia: the sum of fn applied to each element.
      if (isFunction(a)) {
        if (b === undefined) throw new LangError('sum(fn, X) needs the tensor X after the function')
        return ops.sum(mapElements(t(b, 'sum'), a, 'sum'))
      }
      const x = t(a, 'sum')
      return b === undefined ? ops.sum(x) : ops.sum(x, dimension(b, x, 'sum'))
    },
    { arity: [1, 2] },
  ),
)
add(builtin('prod', ['x'], ([x]) => ops.prod(t(x, 'prod'))))
add(builtin('dot', ['x', 'y'], ([x, y]) => ops.dot(t(x, 'dot'), t(y, 'dot'))))
// norm(x) is the 2-norm; norm(x, p) the p-norm, p = Inf the largest |x_i| (as Julia's norm).
add(
  builtin(
    'norm',
    // One parameter, so that gradient(norm, x) takes it as a function of one argument.
    ['x'],
    ([x, p]) => (p === undefined ? ops.norm(t(x, 'norm')) : ops.normP(t(x, 'norm'), number(p, 'norm', 'p'))),
    { forms: { counts: [1, 2], usage: 'a tensor x and optionally p, as in norm(x) or norm(x, 1)' } },
  ),
)
add(builtin('det', ['A'], ([x]) => ops.det(t(x, 'det'))))
add(builtin('inv', ['A'], ([x]) => ops.inv(t(x, 'inv'))))
add(builtin('transpose', ['A'], ([x]) => ops.transpose(t(x, 'transpose'))))
add(
  builtin(
    'concat',
    ['a', 'b', '...', 'dim'],
    (args) => {
      // As in mathjs: a trailing number after tensors is the (1-based) dimension; default the last.
      let dim: number | undefined
      const last = args[args.length - 1]
      if (
        args.length > 1 &&
        isValue(last) &&
        last.shape.length === 0 &&
        args.slice(0, -1).some((a) => isValue(a) && a.shape.length > 0)
      ) {
        dim = count(last, 'concat', 'the dimension') - 1
        args = args.slice(0, -1)
      }
      const xs = args.map((a) => {
        const x = t(a, 'concat')
        return x.shape.length === 0 ? ops.reshape(x, [1]) : x
      })
      const axis = dim ?? xs[0]!.shape.length - 1
      if (axis < 0 || axis >= xs[0]!.shape.length)
        throw new LangError(`concat: there is no dimension ${axis + 1} to join along`)
      return ops.concat(xs, axis)
    },
    { arity: [1, Infinity] },
  ),
)
add(
  builtin(
    'reshape',
    ['x', 'dims'],
    ([x, dims]) => {
      const shape = shapeArgs([dims], 'reshape')
      return ops.reshape(t(x, 'reshape'), shape)
    },
    { arity: [2, 2] },
  ),
)
// size(A) all dimensions; size(A, d) dimension d alone (1-based).
add(
  builtin(
    'size',
    ['x', 'd'],
    ([a, d]) => {
      const x = t(a, 'size')
      return d === undefined ? vector([...x.shape]) : scalar(x.shape[dimension(d, x, 'size')]!)
    },
    { arity: [1, 2] },
  ),
)
add(builtin('length', ['x'], ([x]) => scalar(sizeOf(t(x, 'length').shape))))
add(builtin('zeros', ['m', 'n'], (args) => full(shapeArgs(args, 'zeros'), 0), { arity: [1, 2] }))
add(builtin('ones', ['m', 'n'], (args) => full(shapeArgs(args, 'ones'), 1), { arity: [1, 2] }))
add(
  builtin('identity', ['n'], ([n]) => {
    const size = count(n, 'identity', 'the size')
    checkElements([size, size], 'identity')
    return identity(size)
  }),
)
add(
  builtin('basis', ['n', 'i'], ([n, i]) => {
    const size = count(n, 'basis', 'the length')
    const k = count(i, 'basis', 'the index')
    if (k < 1 || k > size) throw new LangError(`basis(${size}, ${k}): the index must be between 1 and ${size}`)
    return basis([size], k - 1)
  }),
)
// map(X, fn) as in mathjs, or map(fn, X) as in Julia: the function may come first or second.
add(
  builtin('map', ['X', 'fn'], ([x, f]) =>
    isFunction(x) ? mapElements(t(f, 'map'), x, 'map') : mapElements(t(x, 'map'), f, 'map'),
  ),
)
// Elementwise: ifelse.(c, a, b) takes the stretched arrays whole, so its pullback is one ifelse.
add(
  builtin('ifelse', ['cond', 'a', 'b'], ([c, a, b]) => ops.ifelse(t(c, 'ifelse'), t(a, 'ifelse'), t(b, 'ifelse')), {
    elementwise: true,
  }),
)
// max(a, b) elementwise, or max(x) the largest element (as maximum(x)); min likewise.
for (const [name, pick, fold] of [
  ['max', ops.max, ops.maximum],
  ['min', ops.min, ops.minimum],
] as const) {
  add(
    builtin(name, ['a', 'b'], ([a, b]) => (b === undefined ? fold(t(a, name), name) : pick(t(a, name), t(b, name))), {
      arity: [1, 2],
    }),
  )
}
add(
  builtin('slider', ['min', 'max', 'step', 'value'], ([lo, hi, st, v]) => {
    // Numbers, or vectors of one length (a slider per component); min and max may be numbers for all.
    const value = t(v, 'slider')
    if (value.shape.length > 1)
      throw new LangError(`slider: the value must be a number or a vector, not a ${describeShape(value.shape)}`)
    const n = sizeOf(value.shape)
    const spread = (u: LangValue, what: string): number[] => {
      const x = concrete(t(u, 'slider'))
      if (x.shape.length === 0) return new Array<number>(n).fill(x.item())
      if (x.size !== n) throw new LangError(`slider: ${what} has ${x.size} components but the value has ${n}`)
      return Array.from(x.data)
    }
    const min = spread(lo, 'min')
    const max = spread(hi, 'max')
    const step = number(st, 'slider', 'the step')
    const val = Array.from(concrete(value).data)
    if (!(step > 0)) throw new LangError(`slider: the step must be positive, but is ${step}`)
    val.forEach((x, i) => {
      if (!(min[i]! < max[i]!))
        throw new LangError(`slider: min must be below max, but they are ${min[i]} and ${max[i]}`)
      if (x < min[i]! || x > max[i]!)
        throw new LangError(`slider: the value ${x} is outside the range ${min[i]} to ${max[i]}`)
    })
    const moved = reportSlider({ name: '', min, max, step, value: val, shape: [...value.shape] })
    if (moved === undefined) return concrete(value)
    return value.shape.length === 0 ? scalar(moved[0]!) : vector(moved)
  }),
)

// Transforms
add(builtin('derivative', ['f', 'x'], ([f, x]) => T.derivative(asFn(f, 'derivative'), t(x, 'derivative'))))
add(builtin('gradient', ['f', 'x'], ([f, x]) => T.gradient(asFn(f, 'gradient'), t(x, 'gradient'))))
// jvp and hvp take one direction, or several as the columns of a matrix (J·V, H·V); the
// Jacobians, Hessians and several directions go in chunks: { chunk: 4 } or ; chunk = 4.
add(
  withChunk('jvp', ['f', 'x', 'v'], [3, 3], ([f, x, v], o) => T.jvp(asFn(f, 'jvp'), t(x, 'jvp'), t(v, 'jvp'), o), true),
)
add(builtin('vjp', ['f', 'x', 'v'], ([f, x, v]) => T.vjp(asFn(f, 'vjp'), t(x, 'vjp'), t(v, 'vjp'))))
add(
  builtin('pullback', ['f', 'x'], ([f, x]) => {
    const p = T.pullback(asFn(f, 'pullback'), t(x, 'pullback'))
    return record('pullback', { value: p.value, back: builtin('back', ['v'], ([v]) => p.back(t(v, 'back'))) })
  }),
)
for (const name of ['jacobian', 'jacfwd', 'jacrev'] as const)
  add(withChunk(name, ['f', 'x'], [2, 2], ([f, x], o) => T[name](asFn(f, name), t(x, name), undefined, o), true))
add(
  withChunk(
    'hessian',
    ['f', 'x', 'method'],
    [2, 3],
    ([f, x, m], o) => {
      if (m !== undefined && typeof m !== 'string') {
        throw new LangError(
          `hessian: the method must be a string such as "forward-over-reverse", but got ${describe(m)}`,
        )
      }
      return T.hessian(asFn(f, 'hessian'), t(x, 'hessian'), m, o)
    },
    true,
  ),
)
add(
  withChunk('hvp', ['f', 'x', 'v'], [3, 3], ([f, x, v], o) => T.hvp(asFn(f, 'hvp'), t(x, 'hvp'), t(v, 'hvp'), o), true),
)
add(builtin('tf_gradients', ['f', 'x'], ([f, x]) => T.tf_gradients(asFn(f, 'tf_gradients'), t(x, 'tf_gradients'))))

for (const f of EVERYDAY) add(f)

const registry = new Map(table.map((f) => [f.name, f]))

/**
 * Every builtin by name: the core table above, then what the layers above the language add
 * (plots, teaching panels; engine/standard.ts registers them), so the language never imports them.
 */
export const BUILTINS: ReadonlyMap<string, LangFunction> = registry

export function registerBuiltins(fns: readonly LangFunction[]): void {
  for (const f of fns) {
    const had = registry.get(f.name)
    if (had !== undefined && had !== f) throw new Error(`two builtins are registered as ${f.name}`)
    registry.set(f.name, f)
  }
}

export const CONSTANTS: ReadonlyMap<string, LangValue> = new Map<string, LangValue>([
  ['pi', scalar(Math.PI)],
  ['e', scalar(Math.E)],
  ['Inf', scalar(Infinity)],
])
