/** One cell of any kind (code, text, exercise) behind its own error boundary. */
import { CodeCellView } from './CodeCellView.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { ExerciseView } from './ExerciseView.tsx'
import { ProseCellView } from './ProseCellView.tsx'

export type CellKind = 'code' | 'prose' | 'exercise'

const NAMES: Record<CellKind, string> = { code: 'Cell', prose: 'Text', exercise: 'Exercise' }

/**
 * One cell of any kind, behind its own error boundary. The notebook, the presentation's slides
 * and embeds all show cells through this, so a new kind of cell is added here once.
 */
export function CellView({ kind, id, index, number }: { kind: CellKind; id: string; index: number; number: number }) {
  const View = kind === 'code' ? CodeCellView : kind === 'exercise' ? ExerciseView : ProseCellView
  return (
    <ErrorBoundary what={`${NAMES[kind]} ${number}`}>
      <View id={id} index={index} number={number} />
    </ErrorBoundary>
  )
}

/**
 * Each kind is numbered among its own kind: code cells as the notebook's messages count them
 * ("cell 3"), text and exercises apart.
 */
export function numberCells(kinds: readonly CellKind[]): number[] {
  const counts: Record<string, number> = {}
  return kinds.map((k) => (counts[k] = (counts[k] ?? 0) + 1))
}
