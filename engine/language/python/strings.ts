/**
 * Python's text of values: `str` and `repr`, f-strings (`f"{x:.3f}"`, `{x!r}`, `{x=}`, nested
 * `{x:{w}.{p}f}`, which the front-end lowers to calls of FSTRING and FORMAT), and `print` with
 * Python's `sep` and `end`. Numbers follow Python's float repr (shortest round trip, exponent
 * from 1e16 and below 1e-4); a whole number prints as an int, since the notebook keeps one kind
 * of number; arrays print as NumPy's str does (`[1. 2. 3.]`, rows on lines of their own).
 * Format specs follow Python's format mini-language for numbers and strings.
 */
import { concrete, isValue } from '../../ad/value.ts'
import { batchOf } from '../../ad/batching.ts'
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import { printText } from '../printing.ts'
import type { LangValue } from '../values.ts'
import { isFunction, isRecord, isTuple } from '../values.ts'
import { pyFunction } from './jax.ts'

/** Python's repr of a float, or an int's digits for a whole number. */
export function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? '-0' : String(x)
  const [mantissa, e] = x.toExponential().split('e') as [string, string]
  const exp = Number(e)
  return exp < -4 || exp >= 16 ? `${mantissa}e${exponent(exp)}` : String(x)
}

/** Python's exponent: a sign and at least two digits. */
const exponent = (e: number): string => `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`

/**
 * NumPy's str of an array (entries aligned, at most 8 decimals, trailing zeros dropped), or with
 * `repr` its repr: array([1., 2.]), entries separated by commas.
 */
function arrayText(shape: readonly number[], data: ArrayLike<number>, repr = false): string {
  const values = Array.from(data)
  const finite = values.filter(Number.isFinite)
  const big = finite.some((v) => Math.abs(v) >= 1e16)
  const small = finite.some((v) => v !== 0 && Math.abs(v) < 1e-4)
  const parts = values.map((v) => {
    if (!Number.isFinite(v)) return { int: pyNumber(v), frac: '' }
    if (big || small)
      return {
        int: v
          .toExponential(8)
          .replace(/\.?0+e/, 'e')
          .replace(/e([+-])(\d)$/, 'e$10$2'),
        frac: '',
      }
    const [i, f = ''] = v.toFixed(8).split('.') as [string, string?]
    return { int: i, frac: f.replace(/0+$/, '') }
  })
  const scientific = big || small
  const intWidth = Math.max(0, ...parts.map((p) => p.int.length))
  const fracWidth = Math.max(0, ...parts.map((p) => p.frac.length))
  const entries = parts.map((p) =>
    scientific || !Number.isFinite(Number(p.int))
      ? p.int.padStart(intWidth)
      : `${p.int.padStart(intWidth)}.${p.frac.padEnd(fracWidth)}`,
  )
  const nest = (axis: number, offset: number, indent: string): string => {
    if (axis === shape.length) return entries[offset]!
    const n = shape[axis]!
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1)
    const items = Array.from({ length: n }, (_, k) => nest(axis + 1, offset + k * stride, `${indent} `))
    const comma = repr ? ',' : ''
    const glue = axis === shape.length - 1 ? `${comma} ` : `${comma}${'\n'.repeat(shape.length - 1 - axis)}${indent} `
    return `[${items.join(glue)}]`
  }
  return repr ? `array(${nest(0, 0, '      ')})` : nest(0, 0, '')
}

/** Python's str(v). */
export function pyStr(v: LangValue): string {
  if (typeof v === 'string') return v
  if (isValue(v) && batchOf(v) === undefined && v.shape.length > 0) {
    const t = concrete(v)
    return arrayText(t.shape, t.data)
  }
  return pyRepr(v)
}

/** Python's repr(v): strings quoted, arrays as NumPy's repr (array([1., 2.])), containers of reprs. */
export function pyRepr(v: LangValue): string {
  if (v === undefined) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (isValue(v)) {
    if (batchOf(v) !== undefined) return '<an array mapped by vmap>'
    const t = concrete(v)
    if (t.shape.length === 0) return pyNumber(t.item())
    return arrayText(t.shape, t.data, true)
  }
  if (isFunction(v)) return `<function ${v.name}>`
  if (isTuple(v)) {
    const items = v.items.map((x) => pyRepr(x))
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`
  }
  if (isRecord(v) && v.tag === 'record') return `{${[...v.fields].map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(', ')}}`
  if (isRecord(v) && v.tag.startsWith('module ')) return `<module '${v.tag.slice(7)}'>`
  if (isRecord(v) && v.tag === 'ellipsis') return 'Ellipsis'
  return `<${isRecord(v) ? v.tag : 'object'}>`
}

// -----------------------------------------------------------------------------------------------
// The format mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type]

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/

/** Python's format(v, spec). */
export function pyFormat(v: LangValue, spec: string): string {
  if (spec === '') return pyStr(v)
  const m = SPEC.exec(spec)
  if (m === null) throw new LangError(`ValueError: Invalid format specifier '${spec}'`)
  const [, fillGiven, alignGiven, sign = '-', , alt, zero, width, grouping, precision, type] = m
  let body: string
  if (typeof v === 'string' || v === undefined || (type === 's' && !isValue(v))) {
    if (type !== undefined && type !== 's')
      throw new LangError(`ValueError: Unknown format code '${type}' for a string`)
    body = pyStr(v)
    if (precision !== undefined) body = body.slice(0, Number(precision))
    return pad(body, '', fillGiven ?? ' ', alignGiven ?? '<', Number(width ?? 0))
  }
  const x = formattedNumber(v, spec)
  const negative = x < 0 || Object.is(x, -0)
  body = numberBody(Math.abs(x), type, precision === undefined ? undefined : Number(precision), alt !== undefined)
  if (grouping !== undefined) body = grouped(body, grouping)
  const signText = negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : ''
  const fill = fillGiven ?? (zero !== undefined ? '0' : ' ')
  const align = alignGiven ?? (zero !== undefined ? '=' : '>')
  return pad(body, signText, fill, align, Number(width ?? 0))
}

/** The number a spec formats: a number, a single-entry array, or a boolean (as 0 or 1). */
function formattedNumber(v: LangValue, spec: string): number {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (isValue(v) && batchOf(v) === undefined && v.shape.length === 0) return concrete(v).item()
  if (isValue(v))
    throw new LangError(
      `TypeError: unsupported format string passed to an array (${v.shape.join('×')}), ':${spec}' formats one number: format an entry, f"{x[0]:${spec}}", or leave the format out to print the whole array`,
    )
  throw new LangError(`TypeError: unsupported format string passed to ${pyRepr(v)}.__format__`)
}

function numberBody(x: number, type: string | undefined, precision: number | undefined, alt: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : 'inf'
  switch (type) {
    case 'f':
    case 'F':
      return fixed(x, precision ?? 6, alt)
    case 'e':
    case 'E': {
      const s = scientific(x, precision ?? 6, alt)
      return type === 'E' ? s.toUpperCase() : s
    }
    case '%':
      return `${fixed(x * 100, precision ?? 6, alt)}%`
    case 'g':
    case 'G':
    case 'n': {
      const s = general(x, precision ?? 6, alt, false)
      return type === 'G' ? s.toUpperCase() : s
    }
    case 'd':
      if (!Number.isInteger(x))
        throw new LangError(
          `ValueError: Unknown format code 'd' for object of type 'float' (${pyNumber(x)} is not a whole number): use :.0f or round it first`,
        )
      return String(x)
    case undefined:
      // No type: str(x), or with a precision 'g' that keeps a digit after the point.
      return precision === undefined ? pyNumber(x) : general(x, precision, alt, true)
    default:
      throw new LangError(`ValueError: Unknown format code '${type}' for a float here`)
  }
}

const fixed = (x: number, p: number, alt: boolean): string => {
  const s = x.toFixed(Math.min(p, 100))
  return alt && p === 0 ? `${s}.` : s
}

function scientific(x: number, p: number, alt: boolean): string {
  const [m, e] = x.toExponential(Math.min(p, 100)).split('e') as [string, string]
  return `${alt && p === 0 ? `${m}.` : m}e${exponent(Number(e))}`
}

/** Python's 'g': significant digits, fixed or scientific by the exponent, trailing zeros dropped. */
function general(x: number, precision: number, alt: boolean, keepPoint: boolean): string {
  const p = precision === 0 ? 1 : precision
  if (x === 0) return alt ? `0.${'0'.repeat(p - 1)}` : keepPoint ? '0.0' : '0'
  const exp = Number(x.toExponential(p - 1).split('e')[1])
  const trim = (s: string) => (alt ? s : s.replace(/(\.\d*?)0+(?=$|e)/, '$1').replace(/\.(?=$|e)/, ''))
  if (exp >= -4 && exp < p) {
    const s = trim(x.toFixed(Math.max(0, p - 1 - exp)))
    return keepPoint && !s.includes('.') ? `${s}.0` : s
  }
  return trim(scientific(x, p - 1, alt))
}

function grouped(body: string, sep: string): string {
  const [int, rest] = /^(\d+)([\s\S]*)$/.exec(body)?.slice(1) ?? [body, '']
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, sep)}${rest}`
}

function pad(body: string, sign: string, fill: string, align: string, width: number): string {
  const room = width - body.length - sign.length
  if (room <= 0) return sign + body
  const fillText = (n: number) => fill.repeat(n)
  switch (align) {
    case '<':
      return sign + body + fillText(room)
    case '^':
      return fillText(Math.floor(room / 2)) + sign + body + fillText(room - Math.floor(room / 2))
    case '=':
      return sign + fillText(room) + body
    default:
      return fillText(room) + sign + body
  }
}

// -----------------------------------------------------------------------------------------------
// The builtins

/** One replacement field of an f-string: value, conversion ('r', 's', 'a' or ''), spec. */
export const FORMAT = builtin('format', ['value', 'spec', 'conversion'], ([v, spec, conversion]) => {
  const c = String(conversion ?? '')
  const converted = c === 'r' || c === 'a' ? pyRepr(v) : c === 's' ? pyStr(v) : v
  return pyFormat(converted, String(spec ?? ''))
})

/** An f-string: its pieces (literal text and formatted fields) joined. */
export const FSTRING = builtin('f-string', ['parts...'], (parts) => parts.map((p) => String(p)).join(''), {
  arity: [0, Infinity],
})

export const STR = builtin('str', ['x'], ([x]) => pyStr(x), { arity: [0, 1] })
export const REPR = builtin('repr', ['x'], ([x]) => pyRepr(x))

/** Python's print: the values' str joined by sep (a space), then end (a newline). */
export const PRINT = pyFunction(
  'print',
  ['values...'],
  ['sep', 'end', 'flush'],
  (args, kw) => {
    const text = (k: string, otherwise: string) => {
      const v = kw.get(k)
      if (v === undefined) return otherwise
      if (typeof v !== 'string') throw new LangError(`print's ${k} must be a string, not ${pyRepr(v)}`)
      return v
    }
    printText(args.map(pyStr).join(text('sep', ' ')) + text('end', '\n'))
    return undefined
  },
  [0, Infinity],
)
