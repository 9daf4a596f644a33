// @vitest-environment jsdom
/**
 * An exercise cell as a learner uses it: answers checked against the values the worker sent
 * (here set in the store by hand: the seed's g(x1) = [16, 44, 64]), targeted and general hints,
 * a reveal, choices, progress that a reload shows again, an instructor's reveal, a malformed
 * block, editing the source, and a prediction that holds back the next code cell's output.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ExpectedValue } from '../../../engine/course/answers.ts'
import { CodeCellView } from '../../../app/components/CodeCellView.tsx'
import { ExerciseView } from '../../../app/components/ExerciseView.tsx'
import type { EditableCell } from '../../../app/store/cells.ts'
import { fromMarkdown } from '../../../app/store/cells.ts'
import { useCodeLanguage } from '../../../app/store/codeLanguage.ts'
import { useProgress } from '../../../app/store/progress.ts'
import { useStore } from '../../../app/store/store.ts'
import { useView } from '../../../app/store/view.ts'

// Choosing a language re-runs the notebook (app/store/run.ts): a stand-in worker takes the cells.
vi.mock('../../../app/worker/client.ts', () => import('../store/fakeWorker.ts'))

const SLUG = 'test-lesson'

const GRAD = [
  '```exercise grad-f',
  'question: What is $\\nabla f(x_1)$?',
  'answer: g(x1)',
  "wrong: A' * A * x1 => Almost: the derivative of a square brings a factor 2.",
  'hint: Differentiate the square first.',
  'hint: It is $2 A^\\top A x$.',
  'explain: The gradient of a squared norm.',
  '```',
].join('\n')

const CHOICE = [
  '```exercise row-mode',
  'question: Which mode gives a row of the Jacobian in one pass?',
  'choice: forward mode',
  'choice*: reverse mode',
  'hint: A row belongs to one output.',
  '```',
].join('\n')

const PREDICT = ['```exercise guess', 'question: What is 1 + 1?', 'answer: 1 + 1', 'predict: yes', '```'].join('\n')

const numbers = (...data: number[]): ExpectedValue => ({ ok: true, value: { shape: [data.length], data } })

/** Opens a notebook of these blocks in the store, without a worker; returns its cells. */
function open(markdown: string, expected: Record<number, (ExpectedValue | undefined)[]> = {}): EditableCell[] {
  const cells = fromMarkdown(markdown)
  useStore.setState({
    slug: SLUG,
    cells,
    outputs: {},
    expected: Object.fromEntries(Object.entries(expected).map(([i, v]) => [cells[Number(i)]!.id, v])),
    run: vi.fn(),
  })
  return cells
}

/** The learner's actions on exercise n, in the exercise's own words. */
function exercise(number = 1) {
  const region = () => screen.getByRole('region', { name: `Exercise ${number}` })
  return {
    region,
    answer: (text: string) => {
      const input = within(region()).getByLabelText('Your answer') as HTMLInputElement
      fireEvent.change(input, { target: { value: text } })
      fireEvent.submit(input.form!)
    },
    input: () => within(region()).getByLabelText('Your answer') as HTMLInputElement,
    click: (name: string) => fireEvent.click(within(region()).getByRole('button', { name })),
    feedback: () => region().querySelector('[aria-live="polite"]')!.textContent!.trim(),
  }
}

const progress = (id: string) => useProgress.getState().lessons[SLUG]?.[id]

beforeEach(() => {
  localStorage.clear()
  useProgress.setState({ lessons: {} })
  useView.setState({ revealAnswers: false })
})
afterEach(cleanup)

describe('a numeric exercise', () => {
  const seedValues = [numbers(16, 44, 64), numbers(8, 22, 32)]

  it('shows the question and a labelled input with Check, Hint and Reveal answer', () => {
    open(GRAD, { 0: seedValues })
    render(<ExerciseView id={useStore.getState().cells[0]!.id} index={0} number={1} />)
    const ex = exercise()
    expect(ex.region().querySelector('.katex')).not.toBeNull() // the question's math
    expect(ex.input().value).toBe('')
    for (const name of ['Check', 'Hint', 'Reveal answer'])
      expect(within(ex.region()).getByRole('button', { name })).toBeTruthy()
    expect(ex.region().querySelector('[role="status"][aria-live="polite"]')).not.toBeNull()
  })

  it('accepts the right answer, marks it solved, shows the explanation and saves it', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.answer('16 44 64')
    expect(ex.feedback()).toBe('Right!')
    expect(within(ex.region()).getByText('✓ Solved')).toBeTruthy()
    expect(within(ex.region()).getByText('The gradient of a squared norm.')).toBeTruthy()
    expect(progress('grad-f')).toMatchObject({ state: 'solved', last: '16 44 64', wrong: 0 })
  })

  it('gives the targeted hint for an expected mistake, then the general hints in order, then a nudge', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.answer('[8, 22, 32]')
    expect(ex.feedback()).toBe('Almost: the derivative of a square brings a factor 2.')
    ex.answer('1 2 3')
    expect(ex.feedback()).toBe('Not yet. Hint: Differentiate the square first.')
    ex.answer('1 2 4')
    expect(ex.feedback()).toMatch(/^Not yet\. Hint: It is/)
    ex.answer('1 2 5')
    expect(ex.feedback()).toMatch(/^(Not|Still)/)
    expect(ex.feedback()!.length).toBeGreaterThan(30)
    expect(progress('grad-f')).toMatchObject({ state: 'attempted', wrong: 4, hints: 2, last: '1 2 5' })
    expect(within(ex.region()).queryByText('✓ Solved')).toBeNull()
  })

  it('says a wrong shape with both shapes, and how to write an unreadable answer', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.answer('[16, 44]')
    expect(ex.feedback()).toBe('Your answer is a vector of 2, but the answer is a vector of 3.')
    ex.answer('g(x1)')
    expect(ex.feedback()).toMatch(/“g” is a name\. Answer with numbers/)
  })

  it('Hint shows the next general hint without an answer', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.click('Hint')
    expect(ex.feedback()).toBe('Hint 1 of 2: Differentiate the square first.')
    ex.click('Hint')
    ex.click('Hint')
    expect(ex.feedback()).toMatch(/no more hints/)
  })

  it("shows hint-python: and explain-python: when the learner has chosen Python, the lesson's hints otherwise", () => {
    const md = GRAD.replace(
      'explain: The gradient of a squared norm.',
      'explain: The gradient of a squared norm.\nhint-python: jax.grad(f) is a function: call it, jax.grad(f)(x1).\nexplain-python: jax.grad(f)(x1) is 2AᵀAx.',
    )
    useCodeLanguage.setState({ language: 'python' })
    const [cell] = open(md, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    exercise().click('Hint')
    expect(exercise().feedback()).toBe('Hint 1 of 1: jax.grad(f) is a function: call it, jax.grad(f)(x1).')
    cleanup()
    // Hints shown are counted per exercise, whatever the language: start the count again.
    useProgress.setState({ lessons: {} })
    act(() => useCodeLanguage.setState({ language: 'julia' }))
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    exercise().click('Hint')
    expect(exercise().feedback()).toBe('Hint 1 of 2: Differentiate the square first.')
  })

  it('waits for the worker when it has not sent the answer yet, then checks', () => {
    const [cell] = open(GRAD)
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.answer('16 44 64')
    expect(ex.feedback()).toMatch(/Checking/)
    act(() => useStore.setState({ expected: { [cell!.id]: seedValues } }))
    expect(ex.feedback()).toBe('Right!')
  })

  it('says so when the answer cannot be computed, instead of judging', () => {
    const [cell] = open(GRAD, { 0: [{ ok: false, error: 'x1 is not defined' }, numbers(1, 2, 3)] })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.answer('16 44 64')
    expect(ex.feedback()).toMatch(/cannot be checked right now.*x1 is not defined/)
    expect(progress('grad-f')).toBeUndefined()
  })

  it('reveals the answer and the explanation, and remembers the reveal', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.click('Reveal answer')
    expect(ex.region().textContent).toContain('The answer is [16, 44, 64].')
    expect(within(ex.region()).getByText('The gradient of a squared norm.')).toBeTruthy()
    expect(within(ex.region()).getByText('Answer revealed')).toBeTruthy()
    // Typing the answer after seeing it does not count as solving it.
    ex.answer('16 44 64')
    expect(progress('grad-f')!.state).toBe('revealed')
  })

  it('shows the last answer and the solved state again after a reload', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    useProgress.getState().record(SLUG, 'grad-f', { state: 'solved', last: '[16, 44, 64]', wrong: 1 })
    // A reload: the progress store reads localStorage afresh.
    const saved = JSON.parse(localStorage.getItem('adnb:progress')!)
    useProgress.setState({ lessons: saved.lessons })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    expect(ex.input().value).toBe('[16, 44, 64]')
    expect(within(ex.region()).getByText('✓ Solved')).toBeTruthy()
    expect(ex.feedback()).toBe('Right!')
  })

  it('shows the answer when an instructor reveals all answers, without recording progress', () => {
    const [cell] = open(GRAD, { 0: seedValues })
    useView.setState({ revealAnswers: true })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    expect(ex.region().textContent).toContain('The answer is [16, 44, 64].')
    expect(within(ex.region()).queryByRole('button', { name: 'Reveal answer' })).toBeNull()
    expect(progress('grad-f')).toBeUndefined()
  })
})

describe('a choice exercise', () => {
  it('asks to pick, gives a hint for a wrong choice, and accepts the right one', () => {
    const [cell] = open(CHOICE)
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    ex.click('Check')
    expect(ex.feedback()).toBe('Pick one of the choices first.')
    fireEvent.click(within(ex.region()).getByRole('radio', { name: 'forward mode' }))
    ex.click('Check')
    expect(ex.feedback()).toBe('Not that one. Hint: A row belongs to one output.')
    fireEvent.click(within(ex.region()).getByRole('radio', { name: 'reverse mode' }))
    ex.click('Check')
    expect(ex.feedback()).toBe('Right!')
    expect(progress('row-mode')).toMatchObject({ state: 'solved', last: '1', wrong: 1 })
  })

  it('marks the right choice when revealed', () => {
    const [cell] = open(CHOICE)
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    exercise().click('Reveal answer')
    const right = screen.getByRole('radio', { name: /reverse mode/ }).closest('label')!
    expect(right.textContent).toContain('the right answer')
  })
})

describe('authoring in the app', () => {
  it('says what is wrong with a malformed exercise', () => {
    const [cell] = open('```exercise bad\nquestion: q\nanswer: 1\nhnit: typo\n```')
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    expect(screen.getByRole('alert').textContent).toMatch(/line 3: unknown key "hnit:"/)
  })

  it('Edit exercise shows the raw text; Done evaluates the new expressions', () => {
    const [cell] = open(GRAD, { 0: [numbers(16, 44, 64), numbers(8, 22, 32)] })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    fireEvent.click(screen.getByRole('button', { name: 'Edit exercise' }))
    const source = screen.getByLabelText('Exercise 1 source') as HTMLTextAreaElement
    expect(source.value).toBe(GRAD.split('\n').slice(1, -1).join('\n'))
    fireEvent.change(source, { target: { value: 'question: Now?\nanswer: 2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(useStore.getState().run).toHaveBeenCalledWith(cell!.id)
    expect(screen.getByText('Now?')).toBeTruthy()
  })
})

describe('a prediction', () => {
  const notebook = `${PREDICT}\n\nSome prose.\n\n\`\`\`ad\n1 + 1\n\`\`\`\n\n\`\`\`ad\n3\n\`\`\``
  const codeIds = () =>
    useStore
      .getState()
      .cells.filter((c) => c.kind === 'code')
      .map((c) => c.id)

  it('holds back the next code cell’s output until answered, with a way to see it anyway', () => {
    open(notebook, { 0: [{ ok: true, value: { shape: [], data: [2] } }] })
    const [next, later] = codeIds() as [string, string]
    const output = { ok: true as const, display: { kind: 'tensor' as const, shape: [], data: [2] }, sliders: [] }
    useStore.setState({ outputs: { [next]: output, [later]: output } })
    render(
      <>
        <ExerciseView id={useStore.getState().cells[0]!.id} index={0} number={1} />
        <CodeCellView id={next} index={2} number={1} />
        <CodeCellView id={later} index={4} number={2} />
      </>,
    )
    const cell1 = screen.getByRole('region', { name: 'Cell 1' })
    expect(within(cell1).getByText('Answer the question above to see this output.')).toBeTruthy()
    // Only the next code cell waits.
    expect(within(screen.getByRole('region', { name: 'Cell 2' })).queryByText(/Answer the question/)).toBeNull()

    exercise().answer('2')
    expect(within(cell1).queryByText(/Answer the question/)).toBeNull()
  })

  it('Show anyway shows the output without answering', () => {
    open(notebook)
    const [next] = codeIds() as [string]
    render(
      <>
        <ExerciseView id={useStore.getState().cells[0]!.id} index={0} number={1} />
        <CodeCellView id={next} index={2} number={1} />
      </>,
    )
    const cell1 = screen.getByRole('region', { name: 'Cell 1' })
    fireEvent.click(within(cell1).getByRole('button', { name: 'Show anyway' }))
    expect(within(cell1).queryByText(/Answer the question/)).toBeNull()
    expect(progress('guess')).toBeUndefined()
  })
})

describe('a passes: exercise', () => {
  const PASSES = [
    '```exercise sum-rule',
    'question: Fix `my_sum`’s pullback.',
    'passes: test_rrule(my_sum, [1.0, 2.0])',
    'hint: Each entry of x counts once.',
    'explain: The pullback of sum copies ȳ to every entry.',
    '```',
  ].join('\n')
  const check = (status: 'consistent' | 'wrong', verdict: string): ExpectedValue => ({
    ok: true,
    check: { status, verdict },
  })
  const WRONG = check('wrong', 'Entry 1 of ∂my_sum/∂x is off: AD gives 2, finite differences 1 (rtol 1e-6, atol 1e-9)')
  const RIGHT = check('consistent', 'Consistent with finite differences to 3e-11 (rtol 1e-6, atol 1e-9)')

  it('has no answer box; shows the check’s verdict, and is solved when the worker sends a consistent one', () => {
    const [cell] = open(PASSES, { 0: [WRONG] })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    expect(within(ex.region()).queryByLabelText('Your answer')).toBeNull()
    expect(within(ex.region()).queryByRole('button', { name: 'Reveal answer' })).toBeNull()
    // The name keeps its underscore: the verdict is text, not Markdown.
    expect(ex.feedback()).toBe(
      'Not yet: entry 1 of ∂my_sum/∂x is off: AD gives 2, finite differences 1 (rtol 1e-6, atol 1e-9).',
    )
    expect(within(ex.region()).queryByText('✓ Solved')).toBeNull()
    expect(progress('sum-rule')).toBeUndefined()
    // The learner fixes the rule; the notebook re-runs and the worker sends the check again.
    act(() => useStore.setState({ expected: { [cell!.id]: [RIGHT] } }))
    expect(ex.feedback()).toBe('Passes. Consistent with finite differences to 3e-11 (rtol 1e-6, atol 1e-9).')
    expect(within(ex.region()).getByText('✓ Solved')).toBeTruthy()
    expect(within(ex.region()).getByText('The pullback of sum copies ȳ to every entry.')).toBeTruthy()
    expect(progress('sum-rule')).toMatchObject({ state: 'solved' })
    // Broken again: the verdict says so, and what was solved stays solved.
    act(() => useStore.setState({ expected: { [cell!.id]: [WRONG] } }))
    expect(ex.feedback()).toMatch(/^Not yet: /)
    expect(progress('sum-rule')).toMatchObject({ state: 'solved' })
  })

  it('says when the check stops with an error, and gives hints', () => {
    const [cell] = open(PASSES, { 0: [{ ok: false, error: 'my_sum is not defined' }] })
    render(<ExerciseView id={cell!.id} index={0} number={1} />)
    const ex = exercise()
    expect(ex.feedback()).toBe(
      'The check test_rrule(my_sum, [1.0, 2.0]) stops: my_sum is not defined. Fix the cells above and it runs again.',
    )
    ex.click('Hint')
    expect(within(ex.region()).getByText('Hint 1 of 1: Each entry of x counts once.')).toBeTruthy()
    expect(progress('sum-rule')).toMatchObject({ state: 'attempted', hints: 1 })
  })
})
