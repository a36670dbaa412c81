import { describe, expect, it } from 'vitest'
import { displayPhone, formatTime, zonedInputToIso } from './format'

describe('formatTime', () => {
  it('shows UTC server times in Shanghai time', () => {
    expect(formatTime('2026-11-27T18:30:00Z', 'en')).toContain('02:30')
  })
})

describe('displayPhone', () => {
  it('shows mainland mobiles in the usual 3-4-4 groups and leaves masked numbers alone', () => {
    expect(displayPhone('+8613800001001')).toBe('138 0000 1001')
    expect(displayPhone('138****1001')).toBe('138****1001')
  })
})

describe('zonedInputToIso', () => {
  it('reads a typed time as Shanghai time whatever the phone says', () => {
    expect(zonedInputToIso('2026-11-29T09:30')).toBe('2026-11-29T01:30:00.000Z')
    expect(zonedInputToIso('2026-01-01T00:15')).toBe('2025-12-31T16:15:00.000Z')
  })
})
