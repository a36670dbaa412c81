/**
 * A fresh Idempotency-Key for one thing being sent (a report, a booking, a message): a retry on a
 * bad network sends the same key and the server keeps one. Falls back where crypto.randomUUID is
 * missing (plain-HTTP pages on older phones).
 */
export function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
}
