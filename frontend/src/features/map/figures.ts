import type { MapArea } from '@/api/types'

/** The figures an area can be coloured by: the dashboard's own, and open and overdue now. */
export const FIGURES = ['open', 'overdue', 'reported', 'closureRate', 'satisfaction'] as const
export type Figure = (typeof FIGURES)[number]

/** Whether a higher value is better (greens) or worse (reds). */
const HIGHER_IS_BETTER: Record<Figure, boolean> = {
  open: false,
  overdue: false,
  reported: false,
  closureRate: true,
  satisfaction: true,
}

// Five steps from light to dark, each told apart from its neighbours, with the figure printed on a white label.
const REDS = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15']
const GREENS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c']
const NONE = '#d1d5db'

export function valueOf(figure: Figure, a: MapArea): number | null {
  const v = a[figure]
  return v == null ? null : Number(v)
}

export function figureText(figure: Figure, a: MapArea): string {
  const v = valueOf(figure, a)
  if (v == null) return '–'
  if (figure === 'closureRate') return Math.round(v * 100) + '%'
  if (figure === 'satisfaction') return v.toFixed(1)
  return String(v)
}

export interface Scale {
  colourOf: (a: MapArea) => string
  legend: { colour: string; label: string }[]
}

/** Equal steps between the smallest and largest value shown; areas without a value in grey. */
export function classes(figure: Figure, areas: MapArea[]): Scale {
  const values = areas.map((a) => valueOf(figure, a)).filter((v): v is number => v != null)
  const ramp = HIGHER_IS_BETTER[figure] ? GREENS : REDS
  if (!values.length) return { colourOf: () => NONE, legend: [{ colour: NONE, label: '–' }] }
  const min = Math.min(...values)
  const max = Math.max(...values)
  const steps = max === min ? 1 : ramp.length
  const width = (max - min) / steps
  const step = (v: number) => (max === min ? ramp.length - 1 : Math.min(ramp.length - 1, Math.floor((v - min) / width)))
  const fmt = (v: number) =>
    figure === 'closureRate' ? Math.round(v * 100) + '%' : figure === 'satisfaction' ? v.toFixed(1) : String(Math.round(v))
  const legend =
    max === min
      ? [{ colour: ramp[ramp.length - 1]!, label: fmt(min) }]
      : ramp.map((colour, i) => ({ colour, label: `${fmt(min + i * width)}–${fmt(min + (i + 1) * width)}` }))
  return {
    colourOf: (a) => {
      const v = valueOf(figure, a)
      return v == null ? NONE : ramp[step(v)]!
    },
    legend: [...legend, ...(values.length < areas.length ? [{ colour: NONE, label: '–' }] : [])],
  }
}
