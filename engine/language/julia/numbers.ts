/**
 * Julia's number functions the core table lacks: `mod`, `rem`, `div`, `fld`, `floor`, `ceil`,
 * `trunc`, `round` (flat between jumps, so their derivatives are those of the remainders'
 * formulas, engine/ops/rounding.ts), and random numbers as Julia draws them: `randn(dims...)`
 * and `rand(dims...)` from a stream that `Random.seed!(s)` restarts, or from a generator of its
 * own (`randn(MersenneTwister(42), 3)`, `Xoshiro(42)`), so that a seeded cell shows the same
 * numbers on every run.
 */
import type { Value } from '../../ad/value.ts'
import { concrete } from '../../ad/value.ts'
import * as ops from '../../ops/index.ts'
import type { Shape } from '../../tensor/tensor.ts'
import { Tensor, scalar, sizeOf } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import { number, shapeArgs, t } from '../builtinArgs.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangRecord, LangValue } from '../values.ts'
import { isRecord, isTuple } from '../values.ts'
import { withoutType } from './arrays.ts'

const table: LangFunction[] = []
const add = (f: LangFunction) => table.push(f)

for (const [name, f] of [
  ['mod', ops.mod],
  ['rem', ops.rem],
  ['div', ops.intdiv],
  ['fld', (a: Value, b: Value) => ops.floor(ops.div(a, b))],
] as const)
  add(builtin(name, ['x', 'y'], ([x, y]) => f(t(x, name), t(y, name)), { elementwise: true }))

/** Julia's round: halves to the even neighbour (round(2.5) == 2). Flat, so a constant. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

for (const [name, f] of [
  ['floor', ops.floor],
  ['trunc', ops.trunc],
  ['ceil', (x: Value) => ops.neg(ops.floor(ops.neg(x)))],
  ['round', (x: Value) => roundTensor(x)],
] as const)
  // round(Int, x): the type first, as Julia writes it (every number here is a Float64).
  add(
    builtin(name, ['x'], (args) => f(t(withoutType(args)[0], name)), {
      elementwise: true,
      forms: { counts: [1, 2], usage: `a number or an array, as in ${name}(x) or ${name}(Int, x)` },
    }),
  )

/** round's value as a constant tensor: it is flat, so it carries no derivative. */
function roundTensor(x: Value): Tensor {
  const c = concrete(x)
  return new Tensor(c.shape, c.data.map(roundHalfEven))
}

// -----------------------------------------------------------------------------------------------
// Random numbers

/** A generator: its seed and how many draws it has made (each draw gets a seed of its own). */
interface Stream {
  seed: number
  draws: number
}

const global: Stream = { seed: 0, draws: 0 }
const generators = new WeakMap<LangRecord, Stream>()

function nextSeed(s: Stream): number {
  s.draws += 1
  return (s.seed * 7919 + s.draws * 104729) % 2147483647
}

function seedOf(v: LangValue, who: string): number {
  const s = number(v ?? scalar(NaN), who, 'the seed')
  if (!Number.isInteger(s)) throw new LangError(`${who}: the seed must be a whole number, such as 42, not ${s}`)
  return s
}

/** A generator of its own, as MersenneTwister(42) or Xoshiro(42). */
function generator(name: string): LangFunction {
  return builtin(name, ['seed'], ([s]) => {
    const rng: LangRecord = { kind: 'record', tag: name, fields: new Map([['seed', scalar(seedOf(s, name))]]) }
    generators.set(rng, { seed: seedOf(s, name), draws: 0 })
    return rng
  })
}
add(generator('MersenneTwister'))
add(generator('Xoshiro'))

/** The generator (the global stream unless the first argument is one) and the shape. */
function draw(given: LangValue[], who: string): [Stream, Shape] {
  const args = withoutType(given)
  const first = args[0]
  const own = isRecord(first) ? generators.get(first) : undefined
  const dims = own === undefined ? args : args.slice(1)
  if (isRecord(first) && own === undefined && !isTuple(first))
    throw new LangError(`${who}: the first argument must be a generator such as MersenneTwister(42), or a size`)
  const shape = dims.length === 1 && isTuple(dims[0]) ? shapeArgs([...dims[0].items], who) : shapeArgs(dims, who)
  return [own ?? global, shape]
}

add(
  builtin(
    'randn',
    ['dims', '...'],
    (args) => {
      const [s, shape] = draw(args, 'randn')
      return ops.randn(nextSeed(s), shape)
    },
    { arity: [0, Infinity] },
  ),
)
add(
  builtin(
    'rand',
    ['dims', '...'],
    (args) => {
      const [s, shape] = draw(args, 'rand')
      const u = ops.mulberry32(nextSeed(s))
      return new Tensor(
        shape,
        Float64Array.from({ length: sizeOf(shape) }, () => u()),
      )
    },
    { arity: [0, Infinity] },
  ),
)

/** Random.seed!(s): the global stream starts again from s. */
export const seedBang = builtin('seed!', ['seed'], ([s]) => {
  global.seed = seedOf(s, 'Random.seed!')
  global.draws = 0
  return undefined
})

export const NUMBER_BUILTINS: readonly LangFunction[] = table
