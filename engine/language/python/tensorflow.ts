/**
 * TensorFlow by name: `tf.GradientTape`, a reverse-mode level held open across the statements of
 * its `with` block. `tape.watch(x)` (and, at the block's start, every `tf.Variable` in sight)
 * rebinds x to an input of the tape's level, so what the block computes from x is recorded;
 * when the block ends the names are put back. `tape.gradient(y, x)` pulls back y's cotangent,
 * all ones for a vector y: TensorFlow's silent sum, the sum-trap lesson's subject. Tapes nest
 * (the outer one's level is below the inner one's), so a gradient computed inside an outer
 * tape's block is recorded by it, as TensorFlow's second derivatives are written.
 */
import { openTape } from '../../ad/reverse.ts'
import type { TapeNode, Value } from '../../ad/value.ts'
import { Box, concrete, isValue, runningAt } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { Tensor, basis, describeShape, ones, scalar, sizeOf, zeros } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { registerContext } from '../contexts.ts'
import { LangError } from '../errors.ts'
import type { Scope } from '../scope.ts'
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { describe, isRecord, isTuple, tensorOperand } from '../values.ts'
import { pyFunction } from './jax.ts'
import { NUMPY_MEMBERS } from './numpy.ts'
import { pythonBinary } from './operators.ts'
import { TENSORFLOW_ARRAYS, TF_ELEMENTWISE, TF_LINALG, module } from './tensorflowArrays.ts'
import { VARIABLES, WATCHED } from './variables.ts'
import { leaves, nestItems, rebuild, renest } from './pytree.ts'

interface TapeState {
  persistent: boolean
  watchVariables: boolean
  used: boolean
  phase: 'new' | 'open' | 'closed'
  /** The tape's length when its block ended: a node from later was computed outside it. */
  closedAt?: number
  tape?: ReturnType<typeof openTape>
  scope?: Scope
  /** Each watched value (as it was bound) and the tape's input that stands for it. */
  watched: { key: Value; node: TapeNode }[]
  /** Bindings the tape replaced, put back when its block ends. */
  replaced: { scope: Scope; name: string; before: LangValue; after: LangValue }[]
}

const TAPES = new WeakMap<LangRecord, TapeState>()

/** Watches xs: each becomes an input of the tape, and every binding holding it now holds the input. */
function watch(s: TapeState, xs: readonly Value[]): void {
  const tape = s.tape!
  const fresh = new Map<Value, TapeNode>()
  for (const x of xs) {
    if (x instanceof Box && x.level === tape.level) continue // already this tape's input
    if (fresh.has(x) || s.watched.some((w) => w.key === x)) continue
    const node = tape.input(x)
    WATCHED.add(node)
    s.watched.push({ key: x, node })
    fresh.set(x, node)
  }
  if (fresh.size === 0) return
  for (let sc: Scope | null = s.scope!; sc !== null; sc = sc.parent)
    for (const [name, before] of sc.vars) {
      const ls = leaves(before)
      if (!ls.some((l) => fresh.has(l))) continue
      let k = 0
      const after = rebuild(before, () => {
        const l = ls[k++]!
        return fresh.get(l) ?? l
      })
      sc.vars.set(name, after)
      s.replaced.push({ scope: sc, name, before, after })
    }
}

/** The tf.Variable values bound in the scope's chain (the accessed variables a tape watches). */
function variablesIn(scope: Scope): Value[] {
  const found = new Set<Value>()
  for (let sc: Scope | null = scope; sc !== null; sc = sc.parent)
    for (const v of sc.vars.values()) for (const l of leaves(v)) if (VARIABLES.has(concrete(l))) found.add(l)
  return [...found]
}

function enter(s: TapeState, scope: Scope, body: () => void): void {
  if (s.phase !== 'new')
    throw new LangError(
      'this GradientTape has already recorded a with block: open a new one, with tf.GradientTape() as tape:',
    )
  s.tape = openTape()
  s.scope = scope
  s.phase = 'open'
  try {
    if (s.watchVariables) watch(s, variablesIn(scope))
    runningAt(s.tape.level, body)
  } finally {
    // Computations after the block see the values the learner bound, not the tape's inputs.
    for (const r of s.replaced.reverse()) if (r.scope.vars.get(r.name) === r.after) r.scope.vars.set(r.name, r.before)
    s.replaced = []
    s.phase = 'closed'
    s.closedAt = s.tape.recorded()
  }
}

function use(s: TapeState, who: string): void {
  if (s.phase === 'new')
    throw new LangError(
      `${who}: this tape has recorded nothing: compute y inside with tf.GradientTape() as tape:, then call ${who}(y, x)`,
    )
  if (s.used && !s.persistent)
    throw new LangError(
      'A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians). ' +
        'A tape lets go of its recording after one use: create it as tf.GradientTape(persistent=True) to ask it several times, ' +
        'or ask for several sources at once, tape.gradient(y, (x, z)).',
    )
  s.used = true
}

/** The tape's input for a source: the value watched, the input itself, or the same tensor. */
function inputFor(s: TapeState, x: LangValue, who: string): TapeNode | undefined {
  if (!isValue(x)) throw new LangError(`${who}: the sources must be tensors (or a list of them), not ${describe(x)}`)
  const w = s.watched.find((w) => w.node === x || w.key === x) ?? s.watched.find((w) => concrete(w.key) === concrete(x))
  if (w === undefined && stackedWatched(s, concrete(x)))
    throw new LangError(
      `${who}: the sources look like a list of watched tensors, [x, z], which a cell stacks into one new array (a list of numbers is an array here), so the tape does not know it: ` +
        `write a tuple, ${who}(y, (x, z)), for one result per source`,
    )
  return w?.node
}

/** Whether t is watched tensors stacked (a Python list [x, z] of them, which the cell made an array). */
function stackedWatched(s: TapeState, t: Tensor): boolean {
  const m = t.shape[0] ?? 0
  const rest = t.shape.slice(1)
  const size = sizeOf(rest)
  if (m < 2) return false
  return Array.from({ length: m }, (_, i) => t.data.subarray(i * size, (i + 1) * size)).every((row) =>
    s.watched.some((w) => {
      const k = concrete(w.key)
      return k.shape.join() === rest.join() && k.data.every((v, j) => v === row[j])
    }),
  )
}

/** y as seen at the tape's level: an inner tape's node is a value of this level underneath. */
function atLevel(y: Value, level: number): Value {
  while (y instanceof Box && y.level > level) y = y.primal
  return y
}

// TensorFlow's sources and targets: a tensor, or a list, tuple or dict of them, nested.
const sourcesOf = nestItems
const shaped = renest

function gradient(s: TapeState, target: LangValue, sources: LangValue, kw: Map<string, LangValue>): LangValue {
  const who = 'tape.gradient'
  use(s, who)
  const xs = sourcesOf(sources)
  const nodes = xs.map((x) => inputFor(s, x, who))
  const targets = sourcesOf(target).map((y) => atLevel(tensorOperand(y, who), s.tape!.level))
  const given = kw.get('output_gradients')
  const seeds = given === undefined ? targets.map((y) => ones(y.shape)) : sourcesOf(given)
  const sums: (Value | undefined)[] = nodes.map(() => undefined)
  targets.forEach((y, t) => {
    const ct = tensorOperand(seeds[t], who)
    if (ct.shape.join() !== y.shape.join())
      throw new LangError(
        `${who}: output_gradients must be shaped like the target, a ${describeShape(y.shape)}, not a ${describeShape(ct.shape)}`,
      )
    pulled(s, y, ct, nodes).forEach((g, i) => {
      if (g !== undefined) sums[i] = sums[i] === undefined ? g : ops.add(sums[i]!, g)
    })
  })
  const zero = kw.get('unconnected_gradients') === 'zero'
  return shaped(
    sources,
    sums.map((g, i) => g ?? (zero ? zeros((xs[i] as Value).shape) : undefined)),
  )
}

/** ctᵀ∂y/∂x for each source's input: undefined where the source is not watched or y does not depend on it. */
function pulled(s: TapeState, y: Value, ct: Value, nodes: (TapeNode | undefined)[]): (Value | undefined)[] {
  // Computed after the block (say an inner tape's gradient taken outside this tape's block):
  // not recorded by this tape in TensorFlow, so unconnected, None.
  if (y instanceof Box && y.level === s.tape!.level && (y as TapeNode).index >= (s.closedAt ?? Infinity))
    return nodes.map(() => undefined)
  const got = s.tape!.back(
    y,
    ct,
    nodes.filter((n) => n !== undefined),
  )
  let k = 0
  return nodes.map((n) => (n === undefined ? undefined : got[k++]))
}

/** The full Jacobian: one pullback per entry of y, stacked into y's shape followed by x's. */
function jacobian(s: TapeState, target: LangValue, sources: LangValue): LangValue {
  const who = 'tape.jacobian'
  use(s, who)
  const xs = sourcesOf(sources)
  const nodes = xs.map((x) => inputFor(s, x, who))
  const y = atLevel(tensorOperand(target, who), s.tape!.level)
  const rows = Array.from({ length: sizeOf(y.shape) }, (_, i) => pulled(s, y, basis(y.shape, i), nodes))
  const results = xs.map((x, j) => {
    const shape = (x as Value).shape
    if (rows.every((r) => r[j] === undefined)) return undefined
    return ops.reshape(ops.stack(rows.map((r) => r[j] ?? zeros(shape))), [...y.shape, ...shape])
  })
  return shaped(sources, results)
}

function newTape(args: LangValue[], kw: Map<string, LangValue>): LangRecord {
  const flag = (name: string, at: number, otherwise: boolean) => {
    const v = kw.get(name) ?? args[at]
    return typeof v === 'boolean' ? v : v === undefined ? otherwise : concrete(tensorOperand(v, name)).item() !== 0
  }
  const s: TapeState = {
    persistent: flag('persistent', 0, false),
    watchVariables: flag('watch_accessed_variables', 1, true),
    used: false,
    phase: 'new',
    watched: [],
    replaced: [],
  }
  const tape: LangRecord = {
    kind: 'record',
    tag: 'tf.GradientTape',
    fields: new Map<string, LangValue>([
      [
        'watch',
        builtin('tape.watch', ['tensor'], ([x]) => {
          if (s.phase !== 'open')
            throw new LangError(
              "tape.watch(x) works inside the tape's block: with tf.GradientTape() as tape: then tape.watch(x)",
            )
          const xs = isTuple(x) ? leaves(x) : [tensorOperand(x, 'tape.watch')]
          watch(s, xs)
          return undefined
        }),
      ],
      [
        'gradient',
        pyFunction(
          'tape.gradient',
          ['target', 'sources', 'output_gradients'],
          ['output_gradients', 'unconnected_gradients'],
          ([y, x, out], kw) => gradient(s, y, x, out === undefined ? kw : new Map([...kw, ['output_gradients', out]])),
          [2, 3],
        ),
      ],
      [
        'jacobian',
        pyFunction(
          'tape.jacobian',
          ['target', 'sources'],
          ['experimental_use_pfor', 'unconnected_gradients'],
          ([y, x]) => jacobian(s, y, x),
        ),
      ],
    ]),
  }
  TAPES.set(tape, s)
  return tape
}

registerContext((v) => {
  const s = isRecord(v) ? TAPES.get(v) : undefined
  return s === undefined ? undefined : (scope, body) => enter(s, scope, body)
})

// -----------------------------------------------------------------------------------------------
// Tensors and the functions TensorFlow's examples use

const numpy = (name: string): LangFunction => {
  const entry = NUMPY_MEMBERS.find(([n]) => n === name)
  if (entry === undefined) throw new Error(`numpy's ${name} is missing`)
  return entry[1] as LangFunction
}

const arr = (v: LangValue, who: string): Value => tensorOperand(numpy('array').call([v]), who)

/** A shape given as a number, a tuple, or a list such as [3] (TensorFlow's usual form). */
function shapeOf(v: LangValue, who: string): number[] {
  const dims = isTuple(v) ? v.items.map((d) => concrete(tensorOperand(d, who))) : [concrete(tensorOperand(v, who))]
  const ns = dims.flatMap((d) => Array.from(d.data))
  if (ns.some((n) => !Number.isInteger(n) || n < 0))
    throw new LangError(`${who} needs a shape of whole numbers, not ${describe(v)}`)
  return ns
}

function reduction(name: string, f: (x: Value, axis: number | null) => Value) {
  const who = `tf.${name}`
  return pyFunction(
    who,
    ['input_tensor', 'axis'],
    ['axis', 'keepdims'],
    ([x, a], kw) => {
      const t = arr(x, who)
      const given = kw.get('axis') ?? a
      const k = given === undefined ? null : concrete(tensorOperand(given, who)).item()
      const axis = k === null ? null : k < 0 ? k + t.shape.length : k
      if (axis !== null && !(Number.isInteger(axis) && axis >= 0 && axis < t.shape.length))
        throw new LangError(`${who}: axis ${k} is out of range for a ${describeShape(t.shape)}`)
      const y = f(t, axis)
      if (kw.get('keepdims') !== true) return y
      return ops.reshape(
        y,
        t.shape.map((n, d) => (axis === null || d === axis ? 1 : n)),
      )
    },
    [1, 2],
  )
}

/** tf.matmul (two matrices) and tf.linalg.matvec (a matrix and a vector): @ with TensorFlow's checks. */
const product = (who: string, rightRank: number, what: string, instead: string) =>
  builtin(who, ['a', 'b'], ([a, b]) => {
    const x = arr(a, who)
    const y = arr(b, who)
    if (x.shape.length !== 2 || y.shape.length !== rightRank)
      throw new LangError(
        `${who} multiplies ${what}, but got a ${describeShape(x.shape)} and a ${describeShape(y.shape)}${instead}`,
      )
    return pythonBinary('@', x, y)
  })

const matmul = product('tf.matmul', 2, 'matrices', ': for a matrix times a vector write tf.linalg.matvec(A, x)')

const filled = (name: string, value: number) =>
  pyFunction(`tf.${name}`, ['shape'], ['dtype'], ([s]) => ops.fill(scalar(value), shapeOf(s, `tf.${name}`)))

const MATH: [string, LangValue][] = [
  ...['exp', 'log', 'sin', 'cos', 'tanh', 'sqrt', 'abs'].map((n): [string, LangValue] => [n, numpy(n)]),
  ['reduce_sum', reduction('reduce_sum', (x, a) => ops.sum(x, a))],
  ['reduce_mean', reduction('reduce_mean', (x, a) => ops.mean(x, a))],
  ...TF_ELEMENTWISE,
]

/** tf.gradients: graph mode only; in TensorFlow 2's eager cells it stops with TensorFlow's message. */
const gradients = pyFunction(
  'tf.gradients',
  ['ys', 'xs', 'grad_ys'],
  ['grad_ys', 'name', 'stop_gradients', 'unconnected_gradients'],
  () => {
    throw new LangError(
      'tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead. ' +
        '(TensorFlow 2 runs eagerly, as these cells do; tf.gradients belongs to graph mode.) ' +
        'What it would return: the gradient of the SUM of ys, that is the pullback of all ones, Jᵀ1, the column sums of the Jacobian, not the Jacobian. ' +
        'tape.gradient(y, x) does the same silent sum for a vector y; tape.jacobian(y, x) gives the whole matrix. ' +
        'See the sum-trap lesson ("The sum trap: what tf.gradients really computes").',
    )
  },
  [0, 3],
)

export const TENSORFLOW = module('tensorflow', [
  [
    'GradientTape',
    pyFunction(
      'tf.GradientTape',
      ['persistent', 'watch_accessed_variables'],
      ['persistent', 'watch_accessed_variables'],
      newTape,
      [0, 2],
    ),
  ],
  ['constant', pyFunction('tf.constant', ['value'], ['dtype', 'shape', 'name'], ([v]) => arr(v, 'tf.constant'))],
  [
    'Variable',
    pyFunction('tf.Variable', ['initial_value'], ['trainable', 'name', 'dtype'], ([v], kw) => {
      // A variable of its own: a copy of the value, which tapes watch when it is trainable.
      const t = concrete(arr(v, 'tf.Variable'))
      const variable = new Tensor(t.shape, Float64Array.from(t.data))
      if (kw.get('trainable') !== false) VARIABLES.add(variable)
      return variable
    }),
  ],
  ...MATH.filter(([n]) => n !== 'log'), // tf.log is TensorFlow 1's; TensorFlow 2 writes tf.math.log
  ['matmul', matmul],
  ['ones', filled('ones', 1)],
  ['zeros', filled('zeros', 0)],
  ['math', module('tensorflow.math', MATH)],
  [
    'linalg',
    module('tensorflow.linalg', [
      ['matvec', product('tf.linalg.matvec', 1, 'a matrix by a vector', '')],
      ['matmul', matmul],
      ...TF_LINALG,
    ]),
  ],
  ['gradients', gradients],
  [
    'UnconnectedGradients',
    module('tf.UnconnectedGradients', [
      ['NONE', 'none'],
      ['ZERO', 'zero'],
    ]),
  ],
  ...TENSORFLOW_ARRAYS,
])
