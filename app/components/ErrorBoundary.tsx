/**
 * A part of the page that fails to render shows a message in its place instead of taking the
 * whole page down with it; the rest of the notebook keeps working.
 */
import { Component } from 'react'
import type { ReactNode } from 'react'

export class ErrorBoundary extends Component<{ what: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override render() {
    const { error } = this.state
    if (error === null) return this.props.children
    return (
      <div className="nb-error" role="status">
        {this.props.what} could not be shown ({error.message}).{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
