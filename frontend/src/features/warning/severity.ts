import type { WarningView } from '@/api/types'

const rank: Record<string, number> = { RED: 0, ORANGE: 1, YELLOW: 2, BLUE: 3 }

/** Most severe first; within a level, as given (the server sends the newest first). */
export function bySeverity(warnings: readonly WarningView[]): WarningView[] {
  return warnings
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (rank[a.w.level] ?? 9) - (rank[b.w.level] ?? 9) || a.i - b.i)
    .map((x) => x.w)
}
