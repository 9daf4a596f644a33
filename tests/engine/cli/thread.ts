/**
 * The seed thread's code, read from ../shared/seed/ at test time (it is never copied into the
 * project): its fenced blocks, and its REPL session split into statements, each with the output
 * the thread printed for it (numbers as a shape and data, or "an error").
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Beside the project, as laid out for sessions and CI: <project>/../shared/seed/. */
export const THREAD_FILE = fileURLToPath(
  new URL('../../../../shared/seed/gradient-of-gradient-thread.txt', import.meta.url),
)

export function readThread(): string {
  if (!existsSync(THREAD_FILE)) throw new Error(`the seed thread is not at ${THREAD_FILE}`)
  return readFileSync(THREAD_FILE, 'utf8')
}

/** The text between each pair of fences (the forum writes them as six backticks, code may start on the fence's line). */
export function codeBlocks(thread: string): string[] {
  const parts = thread.split(/`{3,}/)
  const blocks: string[] = []
  for (let i = 1; i < parts.length; i += 2) blocks.push(parts[i]!.replace(/^\n/, '').replace(/\s+$/, ''))
  return blocks
}

export type Printed = { shape: number[]; data: number[] } | 'error'

export interface SessionLine {
  /** The statement without its `> ` prompt. */
  source: string
  /** What the thread printed after it, if anything. */
  printed?: Printed
}

/** The session: each `> ` line is a statement; the lines up to the next prompt are its printed output. */
export function sessionLines(block: string): SessionLine[] {
  const out: SessionLine[] = []
  let output: string[] = []
  const flush = () => {
    const last = out[out.length - 1]
    if (last !== undefined && output.length > 0) last.printed = readPrinted(output)
    output = []
  }
  for (const line of block.split('\n')) {
    if (line.startsWith('> ')) {
      flush()
      out.push({ source: line.slice(2).trim() })
    } else if (line.trim() !== '') output.push(line.trim())
  }
  flush()
  return out
}

/** Julia's display: "86", or a header "3×2 Array{Int64,2}:" / "3-element Array{Int64,1}:" over rows. */
function readPrinted(lines: string[]): Printed {
  if (lines[0]!.startsWith('ERROR')) return 'error'
  const header = /^(\d+)(?:×(\d+))?(?:-element)?\s/.exec(lines[0]!)
  if (header === null) return { shape: [], data: [Number(lines[0])] }
  const rows = lines.slice(1).map((l) => l.split(/\s+/).map(Number))
  const shape = header[2] === undefined ? [Number(header[1])] : [Number(header[1]), Number(header[2])]
  return { shape, data: rows.flat() }
}
