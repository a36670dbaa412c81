import { afterEach, describe, expect, it } from 'vitest'
import { setDisplayZone } from '@/components/format'
import { rosterWeek } from './rosterWeek'

const wang = { id: 1, name: '王' }
const li = { id: 2, name: '李' }

describe('the roster as a week', () => {
  afterEach(() => setDisplayZone('Asia/Shanghai'))

  it('cuts a night shift at midnight in the city, not in UTC', () => {
    // 20:00 on the 1st to 08:00 on the 2nd in Shanghai (UTC+8).
    const week = rosterWeek([{ from: '2026-12-01T12:00:00Z', to: '2026-12-02T00:00:00Z', person: wang }], '2026-12-01', 2)
    expect(week.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02'])
    expect(week[0]!.blocks).toEqual([{ startMinute: 20 * 60, endMinute: 24 * 60, stretch: expect.objectContaining({ person: wang }) }])
    expect(week[1]!.blocks).toEqual([{ startMinute: 0, endMinute: 8 * 60, stretch: expect.objectContaining({ person: wang }) }])
  })

  it('keeps a gap with nobody on duty as its own block', () => {
    const week = rosterWeek(
      [
        { from: '2026-12-01T00:00:00Z', to: '2026-12-01T04:00:00Z', person: li },
        { from: '2026-12-01T04:00:00Z', to: '2026-12-01T06:00:00Z', person: null },
      ],
      '2026-12-01',
      1,
    )
    expect(week[0]!.blocks.map((b) => [b.startMinute, b.endMinute, b.stretch.person?.name ?? null])).toEqual([
      [8 * 60, 12 * 60, '李'],
      [12 * 60, 14 * 60, null],
    ])
  })

  it('gives the day clocks go back 25 hours', () => {
    setDisplayZone('Europe/Berlin')
    // 2026-10-25: clocks go back at 03:00 CEST; the day runs 22:00Z (24th) to 23:00Z (25th).
    const week = rosterWeek([{ from: '2026-10-24T22:00:00Z', to: '2026-10-25T23:00:00Z', person: wang }], '2026-10-25', 1)
    expect(week[0]!.blocks[0]!.endMinute).toBe(25 * 60)
  })
})
