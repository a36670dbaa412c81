import { zonedInputToIso } from '@/components/format'

/** A stretch of duty: who (or nobody) from when to when. */
export interface Stretch {
  from: string
  to: string
  person?: { id: number; name: string } | null
}

/** A stretch as drawn on one day's column: minutes after that day's midnight, in the display zone. */
export interface Block {
  startMinute: number
  endMinute: number
  stretch: Stretch
}

/** One column of the week: its date (YYYY-MM-DD in the display zone) and the blocks that fall in it. */
export interface Day {
  date: string
  blocks: Block[]
}

const DAY = 86_400_000

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  return new Date(d.getTime() + days * DAY).toISOString().slice(0, 10)
}

/**
 * The roster's week as seven day columns starting on the day of the first stretch (in the display zone): each stretch
 * is cut at midnight into the days it spans, so a night shift shows at the bottom of one day and the top of the next.
 * Days are measured from their own midnight, which keeps days of 23 or 25 hours right where clocks change.
 */
export function rosterWeek(stretches: Stretch[], firstDate: string, days = 7): Day[] {
  const columns: Day[] = []
  for (let i = 0; i < days; i++) {
    const date = addDays(firstDate, i)
    const start = Date.parse(zonedInputToIso(`${date}T00:00`))
    const end = Date.parse(zonedInputToIso(`${addDays(date, 1)}T00:00`))
    const blocks: Block[] = []
    for (const s of stretches) {
      const from = Math.max(Date.parse(s.from), start)
      const to = Math.min(Date.parse(s.to), end)
      if (to <= from) continue
      blocks.push({ startMinute: Math.round((from - start) / 60_000), endMinute: Math.round((to - start) / 60_000), stretch: s })
    }
    columns.push({ date, blocks })
  }
  return columns
}
