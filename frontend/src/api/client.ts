// The one door to the backend: base path, CSRF header, caller's language, problem+json errors, 401 handling.
import { noteAnswer } from './connectivity'

export interface InvalidParam {
  field: string
  message: string
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: InvalidParam[] | null
  retryAfterSeconds?: number | null
}

export class ApiError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(problem.detail)
    this.problem = problem
  }
  get status(): number {
    return this.problem.status
  }
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message
  }
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).detail === 'string'
  )
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface ClientHooks {
  language: () => string
  onUnauthorized: () => void
  networkMessage: () => string
}

let hooks: ClientHooks = {
  language: () => 'zh-CN',
  onUnauthorized: () => undefined,
  networkMessage: () => 'Network error',
}

export function configureApi(next: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...next }
}

export function csrfToken(): string | undefined {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='))
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : undefined
}

async function ensureCsrfToken(): Promise<string | undefined> {
  if (!csrfToken()) {
    await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' })
  }
  return csrfToken()
}

interface CallOptions {
  /** Send the person to sign-in on 401 (the default); off for "am I signed in?" checks. */
  redirectOn401?: boolean
  /** Extra request headers, such as Idempotency-Key. */
  headers?: Record<string, string>
}

export async function api<T>(method: Method, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': hooks.language(),
  }
  if (method !== 'GET') {
    const token = await ensureCsrfToken()
    if (token) headers['X-XSRF-TOKEN'] = token
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  Object.assign(headers, options.headers)
  let response: Response
  try {
    response = await fetch('/api/v1' + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError({ type: 'network', title: '', status: 0, detail: hooks.networkMessage(), code: 'network' })
  }
  noteAnswer(response)
  if (response.status === 204) return undefined as T
  const data = await bodyOf(response)
  if (!response.ok) {
    if (response.status === 401 && options.redirectOn401 !== false && !path.startsWith('/auth/')) {
      hooks.onUnauthorized()
    }
    throw new ApiError(
      isProblem(data)
        ? data
        : { type: 'unknown', title: '', status: response.status, detail: hooks.networkMessage(), code: 'unknown' },
    )
  }
  return data as T
}

/**
 * The JSON an answer carries (undefined when empty). Anything else — an HTML page from a proxy in front (502, 504, a
 * captive portal) — is an error to explain in the user's words, not a SyntaxError.
 */
async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '')
  if (!text) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new ApiError({ type: 'unknown', title: '', status: response.status, detail: hooks.networkMessage(), code: 'unknown' })
  }
}

export const http = {
  get: <T>(path: string, options?: CallOptions) => api<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: CallOptions) => api<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown) => api<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => api<T>('PATCH', path, body ?? {}),
  delete: <T>(path: string) => api<T>('DELETE', path),
}

/** Sends a file's raw bytes (a photo from the camera) with the CSRF header; answers like api(). */
export async function uploadFile<T>(path: string, file: Blob): Promise<T> {
  const token = await ensureCsrfToken()
  let response: Response
  try {
    response = await fetch('/api/v1' + path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': hooks.language(),
        'Content-Type': file.type || 'application/octet-stream',
        ...(token ? { 'X-XSRF-TOKEN': token } : {}),
      },
      body: file,
    })
  } catch {
    throw new ApiError({ type: 'network', title: '', status: 0, detail: hooks.networkMessage(), code: 'network' })
  }
  noteAnswer(response)
  const data = await bodyOf(response)
  if (!response.ok) {
    throw new ApiError(
      isProblem(data)
        ? data
        : { type: 'unknown', title: '', status: response.status, detail: hooks.networkMessage(), code: 'unknown' },
    )
  }
  return data as T
}
