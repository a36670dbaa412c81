import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { newPhone, signInStaff, signUpIn } from './helpers'

/*
 * The privacy scan, after every other journey (a project that depends on them): what the journeys left behind —
 * private problems' descriptions, internal notes, visit reasons, residents' full phones — is gathered as those allowed
 * see it, then every GET operation of the OpenAPI document is asked, with those records' ids, by people outside their
 * reach: a resident of another street, a resident of the next grid, a clinician of another provider and another
 * community's admin. No answer may contain any of it.
 */

type Doc = { paths: Record<string, Record<string, unknown>> }
const doc = load(readFileSync('../backend/target/classes/META-INF/swagger/onegrid-0.1.yml', 'utf8')) as Doc

async function staffPage(browser: Browser, phone: string, landsOn?: RegExp): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signInStaff(page, phone, landsOn)
  return page
}

async function getJson<T>(page: Page, path: string): Promise<T | null> {
  const reply = await page.request.get('/api/v1' + path)
  return reply.ok() ? ((await reply.json()) as T) : null
}

type Problem = { id: number; description: string; visibility: string; gridId: number }
type Message = { body: string; internal: boolean }
type Request = { id: number; reason?: string | null; patientPhone?: string | null }
type Booking = { id: number; reason?: string | null; phone?: string | null }
type Provider = { services: { id: number }[] }
type Resident = { phone: string }

test('nobody outside a record’s reach is shown its private text or a resident’s phone', async ({ browser }) => {
  test.setTimeout(240_000)
  const secrets = new Set<string>()
  const ids: Record<string, Set<number>> = { problem: new Set(), booking: new Set(), request: new Set(), service: new Set(), grid: new Set() }
  const keep = (text: string | null | undefined) => {
    if (text && text.trim().length >= 6) secrets.add(text.trim())
  }

  // What the journeys left, as those allowed see it: the city's admin for problems and their notes...
  const city = await staffPage(browser, '13800000001')
  for (const p of (await getJson<Problem[]>(city, '/staff/problems')) ?? []) {
    ids.problem.add(p.id)
    ids.grid.add(p.gridId)
    if (p.visibility === 'PRIVATE') keep(p.description)
    for (const m of (await getJson<Message[]>(city, `/problems/${p.id}/messages`)) ?? []) {
      if (m.internal) keep(m.body)
    }
  }
  // ...the grid leader for the full phones of the residents of grid 1...
  const leader = await staffPage(browser, '13800001001')
  const me = await getJson<{ staffNode: { id: number } }>(leader, '/me')
  const residents = await getJson<{ items: Resident[] }>(leader, `/grids/${me?.staffNode.id}/residents?limit=200`)
  for (const r of residents?.items ?? []) {
    if (/^\+86\d{11}$/.test(r.phone)) {
      secrets.add(r.phone)
      secrets.add(r.phone.slice(3))
    }
  }
  // ...and the station's doctor for visit reasons and patients' phones.
  const doctor = await staffPage(browser, '13800003001', /\/clinician/)
  for (const open of [true, false]) {
    for (const r of (await getJson<Request[]>(doctor, `/clinician/requests?open=${open}`)) ?? []) {
      ids.request.add(r.id)
      keep(r.reason)
    }
  }
  const days = Array.from({ length: 21 }, (_, i) => new Date(Date.now() + (i - 7) * 86_400_000).toISOString().slice(0, 10))
  for (const provider of (await getJson<Provider[]>(doctor, '/clinician/providers')) ?? []) {
    for (const service of provider.services) {
      ids.service.add(service.id)
      for (const day of days) {
        for (const b of (await getJson<Booking[]>(doctor, `/clinic/services/${service.id}/day?date=${day}`)) ?? []) {
          ids.booking.add(b.id)
          keep(b.reason)
        }
      }
    }
  }
  // The journeys left private text behind; the scan would prove nothing without it.
  expect(secrets.size).toBeGreaterThan(10)
  expect(ids.problem.size).toBeGreaterThan(5)

  // People outside those records' reach.
  const far = await (await browser.newContext()).newPage()
  await signUpIn(far, newPhone(), '远方居民', { search: '英才', community: '英才社区', building: '1号楼', unit: '1单元', room: '3101' })
  const nextGrid = await (await browser.newContext()).newPage()
  await signUpIn(nextGrid, newPhone(), '隔壁网格', { search: '民主', community: '民主路社区', building: '6号楼', unit: '1单元', room: '3102' })
  const hospital = await staffPage(browser, '13800003002', /\/clinician/)
  const outsiders: [string, Page][] = [
    ['a resident of another street', far],
    ['a resident of the next grid', nextGrid],
    ['a clinician of another provider', hospital],
    ['another community’s admin', await staffPage(browser, '13800000012')],
  ]
  // The partner hospital is within reach of the patients referred to it (it calls them to arrange the visit).
  const referredToHospital = new Set<string>()
  for (const open of [true, false]) {
    for (const r of (await getJson<Request[]>(hospital, `/clinician/requests?open=${open}`)) ?? []) {
      for (const text of [r.reason, r.patientPhone, r.patientPhone?.slice(3)]) if (text) referredToHospital.add(text.trim())
    }
  }

  const idsFor = (path: string): Set<number> => {
    if (path.startsWith('/api/v1/problems/')) return ids.problem
    if (path.startsWith('/api/v1/clinic/bookings/')) return ids.booking
    if (path.startsWith('/api/v1/clinic/requests/')) return ids.request
    if (path.startsWith('/api/v1/clinic/services/')) return ids.service
    if (path.startsWith('/api/v1/grids/') || path.startsWith('/api/v1/staff/grids/') || path.startsWith('/api/v1/staff/nodes/'))
      return ids.grid
    return new Set()
  }
  const leaks: string[] = []
  let calls = 0
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!('get' in operations) || path.includes('/demo/') || path.startsWith('/api/v1/photos/')) continue
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
    const urls =
      params.length === 0
        ? [path]
        : params.length === 1 && params[0] === 'id'
          ? [...idsFor(path)].slice(0, 25).map((id) => path.replace('{id}', String(id)))
          : []
    for (const url of urls) {
      const query = url.includes('/day') ? `?date=${days[7]}` : ''
      for (const [who, page] of outsiders) {
        const reply = await page.request.get(url + query)
        calls++
        const text = await reply.text()
        for (const secret of secrets) {
          if (page === hospital && referredToHospital.has(secret)) continue
          if (text.includes(secret)) leaks.push(`${url} showed ${who} “${secret.slice(0, 30)}”`)
        }
      }
    }
  }
  console.log(`privacy scan: ${secrets.size} private texts and phones, ${calls} calls, ${leaks.length} leaks`)
  expect(leaks).toEqual([])
})
