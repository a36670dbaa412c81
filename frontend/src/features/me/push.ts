import { pushApi } from '@/api/endpoints'

/** Where this browser stands with push notifications. */
export type PushState = 'unsupported' | 'denied' | 'off' | 'on'

/** The push service could not be reached or refused to subscribe this browser. */
export class PushUnavailable extends Error {}

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
}

/** The service worker's registration, or null when there is none (development, or it failed to install). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!supported()) return null
  return (await navigator.serviceWorker.getRegistration()) ?? null
}

/** The VAPID public key (base64url) as the bytes PushManager.subscribe takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4)
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
}

export async function pushState(): Promise<PushState> {
  const reg = await registration()
  if (!reg) return 'unsupported'
  if (Notification.permission === 'denied') return 'denied'
  return (await reg.pushManager.getSubscription()) ? 'on' : 'off'
}

/**
 * Asks the person to allow notifications, subscribes this browser with the server's key and tells the server, which
 * then sends news here by push instead of text. Returns the state it ended in ('denied' when the person said no).
 */
export async function turnOn(): Promise<PushState> {
  const reg = await registration()
  if (!reg) return 'unsupported'
  if ((await Notification.requestPermission()) !== 'granted') return 'denied'
  const { publicKey } = await pushApi.status()
  // A subscription made for another key (the server's key changed) would never receive anything.
  await (await reg.pushManager.getSubscription())?.unsubscribe()
  let subscription: PushSubscription
  try {
    subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) })
  } catch (e) {
    throw new PushUnavailable(String(e))
  }
  const keys = subscription.toJSON().keys ?? {}
  await pushApi.subscribe({ endpoint: subscription.endpoint, p256dh: keys.p256dh ?? '', auth: keys.auth ?? '' })
  return 'on'
}

/** Stops push on this browser, at the server first (news goes back to texts), then in the browser. */
export async function turnOff(): Promise<PushState> {
  const reg = await registration()
  const subscription = reg ? await reg.pushManager.getSubscription() : null
  if (subscription) {
    await pushApi.unsubscribe(subscription.endpoint)
    await subscription.unsubscribe()
  }
  return reg ? 'off' : 'unsupported'
}
