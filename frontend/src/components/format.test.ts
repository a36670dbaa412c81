import { describe, expect, it } from 'vitest'
import { formatTime } from './format'

describe('formatTime', () => {
  it('shows UTC server times in Shanghai time', () => {
    expect(formatTime('2026-11-27T18:30:00Z', 'en')).toContain('02:30')
  })
})
