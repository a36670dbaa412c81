// OneGrid's service worker. It keeps the app shell so that the app opens with no network (the home-screen icon on a
// phone in a lift or a garage), and the last answer of a few of the signed-in person's own reads, so that such a
// start shows what was last loaded beside "离线" instead of a blank page. Everything else goes to the network.
// What it keeps of a person is dropped when anyone signs in or out on this device.

const SHELL = 'onegrid-shell-v1'
const DATA = 'onegrid-data-v1'
// Reads shown on the resident's start pages; nothing of other people, nothing of staff lists.
const KEPT_READS = ['/api/v1/session', '/api/v1/me', '/api/v1/config', '/api/v1/notices', '/api/v1/warnings', '/api/v1/me/problems', '/api/v1/hotline', '/api/v1/me/notifications', '/api/v1/me/messages/unread']
const SIGN_IN_OR_OUT = ['/api/v1/auth/login', '/api/v1/auth/otp/verify', '/api/v1/auth/logout', '/api/v1/me/sessions/end-all']

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/', '/manifest.json', '/favicon.svg', '/icon-192.png']))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

/** The network's answer, kept for next time when it is a good one; the kept one when there is no network. */
function networkFirst(request, cacheName, key) {
  return fetch(request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone()
        void caches.open(cacheName).then((cache) => cache.put(key ?? request, copy))
      }
      return response
    })
    .catch(() => caches.open(cacheName).then((cache) => cache.match(key ?? request)).then((hit) => (hit ? kept(hit) : Response.error())))
}

/** A kept answer, marked so that the app can say it shows what was last loaded (see src/api/connectivity.ts). */
function kept(response) {
  const headers = new Headers(response.headers)
  headers.set('X-OneGrid-Kept', '1')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

// Each release brings files with new names; the oldest kept ones (those of past releases) go once there are more than
// a release has (168 files today, of which a phone loads only what it opens), so a phone's storage does not fill up.
const MAX_ASSETS = 400
function prune(cache) {
  return cache.keys().then((keys) => {
    const assets = keys.filter((k) => new URL(k.url).pathname.startsWith('/assets/'))
    return Promise.all(assets.slice(0, Math.max(0, assets.length - MAX_ASSETS)).map((k) => cache.delete(k)))
  })
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.method !== 'GET') {
    if (SIGN_IN_OR_OUT.includes(url.pathname)) event.waitUntil(caches.delete(DATA))
    return
  }
  if (request.mode === 'navigate') {
    // Every page of the app is the same shell: a new version shows at once, the last one when offline.
    event.respondWith(networkFirst(request, SHELL, '/'))
  } else if (url.pathname.startsWith('/assets/')) {
    // Content-hashed names: a kept copy is always the right one.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone()
              void caches.open(SHELL).then((cache) => cache.put(request, copy).then(() => prune(cache)))
            }
            return response
          }),
      ),
    )
  } else if (KEPT_READS.includes(url.pathname) && !url.search) {
    event.respondWith(networkFirst(request, DATA))
  }
})

// Web Push: news the server sent while the app was closed (a reply to a report, a notice, a booking). The message is
// { body, link, tag }; a repeat of the same message has the same tag and replaces the first on the phone.
self.addEventListener('push', (event) => {
  let message = { body: '', link: '/notifications', tag: undefined }
  try {
    message = { ...message, ...event.data.json() }
  } catch {
    message.body = event.data ? event.data.text() : ''
  }
  event.waitUntil(
    self.registration.showNotification('一网通 OneGrid', {
      body: message.body,
      tag: message.tag,
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      lang: 'zh-CN',
      data: { link: message.link },
    }),
  )
})

// Tapping the notification opens its page in the app (an open window if there is one).
self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const link = new URL(event.notification.data?.link ?? '/notifications', self.location.origin)
  if (link.origin !== self.location.origin) return
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin)
      if (open) return open.navigate(link.href).then((w) => (w ?? open).focus())
      return self.clients.openWindow(link.href)
    }),
  )
})
