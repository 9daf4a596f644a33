import { referencedNames } from '../../engine/language/reference/links.ts'
import './reference.css'

/** Under an error: links to the reference entries of the builtins it names ("see gradient in the reference"). */
export function ReferenceLinks({ error }: { error: string }) {
  const names = referencedNames(error)
  if (names.length === 0) return null
  return (
    <span className="nb-error-refs">
      {' '}
      (see{' '}
      {names.map((name, i) => (
        <span key={name}>
          {i > 0 && (i === names.length - 1 ? ' and ' : ', ')}
          <a href={`#/reference/${encodeURIComponent(name)}`}>
            <code>{name}</code>
          </a>
        </span>
      ))}{' '}
      in the reference)
    </span>
  )
}
