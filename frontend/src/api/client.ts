// The one door to the backend: base path, CSRF header, caller's language, problem+json errors, 401 handling.
import { noteAnswer } from './connectivity'
import type { paths } from './schema'

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

/*
 * Calls named by the OpenAPI document. A path is one of the document's paths without `/api/v1`, with its `{name}`
 * parameters, query, body and answer typed from it: a renamed route, a missing parameter or a body the backend does not
 * take is a compile error (`vue-tsc`), not a 404 or a 400 on someone's phone.
 */
type Prefix = '/api/v1'
type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete'
type FullPath = keyof paths
type Short<P> = P extends `${Prefix}${infer R}` ? R : never
/** The paths that answer this method, as this client names them. */
export type PathOf<V extends Verb> = { [P in FullPath]: paths[P][V] extends undefined ? never : Short<P> }[FullPath]
type Op<V extends Verb, P extends PathOf<V>> = NonNullable<paths[`${Prefix}${P}`][V]>
type Parameters<O> = O extends { parameters: infer X } ? X : never
type PathParams<O> = Parameters<O> extends { path: infer X } ? X : never
type QueryParams<O> = Parameters<O> extends { query?: infer X } ? X : never
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } }
  ? { body: B }
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : { body?: never }
type Json<R> = R extends { content: { 'application/json': infer X } } ? X : void
/** What a call answers: its 200's (or 201's) JSON, nothing for 204. */
export type Answer<O> = O extends { responses: { 200: infer R } }
  ? Json<R>
  : O extends { responses: { 201: infer R } }
    ? Json<R>
    : void
type NeverWhenAbsent<K extends string, X> = [X] extends [never] | [undefined] ? { [k in K]?: never } : { [k in K]: X }
/** Everything a call may carry besides its path: typed path parameters, query, body; headers and 401 handling. */
export type Args<O> = NeverWhenAbsent<'path', PathParams<O>> & {
  query?: [QueryParams<O>] extends [never] | [undefined] ? never : QueryParams<O>
} & JsonBody<O> &
  CallOptions
/** The arguments as a rest tuple: optional when the call needs none, required when it has a path parameter or a body. */
type Rest<O> = object extends Args<O> ? [args?: Args<O>] : [args: Args<O>]

type Scalar = string | number | boolean
interface Loose {
  path?: Record<string, Scalar>
  query?: Record<string, Scalar | Scalar[] | null | undefined>
  body?: unknown
}

/** Fills `{name}` from path parameters and appends the query (leaving out what is undefined or null). */
export function urlOf(path: string, args: Loose = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = args.path?.[name]
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`)
    return encodeURIComponent(String(value))
  })
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(args.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one !== null) query.append(name, String(one))
    }
  }
  const q = query.toString()
  return q ? `${filled}?${q}` : filled
}

function call<T>(method: Method, path: string, args: Loose & CallOptions = {}, withBody = false): Promise<T> {
  const options: CallOptions = { redirectOn401: args.redirectOn401, headers: args.headers }
  return api<T>(method, urlOf(path, args), withBody ? (args.body ?? {}) : undefined, options)
}

export const http = {
  get: <P extends PathOf<'get'>>(path: P, ...[args]: Rest<Op<'get', P>>) =>
    call<Answer<Op<'get', P>>>('GET', path, args as Loose),
  post: <P extends PathOf<'post'>>(path: P, ...[args]: Rest<Op<'post', P>>) =>
    call<Answer<Op<'post', P>>>('POST', path, args as Loose, true),
  put: <P extends PathOf<'put'>>(path: P, ...[args]: Rest<Op<'put', P>>) =>
    call<Answer<Op<'put', P>>>('PUT', path, args as Loose, true),
  patch: <P extends PathOf<'patch'>>(path: P, ...[args]: Rest<Op<'patch', P>>) =>
    call<Answer<Op<'patch', P>>>('PATCH', path, args as Loose, true),
  delete: <P extends PathOf<'delete'>>(path: P, ...[args]: Rest<Op<'delete', P>>) =>
    call<Answer<Op<'delete', P>>>('DELETE', path, args as Loose),
}

/** A link to a GET path that the browser opens itself (a calendar file, a CSV download). */
export function href<P extends PathOf<'get'>>(path: P, ...[args]: Rest<Op<'get', P>>): string {
  return '/api/v1' + urlOf(path, args as Loose)
}

/** Sends a file's raw bytes (a photo from the camera) with the CSRF header; answers like api(). */
export async function uploadFile<P extends PathOf<'post'>>(
  path: P,
  file: Blob,
  ...[args]: Rest<Op<'post', P>>
): Promise<Answer<Op<'post', P>>> {
  const token = await ensureCsrfToken()
  let response: Response
  try {
    response = await fetch('/api/v1' + urlOf(path, args as Loose), {
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
  return data as Answer<Op<'post', P>>
}
