/**
 * What makes a code cell the presentation's scratch cell: a comment mark in its source, so it is
 * recognised after a reload and in an export. The worker runs it as a private cell (it reads the
 * lesson's names; what it defines is its own), so a student's f never breaks the lesson's f.
 */
import type { EditableCell } from './cells.ts'

export const SCRATCH_MARK = '# scratch'

export function isScratch(cell: EditableCell): boolean {
  return cell.kind === 'code' && cell.source.includes(SCRATCH_MARK)
}
