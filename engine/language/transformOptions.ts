/**
 * The options of the Jacobian and Hessian builtins: how many basis vectors (or directions) one
 * pass carries. A Julia cell writes them as keywords, `hessian(f, x; chunk = 4)` (ForwardDiff
 * sets its chunk with a config object; a keyword is this notebook's shorthand), an ad cell as a
 * trailing record, `hessian(f, x, {chunk: 4})`. Absent, the engine chooses the chunk.
 */
import type { ChunkOptions } from '../transforms/index.ts'
import { builtin } from './args.ts'
import { count } from './builtinArgs.ts'
import { LangError } from './errors.ts'
import { acceptsKeywords } from './keywords.ts'
import type { LangFunction, LangValue } from './values.ts'
import { describe, isRecord } from './values.ts'

const KEYS = ['chunk']

function chunkOptions(fields: ReadonlyMap<string, LangValue>, who: string): ChunkOptions {
  for (const k of fields.keys())
    if (!KEYS.includes(k))
      throw new LangError(`${who} has no option ${k}; its option is chunk (basis vectors per pass)`)
  const c = fields.get('chunk')
  if (c === undefined) return {}
  const chunk = count(c, who, 'the chunk')
  if (chunk < 1) throw new LangError(`${who}: the chunk must be at least 1 (basis vectors per pass), but is ${chunk}`)
  return { chunk }
}

/**
 * A transform builtin taking `arity` arguments, then its options: as keywords (Julia, and ad
 * cells' core builtins reached from Julia) or, where `record` is true (the core table), as a
 * record after the arguments (ad cells). Julia's own transforms take keywords only, since a
 * record there is a named tuple being differentiated. `params` name the arguments, for messages.
 */
export function withChunk(
  name: string,
  params: string[],
  arity: [number, number],
  run: (args: LangValue[], options: ChunkOptions) => LangValue,
  record = false,
): LangFunction {
  const f = builtin(
    name,
    record ? [...params, 'options'] : params,
    (args) => {
      const last = args[args.length - 1]
      const hasOptions = record && args.length > arity[0] && isRecord(last) && last.tag === 'record'
      if (hasOptions && args.length - 1 > arity[1])
        throw new LangError(
          `${name} takes its options { chunk = ... } after ${params.join(', ')}, not ${describe(last)}`,
        )
      return hasOptions ? run(args.slice(0, -1), chunkOptions(last.fields, name)) : run(args, {})
    },
    { arity: [arity[0], arity[1] + (record ? 1 : 0)] },
  )
  acceptsKeywords(f, (args, kw) => {
    if (args.length < arity[0] || args.length > arity[1]) {
      const expected = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`
      throw new LangError(
        `${name} takes ${expected} arguments (${params.join(', ')}) before its keywords, but was given ${args.length}`,
      )
    }
    return run(args, chunkOptions(kw, name))
  })
  return f
}
