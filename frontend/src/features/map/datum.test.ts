import { describe, expect, it } from 'vitest'
import { fromDisplay, toDisplay } from './datum'

// 郑州 二七广场, as a phone reports it (WGS-84).
const ERQI = { lat: 34.7536, lng: 113.6655 }

describe('datum', () => {
  it('leaves points alone on WGS-84 and CGCS2000 tiles', () => {
    expect(toDisplay('WGS84', ERQI)).toEqual(ERQI)
    expect(toDisplay('CGCS2000', ERQI)).toEqual(ERQI)
  })

  it('shifts points onto GCJ-02 tiles by the few hundred metres those tiles are off, and back', () => {
    const shown = toDisplay('GCJ02', ERQI)
    const metresNorth = (shown.lat - ERQI.lat) * 111_320
    const metresEast = (shown.lng - ERQI.lng) * 111_320 * Math.cos((ERQI.lat * Math.PI) / 180)
    const offset = Math.hypot(metresNorth, metresEast)
    expect(offset).toBeGreaterThan(100)
    expect(offset).toBeLessThan(1000)
    const back = fromDisplay('GCJ02', shown)
    expect(Math.abs(back.lat - ERQI.lat)).toBeLessThan(2e-6)
    expect(Math.abs(back.lng - ERQI.lng)).toBeLessThan(2e-6)
  })
})
