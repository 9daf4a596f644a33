import { useCallback, useState } from 'react'
import type { CellLanguage } from '../../engine/language/frontends/cell.ts'
import { cellLanguage, cellVariants } from '../store/cells.ts'
import { useStore } from '../store/store.ts'
import { useView } from '../store/view.ts'
import { CellControls } from './CellControls.tsx'
import { EditorSlot } from './EditorSlot.tsx'
import { usePredictGate } from './ExerciseView.tsx'
import { Output } from './Output.tsx'

/**
 * A code cell: its editor (Shift+Enter runs), its output or error, and its controls. After a
 * prediction exercise, the output waits until the learner has answered (or chooses to see it).
 */
export function CodeCellView({ id, index, number }: { id: string; index: number; number: number }) {
  const cell = useStore((s) => s.cells.find((c) => c.id === id))
  const output = useStore((s) => s.outputs[id])
  const running = useStore((s) => s.running[id] === true)
  const stale = useStore((s) => s.submitted[id] !== undefined && s.submitted[id] !== cell?.source)
  const language = cell ? cellLanguage(cell) : 'ad'
  // A two-variant cell's languages, as one string so the selector's value compares by content.
  const variants = useStore((s) => cellVariants(s.cells, id).join(' '))
  const names = useStore((s) => s.names[language])
  const printing = useView((s) => s.printing)
  // On paper nothing waits for an answer: the handout shows every output.
  const gated = usePredictGate(id) && !printing
  const [showAnyway, setShowAnyway] = useState(false)
  const { edit, run, setSlider } = useStore.getState()
  const onChange = useCallback((source: string) => edit(id, source), [edit, id])
  const onRun = useCallback(() => run(id), [run, id])
  const onSlider = useCallback(
    (name: string, value: number[]) => {
      // The slider's own shape: a one-component vector is not a number.
      const spec = output?.sliders.find((sl) => sl.name === name)
      setSlider(name, value, spec?.shape ?? (value.length === 1 ? [] : [value.length]))
    },
    [setSlider, output],
  )
  if (!cell || cell.kind !== 'code') return null
  const hidden = cell.flags.includes('hidden')
  const label = `Cell ${number}`
  const error = output && !output.ok && output.span && !stale ? output.span : null
  return (
    <section
      className={`cell code-cell${running ? ' running' : ''}`}
      aria-label={label}
      data-output-label={`Output of cell ${number}`}
    >
      <CellControls
        id={id}
        index={index}
        label={label}
        hidden={hidden}
        language={language}
        variants={variants === '' ? [] : (variants.split(' ') as CellLanguage[])}
      />
      {!hidden && (
        <div className="editor-row">
          <EditorSlot
            value={cell.source}
            onChange={onChange}
            onRun={onRun}
            label={`${label} code`}
            error={error}
            language={language}
            names={names}
          />
          <button type="button" className="run" onClick={onRun} aria-label={`Run ${label}`} title="Run (Shift+Enter)">
            ▶
          </button>
        </div>
      )}
      {stale && !hidden && <p className="stale">Edited: press Shift+Enter to run.</p>}
      {gated && !showAnyway ? (
        <p className="predict-gate">
          Answer the question above to see this output.
          <button type="button" className="nb-button" onClick={() => setShowAnyway(true)}>
            Show anyway
          </button>
        </p>
      ) : (
        <>
          {cell.flags.includes('expect-error') && output && !output.ok && (
            <p className="expected">This error is the point of the example.</p>
          )}
          <Output output={output} running={running} onSlider={onSlider} />
        </>
      )}
    </section>
  )
}
