import L from 'leaflet'
import Supercluster from 'supercluster'
import { nameMarker, pinIcon, type BaseMap } from './leaflet'

/** A problem to put on a map: where it is drawn, its colour, its name for screen readers and what a tap does. */
export interface Pin {
  lat: number
  lng: number
  colour: string
  name: string
  open: () => void
}

/**
 * Problems as pins, near ones gathered into a numbered circle (supercluster) that zooms in when tapped; redrawn as the
 * map moves. Pins are keyboard buttons with a name.
 */
export function clusterLayer(base: BaseMap, pins: Pin[], clusterName: (n: number) => string): () => void {
  const index = new Supercluster<{ i: number }>({ radius: 50, maxZoom: 18 })
  index.load(
    pins.map((p, i) => {
      const at = base.at(p)
      return { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [at.lng, at.lat] } }
    }),
  )
  const layer = L.layerGroup().addTo(base.map)
  function draw() {
    layer.clearLayers()
    const b = base.map.getBounds()
    const zoom = Math.round(base.map.getZoom())
    for (const f of index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
      const [lng, lat] = f.geometry.coordinates as [number, number]
      const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number }
      if (props.cluster) {
        const n = props.point_count ?? 0
        const m = L.marker([lat, lng], { icon: clusterIcon(n), keyboard: true, title: clusterName(n) })
        m.on('click', () => base.map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 19)))
        m.addTo(layer)
        nameMarker(m, clusterName(n))
      } else {
        const pin = pins[props.i!]!
        const m = L.marker([lat, lng], { icon: pinIcon(pin.colour), keyboard: true, title: pin.name })
        m.on('click', pin.open)
        m.on('keypress', (e: L.LeafletKeyboardEvent) => {
          if (e.originalEvent.key === 'Enter') pin.open()
        })
        m.addTo(layer)
        nameMarker(m, pin.name)
      }
    }
  }
  base.map.on('moveend', draw)
  draw()
  return () => {
    base.map.off('moveend', draw)
    layer.remove()
  }
}

function clusterIcon(n: number): L.DivIcon {
  return L.divIcon({
    className: 'og-pin og-cluster',
    html: `<span style="background:#1f2937">${n}</span>`,
    iconSize: [44, 44],
    iconAnchor: [22, 22],
  })
}
