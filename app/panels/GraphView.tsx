/**
 * A computation graph as an SVG arc diagram: x and the primitives on one row, left to right in
 * the order they were computed; constants (matrices, literals) on a row below, under each node
 * that reads them. Consecutive nodes are joined by a straight arrow, longer jumps by an
 * arc above the row, so no edge passes behind a node.
 *
 * Each node shows its primal value; during a pass it also shows the cotangent (reverse mode) or
 * tangent (forward mode) it has received, and the node being updated now is marked by colour, a
 * thicker border and the word "now". The same facts are in a table below (the text alternative).
 *
 * On a slide the drawing fills the slide's width instead of scrolling, and a graph of more than
 * PAGE operations is shown a page at a time (the page holding the node being updated).
 */
import { memo, useContext, useEffect, useId, useMemo, useRef } from 'react'
import type { GraphPage } from './graphPages.ts'
import { PAGE, pageNumber, pageOf } from './graphPages.ts'
import { StepDriverContext } from './stepDriver.ts'
import type { PlainTensor, PullbacksNode } from '../../engine/panels/pullbacks.ts'
import { displayNumber, tensorText } from '../../engine/language/numbers.ts'

export type FlowKind = 'cotangent' | 'tangent'

export interface GraphViewProps {
  nodes: readonly PullbacksNode[]
  output: number | null
  /** What each node has received in the current pass, by node id. */
  values: ReadonlyMap<number, number[]>
  kind: FlowKind
  /** The node updated by the current step. */
  current: number | null
  /** The function's name, for labels. */
  fn: string
}

const W = 140 // an operation's box
const H = 74
const CW = 96 // a constant's box
const CH = 48
const GAP = 34 // between two operations; a slide's are closer, so its labels can be larger
const SLIDE_GAP = 20
const PAD = 12
const BELOW = 40 // between the main row and the constants

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** The tensor in at most `max` characters: its values when they fit, else as many as fit. */
export function shortText(t: { shape: readonly number[]; data: readonly number[] }, max = 17): string {
  const full = tensorText(t)
  if (full.length <= max) return full
  if (t.shape.length >= 2) return `${t.shape.join('×')} matrix`
  let s = '['
  for (const x of t.data) {
    const next = `${s}${s === '[' ? '' : ', '}${displayNumber(x)}`
    if (next.length + 2 > max) break
    s = next
  }
  return `${s}${s === '[' ? '' : ', '}…]`
}

const shapeOf = (n: PullbacksNode, data: number[]): PlainTensor => ({ shape: n.value.shape, data })

/** "6 · mul" or "x": how a node is named in the drawing and in announcements. */
export function nodeName(n: PullbacksNode): string {
  if (n.role === 'input') return 'x'
  if (n.role === 'constant') return `${n.id} · const`
  return `${n.id} · ${n.label}`
}

/** A constant drawn under one of its readers: a matrix read twice is drawn twice, so no edge crosses the row. */
interface ConstantCopy {
  node: number
  reader: number
  box: Box
}

function layout(nodes: readonly PullbacksNode[], GAP: number, arcMax: number) {
  const boxes = new Map<number, Box>()
  const main = nodes.filter((n) => n.role !== 'constant')
  const col = new Map<number, number>()
  main.forEach((n, c) => col.set(n.id, c))
  // Arcs need room above the row: their height grows with the distance they span.
  let arcRoom = 0
  for (const n of main)
    for (const i of n.inputs)
      if (col.has(i) && col.get(n.id)! - col.get(i)! > 1)
        arcRoom = Math.max(arcRoom, arcHeight(col.get(n.id)! - col.get(i)!, arcMax))
  const top = PAD + arcRoom + 14 // 14: the "now" marker
  main.forEach((n, c) => boxes.set(n.id, { x: PAD + c * (W + GAP), y: top, w: W, h: H }))
  // Constants under each reader, centred, shifted right when they would overlap the previous one.
  const copies: ConstantCopy[] = []
  const constY = top + H + BELOW
  let right = 0
  for (const n of main) {
    const consts = n.inputs.filter((i) => !col.has(i))
    const b = boxes.get(n.id)!
    consts.forEach((c, k) => {
      const want = b.x + b.w / 2 - (consts.length * (CW + 10) - 10) / 2 + k * (CW + 10)
      const x = Math.max(PAD, want, right + 10)
      copies.push({ node: c, reader: n.id, box: { x, y: constY, w: CW, h: CH } })
      right = x + CW
    })
  }
  const width = Math.max(PAD + main.length * (W + GAP) - GAP + PAD, right + PAD)
  const height = (copies.length > 0 ? constY + CH : top + H) + PAD
  return { boxes, copies, col, width, height }
}

/** How high an arc over `span` columns rises (a slide's are flatter, leaving height to text). */
function arcHeight(span: number, max = 120): number {
  return Math.min(26 + 14 * span, max)
}

interface Edge {
  key: string
  from: number
  to: number
  d: string
}

function edges(
  nodes: readonly PullbacksNode[],
  boxes: Map<number, Box>,
  copies: readonly ConstantCopy[],
  col: Map<number, number>,
  arcMax: number,
): Edge[] {
  const out: Edge[] = []
  // Arcs leaving one node start at different points, so a fan of them stays readable.
  const arcsFrom = new Map<number, number>()
  const arcsSeen = new Map<number, number>()
  for (const n of nodes)
    for (const i of n.inputs)
      if (col.has(i) && col.get(n.id)! - col.get(i)! > 1) arcsFrom.set(i, (arcsFrom.get(i) ?? 0) + 1)
  for (const n of nodes) {
    if (n.role === 'constant') continue
    const b = boxes.get(n.id)!
    n.inputs.forEach((i, slot) => {
      // Where several edges arrive at one node, spread their ends a little.
      const spread = (slot - (n.inputs.length - 1) / 2) * 14
      let d: string
      if (!col.has(i)) {
        const a = copies.find((c) => c.node === i && c.reader === n.id)!.box
        d = `M ${a.x + a.w / 2} ${a.y} L ${b.x + b.w / 2 + spread} ${b.y + b.h}`
      } else if (col.get(n.id)! - col.get(i)! === 1) {
        const a = boxes.get(i)!
        d = `M ${a.x + a.w} ${a.y + a.h / 2 + spread / 2} L ${b.x} ${b.y + b.h / 2 + spread / 2}`
      } else {
        const a = boxes.get(i)!
        const h = arcHeight(col.get(n.id)! - col.get(i)!, arcMax)
        const k = arcsSeen.get(i) ?? 0
        arcsSeen.set(i, k + 1)
        const count = arcsFrom.get(i)!
        const x0 = a.x + a.w / 2 + (count === 1 ? 10 : ((k + 0.5) / count - 0.5) * (a.w - 24))
        const x1 = b.x + b.w / 2 + spread
        d = `M ${x0} ${a.y} C ${x0} ${a.y - h}, ${x1} ${b.y - h}, ${x1} ${b.y}`
      }
      out.push({ key: `${i}-${n.id}-${slot}`, from: i, to: n.id, d })
    })
  }
  return out
}

export function GraphView(props: GraphViewProps) {
  // A presentation provides a step driver; elsewhere the whole graph is drawn and scrolls.
  const presenting = useContext(StepDriverContext) !== null
  const { nodes, current } = props
  // A new page (new boxes, edges and layout) only when the current node crosses into another page.
  const page = presenting ? pageNumber(nodes, current, PAGE) : -1
  const paged = useMemo(() => (page < 0 ? null : pageOf(nodes, page, PAGE)), [nodes, page])
  return <Graph {...props} shown={paged?.nodes ?? nodes} paged={paged} />
}

function Graph({
  nodes: all,
  shown: nodes,
  paged,
  output,
  values,
  kind,
  current,
  fn,
}: GraphViewProps & { shown: readonly PullbacksNode[]; paged: GraphPage | null }) {
  const gap = paged ? SLIDE_GAP : GAP
  const arcMax = paged ? 70 : 120
  const { boxes, copies, col, width, height } = useMemo(() => layout(nodes, gap, arcMax), [nodes, gap, arcMax])
  const lines = useMemo(() => edges(nodes, boxes, copies, col, arcMax), [nodes, boxes, copies, col, arcMax])
  const scroller = useRef<HTMLDivElement>(null)
  // Marker ids are document-wide: each graph needs its own (two panels may be in different modes).
  const id = useId().replace(/:/g, '')

  // Keep the node being updated in view (no smooth scrolling: it would be motion).
  useEffect(() => {
    const el = scroller.current
    const b = current === null ? undefined : boxes.get(current)
    // A graph that fits needs no scrolling (nor the style lookup below, slow in jsdom).
    if (!el || !b || el.scrollWidth <= el.clientWidth) return
    // Drawing units to pixels: a presentation draws the graph larger (--pb-unit in pullbacks.css).
    const svg = el.querySelector('svg')
    const k = svg ? parseFloat(getComputedStyle(svg).width) / width || 1 : 1
    if (b.x * k < el.scrollLeft || (b.x + b.w) * k > el.scrollLeft + el.clientWidth)
      el.scrollLeft = Math.max(0, (b.x - 40) * k)
  }, [current, boxes, width])

  const active = (e: Edge) => {
    if (current === null) return false
    // Reverse: the cotangent of `current` was gathered from the readers that already have theirs.
    if (kind === 'cotangent') return e.from === current && values.has(e.to)
    // Forward: the tangent of `current` is pushed from its inputs.
    return e.to === current
  }

  return (
    <div className="pb-graph-wrap">
      <p className="pb-graph-hint" aria-hidden="true">
        Graph of {fn}, computed left to right{width > 700 ? ' (scroll sideways; the current node stays in view)' : ''}
      </p>
      {paged && paged.pages > 1 && (
        <p className="pb-graph-page">
          Operations {paged.first}–{paged.last} of {paged.count} (page {paged.page + 1} of {paged.pages}: the page
          follows the node being updated)
        </p>
      )}
      <div
        className="pb-graph"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={`Computation graph of ${fn} (scrolls sideways; the table below lists the same nodes)`}
      >
        <svg
          width={width}
          height={height}
          style={
            paged
              ? // On a slide: the slide's width, but never more than 1.75 px a unit (labels of 22 px): larger, a small graph made the slide shrink its text (3 nodes: body 22 px at 2.25).
                { width: `min(100%, ${width * 1.75}px)`, height: 'auto' }
              : { width: `calc(${width} * var(--pb-unit, 1px))`, height: `calc(${height} * var(--pb-unit, 1px))` }
          }
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`Computation graph of ${fn}: ${nodes.length} nodes from x on the left to the output on the right`}
        >
          <defs>
            <marker
              id={`${id}-arrow`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="9"
              markerHeight="9"
              orient="auto"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="pb-arrowhead" />
            </marker>
            <marker
              id={`${id}-arrow-active`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="12"
              markerHeight="12"
              orient={kind === 'cotangent' ? 'auto-start-reverse' : 'auto'}
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className={`pb-arrowhead-active pb-${kind}`} />
            </marker>
          </defs>
          {lines.map((e) => {
            const on = active(e)
            return (
              <path
                key={e.key}
                d={e.d}
                className={on ? `pb-edge pb-edge-active pb-${kind}` : 'pb-edge'}
                // A cotangent travels against the edge: its arrowhead points back at the node it reaches.
                markerEnd={
                  on && kind === 'cotangent' ? undefined : on ? `url(#${id}-arrow-active)` : `url(#${id}-arrow)`
                }
                markerStart={on && kind === 'cotangent' ? `url(#${id}-arrow-active)` : undefined}
              />
            )
          })}
          {paged?.incoming.map(({ reader, input }) => {
            const b = boxes.get(reader)!
            // From the left edge into the page's first node; from above into any other.
            const first = col.get(reader) === 0
            const x = b.x + 18
            const d = first ? `M 0 ${b.y + b.h / 2} L ${b.x} ${b.y + b.h / 2}` : `M ${x} ${b.y - 26} L ${x} ${b.y}`
            return (
              <g key={`in-${input}-${reader}`}>
                <path d={d} className="pb-edge" markerEnd={`url(#${id}-arrow)`} />
                <text x={first ? 2 : x + 4} y={first ? b.y + b.h / 2 - 6 : b.y - 16} className="pb-incoming">
                  {`from ${input}`}
                </text>
              </g>
            )
          })}
          <Constants nodes={all} copies={copies} />
          {nodes.map((n) => {
            const b = boxes.get(n.id)
            if (!b) return null
            return (
              <GraphNode
                key={n.id}
                n={n}
                box={b}
                flow={values.get(n.id)}
                now={n.id === current}
                isOutput={n.id === output}
                kind={kind}
              />
            )
          })}
        </svg>
      </div>
    </div>
  )
}

/** The constants' boxes, under their readers: they never change while stepping. */
const Constants = memo(function Constants({
  nodes,
  copies,
}: {
  nodes: readonly PullbacksNode[]
  copies: readonly ConstantCopy[]
}) {
  return copies.map((c) => {
    const n = nodes[c.node]!
    const b = c.box
    return (
      <g key={`${c.node}-${c.reader}`} className="pb-node pb-node-constant">
        <title>{`${nodeName(n)} = ${tensorText(n.value)}, read by node ${c.reader}`}</title>
        <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
        <text x={b.x + b.w / 2} y={b.y + 17} textAnchor="middle" className="pb-node-label">
          {nodeName(n)}
        </text>
        <text x={b.x + b.w / 2} y={b.y + 35} textAnchor="middle" className="pb-node-value">
          {shortText(n.value, 13)}
        </text>
      </g>
    )
  })
})

/**
 * One node of the main row: its value, and what it has received in this pass. Memoised, so a step
 * redraws only the nodes it changes (the flow values come from the spec, so they keep their identity).
 */
const GraphNode = memo(function GraphNode({
  n,
  box: b,
  flow: v,
  now,
  isOutput,
  kind,
}: {
  n: PullbacksNode
  box: Box
  flow: number[] | undefined
  now: boolean
  isOutput: boolean
  kind: FlowKind
}) {
  const cls = ['pb-node', `pb-node-${n.role}`, v ? 'pb-node-reached' : '', now ? 'pb-node-now' : '']
  const full =
    `${nodeName(n)}${n.detail ? ` (${n.detail})` : ''} = ${tensorText(n.value)}` +
    (v ? `; ${kind} ${tensorText(shapeOf(n, v))}` : '')
  const cx = b.x + b.w / 2
  return (
    <g className={cls.join(' ')}>
      <title>{full}</title>
      <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
      {now && (
        <text x={cx} y={b.y - 5} className="pb-now" textAnchor="middle">
          now
        </text>
      )}
      <text x={cx} y={b.y + 17} textAnchor="middle" className="pb-node-label">
        {n.role === 'input' ? 'x (input)' : nodeName(n)}
        {n.detail && n.detail !== 'A·B' ? ` ${n.detail}` : ''}
        {isOutput ? ' → out' : ''}
      </text>
      <text x={cx} y={b.y + 35} textAnchor="middle" className="pb-node-value">
        {shortText(n.value)}
      </text>
      {v && (
        <text x={cx} y={b.y + 56} textAnchor="middle" className={`pb-node-flow pb-${kind}`}>
          {kind === 'cotangent' ? 'ct' : 'ṫ'} {shortText(shapeOf(n, v), 14)}
        </text>
      )}
    </g>
  )
})
