/**
 * Julia's composite types, `struct T ... end` and `mutable struct T ... end`: a value of T is a
 * record tagged with T's name that carries its StructType (values.ts), so that gradients walk
 * its fields as they walk a named tuple's (transforms.ts) and give Zygote's named tuple of the
 * fields' gradients. A callable struct's method `(a::T)(x) = ...` is an ordinary definition
 * under the name functorName(T); the interpreter calls it when a value of T is called.
 */
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import type { LangFunction, LangRecord, LangValue, StructType } from '../values.ts'
import { describe, functorName, isFunction, isRecord, isTuple, tuple } from '../values.ts'

/** A type's constructor: the function T, which also answers fieldnames(T). */
interface Constructor extends LangFunction {
  readonly structType: StructType
}

const typeOf = (v: LangValue): StructType | undefined =>
  isFunction(v) ? (v as Partial<Constructor>).structType : undefined

export function isStruct(v: LangValue): v is LangRecord & { type: StructType } {
  return isRecord(v) && v.type !== undefined
}

/** T(a, b): the default constructor, taking the fields in order. */
function constructor(type: StructType): Constructor {
  const n = type.fieldNames.length
  const make = builtin(
    type.name,
    [...type.fieldNames],
    (args) => {
      if (args.length !== n)
        throw new LangError(
          `MethodError: no method matching ${type.name} with ${args.length} argument${args.length === 1 ? '' : 's'}: ` +
            `${type.name} has ${n} field${n === 1 ? '' : 's'} (${type.fieldNames.join(', ')}), so write ${type.name}(${type.fieldNames.join(', ')})`,
        )
      return {
        kind: 'record',
        tag: type.name,
        fields: new Map(type.fieldNames.map((f, i) => [f, args[i]])),
        type,
      }
    },
    { arity: [0, Infinity] },
  )
  return { ...make, source: type.name, structType: type } // a type shows as its name, as in Julia
}

/** What `struct T ... end` lowers to: struct("T", mutable, "a", "b") gives the constructor T. */
const defineStruct = builtin(
  'struct',
  ['name', 'mutable', '...'],
  ([name, mutable, ...fieldNames]) =>
    constructor({ name: String(name), mutable: mutable === true, fieldNames: fieldNames.map(String) }),
  { arity: [2, Infinity] },
)

const symbols = (names: readonly string[]) => tuple([...names])

const fieldnames = builtin('fieldnames', ['T'], ([T]) => {
  const type = typeOf(T)
  if (type) return symbols(type.fieldNames)
  if (isRecord(T) && !isTuple(T))
    throw new LangError(`fieldnames takes a type, as in fieldnames(${T.tag}); for a value p write propertynames(p)`)
  throw new LangError(`fieldnames takes a struct type, but got ${describe(T)}`)
})

const propertynames = builtin('propertynames', ['x'], ([x]) => {
  if (isRecord(x) && !isTuple(x)) return symbols([...x.fields.keys()])
  throw new LangError(`propertynames takes a struct or a named tuple, but got ${describe(x)}`)
})

const getfield = builtin('getfield', ['x', 'name'], ([x, name]) => {
  if (!isRecord(x)) throw new LangError(`getfield takes a struct or a named tuple, but got ${describe(x)}`)
  const key = typeof name === 'string' ? name : isTuple(x) ? String(name) : undefined
  if (key === undefined || !x.fields.has(key))
    throw new LangError(`type ${x.tag} has no field ${String(name)}; its fields are ${[...x.fields.keys()].join(', ')}`)
  return x.fields.get(key)
})

/**
 * p.a = v (or p.a += v): changes a mutable struct's field; an immutable struct (or a named tuple) cannot be
 * changed, which is Julia's error.
 */
export function setField(
  x: LangValue,
  key: string,
  value: () => LangValue,
  op: string | null,
  update: (op: string, dialect: 'julia', old: LangValue, value: () => LangValue) => LangValue,
): LangValue {
  if (!isStruct(x))
    throw new LangError(
      `setfield!: ${describe(x)} cannot be changed: a named tuple is immutable; build a new one, or define a mutable struct`,
    )
  if (!x.type.mutable)
    throw new LangError(
      `setfield!: immutable struct of type ${x.tag} cannot be changed (define it as mutable struct ${x.tag} to change its fields)`,
    )
  if (!x.fields.has(key))
    throw new LangError(`type ${x.tag} has no field ${key}; its fields are ${x.type.fieldNames.join(', ')}`)
  const v = op === null ? value() : update(op, 'julia', x.fields.get(key), value) // p.a += v updates the old value
  ;(x.fields as Map<string, LangValue>).set(key, v)
  return v
}

/** A value of a struct T, when its method (a::T)(x) = ... is defined, as a function with it bound first. */
export function callableStruct(v: LangValue, lookup: (name: string) => LangValue): LangValue {
  const method = isStruct(v) ? lookup(functorName(v.tag)) : undefined
  return isFunction(method) ? { ...method, call: (args) => method.call([v, ...args]) } : v
}

/** The gradient of a struct, as Zygote gives it: a named tuple of its fields' gradients. */
export function structTangent(v: LangValue): LangValue {
  if (isTuple(v)) return tuple(v.items.map(structTangent))
  if (!isRecord(v) || (v.tag !== 'record' && !isStruct(v))) return v
  return { kind: 'record', tag: 'record', fields: new Map([...v.fields].map(([k, x]) => [k, structTangent(x)])) }
}

/** A struct value as Julia prints it: P(2.0), Affine([1.0 2.0; 3.0 4.0], [0.5, 0.5]). */
export function structText(v: LangRecord, text: (x: LangValue) => string): string {
  return `${v.tag}(${[...v.fields.values()].map(text).join(', ')})`
}

export const STRUCT_BUILTINS: LangFunction[] = [defineStruct, fieldnames, propertynames, getfield]
