import { ref } from 'vue'

/** The header the service worker puts on an answer it gives from what it kept, because the network gave none. */
export const KEPT_HEADER = 'X-OneGrid-Kept'

/**
 * Whether the app is showing what it kept rather than what the server says now: the browser knows it has no network,
 * or the last answer came from the service worker's copy. The second is what tells a phone on a Wi-Fi that reaches
 * nothing (a lift, a garage, a captive portal) — there the browser still says it is online.
 */
export const offline = ref(typeof navigator !== 'undefined' && !navigator.onLine)

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => (offline.value = true))
  window.addEventListener('online', () => (offline.value = false))
}

/** Notes where an answer came from: the server (online again) or the service worker's copy. */
export function noteAnswer(response: Response): void {
  offline.value = response.headers.has(KEPT_HEADER)
}
