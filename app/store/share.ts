/**
 * Share links: the notebook (as its Markdown file) and the slider values, compressed into the
 * URL hash: #/<slug>?nb=<payload> (route.ts parses the hash). Opening one reproduces what the
 * sender saw. A link that is too long, damaged or hostile is refused with a message; nothing in
 * it is ever run except as notebook-language cells, and nothing in it is rendered as HTML.
 */
import * as z from 'zod/mini'
import { SLIDER_MAX_COMPONENTS } from '../../engine/language/sliders.ts'

/** Browsers and chat tools cope with URLs of this size; longer ones get cut. */
export const MAX_LINK_CHARS = 60_000
const MAX_TEXT_CHARS = 400_000

const payloadSchema = z.object({
  v: z.literal(1),
  md: z.string().check(z.maxLength(MAX_TEXT_CHARS)),
  sliders: z.record(
    z.string().check(z.maxLength(64)), // persist.ts's MAX_SLIDER_NAME (persist imports this file)
    z.array(z.number()).check(z.maxLength(SLIDER_MAX_COMPONENTS)),
  ),
})

export type SharePayload = z.infer<typeof payloadSchema>

function toBase64Url(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it contains characters a share link never has')
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(b, (c) => c.charCodeAt(0))
}

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    // A small link that inflates to something huge is refused before it fills memory.
    if (size > limit) {
      await reader.cancel()
      throw new Error('it unpacks to more than a notebook can hold')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let k = 0
  for (const c of chunks) {
    out.set(c, k)
    k += c.length
  }
  return out
}

export async function encodeShare(payload: SharePayload): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(payload))
  return toBase64Url(await pipe(json, new CompressionStream('deflate-raw'), Infinity))
}

export type Decoded = { ok: true; payload: SharePayload } | { ok: false; why: string }

export async function decodeShare(text: string): Promise<Decoded> {
  if (text.length > MAX_LINK_CHARS)
    return { ok: false, why: `the link is too long (${text.length} characters; at most ${MAX_LINK_CHARS})` }
  try {
    const bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'), MAX_TEXT_CHARS * 4)
    const data: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    const parsed = payloadSchema.safeParse(data)
    if (!parsed.success) return { ok: false, why: 'it does not contain a notebook in the expected form' }
    return { ok: true, payload: parsed.data }
  } catch (err) {
    const why = err instanceof Error && /^it /.test(err.message) ? err.message : 'it is damaged or incomplete'
    return { ok: false, why }
  }
}
