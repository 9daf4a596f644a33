/**
 * Syntax errors in a Julia cell: the grammar recovers from a mistake by leaving an error node in
 * its tree; the first one becomes the cell's error, at its line and column, with a message that
 * says what looks wrong there in plain words (a block without its `end`, a bracket never closed
 * or closed without being opened, an operator with nothing after it, two expressions side by
 * side) rather than a bare "parse error".
 */
import type { Tree } from '@lezer/common'
import { LangError } from '../../errors.ts'
import type { Cell, LezerNode } from './context.ts'

/** The first error node of a tree, in source order. */
export function firstError(tree: Tree): LezerNode | null {
  let found: LezerNode | null = null
  tree.iterate({
    enter: (n) => {
      if (found !== null) return false
      if (n.type.isError) {
        found = n.node
        return false
      }
      return undefined
    },
  })
  return found
}

/** Constructs closed by `end`, as a learner names them. */
const BLOCKS: Record<string, string> = {
  FunctionDefinition: 'function',
  ForStatement: 'for',
  WhileStatement: 'while',
  IfStatement: 'if',
  BeginStatement: 'begin',
  LetStatement: 'let',
  DoClause: 'do',
  TryStatement: 'try',
  StructDefinition: 'struct',
  ModuleDefinition: 'module',
  MacroDefinition: 'macro',
  QuoteStatement: 'quote',
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' }

/** The innermost construct around the error that was opened and never closed. */
function unclosed(cell: Cell, error: LezerNode): string | null {
  for (let a = error.parent; a !== null; a = a.parent) {
    const first = a.firstChild
    const last = a.lastChild
    const block = BLOCKS[a.name]
    if (block !== undefined && last?.name !== 'end')
      return `the ${block} at ${cell.where(a)} has no matching end: close it with end`
    const opener = first ? cell.text(first) : ''
    const closer = CLOSERS[opener]
    if (closer !== undefined && first!.to - first!.from === 1 && (last === null || cell.text(last) !== closer))
      return `the ${opener} at ${cell.where(first!)} is never closed: a ${closer} is missing`
  }
  return null
}

/** The token just before the error, skipping spaces and comments. */
function previousToken(cell: Cell, at: number): string {
  const before = cell.source
    .slice(0, at)
    .replace(/#[^\n]*$/gm, '')
    .trimEnd()
  const m = /(\.?(?:[-+*/\\^%÷=<>!&|:]|&&|\|\||==|<=|>=|!=|->|=>)+|[,([{]|[A-Za-z_]\w*|\S)$/.exec(before)
  return m ? m[0] : ''
}

const OPERATOR = /^(\.?[-+*/\\^%÷=<>!&|:~]+|->|=>|,)$/

/** Runs of operator characters that are Julia operators (a run not here is a typo such as +*). */
const KNOWN = new Set(
  [
    '==',
    '!=',
    '<=',
    '>=',
    '===',
    '!==',
    '&&',
    '||',
    '->',
    '=>',
    '//',
    '<<',
    '>>',
    '|>',
    '<|',
    '::',
    '...',
    '++',
  ].concat(
    ['+', '-', '*', '/', '\\', '^', '%', '÷', '&', '|'].flatMap((o) => [`${o}=`, `.${o}`, `.${o}=`]),
    ['.==', '.!=', '.<', '.<=', '.>', '.>=', '.=', '.!'],
  ),
)

/** Habits from other languages and slips that have a plainer explanation than where parsing stopped. */
function commonMistake(cell: Cell, error: LezerNode, word: string, at: number): string | null {
  if (error.parent?.name === 'StringLiteral')
    return `the string that starts at ${cell.where(error.parent)} is never closed: a " is missing`
  if (word === "'" && /^'[^'\n]{2,}'/.test(cell.source.slice(at)))
    return `single quotes hold one character ('a'): write text in double quotes, "ab"`
  if (cell.source.slice(at).trimStart().startsWith(';') && error.parent?.name === 'VectorExpression')
    return 'inside [ ], commas separate the entries of a vector, and spaces and ; the entries and rows of a matrix ([1 2; 3 4]): use one or the other'
  if (/^\s*def\s/.test(cell.source.slice(cell.source.lastIndexOf('\n', at - 1) + 1)))
    return 'def is Python: Julia defines a function with f(x) = ... or with function f(x) ... end'
  const spaced = /([\p{L}\p{N}_!′]+)[ \t]+$/u.exec(cell.source.slice(0, at))
  if (spaced && (word === '(' || word === '['))
    return `no space between ${spaced[1]} and its ${word}: write ${spaced[1]}${cell.source.slice(at).split('\n')[0]!.trimEnd()}`
  if (word === '=' && error.parent?.name === 'Signature')
    return 'function f(x) = ... mixes the two ways to define a function: write f(x) = x^2 on one line, or function f(x) ... end'
  return null
}

/**
 * The grammar stops reading one expression after a few thousand characters (Lezer cuts trees
 * too deep to walk): `1+1+...` of 1,100 terms, or 3,000 nested brackets. Its error there would
 * blame the operator or bracket where it stopped.
 */
const LONGEST = 1000

function tooLong(error: LezerNode): boolean {
  let top: LezerNode = error
  while (top.parent !== null && top.parent.parent !== null) top = top.parent
  const before = top === error ? error.prevSibling : top
  return before !== null && error.from - before.from >= LONGEST
}

/** The error a cell with a syntax error throws (nothing of it is run). */
export function syntaxError(cell: Cell, error: LezerNode): LangError {
  if (tooLong(error))
    return cell.error(
      error,
      `this expression is too long or nests too deeply to read in one piece (over ${LONGEST} characters): split it into several statements, e.g. s = ... then s += ...`,
    )
  const text = cell.text(error).trim()
  const place = { from: text === '' ? error.from : error.from + cell.text(error).indexOf(text) }
  // The recovery may cut a word (`end` read as `e` and `nd`): take the whole word from the source.
  const word = /^(\w+|\S)/u.exec(cell.source.slice(place.from))?.[0] ?? ''
  if (word === ')' || word === ']' || word === '}')
    return cell.error(place, `this ${word} closes a bracket that was never opened (or one too many)`)
  if (word === 'end')
    return cell.error(
      place,
      'this end has no block to close: function, for, while, if, begin, let and do blocks end with end',
    )
  if (word === 'else' || word === 'elseif') return cell.error(place, `${word} belongs inside an if ... end block`)
  const habit = commonMistake(cell, error, word, place.from)
  if (habit !== null) return cell.error(place, habit)
  const open = unclosed(cell, error)
  if (open !== null && text === '') return cell.error(place, open)
  const previous = previousToken(cell, place.from)
  if (OPERATOR.test(previous) && previous.length > 1 && !KNOWN.has(previous))
    return cell.error({ from: place.from - 1 }, `${previous} is not an operator: write one operator between two values`)
  if (text === '' && OPERATOR.test(previous))
    return cell.error(place, `${previous} has nothing after it: the expression is incomplete`)
  if (text === '') return cell.error(place, open ?? 'the statement is incomplete here')
  // On a new line inside an unclosed bracket, the bracket is what is wrong.
  const newLine = /\n\s*$/.test(cell.source.slice(0, place.from).replace(/#[^\n]*$/gm, ''))
  if (open !== null && newLine) return cell.error(place, open)
  if (previous !== '' && !OPERATOR.test(previous) && !/^[([{,;]$/.test(previous))
    return cell.error(
      place,
      `${word} cannot follow ${previous} here: put an operator (such as *) between them, or start a new line${open ? `; also, ${open}` : ''}`,
    )
  return cell.error(place, `${word} cannot stand here${open ? `; ${open}` : ''}`)
}

/**
 * A pasted REPL session: `julia> f(x)` reads as the comparison julia > f(x), and `> n = 3` (the
 * thread's prompts) as nothing. Either way the prompt, not the code, is what is wrong.
 */
export function replPrompt(cell: Cell): LangError | null {
  const m = /^[ \t]*(julia>|>>>|>|In \[\d*\]:)(?=[ \t]|$)/m.exec(cell.source)
  if (m === null) return null
  return cell.error(
    { from: m.index + m[0].length - m[1]!.length },
    `this line starts with the prompt ${m[1]} of a REPL session: paste only the code, without the prompts and without the printed output`,
  )
}

/**
 * What reading a cell threw, as the learner should see it: a grammar or lowering that ran out of
 * stack on a very deep cell becomes a syntax error that says so (any front-end's).
 */
export function readingFailure(err: unknown): unknown {
  if (!(err instanceof RangeError && /call stack/i.test(err.message))) return err
  const deep = new LangError('this cell nests too deeply to read: split it into several statements', 'syntax')
  deep.span = { line: 1, column: 1 }
  return deep
}
