// @vitest-environment jsdom
/**
 * Panel inputs follow the cell: a v typed into the Hessian panel, or a ȳ into the pullbacks panel,
 * stays while the cell gives the same vector, and starts again from the cell's new vector when a
 * slider (or an edit) changes it; before this, the pullbacks panel kept the first v it was given.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { HessianPanel } from '../../../app/panels/HessianPanel.tsx'
import { PullbacksPanel } from '../../../app/panels/PullbacksPanel.tsx'
import { panelOf, seedSession } from '../../engine/panels/helpers.ts'

afterEach(cleanup)

const SEED = seedSession('g(x) = [x[1] * x[2], sin(x[1])]')
const values = (group: string) =>
  within(screen.getByRole('group', { name: group }))
    .getAllByRole('spinbutton')
    .map((i) => (i as HTMLInputElement).value)

describe('panel inputs follow the cell', () => {
  it("Hessian panel: a typed v stays for the same cell's v and gives way to a slider's new v", () => {
    const group = 'Hessian-vector product: one pass seeded with v'
    const at = (v: string) => panelOf('hessian', `show_hessian(f, x1, ${v})`, SEED)
    const first = at('[1, 0, 0]')
    const { rerender } = render(<HessianPanel panel={first} />)
    const v2 = within(screen.getByRole('group', { name: group })).getAllByRole('spinbutton')[1]!
    fireEvent.change(v2, { target: { value: '5' } })
    expect(values(group)).toEqual(['1', '5', '0'])
    // The cell ran again with the same v (another slider moved x, say): what was typed stays.
    rerender(<HessianPanel panel={at('[1, 0, 0]')} />)
    expect(values(group)).toEqual(['1', '5', '0'])
    // The slider moved v itself: the inputs start from the cell's new v.
    rerender(<HessianPanel panel={at('[0, 2, 0]')} />)
    expect(values(group)).toEqual(['0', '2', '0'])
  })

  it("pullbacks panel: the v box starts again from the cell's new cotangent", () => {
    const group = 'Pull back any cotangent v'
    const at = (v: string) => panelOf('pullbacks', `show_pullbacks(g, [0.5, 2], ${v})`, SEED)
    const { rerender } = render(<PullbacksPanel panel={at('[1, 0]')} />)
    expect(values(group)).toEqual(['1', '0'])
    const v1 = within(screen.getByRole('group', { name: group })).getAllByRole('spinbutton')[0]!
    fireEvent.change(v1, { target: { value: '3' } })
    expect(values(group)).toEqual(['3', '0'])
    rerender(<PullbacksPanel panel={at('[0, 4]')} />)
    expect(values(group)).toEqual(['0', '4'])
  })
})
