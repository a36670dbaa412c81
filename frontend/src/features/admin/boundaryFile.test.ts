import { describe, expect, it } from 'vitest'
import { polygonOf } from './boundaryFile'

const ring = [
  [113.6, 34.7],
  [113.61, 34.7],
  [113.61, 34.71],
  [113.6, 34.7],
]

describe('polygonOf', () => {
  it('takes a polygon from a bare geometry, a feature, a one-feature collection or a one-polygon multipolygon', () => {
    const polygon = { type: 'Polygon', coordinates: [ring] }
    expect(polygonOf(JSON.stringify(polygon))).toEqual(polygon)
    expect(polygonOf(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual(polygon)
    expect(polygonOf(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] }))).toEqual(polygon)
    expect(polygonOf(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring]] }))).toEqual(polygon)
  })

  it('refuses what is not one polygon', () => {
    expect(polygonOf('not json')).toBeNull()
    expect(polygonOf(JSON.stringify({ type: 'Point', coordinates: [113.6, 34.7] }))).toBeNull()
    expect(polygonOf(JSON.stringify({ type: 'FeatureCollection', features: [] }))).toBeNull()
    expect(polygonOf(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring], [ring]] }))).toBeNull()
  })
})
