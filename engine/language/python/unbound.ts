/**
 * Python's UnboundLocalError: a name a function assigns anywhere is local to the whole function,
 * so reading it before the assignment does not see the name outside. The front-end binds such a
 * name to UNBOUND as the body starts and reads it through `__local__`, which says what happened.
 */
import { builtin } from '../args.ts'
import { LangError } from '../errors.ts'
import { registerOverlay } from '../overlays.ts'
import type { LangRecord } from '../values.ts'

const UNBOUND: LangRecord = { kind: 'record', tag: 'unbound local', fields: new Map() }

registerOverlay('python', [
  ['__unbound__', builtin('__unbound__', [], () => UNBOUND)],
  [
    '__local__',
    builtin('__local__', ['value', 'name', 'function', 'read', 'assigned'], ([value, name, fn, read, assigned]) => {
      if (value !== UNBOUND) return value
      const [x, f] = [String(name), String(fn)]
      const err = new LangError(
        `UnboundLocalError: ${x} is read (line ${String(read)}) before ${f} assigns it (line ${String(assigned)}). ` +
          `A name a function assigns is local to the whole function in Python, so the ${x} outside ${f} is not seen there: ` +
          `give the local another name, or pass ${x} in as an argument`,
        'name',
      )
      err.span = { line: Number(read), snippet: x }
      throw err
    }),
  ],
])
