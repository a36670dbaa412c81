import { describe, expect, it } from 'vitest'
import type { WarningView } from '@/api/types'
import { bySeverity } from './severity'

const w = (id: number, level: string) => ({ id, level }) as unknown as WarningView

describe('bySeverity', () => {
  it('puts a red warning first and keeps the newest first within a level', () => {
    const ordered = bySeverity([w(9, 'ORANGE'), w(8, 'RED'), w(7, 'ORANGE'), w(6, 'RED')])
    expect(ordered.map((x) => x.id)).toEqual([8, 6, 9, 7])
  })
})
