import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { mapApi } from '@/api/endpoints'
import type { MapSettings } from '@/api/types'
import { toDisplay, type Datum, type Point } from './datum'

let settings: Promise<MapSettings> | null = null

/** The base map's settings, asked once per page load. */
export function mapSettings(): Promise<MapSettings> {
  settings ??= mapApi.settings().catch((e) => {
    settings = null
    throw e
  })
  return settings
}

export interface BaseMap {
  map: L.Map
  datum: Datum
  /** A stored (WGS-84) point where it is drawn. */
  at: (p: Point) => L.LatLng
}

/**
 * A Leaflet map in the element: the configured tiles with their attribution, or a plain background (an intranet, the
 * tests) on which OneGrid's own outlines, buildings and points are all there is. Zoom buttons are named in the page's
 * language; the element is a labelled region.
 */
export async function createMap(
  el: HTMLElement,
  label: string,
  zoomNames: { zoomIn: string; zoomOut: string },
  options: L.MapOptions = {},
): Promise<BaseMap> {
  const s = await mapSettings()
  const map = L.map(el, { zoomControl: false, attributionControl: false, zoomSnap: 0.25, ...options })
  L.control.zoom({ zoomInTitle: zoomNames.zoomIn, zoomOutTitle: zoomNames.zoomOut }).addTo(map)
  el.setAttribute('role', 'region')
  el.setAttribute('aria-label', label)
  if (s.tileUrl) {
    L.tileLayer(s.tileUrl, { subdomains: s.subdomains, maxZoom: s.maxZoom, attribution: s.attribution }).addTo(map)
    L.control.attribution({ prefix: false }).addTo(map)
  } else {
    el.classList.add('plain-map')
  }
  const datum = s.datum as Datum
  return { map, datum, at: (p) => L.latLng(toDisplay(datum, p)) }
}

/** GeoJSON MultiPolygon coordinates ([lng, lat], WGS-84) as Leaflet rings where they are drawn. */
export function rings(base: BaseMap, outline: number[][][][]): L.LatLng[][][] {
  return outline.map((polygon) => polygon.map((ring) => ring.map(([lng, lat]) => base.at({ lat: lat!, lng: lng! }))))
}

/** Colours with at least 3:1 against the plain background and the pins' white border. */
export const PIN = {
  overdue: '#b42318',
  fresh: '#b54708',
  working: '#1d4ed8',
  grid: '#0f5132',
}

/** A round pin (a div, so it carries a name for screen readers and a 44 px touch target). */
export function pinIcon(colour: string, text = ''): L.DivIcon {
  return L.divIcon({
    className: 'og-pin',
    html: `<span style="background:${colour}">${text}</span>`,
    iconSize: [44, 44],
    iconAnchor: [22, 22],
  })
}

/** Gives a marker's element its accessible name once it is on the map. */
export function nameMarker(marker: L.Marker, name: string): L.Marker {
  const el = marker.getElement()
  if (el) {
    el.setAttribute('aria-label', name)
    el.removeAttribute('title')
  }
  return marker
}

/**
 * A permanent name for an outline, just inside its top edge, where it covers no building or pin (buildings and pins
 * sit inside the area, and a name in the middle hid them).
 */
export function nameArea(polygon: L.Polygon, text: string, layer: L.LayerGroup | L.Map): L.Tooltip {
  const b = polygon.getBounds()
  return L.tooltip({ permanent: true, direction: 'bottom', className: 'og-label', offset: [0, 2] })
    .setLatLng([b.getNorth(), b.getCenter().lng])
    .setContent(text)
    .addTo(layer as L.Map)
}
