import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, configureApi, http, urlOf } from './client'
import { KEPT_HEADER, offline } from './connectivity'

function reply(status: number, body?: unknown, type = 'application/json') {
  return Promise.resolve(
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } }),
  )
}

describe('api client', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    document.cookie = 'XSRF-TOKEN=; Max-Age=0'
  })

  it('echoes the CSRF cookie and the language on writes', async () => {
    document.cookie = 'XSRF-TOKEN=abc123'
    configureApi({ language: () => 'en' })
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => reply(200, { ok: true }))
    await api('POST', '/auth/otp', { phone: '1' })
    const headers = fetch.mock.calls[0]?.[1]?.headers as Record<string, string>
    expect(headers['X-XSRF-TOKEN']).toBe('abc123')
    expect(headers['Accept-Language']).toBe('en')
  })

  it('turns a problem+json answer into an ApiError with field messages', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      reply(
        400,
        { type: 't', title: 'x', status: 400, detail: 'bad', code: 'validation', errors: [{ field: 'phone', message: 'wrong' }] },
        'application/problem+json',
      ),
    )
    const error = await api('GET', '/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).fieldError('phone')).toBe('wrong')
  })

  it('sends the person to sign in on 401 unless asked not to', async () => {
    const onUnauthorized = vi.fn()
    configureApi({ onUnauthorized })
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => reply(401, { status: 401, detail: 'sign in' }))
    await api('GET', '/me', undefined, { redirectOn401: false }).catch(() => undefined)
    expect(onUnauthorized).not.toHaveBeenCalled()
    await api('GET', '/staff/home').catch(() => undefined)
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('reports a network failure in words, not a crash', async () => {
    configureApi({ networkMessage: () => 'offline' })
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new TypeError('failed')))
    const error = (await api('GET', '/me').catch((e: unknown) => e)) as ApiError
    expect(error.problem.code).toBe('network')
    expect(error.message).toBe('offline')
  })
  it('explains an HTML error page from a proxy in words, not a SyntaxError', async () => {
    configureApi({ networkMessage: () => 'the server did not answer' })
    vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      Promise.resolve(new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })),
    )
    const error = await api('GET', '/me/problems').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(502)
    expect((error as ApiError).message).toBe('the server did not answer')
  })

  it('says the app is offline while answers come from the kept copy, and online once the server answers', async () => {
    const kept = new Response(JSON.stringify([]), { status: 200, headers: { 'Content-Type': 'application/json', [KEPT_HEADER]: '1' } })
    vi.spyOn(globalThis, 'fetch').mockImplementationOnce(() => Promise.resolve(kept)).mockImplementationOnce(() => reply(200, []))
    await api('GET', '/me/problems')
    expect(offline.value).toBe(true)
    await api('GET', '/me/problems')
    expect(offline.value).toBe(false)
  })
})

describe('typed calls', () => {
  afterEach(() => vi.restoreAllMocks())

  it('fills path parameters, encoded, and leaves unset query values out', () => {
    expect(urlOf('/admin/categories/{code}', { path: { code: 'a/b 水' } })).toBe('/admin/categories/a%2Fb%20%E6%B0%B4')
    expect(urlOf('/clinician/requests', { query: { open: false, before: undefined } })).toBe('/clinician/requests?open=false')
    expect(urlOf('/x', { query: { id: [1, 2], q: null } })).toBe('/x?id=1&id=2')
    expect(() => urlOf('/problems/{id}', {})).toThrow('{id}')
  })

  it('sends the body and headers a call names to the path it names', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => reply(200, { id: 7 }))
    document.cookie = 'XSRF-TOKEN=t'
    await http.post('/problems/{id}/messages', {
      path: { id: 42 },
      body: { body: 'hi', clientKey: 'k', internal: false },
      headers: { 'Idempotency-Key': 'abc' },
    })
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/v1/problems/42/messages')
    expect(JSON.parse(String(init?.body))).toEqual({ body: 'hi', clientKey: 'k', internal: false })
    expect((init?.headers as Record<string, string>)['Idempotency-Key']).toBe('abc')
    document.cookie = 'XSRF-TOKEN=; Max-Age=0'
  })
})
