import { expect, test } from '@playwright/test'
import { signInStaff } from './helpers'

test('a city admin issues an Open311 key, an app files a request with it, the grid leader finds it', async ({
  page,
  browser,
  request,
}) => {
  await signInStaff(page, '13800000001')
  await page.locator('[data-test="open311-link"]').click()
  await page.locator('input[name="app-name"]').fill('随手拍郑州')
  await page.locator('[data-test="issue-key"]').click()
  const key = (await page.locator('[data-test="issued-key"] .key').textContent())?.trim() ?? ''
  expect(key).toMatch(/^og311_/)
  await expect(page.locator('[data-test="open311-client"]', { hasText: '随手拍郑州' })).toBeVisible()

  // The app, written from the GeoReport v2 specification: form post, token, then the request.
  const services = await request.get('/open311/v2/services.json')
  expect(services.ok()).toBeTruthy()
  expect((await services.json()).map((s: { service_code: string }) => s.service_code)).toContain('construction_waste')
  const posted = await request.post('/open311/v2/requests.json', {
    form: {
      api_key: key,
      service_code: 'construction_waste',
      address_string: '民主路社区 3号楼 2单元',
      description: '单元门前一堆装修垃圾，挡住了路',
      'attribute[AMOUNT]': 'large',
    },
  })
  expect(posted.status()).toBe(201)
  const [{ token }] = await posted.json()
  const resolved = await request.get(`/open311/v2/tokens/${token}.xml`)
  const xml = await resolved.text()
  expect(xml).toContain('<?xml version="1.0" encoding="utf-8"?>')
  const id = /<service_request_id>(\d+)<\/service_request_id>/.exec(xml)?.[1]
  expect(id).toBeTruthy()
  const [read] = await (await request.get(`/open311/v2/requests/${id}.json`)).json()
  expect(read.status).toBe('open')
  expect(read.agency_responsible).toContain('第1网格')

  const leaderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const leader = await leaderContext.newPage()
  await signInStaff(leader, '13800001001')
  await leader.locator('[data-test="staff-inbox"]').click()
  await leader.locator('.van-dropdown-menu__item').nth(1).click()
  await leader.locator('.van-dropdown-item__option', { hasText: 'Open311' }).click()
  await leader.locator('[data-test="problem-row"]', { hasText: '装修垃圾' }).first().click()
  await expect(leader.locator('[data-test="source"]')).toContainText('Open311')
  await expect(leader.getByText('随手拍郑州').first()).toBeVisible()
  await expect(leader.locator('[data-test="answer"]')).toContainText('一车以上')
  await leader.screenshot({ path: 'target/e2e-results/open311-problem.png' })
  await leaderContext.close()
})
