import { expect, test, type Browser, type Page } from '@playwright/test'
import { axeViolations, expectNoAxeViolations, focusFindings, sizeFindings } from './axe'
import { api, newPhone, signInResident, signInStaff, signUpInMinzhulu } from './helpers'

// Every page each kind of user opens, scanned by axe-core (WCAG 2.1 A/AA) in Chinese and English, in normal and
// large text, at the width they use it: residents and clinicians on a phone, staff on a phone and at a PC. The
// journeys scan the states inside pages (dialogs, maps); this walk makes sure no route is left out.

interface Variant {
  locale: 'zh-CN' | 'en'
  large: boolean
}
const VARIANTS: Variant[] = [
  { locale: 'zh-CN', large: false },
  { locale: 'zh-CN', large: true },
  { locale: 'en', large: false },
  { locale: 'en', large: true },
]
const PHONE = { width: 390, height: 844 }
const PC = { width: 1366, height: 900 }

/**
 * Counts layout shifts the way Core Web Vitals does (shifts not caused by a tap), from the page's first paint: a
 * resident's page must not jump under their finger as notices and warnings arrive.
 */
const LAYOUT_SHIFTS = `
  window.__cls = 0
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value
  }).observe({ type: 'layout-shift', buffered: true })
`

/** Opens each path in each variant and collects what axe finds, failing softly so one run lists everything. */
async function scan(page: Page, who: string, paths: string[], viewports = [PHONE], measureShifts = false): Promise<void> {
  for (const viewport of viewports) {
    await page.setViewportSize(viewport)
    for (const variant of VARIANTS) {
      await page.evaluate(({ locale, large }) => {
        localStorage.setItem('onegrid.locale', locale === 'en' ? 'en' : 'zh-CN')
        localStorage.setItem('onegrid.largeText', large ? '1' : '0')
      }, variant)
      for (const path of paths) {
        const state = `${who} ${path} ${viewport.width}px ${variant.locale}${variant.large ? ' large text' : ''}`
        await page.goto(path)
        await page.waitForLoadState('networkidle')
        await expect(page.locator('.van-loading:visible, .van-skeleton:visible')).toHaveCount(0)
        expect.soft(await page.locator('h1').count(), `one h1 on ${state}`).toBe(1)
        expect.soft(await axeViolations(page), `axe-core on ${state}`).toEqual([])
        expect.soft(await sizeFindings(page, variant.large), `sizes on ${state}`).toEqual([])
        if (variant === VARIANTS[0]) expect.soft(await focusFindings(page), `keyboard focus on ${state}`).toEqual([])
        if (measureShifts && variant === VARIANTS[0]) {
          // Read after the network went quiet and axe ran: what arrives late (notices, warnings, counts) has landed.
          const shift = await page.evaluate(() => (window as unknown as { __cls: number }).__cls)
          expect.soft(shift, `layout shift (CLS) on ${state}`).toBeLessThan(0.1)
        }
      }
    }
  }
  // Back to how the other journeys find the app: Chinese, normal text, a phone.
  await page.evaluate(() => {
    localStorage.setItem('onegrid.locale', 'zh-CN')
    localStorage.setItem('onegrid.largeText', '0')
  })
  await page.setViewportSize(PHONE)
}

/** Uploads a tiny photo as the signed-in page would, for a report or a thread to carry. */
async function uploadPhoto(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = decodeURIComponent(
      document.cookie
        .split('; ')
        .find((c) => c.startsWith('XSRF-TOKEN='))
        ?.substring('XSRF-TOKEN='.length) ?? '',
    )
    const png = Uint8Array.from(
      atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
      (c) => c.charCodeAt(0),
    )
    const res = await fetch('/api/v1/photos', { method: 'POST', headers: { 'Content-Type': 'image/png', 'X-XSRF-TOKEN': token }, body: png })
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`)
    return ((await res.json()) as { id: number }).id
  })
}

async function staffPage(browser: Browser, phone: string, landsOn?: RegExp): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signInStaff(page, phone, landsOn)
  return page
}

test('every page a resident opens passes axe-core, in both languages and in large text', async ({ page }) => {
  test.setTimeout(600_000)
  await page.goto('/login')
  await scan(page, 'signed out', ['/login', '/demo/inbox'])

  // A phone that never chose a text size.
  await page.evaluate(() => localStorage.removeItem('onegrid.largeText'))
  const phone = newPhone()
  await signUpInMinzhulu(page, phone, '无障碍测试', '1单元', '1701')
  // The first time, larger text is offered on the home page itself; taking it enlarges the page at once.
  const offer = page.locator('[data-test="large-text-offer"]')
  await expect(offer).toBeVisible()
  await expectNoAxeViolations(page, 'home with the large-text offer')
  await offer.getByRole('button', { name: '放大字体' }).click()
  await expect(offer).toHaveCount(0)
  await expect(page.locator('html')).toHaveClass(/large-text/)
  await page.reload()
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
  await expect(offer).toHaveCount(0)
  await page.addInitScript(LAYOUT_SHIFTS)
  const categories = await api<{ code: string }[]>(page, 'GET', '/problem-categories')
  const problem = await api<{ id: number }>(
    page,
    'POST',
    '/problems',
    { categoryCode: categories[0].code, description: '楼道灯不亮，晚上看不见台阶', visibility: 'PUBLIC', photoIds: [] },
    crypto.randomUUID(),
  )
  await api(page, 'POST', '/me/messages', { body: '李网格长您好，楼道灯坏了', clientKey: crypto.randomUUID() })
  const associations = await api<{ id: number }[]>(page, 'GET', '/associations')
  const activities = await api<{ id: number }[]>(page, 'GET', `/associations/${associations[0].id}/activities`)
  const providers = await api<{ services: { id: number; kind: string }[] }[]>(page, 'GET', '/clinic/providers')
  const services = providers.flatMap((p) => p.services)
  const slotService = services.find((s) => s.kind !== 'HOME_VISIT') ?? services[0]
  const homeVisit = services.find((s) => s.kind === 'HOME_VISIT')

  await scan(page, 'resident', [
    '/',
    '/report',
    '/problems',
    `/problems/${problem.id}`,
    '/messages',
    '/household',
    '/associations',
    `/associations/${associations[0].id}`,
    ...(activities.length ? [`/activities/${activities[0].id}`] : []),
    '/me/activities',
    '/clinic',
    `/clinic/services/${slotService.id}`,
    ...(homeVisit ? [`/clinic/home-visit/${homeVisit.id}`] : []),
    '/hotline',
    '/notifications',
    '/settings',
    '/problems/99999999',
  ], [PHONE], true)

  // A link to a problem that is not there (or not theirs) says so in place and leads home, also when the app was
  // opened on that page, where "back" has nowhere to go inside the app.
  await page.goto('/problems/99999999')
  await expect(page.locator('[data-test="load-failed"]')).toContainText('找不到')
  await expect(page.locator('[data-test="retry"]')).toHaveCount(0)
  await page.getByRole('button', { name: '返回' }).click()
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
})

test('every page a grid leader opens passes axe-core, on a phone and at a PC', async ({ browser }) => {
  test.setTimeout(900_000)
  const resident = await (await browser.newContext()).newPage()
  await signInResident(resident, '13900000001')
  await expect(resident.locator('[data-test="leader-card"]')).toBeVisible()
  const categories = await api<{ code: string }[]>(resident, 'GET', '/problem-categories')
  const problem = await api<{ id: number }>(
    resident,
    'POST',
    '/problems',
    { categoryCode: categories[0].code, description: '单元门禁坏了，老人进不去', visibility: 'PRIVATE', photoIds: [await uploadPhoto(resident)] },
    crypto.randomUUID(),
  )
  await api(resident, 'POST', '/me/messages', { body: '请问门禁什么时候修好？', clientKey: crypto.randomUUID() })
  await api(resident, 'POST', '/hotline/messages', { text: '楼下有人晕倒了' }, crypto.randomUUID())

  const leader = await staffPage(browser, '13800001001')
  const conversations = await api<{ residentId: number }[]>(leader, 'GET', '/staff/conversations')
  await scan(
    leader,
    'grid leader',
    [
      '/staff',
      '/staff/problems',
      `/staff/problems?open=${problem.id}`,
      `/problems/${problem.id}`,
      '/staff/messages',
      `/staff/messages/${conversations[0].residentId}`,
      '/staff/households',
      '/staff/patrols',
      '/staff/patrols/new',
      '/staff/warnings',
      '/staff/notices',
      '/staff/participation',
      '/staff/clinic',
      '/notifications',
      '/settings',
    ],
    [PHONE, PC],
  )

  // The page a department opens from its text, with no account: both languages, large text, phone and PC.
  const handed = await api<{ id: number }>(
    resident,
    'POST',
    '/problems',
    { categoryCode: categories[0].code, description: '小区主水管漏水，需要自来水公司', visibility: 'PRIVATE', photoIds: [] },
    crypto.randomUUID(),
  )
  const targets = await api<{ departments: { id: number; name: string }[] }>(leader, 'GET', `/problems/${handed.id}/transfer-targets`)
  await api(leader, 'POST', `/problems/${handed.id}/transfer`, { departmentId: targets.departments[0].id, reason: '归专业部门' })
  const texts = await api<{ body: string }[]>(leader, 'GET', '/demo/inbox')
  const link = /\/d\/[A-Za-z0-9_-]+/.exec(texts.find((m) => m.body.includes(`编号 ${handed.id}`) && m.body.includes('/d/'))?.body ?? '')?.[0]
  expect(link).toBeTruthy()
  const officer = await (await browser.newContext()).newPage()
  await officer.goto('/login')
  await scan(officer, 'department', [link as string], [PHONE, PC])

  // At a PC the inbox keeps its list on the left and opens a problem beside it.
  await leader.setViewportSize(PC)
  await leader.goto('/staff/problems')
  await leader.locator('[data-test="problem-row"]', { hasText: '单元门禁坏了' }).click()
  await expect(leader).toHaveURL(new RegExp(`open=${problem.id}`))
  await expect(leader.locator('[data-test="inbox-pane"] [data-test="problem-description"]')).toContainText('单元门禁坏了')
  await expect(leader.locator('[data-test="problem-row"]').first()).toBeVisible()
})

test('every page an admin opens passes axe-core, on a phone and at a PC', async ({ browser }) => {
  test.setTimeout(900_000)
  const community = await staffPage(browser, '13800000010')
  const home = await api<{ node: { id: number } }>(community, 'GET', '/staff/home')
  const log = await api<{ contacts: { id: number }[] }>(community, 'GET', `/staff/communities/${home.node.id}/hotline-log`)
  const grid = await api<{ children: { node: { id: number } }[] }>(community, 'GET', `/staff/nodes/${home.node.id}`)
  const warning = await api<{ id: number }>(
    community,
    'POST',
    '/staff/warnings',
    {
      nodeId: home.node.id,
      level: 'BLUE',
      title: '大风蓝色预警',
      instructions: '收好阳台花盆，检查广告牌',
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
    },
    crypto.randomUUID(),
  )
  await scan(
    community,
    'community admin',
    [
      '/staff',
      ...(grid.children?.length ? [`/staff/nodes/${grid.children[0].node.id}`] : []),
      `/staff/nodes/${home.node.id}/people`,
      `/staff/communities/${home.node.id}/clinic`,
      `/staff/roster?community=${home.node.id}`,
      '/staff/hotline',
      ...(log.contacts.length ? [`/staff/hotline-contacts/${log.contacts[0].id}`] : []),
      // The admins' list with the form that issues a warning (a grid leader's has no form).
      '/staff/warnings',
      `/staff/warnings/${warning.id}`,
      '/staff/dashboard',
      '/staff/map',
      '/staff/nodes/99999999',
    ],
    [PHONE, PC],
  )

  // At a PC the roster is a week of seven day columns, and the dashboard puts its charts beside the figures.
  await community.setViewportSize(PC)
  await community.goto(`/staff/roster?community=${home.node.id}`)
  await expect(community.locator('[data-test="roster-week"] section')).toHaveCount(7)
  await expect(community.locator('[data-test="roster-block"]').first()).toBeVisible()
  await community.goto('/staff/dashboard')
  const figures = community.locator('.columns > .column').first()
  const charts = community.locator('.columns > .column').nth(1)
  await expect(charts).toBeVisible()
  const left = (await figures.boundingBox())!
  const right = (await charts.boundingBox())!
  expect(right.x).toBeGreaterThan(left.x + left.width - 1)
  expect(Math.abs(right.y - left.y)).toBeLessThan(2)
  await community.setViewportSize(PHONE)

  const city = await staffPage(browser, '13800000001')
  await scan(
    city,
    'city admin',
    ['/staff', '/staff/dashboard', '/staff/import', '/staff/categories', '/staff/open311', '/staff/webhooks', '/staff/audit', '/staff/sms', '/staff/map'],
    [PHONE, PC],
  )

  const doctor = await staffPage(browser, '13800003001', /\/clinician/)
  await scan(doctor, 'clinician', ['/clinician', '/notifications', '/settings'])
})

test('a button busy with its work keeps a name beside its spinner', async ({ page }) => {
  // The code request is held at the network until the button has been read, as on a slow phone line.
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/v1/auth/otp', async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/login')
  await page.locator('input[name="phone"]').fill(newPhone())
  const send = page.locator('[data-test="send-code"]')
  await send.click()
  await expect(send).toHaveAccessibleName('请稍候…')
  await expect(send).toContainText('请稍候…')
  release()
  await expect(send).not.toHaveAccessibleName('请稍候…')
})
