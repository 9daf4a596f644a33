import { navigate } from '../router.ts'
import type { Notice } from '../store/store.ts'
import { useStore } from '../store/store.ts'

/** Messages about saved work, links and imports, announced politely to screen readers. */
export function Notices() {
  const notices = useStore((s) => s.notices)
  const doc = useStore((s) => s.doc)
  const dismiss = useStore((s) => s.dismiss)
  return (
    <div className="notices" aria-live="polite">
      {notices
        .filter((n) => n.doc === undefined || n.doc === doc)
        .map((n) => (
          <div key={n.id} className="notice">
            <span>{n.text}</span>
            {n.href && n.link && (
              <a href={n.href} onClick={() => dismiss(n.id)}>
                {n.link}
              </a>
            )}
            <NoticeActions notice={n} />
            <button type="button" aria-label="Dismiss this message" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
    </div>
  )
}

function NoticeActions({ notice }: { notice: Notice }) {
  const { dismiss, resetToOriginal, recover, keepMine, loadTheirs } = useStore.getState()
  const done = () => dismiss(notice.id)
  switch (notice.action) {
    case 'reset':
      return (
        <button
          type="button"
          onClick={() => {
            // Only the document the notice is about is reset.
            if (notice.doc === undefined || notice.doc === useStore.getState().doc) void resetToOriginal()
            done()
          }}
        >
          Show the updated lesson
        </button>
      )
    case 'recover':
      return (
        <button
          type="button"
          onClick={() => {
            const id = notice.key ? recover(notice.key) : null
            if (id) navigate(`#/my/${id}`)
            done()
          }}
        >
          Recover set-aside work
        </button>
      )
    case 'conflict':
      return (
        <>
          <button type="button" onClick={() => (keepMine(), done())}>
            Keep mine
          </button>
          <button type="button" onClick={() => (loadTheirs(), done())}>
            Load theirs
          </button>
        </>
      )
    default:
      return null
  }
}
