import type { GeoPolygon } from '@/api/types'

/**
 * The polygon in a GeoJSON file a person chose: a Polygon, a one-polygon MultiPolygon, a Feature of
 * either, or a FeatureCollection of exactly one such Feature. Null for anything else.
 */
export function polygonOf(text: string): GeoPolygon | null {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  return fromGeometry(unwrap(json))
}

function unwrap(json: unknown): unknown {
  const o = json as { type?: string; features?: unknown[]; geometry?: unknown }
  if (o?.type === 'FeatureCollection') return o.features?.length === 1 ? unwrap(o.features[0]) : null
  if (o?.type === 'Feature') return o.geometry
  return json
}

function fromGeometry(g: unknown): GeoPolygon | null {
  const o = g as { type?: string; coordinates?: unknown }
  if (o?.type === 'Polygon' && Array.isArray(o.coordinates)) return { type: 'Polygon', coordinates: o.coordinates as number[][][] }
  if (o?.type === 'MultiPolygon' && Array.isArray(o.coordinates) && o.coordinates.length === 1) {
    return { type: 'Polygon', coordinates: o.coordinates[0] as number[][][] }
  }
  return null
}
