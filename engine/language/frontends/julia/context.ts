/**
 * What the Julia lowering shares: the cell's source with its line starts (so every node gets
 * its exact line, column, offset and length), the children of a Lezer node that carry meaning
 * (comments and punctuation left out), and the error a construct that cannot be read raises.
 */
import type { SyntaxNode as LezerNode } from '@lezer/common'
import { LangError } from '../../errors.ts'
import type { Position } from '../../syntax/tree.ts'

export type { LezerNode }

export class Cell {
  /** Offsets where each line starts. */
  private readonly starts: number[] = [0]

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') this.starts.push(i + 1)
  }

  /** 1-based line and column of an offset. */
  lineColumn(offset: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 }
  }

  pos(from: number, to: number): Position {
    return { ...this.lineColumn(from), offset: from, length: to - from }
  }

  at(node: LezerNode): Position {
    return this.pos(node.from, node.to)
  }

  text(node: LezerNode | { from: number; to: number }): string {
    return this.source.slice(node.from, node.to)
  }

  /** "line 3, column 5": where a construct is, for messages. */
  where(node: LezerNode | { from: number }): string {
    const { line, column } = this.lineColumn(node.from)
    return `line ${line}, column ${column}`
  }

  /** A syntax error at a node: the cell runs nothing, and the message says where. */
  error(node: LezerNode | { from: number }, message: string): LangError {
    const err = new LangError(message, 'syntax')
    const { line, column } = this.lineColumn(node.from)
    err.span = { line, column }
    return err
  }
}

const NOISE = new Set(['LineComment', 'BlockComment', '(', ')', '[', ']', '{', '}', ',', ';', '"', '"""'])

/** The children of a node that carry meaning, in source order. */
export function kids(node: LezerNode): LezerNode[] {
  const out: LezerNode[] = []
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (!NOISE.has(c.name)) out.push(c)
  return out
}

/** The first child of a given name. */
export function child(node: LezerNode, name: string): LezerNode | null {
  for (let c = node.firstChild; c !== null; c = c.nextSibling) if (c.name === name) return c
  return null
}

/** Keywords and structural parts of compound statements, which are not statements of their body. */
const STRUCTURE = new Set([
  'function',
  'macro',
  'begin',
  'let',
  'if',
  'elseif',
  'else',
  'while',
  'for',
  'do',
  'try',
  'quote',
  'end',
  'Condition',
  'ForBinding',
  'LetBinding',
  'Signature',
  'Parameters',
  'ElseIfClause',
  'ElseClause',
  'CatchClause',
  'FinallyClause',
  'ExceptionCapture',
  'catch',
  'finally',
  'DoClause',
])

/** The statements of a compound statement's body (its children that are not keywords or headers). */
export function bodyStatements(node: LezerNode): LezerNode[] {
  return kids(node).filter((k) => !STRUCTURE.has(k.name))
}
