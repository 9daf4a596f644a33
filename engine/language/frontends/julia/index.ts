/**
 * The Julia front-end: a cell in Julia syntax, parsed by the Lezer grammar Pluto's editor uses
 * and lowered into the language's own syntax tree. (Being written: this is its entry point.)
 */
import { LangError } from '../../errors.ts'
import type { ParsedStatement } from '../cell.ts'

export function parseJulia(source: string): ParsedStatement[] {
  if (source.trim() === '') return []
  throw new LangError('Julia cells are not ready yet: write this cell in `ad` syntax for now', 'syntax')
}
