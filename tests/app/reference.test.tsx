// @vitest-environment jsdom
/**
 * The language reference in the app: the route that opens it (at an entry), the page's search,
 * and the links from errors that name a builtin ("see gradient in the reference").
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import '../../engine/language/julia/index.ts'
import { parseRoute } from '../../app/route.ts'
import { Output } from '../../app/components/Output.tsx'
import ReferencePage from '../../app/components/ReferencePage.tsx'
import { referencedNames } from '../../engine/language/reference/links.ts'

afterEach(cleanup)

describe('the route', () => {
  it('#/reference opens the reference, #/reference/<name> at an entry; a lesson is not the reference', () => {
    expect(parseRoute('#/reference')).toMatchObject({ reference: '', problems: [] })
    expect(parseRoute('#/reference/gradient')).toMatchObject({ reference: 'gradient' })
    expect(parseRoute('#/reference/%CF%83').reference).toBe('σ')
    expect(parseRoute('#/seed-session').reference).toBeUndefined()
    expect(parseRoute('#/references-lesson').reference).toBeUndefined()
  })
})

describe('links from errors', () => {
  it('names the builtin a message starts with and the ones it writes as calls, not plain words', () => {
    const error =
      'line 1, in gradient(g, x1): gradient needs a function with a scalar output, but g returns a 3-vector: jacobian(g, x1)'
    expect(referencedNames(error)).toEqual(['gradient', 'jacobian'])
    expect(referencedNames('line 2, in h(x1): Zygote.gradient needs ... Zygote.jacobian(g, x1)[1]')).toEqual([
      'gradient',
      'jacobian',
    ])
    expect(referencedNames('ForwardDiff.gradient needs a function')).toEqual(['ForwardDiff.gradient'])
    expect(referencedNames('the first entry of the sum is NaN')).toEqual([])
    expect(referencedNames('line 1, column 4: syntax error: Value expected')).toEqual([])
  })

  it('the error output links to the reference, and the message is kept whole', () => {
    const error = 'line 1, in kron(1): kron takes 2 arguments (A, B), but was given 1'
    render(<Output output={{ ok: false, error, sliders: [] }} />)
    const status = screen.getByRole('status')
    expect(status.textContent).toContain(error)
    const link = screen.getByRole('link', { name: 'kron' })
    expect(link.getAttribute('href')).toBe('#/reference/kron')
    expect(status.textContent).toContain('(see kron in the reference)')
  })
})

describe('the reference page', () => {
  // Role queries over a page of some two hundred entries are slow in jsdom: plain selectors here.
  const entry = (label: string) => document.querySelector(`article[aria-label="${label}"]`)
  const labels = () => [...document.querySelectorAll('article')].map((a) => a.getAttribute('aria-label'))

  it('lists transforms, Julia names and syntax, each with an example', () => {
    render(<ReferencePage anchor="" />)
    expect(document.querySelector('h1')?.textContent).toBe('Language reference')
    const sections = [...document.querySelectorAll('h2')].map((h) => h.textContent)
    expect(sections).toEqual(
      expect.arrayContaining(['Transforms', 'In Julia cells', 'Julia packages', 'Syntax of Julia cells']),
    )
    const gradient = entry('gradient (ad)')!
    expect(gradient.textContent).toContain('gradient(f, x)')
    expect(gradient.querySelector('pre')?.textContent).toBe('f(x) = sum(abs2, x)\ngradient(f, [1, 2, 3])')
    expect(entry('gradient (Julia)')?.textContent).toContain('tuple')
    // Each entry once, in one section.
    expect(document.querySelector('.ref-count')?.textContent).toBe(`${labels().length} entries`)
  })

  it('search keeps only the entries that match every word', () => {
    render(<ReferencePage anchor="" />)
    const all = labels().length
    const search = document.querySelector('input[type=search]')!
    fireEvent.change(search, { target: { value: 'hessian' } })
    const found = labels()
    expect(found.length).toBeLessThan(all)
    expect(found).toEqual(expect.arrayContaining(['hessian (ad)', 'hessian (Julia)', 'show_hessian (ad)']))
    expect(found).not.toContain('sin (ad)')
    expect(document.querySelector('.ref-count')?.textContent).toBe(`${found.length} of ${all} entries`)
    // Every word must match: "second derivatives" finds the Hessians, not every "derivative".
    fireEvent.change(search, { target: { value: 'second derivatives' } })
    expect(labels()).toEqual(expect.arrayContaining(['hessian (ad)', 'hessian (Julia)']))
    expect(labels()).not.toContain('derivative (ad)')
    fireEvent.change(search, { target: { value: 'zzzz' } })
    expect(labels()).toEqual([])
  })

  it('an anchor marks its entries, and an unknown one says so', () => {
    render(<ReferencePage anchor="jacobian" />)
    const marked = document.querySelectorAll('[data-current]')
    expect([...marked].map((a) => a.getAttribute('aria-label'))).toEqual(['jacobian (ad)', 'jacobian (Julia)'])
    cleanup()
    render(<ReferencePage anchor="jacobain" />)
    expect(screen.getByText(/no entry called “jacobain”/)).toBeTruthy()
  })
})
