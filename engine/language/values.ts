/**
 * What a notebook expression can evaluate to: an engine value (number, vector, matrix), a
 * function, a string, a boolean, or a record such as the pullback object { value, back }.
 */
import type { Value } from '../ad/value.ts'
import { isValue } from '../ad/value.ts'
import { describeShape, scalar } from '../tensor/tensor.ts'
import { LangError } from './errors.ts'

export interface LangFunction {
  readonly kind: 'function'
  readonly name: string
  /** Parameter names, for arity checks and messages; builtins may take a variable number. */
  readonly params: readonly string[]
  /** The definition as the learner would write it, e.g. "f(x) = sum(abs2, A * x)". */
  readonly source: string
  /** LaTeX of the definition, when it has one. */
  readonly tex?: string
  /** Elementwise builtins (sin, abs2, ...) can be applied to a whole tensor at once. */
  readonly elementwise?: boolean
  /**
   * A library function learners often write themselves (relu, sigmoid, mean, softmax...): a
   * definition of the same name in the notebook takes its place, as in Julia, so notebooks that
   * defined their own keep working. Core operations and transforms cannot be redefined.
   */
  readonly shadowable?: boolean
  call(args: LangValue[]): LangValue
}

/** A named bundle of values: the pullback object, or a literal { a: 1 }. */
export interface LangRecord {
  readonly kind: 'record'
  /** What it is, for display: "pullback" or "record". */
  readonly tag: string
  readonly fields: ReadonlyMap<string, LangValue>
  /** A tuple's items in order (its fields are the same items, named "1", "2", ...). */
  readonly items?: readonly LangValue[]
  /** A value of a Julia struct (language/julia/structs.ts): its tag is the type's name. */
  readonly type?: StructType
}

/** A Julia composite type: its name, its fields in order, and whether they can be changed. */
export interface StructType {
  readonly name: string
  readonly fieldNames: readonly string[]
  readonly mutable: boolean
}

/** The name a callable struct's method `(a::T)(x) = ...` is defined under. */
export const functorName = (type: string): string => `(::${type})`

export type LangValue = Value | LangFunction | LangRecord | string | boolean | undefined

export function isFunction(v: unknown): v is LangFunction {
  return typeof v === 'object' && v !== null && (v as LangFunction).kind === 'function'
}

export function isRecord(v: unknown): v is LangRecord {
  return typeof v === 'object' && v !== null && (v as LangRecord).kind === 'record'
}

/** (a, b): a record tagged 'tuple' so that every display of records shows it. */
export function tuple(items: readonly LangValue[]): LangRecord {
  return { kind: 'record', tag: 'tuple', fields: new Map(items.map((v, i) => [String(i + 1), v])), items }
}

export function isTuple(v: unknown): v is LangRecord & { items: readonly LangValue[] } {
  return isRecord(v) && v.tag === 'tuple' && v.items !== undefined
}

/** "a 3-vector", "a function", "a string": the words messages use for a value. */
export function describe(v: LangValue): string {
  if (v === undefined) return 'nothing'
  if (typeof v === 'string') return 'a string'
  if (typeof v === 'boolean') return 'a boolean'
  if (isValue(v)) return `a ${describeShape(v.shape)}`
  if (isFunction(v)) return `the function ${v.name}`
  if (isTuple(v)) return `a tuple of ${v.items.length}`
  return `a ${v.tag} object`
}

export function record(tag: string, fields: Record<string, LangValue>): LangRecord {
  return { kind: 'record', tag, fields: new Map(Object.entries(fields)) }
}

/** A number, vector or matrix operand; booleans count as 0 and 1. */
export function tensorOperand(v: LangValue, what: string): Value {
  if (isValue(v)) return v
  if (typeof v === 'boolean') return scalar(v ? 1 : 0)
  throw new LangError(`${what} needs a number, vector or matrix, but got ${describe(v)}`)
}

export function callFunction(f: LangValue, args: LangValue[]): LangValue {
  if (!isFunction(f)) throw new LangError(`${describe(f)} is not a function and cannot be called`)
  return f.call(args)
}
