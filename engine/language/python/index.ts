/**
 * Python cells' names: the modules a JAX or PyTorch learner imports (`jax`, `jax.numpy`, `numpy`,
 * `torch`, `tensorflow`), bound by `import ... as ...` and `from ... import ...`, and Python's own builtins where
 * they differ from the core table (`range` counts from 0 and stops before its end; `len`,
 * `enumerate`, `zip`).
 * Registered as the 'python' overlay, looked up after the learner's own names.
 */
import { concrete, isValue } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import { scalar } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { BUILTINS } from '../builtins.ts'
import { LangError } from '../errors.ts'
import { registerImporter, registerOverlay } from '../overlays.ts'
import type { LangRecord, LangValue } from '../values.ts'
import { describe, isRecord, isTuple, tensorOperand, tuple } from '../values.ts'
import { JAX_MEMBERS } from './jax.ts'
import { NN_MEMBERS, NUMPY_MEMBERS, stepped } from './numpy.ts'
import { SPECIAL_ELEMENTWISE } from './elementwise.ts'
import { autogradFunction, setAttribute } from './custom.ts'
import { AT, ELLIPSIS, GETITEM, SLICE } from './indexing.ts'
import { FORMAT, FSTRING, PRINT, REPR, STR } from './strings.ts'
import { stopGradient, treeMap } from './numpyMore.ts'
import { mapLeaves } from './pytree.ts'
import { TENSORFLOW } from './tensorflow.ts'
import { TORCH } from './torch.ts'
import './unbound.ts'

const module = (name: string, members: [string, LangValue][]): LangRecord => ({
  kind: 'record',
  tag: `module ${name}`,
  fields: new Map(members),
})

const jnp = module('jax.numpy', NUMPY_MEMBERS)
const jax = module('jax', [
  ...JAX_MEMBERS,
  ['numpy', jnp],
  ['tree_util', module('jax.tree_util', [['tree_map', treeMap]])],
  ['tree', module('jax.tree', [['map', treeMap]])],
  [
    'lax',
    module('jax.lax', [
      ['stop_gradient', builtin('jax.lax.stop_gradient', ['x'], ([x]) => mapLeaves(x, stopGradient))],
    ]),
  ],
  ['nn', module('jax.nn', NN_MEMBERS)],
  [
    'scipy',
    module('jax.scipy', [
      [
        'special',
        module('jax.scipy.special', [...NN_MEMBERS.filter(([n]) => n === 'logsumexp'), ...SPECIAL_ELEMENTWISE]),
      ],
    ]),
  ],
])

/** The modules `import` can bind, by their top-level name. */
const MODULES = new Map<string, LangRecord>([
  ['jax', jax],
  ['numpy', module('numpy', NUMPY_MEMBERS)],
  ['torch', TORCH],
  ['tensorflow', TENSORFLOW],
])

/**
 * Members a layer above the language adds to a module (the derivative checks, which the panels
 * build: jax.test_util.check_grads, torch.autograd.gradcheck); missing submodules are made.
 */
export function registerPythonMembers(path: string, members: [string, LangValue][]): void {
  const [top, ...rest] = path.split('.')
  let m: LangRecord | undefined = MODULES.get(top!)
  if (m === undefined) throw new Error(`no Python module ${top}`)
  for (const part of rest) {
    const found: LangValue = m.fields.get(part)
    let next: LangRecord
    if (isRecord(found)) next = found
    else {
      next = module(`${m.tag.slice('module '.length)}.${part}`, [])
      ;(m.fields as Map<string, LangValue>).set(part, next)
    }
    m = next
  }
  for (const [name, value] of members) (m.fields as Map<string, LangValue>).set(name, value)
}

/**
 * `import a.b as c` binds c to a.b; `import a.b` binds a; `from a import b as c` (lowered as the
 * path a.b with alias c) binds c to a's member b. Unknown modules say what is built in.
 */
export function importPython(path: readonly string[], alias: string | null): [string, LangValue][] {
  const top = MODULES.get(path[0] ?? '')
  if (top === undefined) {
    const known = [...MODULES.keys()].join(', ')
    throw new LangError(`the module ${path[0]} is not available here: ${known} are built in`, 'name')
  }
  if (alias === null) return [[path[0]!, top]]
  let v: LangValue = top
  for (const part of path.slice(1)) {
    if (!isRecord(v) || !v.fields.has(part))
      throw new LangError(`${path.join('.')}: ${part} is not part of ${describe(v)}`, 'name')
    v = v.fields.get(part)
  }
  return [[alias, v]]
}

const num = (v: LangValue, who: string): number => concrete(tensorOperand(v, who)).item()

/** The items a Python loop walks: a tuple's items, a vector's numbers, a matrix's rows. */
function items(v: LangValue, who: string): LangValue[] {
  if (isTuple(v)) return [...v.items]
  if (typeof v === 'string') return [...v]
  const t = tensorOperand(v, who)
  if (t.shape.length === 0) throw new LangError(`${who} needs something to walk through, not a number`)
  const n = t.shape[0]!
  const rest = t.shape.slice(1).map((m) => Array.from({ length: m }, (_, j) => j))
  return Array.from({ length: n }, (_, i) => ops.getindex(t, [i, ...rest]))
}

const PYTHON_BUILTINS: [string, LangValue][] = [
  [
    'range',
    builtin(
      'range',
      ['start', 'stop', 'step'],
      (args) => {
        const [start, stop, step] =
          args.length === 1
            ? [0, num(args[0], 'range'), 1]
            : [num(args[0], 'range'), num(args[1], 'range'), args[2] === undefined ? 1 : num(args[2], 'range')]
        return stepped(start!, stop!, step!, 'range')
      },
      { arity: [1, 3] },
    ),
  ],
  [
    'len',
    builtin('len', ['x'], ([x]) => {
      if (isTuple(x)) return scalar(x.items.length)
      if (typeof x === 'string') return scalar(x.length)
      const t = tensorOperand(x, 'len')
      if (t.shape.length === 0)
        throw new LangError('len of a number has no meaning: len counts the items of an array, a list or a tuple')
      return scalar(t.shape[0]!)
    }),
  ],
  [
    'enumerate',
    builtin('enumerate', ['xs'], ([xs]) => tuple(items(xs, 'enumerate').map((x, i) => tuple([scalar(i), x])))),
  ],
  [
    'zip',
    builtin(
      'zip',
      ['xs', 'ys'],
      (args) => {
        const lists = args.map((a) => items(a, 'zip'))
        const n = Math.min(...lists.map((l) => l.length))
        return tuple(Array.from({ length: n }, (_, i) => tuple(lists.map((l) => l[i]))))
      },
      { arity: [1, Infinity] },
    ),
  ],
  ['list', builtin('list', ['xs'], ([xs]) => tuple(items(xs, 'list')))],
  ['tuple', builtin('tuple', ['xs'], ([xs]) => tuple(items(xs, 'tuple')))],
  ['float', builtin('float', ['x'], ([x]) => scalar(num(x, 'float')))],
  ['int', builtin('int', ['x'], ([x]) => scalar(Math.trunc(num(x, 'int'))))],
  ['slice', SLICE],
  ['Ellipsis', ELLIPSIS],
  // What the front-end lowers x[None], x[..., 0] and x.at[i].set(v) to (names no one can type).
  ['·getitem', GETITEM],
  ['·at', AT],
  ['·slice', SLICE],
  ['·autograd_function', autogradFunction],
  ['·setattr', setAttribute],
  ['·ellipsis', builtin('Ellipsis', [], () => ELLIPSIS)],
  ['abs', BUILTINS.get('abs')],
  ['print', PRINT],
  ['str', STR],
  ['repr', REPR],
  ['format', builtin('format', ['value', 'spec'], ([v, spec]) => FORMAT.call([v, spec ?? '', '']), { arity: [1, 2] })],
  ['·format', FORMAT],
  ['·fstring', FSTRING],
  [
    'sum',
    builtin('sum', ['xs'], ([xs]) => {
      if (isValue(xs)) return xs.shape.length <= 1 ? ops.sum(xs) : ops.sum(xs, 0)
      return items(xs, 'sum').reduce<LangValue>(
        (acc, x) => ops.add(tensorOperand(acc, 'sum'), tensorOperand(x, 'sum')),
        scalar(0),
      )
    }),
  ],
]

registerOverlay('python', PYTHON_BUILTINS)
registerImporter('python', importPython)
