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
  it('splits a landline after its area code, so the hotline is not one run of twelve digits', () => {
    expect(displayPhone('037168020001')).toBe('0371-6802 0001')
    expect(displayPhone('+8637168020001')).toBe('0371-6802 0001')
    expect(displayPhone('01012345678')).toBe('010-1234 5678')
    expect(displayPhone('+15005550006')).toBe('+15005550006')
  })
})

describe('zonedInputToIso', () => {
  it('reads a typed time as Shanghai time whatever the phone says', () => {
    expect(zonedInputToIso('2026-11-29T09:30')).toBe('2026-11-29T01:30:00.000Z')
    expect(zonedInputToIso('2026-01-01T00:15')).toBe('2025-12-31T16:15:00.000Z')
  })
})
