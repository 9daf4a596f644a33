// A matrix too large for a slide, a window at a time: the pages of each dimension, the page that
// follows the pass being computed, and the order the presenter's keys visit the windows in.
import { describe, expect, it } from 'vitest'
import { followedPage, neighbour, order, spanOf, spanText } from '../../../app/panels/matrixWindow.ts'

describe('matrix windows', () => {
  it('cuts a dimension into pages of four, the last one shorter, and clamps the page asked for', () => {
    expect(spanOf(8, 4, 1)).toEqual({ start: 4, end: 8, page: 1, pages: 2 })
    expect(spanOf(6, 4, 1)).toEqual({ start: 4, end: 6, page: 1, pages: 2 })
    expect(spanOf(6, 4, 5)).toEqual({ start: 4, end: 6, page: 1, pages: 2 })
    expect(spanOf(3, 4, 0)).toEqual({ start: 0, end: 3, page: 0, pages: 1 })
    expect(spanOf(0, 4, 0)).toEqual({ start: 0, end: 0, page: 0, pages: 1 })
  })

  it('follows the row (or column) being computed, and keeps the chosen page before the first pass', () => {
    expect(followedPage(0, 4, 1)).toBe(0)
    expect(followedPage(3, 4, 1)).toBe(0)
    expect(followedPage(4, 4, 0)).toBe(1)
    expect(followedPage(null, 4, 1)).toBe(1)
  })

  it('visits every window once, the followed dimension inner, so a panel ending on its last page goes on to the rest', () => {
    const all = order(2, 2)
    expect(all).toEqual([
      { follow: 0, other: 0 },
      { follow: 1, other: 0 },
      { follow: 0, other: 1 },
      { follow: 1, other: 1 },
    ])
    // An 8 × 8 Jacobian in reverse mode ends on rows 5–8, columns 1–4: then columns 5–8 of rows 1–4, then of rows 5–8.
    expect(neighbour({ follow: 1, other: 0 }, 2, 2, 1)).toEqual({ follow: 0, other: 1 })
    expect(neighbour({ follow: 1, other: 1 }, 2, 2, 1)).toBeNull()
    expect(neighbour({ follow: 0, other: 0 }, 2, 2, -1)).toBeNull()
    expect(neighbour({ follow: 0, other: 1 }, 2, 2, -1)).toEqual({ follow: 1, other: 0 })
  })

  it('names the window shown', () => {
    expect(spanText('rows', spanOf(8, 4, 0), 8)).toBe('rows 1–4 of 8')
    expect(spanText('columns', spanOf(5, 4, 1), 5)).toBe('column 5 of 5')
  })
})
