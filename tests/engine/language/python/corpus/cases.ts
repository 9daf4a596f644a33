/**
 * A corpus case: the rule it pins down, the cells run in order in one notebook (the last one's
 * value is compared), and the expected value from an oracle: a number or a flat row-major list
 * for an array, a list for a tuple or a list, an object for a dict, null for None.
 */
import type { Expected } from './oracle.ts'

export type Case = [rule: string, cells: string[], expected: Expected | null]
