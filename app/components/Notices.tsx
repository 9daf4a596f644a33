import { useStore } from '../store/store.ts'

/** Messages about saved work, links and imports, announced politely to screen readers. */
export function Notices() {
  const notices = useStore((s) => s.notices)
  const dismiss = useStore((s) => s.dismiss)
  const reset = useStore((s) => s.resetToOriginal)
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className="notice">
          <span>{n.text}</span>
          {n.action === 'reset' && (
            <button type="button" onClick={() => (reset(), dismiss(n.id))}>
              Show the updated lesson
            </button>
          )}
          <button type="button" aria-label="Dismiss this message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
