import { useEffect, useState } from 'react'
import { useStore } from '../store/store.ts'

/** A progress bar with Cancel, shown when a computation takes longer than a moment. */
export function RunStatus() {
  const busy = useStore((s) => s.busy)
  const progress = useStore((s) => s.progress)
  const cancel = useStore((s) => s.cancel)
  const [slow, setSlow] = useState(false)

  useEffect(() => {
    if (!busy) {
      setSlow(false)
      return
    }
    const t = setTimeout(() => setSlow(true), 400)
    return () => clearTimeout(t)
  }, [busy])

  if (!busy || !slow) return null
  const label = progress ? `Computing: pass ${progress.done} of ${progress.total}` : 'Computing…'
  return (
    <div className="run-status" role="status">
      <label>
        {label}
        <progress max={progress?.total} value={progress?.done} aria-label={label} />
      </label>
      <button type="button" onClick={cancel}>
        Cancel
      </button>
    </div>
  )
}
