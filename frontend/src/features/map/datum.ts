import gcoord from 'gcoord'

/** The datum a tile provider draws in (see the backend's MapConfig). */
export type Datum = 'WGS84' | 'CGCS2000' | 'GCJ02'

export interface Point {
  lat: number
  lng: number
}

/**
 * Where a WGS-84 point (as phones report and OneGrid stores) is drawn on tiles of this datum: GCJ-02 tiles are
 * shifted by up to a few hundred metres inside mainland China; CGCS2000 is WGS-84 to within centimetres.
 */
export function toDisplay(datum: Datum, p: Point): Point {
  if (datum !== 'GCJ02') return p
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  return { lat, lng }
}

/** The WGS-84 point under a spot on tiles of this datum (where a finger put the pin). */
export function fromDisplay(datum: Datum, p: Point): Point {
  if (datum !== 'GCJ02') return p
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]
  return { lat: round6(lat), lng: round6(lng) }
}

/** Six decimals: about 0.1 m, what the database keeps. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}
