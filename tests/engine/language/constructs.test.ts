/**
 * The constructs the Julia and Python front-ends will lower into the tree: tuples and
 * destructuring, closures, function bodies with locals and return, if/elseif/else, short-circuit
 * logic, for and while loops with break/continue, and keyword arguments. Built as trees directly
 * (trees.ts), and through `ad` cells where mathjs syntax can write them.
 */
import { describe, expect, it } from 'vitest'
import { Scope, toText } from '../../../engine/standard.ts'
import { expectNear, run, runError } from './helpers.ts'
import {
  and,
  array,
  assign,
  bool,
  brk,
  call,
  cmp,
  comprehension,
  concat,
  cont,
  fn,
  for_,
  if_,
  index,
  kw,
  name,
  op,
  or,
  param,
  range,
  splat,
  ret,
  runTree,
  runValue,
  targets,
  treeError,
  tuple,
  while_,
} from './trees.ts'

describe('tuples', () => {
  it('are values shown as (a, b), indexed from the front-end base, with a length', () => {
    const t = tuple(1, array(2, 3))
    expect(toText(runValue([t]))).toBe('(1, [2, 3])')
    expect(runTree([index(t, [2])])).toEqual([2, 3])
    expect(runTree([index(t, [0], 0)])).toBe(1)
    expect(runTree([index(t, [-1], 0)])).toEqual([2, 3])
    expect(runTree([index(t, ['end'])])).toEqual([2, 3])
    expect(treeError([index(t, [3])])).toMatch(/index 3 is out of range for a tuple of 2: indices run from 1 to 2/)
  })

  it('are destructured into names, and a count mismatch says both counts', () => {
    const scope = new Scope()
    runTree([assign(targets('a', 'b'), tuple(3, 4))], scope)
    expect(runTree([op('-', 'a', 'b')], scope)).toBe(-1)
    expect(treeError([assign(targets('a', 'b', 'c'), tuple(3, 4))])).toMatch(
      /3 names on the left of = but the right side gives 2 values \(a tuple of 2\)/,
    )
    expect(treeError([assign(targets('a', 'b'), 5)])).toMatch(/only a tuple or a vector can be split/)
  })

  it('come back from functions: out, back = pullback-like pairs', () => {
    // f(x) = (x^2, dy -> 2x*dy); y, back = f(3); back(1) is the derivative 6.
    const scope = new Scope()
    runTree(
      [
        fn('f', ['x'], tuple(op('^', 'x', 2), fn(null, ['dy'], op('*', op('*', 2, 'x'), 'dy')))),
        assign(targets('y', 'back'), call('f', [3])),
      ],
      scope,
    )
    expect(runTree([call('back', [1])], scope)).toBe(6)
    expect(runTree([name('y')], scope)).toBe(9)
  })
})

describe('functions', () => {
  it('anonymous functions are closures over where they were made', () => {
    // adder(a) = x -> x + a; add2 = adder(2); add2(5) + ((x, y) -> x * y)(3, 4)
    const scope = new Scope()
    runTree([fn('adder', ['a'], fn(null, ['x'], op('+', 'x', 'a'))), assign('add2', call('adder', [2]))], scope)
    expect(runTree([call('add2', [5])], scope)).toBe(7)
    expect(runTree([call(fn(null, ['x', 'y'], op('*', 'x', 'y')), [3, 4])])).toBe(12)
  })

  it('a body block keeps its locals and returns early from inside loops and ifs', () => {
    // function firstAbove(v, c) for x in v; if x > c; return x; end; end; return -1 end
    const firstAbove = fn('firstAbove', ['v', 'c'], for_('x', 'v', if_([[cmp('>', 'x', 'c'), [ret('x')]]])), ret(-1))
    const scope = new Scope()
    runTree([firstAbove], scope)
    expect(runTree([call('firstAbove', [array(1, 5, 7), 4])], scope)).toBe(5)
    expect(runTree([call('firstAbove', [array(1, 2), 4])], scope)).toBe(-1)
    // Locals of a call do not leak into the notebook.
    runTree([fn('g', ['x'], assign('tmp', op('*', 'x', 2)), 'tmp'), call('g', [1])], scope)
    expect(treeError([name('tmp')], scope)).toMatch(/tmp is not defined/)
  })

  it('assignment inside a function is local even when the notebook has the name', () => {
    const scope = new Scope()
    runTree([assign('s', 100), fn('h', ['x'], assign('s', 'x'), 's'), call('h', [1])], scope)
    expect(runTree([name('s')], scope)).toBe(100)
  })

  it('parameters with defaults (which may use earlier ones) and a rest parameter as a tuple', () => {
    // f(x, n = 2, m = n + 1) = x^n + m;  g(x, rest...) = x + length of rest via rest[end]
    const scope = new Scope()
    runTree(
      [
        fn(
          'f',
          ['x', param('n', { default: 2 }), param('m', { default: op('+', 'n', 1) })],
          op('+', op('^', 'x', 'n'), 'm'),
        ),
        fn('g', ['x', param('rest', { rest: true })], 'rest'),
      ],
      scope,
    )
    expect([call('f', [3]), call('f', [3, 3]), call('f', [3, 3, 0])].map((c) => runTree([c], scope))).toEqual([
      12, 31, 27,
    ])
    expect(toText(runValue([call('g', [1, 2, 3])], scope))).toBe('(2, 3)')
    expect(treeError([call('f', [])], scope)).toMatch(/f takes 1 to 3 arguments \(x, n, m\), but was given 0/)
    // A keyword parameter without a default must be given (Julia's UndefKeywordError).
    expect(treeError([fn('h', [param('k', { keyword: true })], 1), call('h', [])])).toMatch(
      /h needs the keyword argument k/,
    )
    expect(treeError([fn('h', [param('a', { default: 1 }), 'b'], 1)])).toMatch(
      /the parameter b has no default but comes after one that has/,
    )
  })

  it('splatting passes a tuple or a vector as separate arguments', () => {
    const scope = new Scope()
    runTree([fn('h', ['a', 'b', 'c'], op('+', op('*', 100, 'a'), op('+', op('*', 10, 'b'), 'c')))], scope)
    expect(runTree([call('h', [splat(tuple(1, 2, 3))])], scope)).toBe(123)
    expect(runTree([call('h', [1, splat(array(2, 3))])], scope)).toBe(123)
    expect(treeError([call('h', [splat(tuple(1, 2))])], scope)).toMatch(
      /h takes 3 arguments \(a, b, c\), but was given 2/,
    )
  })

  it('a break inside a called function does not break the loop around the call', () => {
    const scope = new Scope()
    runTree([fn('stop', [], brk), assign('s', 0)], scope)
    expect(treeError([for_('k', range(1, 3), call('stop', []), assign('s', 'k', '+'))], scope)).toMatch(
      /break was used outside a for or while loop \(inside stop\)/,
    )
  })

  it('return and break outside their places are clear errors', () => {
    expect(treeError([ret(1)])).toMatch(/return was used outside a function/)
    expect(treeError([brk])).toMatch(/break was used outside a for or while loop/)
  })
})

describe('conditions and loops', () => {
  it('if / elseif / else picks one branch', () => {
    const sign = fn(
      'sgn',
      ['x'],
      if_(
        [
          [cmp('>', 'x', 0), [1]],
          [cmp('<', 'x', 0), [-1]],
        ],
        [0],
      ),
    )
    const scope = new Scope()
    runTree([sign], scope)
    expect([3, -2, 0].map((x) => runTree([call('sgn', [x])], scope))).toEqual([1, -1, 0])
  })

  it('&& and || short-circuit: the right side runs only when needed', () => {
    // false && undefinedName does not look the name up; true || undefinedName neither.
    expect(runTree([and(bool(false), 'nowhere')])).toBe(false)
    expect(runTree([or(bool(true), 'nowhere')])).toBe(true)
    expect(treeError([and(bool(true), 'nowhere')])).toMatch(/nowhere is not defined/)
  })

  it('a for loop at top level updates an outer accumulator (soft scope)', () => {
    const scope = new Scope()
    runTree([assign('s', 0), for_('k', range(1, 10), assign('s', 'k', '+'))], scope)
    expect(runTree([name('s')], scope)).toBe(55)
    // The loop variable itself stays the loop's.
    expect(treeError([name('k')], scope)).toMatch(/k is not defined/)
  })

  it('walks vectors, tuples, and matrices column by column as Julia does', () => {
    const scope = new Scope()
    const walk = (iterable: Parameters<typeof for_>[1]) =>
      runTree(
        [assign('acc', 0), for_('x', iterable, assign('acc', op('+', op('*', 'acc', 10), 'x'))), name('acc')],
        scope,
      )
    expect(walk(array(1, 2, 3))).toBe(123)
    expect(walk(tuple(4, 5))).toBe(45)
    // [1 2; 3 4] column-major: 1, 3, 2, 4.
    expect(walk(array(array(1, 2), array(3, 4)))).toBe(1324)
  })

  it('break and continue; while loops with local counters', () => {
    // s = 0; for k in 1:10; k == 3 && continue ... written as if; k > 5 && break; s += k; end
    const scope = new Scope()
    runTree(
      [
        assign('s', 0),
        for_(
          'k',
          range(1, 10),
          if_([[cmp('==', 'k', 3), [cont]]]),
          if_([[cmp('>', 'k', 5), [brk]]]),
          assign('s', 'k', '+'),
        ),
      ],
      scope,
    )
    expect(runTree([name('s')], scope)).toBe(1 + 2 + 4 + 5)
    // function halvings(n) steps = 0; while n > 1; n = n / 2; steps += 1; end; steps end
    const halvings = fn(
      'halvings',
      ['n'],
      assign('steps', 0),
      while_(cmp('>', 'n', 1), assign('n', op('/', 'n', 2)), assign('steps', 1, '+')),
      'steps',
    )
    runTree([halvings], scope)
    expect([1000, 1024, 1].map((n) => runTree([call('halvings', [n])], scope))).toEqual([10, 10, 0])
  })

  it('an endless while true is stopped by the step limit, naming the loop', () => {
    expect(treeError([while_(bool(true))])).toMatch(/evaluation steps.*in a while loop/)
  })

  it('power iteration gives the largest eigenvalue and its eigenvector', () => {
    // H = [2 1; 1 2]: eigenvalues 3 and 1, top eigenvector [1, 1]/sqrt(2).
    const scope = new Scope()
    runTree(
      [
        assign('H', array(array(2, 1), array(1, 2))),
        assign('v', array(1, 0)),
        for_('k', range(1, 40), assign('v', op('*', 'H', 'v')), assign('v', op('/', 'v', call('norm', ['v'])))),
      ],
      scope,
    )
    expectNear(runTree([name('v')], scope), [Math.SQRT1_2, Math.SQRT1_2], 1e-9)
    expectNear(runTree([call('dot', ['v', op('*', 'H', 'v')])], scope), 3, 1e-9)
  })

  it('Newton steps on x^2 - 2 converge to sqrt(2), using the derivative builtin', () => {
    // g(x) = x^2 - 2; x = 1; for k in 1:8; x = x - g(x) / derivative(g, x); end
    const scope = new Scope()
    runTree(
      [
        fn('g', ['x'], op('-', op('^', 'x', 2), 2)),
        assign('x', 1),
        for_('k', range(1, 8), assign('x', op('-', 'x', op('/', call('g', ['x']), call('derivative', ['g', 'x']))))),
      ],
      scope,
    )
    expectNear(runTree([name('x')], scope), Math.SQRT2, 1e-12)
  })
})

describe("Julia's matrix literal [a b; c d]", () => {
  it('joins blocks side by side and stacks rows; a single column is a vector', () => {
    expect(runTree([concat([1, 2], [3, 4])])).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(runTree([concat([1, 2, 3])])).toEqual([[1, 2, 3]])
    expect(runTree([concat([1], [2], [3])])).toEqual([1, 2, 3])
    // [v w] with vectors as columns, and [I v] blocks.
    expect(runTree([concat([array(1, 2), array(3, 4)])])).toEqual([
      [1, 3],
      [2, 4],
    ])
    expect(runTree([concat([concat([1, 0], [0, 1]), array(5, 6)])])).toEqual([
      [1, 0, 5],
      [0, 1, 6],
    ])
    expect(treeError([concat([1, 2], [3])])).toMatch(/cannot join a 1×2 matrix and a 1×1 matrix/)
  })
})

describe('comprehensions', () => {
  it('build vectors and matrices, filter, and nest flat as Python does', () => {
    expect(runTree([comprehension(op('^', 'x', 2), ['x', range(1, 4)])])).toEqual([1, 4, 9, 16])
    expect(runTree([comprehension('x', ['x', range(1, 6), cmp('>', 'x', 3)])])).toEqual([4, 5, 6])
    expect(runTree([comprehension(array('x', op('*', 2, 'x')), ['x', array(1, 2)])])).toEqual([
      [1, 2],
      [2, 4],
    ])
    expect(runTree([comprehension(op('+', op('*', 10, 'i'), 'j'), ['i', range(1, 2)], ['j', range(1, 3)])])).toEqual([
      11, 12, 13, 21, 22, 23,
    ])
    expect(runTree([comprehension('x', ['x', range(1, 0)])])).toEqual([])
  })

  it('let derivatives flow: d/dx sum([x^k for k in 1:3]) at 2 is 17', () => {
    const total = fn(null, ['x'], call('sum', [comprehension(op('^', 'x', 'k'), ['k', range(1, 3)])]))
    expect(runTree([call('derivative', [total, 2])])).toBeCloseTo(17, 12)
  })
})

describe('derivatives through control flow', () => {
  it('flow through a loop inside a function: d/dx (x + x^2 + x^3) at 2 is 17', () => {
    // p(x) = (s = 0; for k in 1:3; s += x^k; end; s)
    const scope = new Scope()
    runTree([fn('p', ['x'], assign('s', 0), for_('k', range(1, 3), assign('s', op('^', 'x', 'k'), '+')), 's')], scope)
    expect(runTree([call('derivative', ['p', 2])], scope)).toBeCloseTo(17, 12)
  })

  it('flow through early returns and destructured tuples', () => {
    // q(x) = (a, b = (x^2, 3x); if a > 1; return a * b; end; b)  -> 3x^3 for x > 1, 3x otherwise
    const scope = new Scope()
    runTree(
      [
        fn(
          'q',
          ['x'],
          assign(targets('a', 'b'), tuple(op('^', 'x', 2), op('*', 3, 'x'))),
          if_([[cmp('>', 'a', 1), [ret(op('*', 'a', 'b'))]]]),
          'b',
        ),
      ],
      scope,
    )
    expect(runTree([call('derivative', ['q', 2])], scope)).toBeCloseTo(36, 12)
    expect(runTree([call('derivative', ['q', 0.5])], scope)).toBeCloseTo(3, 12)
  })
})

describe('keyword arguments', () => {
  it('become the options record of builtins that take one', () => {
    const scope = new Scope()
    runTree([fn('f', ['x'], op('^', 'x', 2))], scope)
    const withKw = runTree([call('plot', ['f', -2, 2], [kw('derivative', bool(true))])], scope)
    const withRecord = run('f(x) = x^2\nplot(f, -2, 2, {derivative: true})')
    expect(withKw).toEqual(withRecord)
  })

  it('are refused with the names given elsewhere', () => {
    expect(treeError([call('sin', [1], [kw('k', 2)])])).toMatch(/sin takes no keyword arguments, but was given k/)
    expect(treeError([call('plot', ['sin', -2], [kw('derivative', bool(true))])])).toMatch(
      /keyword arguments \(derivative\) come after all of its other arguments: f, a, b/,
    )
  })
})

describe('broadcasting calls, f.(x)', () => {
  const bcast = (callee: Parameters<typeof call>[0], args: Parameters<typeof call>[1]) => call(callee, args, [], true)

  it("applies the learner's own function element by element, keeping the shape", () => {
    const scope = new Scope()
    runTree([fn('g', ['x'], op('+', op('^', 'x', 2), 1)), fn('h', ['x', 'y'], op('+', op('*', 'x', 'y'), 1))], scope)
    expect(runTree([bcast('g', [array(1, 2, 3)])], scope)).toEqual([2, 5, 10])
    expect(runTree([bcast('g', [array(array(1, 2), array(3, 4))])], scope)).toEqual([
      [2, 5],
      [10, 17],
    ])
    expect(runTree([bcast('h', [array(1, 2), 10])], scope)).toEqual([11, 21])
    expect(runTree([bcast('h', [array(1, 2), array(3, 4)])], scope)).toEqual([4, 9])
    expect(runTree([bcast('sin', [array(0, 1)])], scope)).toEqual([0, Math.sin(1)])
  })

  it('lets derivatives flow: the gradient of sum(g.(x)) is 2x', () => {
    const scope = new Scope()
    runTree([fn('g', ['x'], op('+', op('^', 'x', 2), 1))], scope)
    const total = fn(null, ['x'], call('sum', [bcast('g', ['x'])]))
    expectNear(runTree([call('gradient', [total, array(1, 2, 3)])], scope), [2, 4, 6], 1e-12)
  })

  it('says what is wrong with mismatched shapes and non-number results', () => {
    const scope = new Scope()
    runTree([fn('h', ['x', 'y'], op('*', 'x', 'y')), fn('pair', ['x'], tuple('x', 'x'))], scope)
    expect(treeError([bcast('h', [array(1, 2), array(1, 2, 3)])], scope)).toMatch(
      /h\.\(\.\.\.\) needs its array arguments to have one shape, but got a 2-vector and a 3-vector/,
    )
    expect(treeError([bcast('pair', [array(1, 2)])], scope)).toMatch(/pair returned a tuple of 2/)
  })
})

describe('through ad cells', () => {
  it('an inline definition is a closure over the cell', () => {
    expect(run('a = 3\nmap(g(t) = a * t, [1, 2])')).toEqual([3, 6])
  })

  it('x[i] = v replaces entries of a copy; gradients flow through it', () => {
    expect(run('x = [1, 2, 3]\nx[2] = 10\nx')).toEqual([1, 10, 3])
    expect(run('x = [1, 2, 3]\nx[2:3] = 0\nx')).toEqual([1, 0, 0])
    expect(run('A = [1, 2; 3, 4]\nA[1, :] = [7, 8]\nA')).toEqual([
      [7, 8],
      [3, 4],
    ])
    // x[1] += 5, as Julia writes it (mathjs has no +=).
    const scope = new Scope()
    runTree([assign('x', array(1, 2, 3)), assign(index('x', [1]), 5, '+')], scope)
    expect(runTree([name('x')], scope)).toEqual([6, 2, 3])
    // y = x; y[1] = x[2]^2 makes sum(y) = x2^2 + x2 + x3: gradient [0, 2 x2 + 1, 1].
    runTree(
      [fn('s', ['x'], assign('y', 'x'), assign(index('y', [1]), op('^', index('x', [2]), 2)), call('sum', ['y']))],
      scope,
    )
    expectNear(runTree([call('gradient', ['s', array(1, 3, 5)])], scope), [0, 7, 1], 1e-12)
    expect(runError('x = [1, 2, 3]\nx[1:2] = [1, 2, 3]')).toMatch(/cannot put a 3-vector into 2 entries/)
    expect(runError('p = {a: 1}\np.a = 5')).toMatch(/assigning to a field of a record/)
  })

  it('a loop fills a vector entry by entry', () => {
    const scope = new Scope()
    runTree(
      [assign('g', call('zeros', [3])), for_('i', range(1, 3), assign(index('g', ['i']), op('^', 'i', 2)))],
      scope,
    )
    expect(runTree([name('g')], scope)).toEqual([1, 4, 9])
  })
})
