import { CodeCellView } from './CodeCellView.tsx'
import { ErrorBoundary } from './ErrorBoundary.tsx'
import { ProseCellView } from './ProseCellView.tsx'

export type CellKind = 'code' | 'prose'

/**
 * One cell of any kind, behind its own error boundary. The notebook, the presentation's slides
 * and embeds all show cells through this, so a new kind of cell is added here once.
 */
export function CellView({ kind, id, index, number }: { kind: CellKind; id: string; index: number; number: number }) {
  return (
    <ErrorBoundary what={kind === 'code' ? `Cell ${number}` : `Text ${number}`}>
      {kind === 'code' ? (
        <CodeCellView id={id} index={index} number={number} />
      ) : (
        <ProseCellView id={id} index={index} number={number} />
      )}
    </ErrorBoundary>
  )
}

/** Code cells are numbered among code cells (as the notebook's messages count them), text apart. */
export function numberCells(kinds: readonly CellKind[]): number[] {
  const counts: Record<string, number> = {}
  return kinds.map((k) => (counts[k] = (counts[k] ?? 0) + 1))
}
