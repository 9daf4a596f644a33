/**
 * The Python grammar's hand-written tokenizers: newlines, indentation (Python's blocks), strings
 * and the legacy `print` statement, with the context tracker that knows whether the parser is
 * inside brackets (where newlines do not end a statement) or a string. Ported to TypeScript from
 * @lezer/python 1.1.19's src/tokens.js (MIT License; see LICENSE in this folder), unchanged in
 * behaviour.
 */
import { ContextTracker, ExternalTokenizer } from '@lezer/lr'
import type { InputStream } from '@lezer/lr'
import {
  ArgList,
  ArrayComprehensionExpression,
  ArrayExpression,
  BraceL,
  BracketL,
  ComprehensionExpression,
  DictionaryComprehensionExpression,
  DictionaryExpression,
  Escape,
  FormatReplacement,
  FormatString,
  MappingPattern,
  ParamList,
  ParenL,
  ParenthesizedExpression,
  PatternArgList,
  SequencePattern,
  SetComprehensionExpression,
  SetExpression,
  String as StringTerm,
  TupleExpression,
  TypeParamList,
  blankLineStart,
  dedent,
  eof,
  importList,
  indent,
  nestedFormatReplacement,
  newlineBracketed,
  newline as newlineToken,
  printKeyword,
  replacementStart,
  stringContent,
  stringEnd,
  stringStart,
  stringStartD,
  stringStartF,
  stringStartFD,
  stringStartFL,
  stringStartFLD,
  stringStartFR,
  stringStartFRD,
  stringStartFRL,
  stringStartFRLD,
  stringStartL,
  stringStartLD,
  stringStartR,
  stringStartRD,
  stringStartRL,
  stringStartRLD,
  subscript,
} from './parser.terms.ts'

const newline = 10
const carriageReturn = 13
const space = 32
const tab = 9
const hash = 35
const parenOpen = 40
const dot = 46
const braceOpen = 123
const braceClose = 125
const singleQuote = 39
const doubleQuote = 34
const backslash = 92
const letterO = 111
const letterX = 120
const letterN = 78
const letterU = 117
const letterCapitalU = 85

const bracketed = new Set([
  ParenthesizedExpression,
  TupleExpression,
  ComprehensionExpression,
  importList,
  ArgList,
  ParamList,
  ArrayExpression,
  ArrayComprehensionExpression,
  subscript,
  SetExpression,
  SetComprehensionExpression,
  FormatString,
  FormatReplacement,
  nestedFormatReplacement,
  DictionaryExpression,
  DictionaryComprehensionExpression,
  SequencePattern,
  MappingPattern,
  PatternArgList,
  TypeParamList,
])

const isLineBreak = (ch: number): boolean => ch === newline || ch === carriageReturn
const isHex = (ch: number): boolean => (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 70) || (ch >= 97 && ch <= 102)

// Flags of a context
const Bracketed = 1
const InString = 2
const DoubleQuote = 4
const Long = 8
const Raw = 16
const Format = 32

class Context {
  readonly hash: number
  constructor(
    readonly parent: Context | null,
    readonly indent: number,
    readonly flags: number,
  ) {
    // The original's `parent.hash + parent.hash << 8` binds as `(a + a) << 8`: kept, since only
    // equal contexts must hash alike.
    this.hash = (parent ? (parent.hash + parent.hash) << 8 : 0) + indent + (indent << 4) + flags + (flags << 6)
  }
}

const topIndent = new Context(null, 0, 0)

function countIndent(text: string): number {
  let depth = 0
  for (let i = 0; i < text.length; i++) depth += text.charCodeAt(i) === tab ? 8 - (depth % 8) : 1
  return depth
}

const stringFlags = new Map<number, number>(
  (
    [
      [stringStart, 0],
      [stringStartD, DoubleQuote],
      [stringStartL, Long],
      [stringStartLD, Long | DoubleQuote],
      [stringStartR, Raw],
      [stringStartRD, Raw | DoubleQuote],
      [stringStartRL, Raw | Long],
      [stringStartRLD, Raw | Long | DoubleQuote],
      [stringStartF, Format],
      [stringStartFD, Format | DoubleQuote],
      [stringStartFL, Format | Long],
      [stringStartFLD, Format | Long | DoubleQuote],
      [stringStartFR, Format | Raw],
      [stringStartFRD, Format | Raw | DoubleQuote],
      [stringStartFRL, Format | Raw | Long],
      [stringStartFRLD, Format | Raw | Long | DoubleQuote],
    ] as const
  ).map(([term, flags]) => [term, flags | InString]),
)

export const newlines = new ExternalTokenizer(
  (input, stack) => {
    const context = stack.context as Context
    let prev: number
    if (input.next < 0) {
      input.acceptToken(eof)
    } else if (context.flags & Bracketed) {
      if (isLineBreak(input.next)) input.acceptToken(newlineBracketed, 1)
    } else if (((prev = input.peek(-1)) < 0 || isLineBreak(prev)) && stack.canShift(blankLineStart)) {
      let spaces = 0
      while (input.next === space || input.next === tab) {
        input.advance()
        spaces++
      }
      if (input.next === newline || input.next === carriageReturn || input.next === hash)
        input.acceptToken(blankLineStart, -spaces)
    } else if (isLineBreak(input.next)) {
      input.acceptToken(newlineToken, 1)
    }
  },
  { contextual: true },
)

export const indentation = new ExternalTokenizer((input, stack) => {
  const context = stack.context as Context
  if (context.flags) return
  const prev = input.peek(-1)
  if (prev === newline || prev === carriageReturn) {
    let depth = 0
    let chars = 0
    for (;;) {
      if (input.next === space) depth++
      else if (input.next === tab) depth += 8 - (depth % 8)
      else break
      input.advance()
      chars++
    }
    if (depth !== context.indent && input.next !== newline && input.next !== carriageReturn && input.next !== hash) {
      if (depth < context.indent) input.acceptToken(dedent, -chars)
      else input.acceptToken(indent)
    }
  }
})

export const trackIndent = new ContextTracker<Context>({
  start: topIndent,
  reduce(context, term) {
    if (
      (context.flags & Bracketed && bracketed.has(term)) ||
      ((term === StringTerm || term === FormatString) && context.flags & InString)
    )
      return context.parent!
    return context
  },
  shift(context, term, stack, input) {
    if (term === indent) {
      // InputStream.read exists at run time but is not in @lezer/lr's typings.
      const text = (input as unknown as { read(from: number, to: number): string }).read(input.pos, stack.pos)
      return new Context(context, countIndent(text), 0)
    }
    if (term === dedent) return context.parent!
    if (term === ParenL || term === BracketL || term === BraceL || term === replacementStart)
      return new Context(context, 0, Bracketed)
    const flags = stringFlags.get(term)
    if (flags !== undefined) return new Context(context, 0, flags | (context.flags & Bracketed))
    return context
  },
  hash(context) {
    return context.hash
  },
})

export const legacyPrint = new ExternalTokenizer((input) => {
  for (let i = 0; i < 5; i++) {
    if (input.next !== 'print'.charCodeAt(i)) return
    input.advance()
  }
  if (/\w/.test(String.fromCharCode(input.next))) return
  for (let off = 0; ; off++) {
    const next = input.peek(off)
    if (next === space || next === tab) continue
    if (next !== parenOpen && next !== dot && next !== newline && next !== carriageReturn && next !== hash)
      input.acceptToken(printKeyword)
    return
  }
})

export const strings = new ExternalTokenizer((input, stack) => {
  const { flags } = stack.context as Context
  const quote = flags & DoubleQuote ? doubleQuote : singleQuote
  const long = (flags & Long) > 0
  const escapes = !(flags & Raw)
  const format = (flags & Format) > 0

  const start = input.pos
  for (;;) {
    if (input.next < 0) {
      break
    } else if (format && input.next === braceOpen) {
      if (input.peek(1) === braceOpen) {
        input.advance(2)
      } else {
        if (input.pos === start) {
          input.acceptToken(replacementStart, 1)
          return
        }
        break
      }
    } else if (escapes && input.next === backslash) {
      if (input.pos === start) {
        input.advance()
        const escaped = input.next
        if (escaped >= 0) {
          input.advance()
          skipEscape(input, escaped)
        }
        input.acceptToken(Escape)
        return
      }
      break
    } else if (input.next === backslash && !escapes && input.peek(1) > -1) {
      // Raw strings still skip an escaped quote.
      input.advance(2)
    } else if (input.next === quote && (!long || (input.peek(1) === quote && input.peek(2) === quote))) {
      if (input.pos === start) {
        input.acceptToken(stringEnd, long ? 3 : 1)
        return
      }
      break
    } else if (input.next === newline) {
      if (long) {
        input.advance()
      } else if (input.pos === start) {
        input.acceptToken(stringEnd)
        return
      }
      break
    } else {
      input.advance()
    }
  }
  if (input.pos > start) input.acceptToken(stringContent)
})

function skipEscape(input: InputStream, ch: number): void {
  if (ch === letterO) {
    for (let i = 0; i < 2 && input.next >= 48 && input.next <= 55; i++) input.advance()
  } else if (ch === letterX) {
    for (let i = 0; i < 2 && isHex(input.next); i++) input.advance()
  } else if (ch === letterU) {
    for (let i = 0; i < 4 && isHex(input.next); i++) input.advance()
  } else if (ch === letterCapitalU) {
    for (let i = 0; i < 8 && isHex(input.next); i++) input.advance()
  } else if (ch === letterN) {
    if (input.next === braceOpen) {
      input.advance()
      // Read through a function: TypeScript would keep input.next narrowed to '{' after advance().
      const next = (): number => input.next
      while (
        next() >= 0 &&
        next() !== braceClose &&
        next() !== singleQuote &&
        next() !== doubleQuote &&
        next() !== newline
      )
        input.advance()
      if (next() === braceClose) input.advance()
    }
  }
}
