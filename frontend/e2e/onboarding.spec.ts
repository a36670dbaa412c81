import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { applyImport as apply, checkImport, docShot, signInResident, signInStaff } from './helpers'

const examples = resolve('public/examples/city')

const check = (page: Page, kind: string, file: string | { name: string; mimeType: string; buffer: Buffer }) =>
  checkImport(page, kind, typeof file === 'string' ? resolve(examples, file) : file)

/** Signs a member of staff in with the temporary password they were texted. */
async function signInInvited(page: Page, phone: string) {
  const password = await invitation(page, phone)
  await page.goto('/login')
  await page.getByRole('tab', { name: '工作人员' }).click()
  await page.locator('input[name="staff-phone"]').fill(phone)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('[data-test="staff-login"]').click()
  await expect(page).toHaveURL(/\/staff/)
}

/** Reads the temporary password a new member of staff was texted, from the demo inbox. */
async function invitation(page: Page, phone: string): Promise<string> {
  const sms = page.locator('[data-test="sms"]', { hasText: '+86' + phone }).filter({ hasText: '临时密码' }).first()
  await expect(async () => {
    await page.goto('/demo/inbox')
    await expect(sms).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 40_000 })
  const password = /临时密码：([A-Za-z0-9]+)/.exec((await sms.textContent()) ?? '')?.[1]
  expect(password).toBeTruthy()
  return password as string
}

test.describe.configure({ mode: 'serial' })

test('a city admin loads a new district from files, fixes what the check refuses, and its new grid leader signs in', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signInStaff(page, '13800000001')
  await page.locator('[data-test="city-import-link"]').click()
  await expect(page).toHaveURL(/\/staff\/import/)

  // A first draft of the tree: the first grid's parent code is mistyped. The check says which row and why, and
  // nothing can be imported until it is fixed.
  const tree = readFileSync(resolve(examples, 'grids.geojson'), 'utf8')
  const draft = tree.replace('"parent_code": "41012200100101"', '"parent_code": "4101220010010"')
  await check(page, 'GRIDS', { name: 'grids.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(draft) })
  await expect(page.locator('[data-test="import-refused"]')).toContainText('有 1 行不能导入')
  await expect(page.locator('[data-test="import-row"]').first()).toContainText('上级编码“4101220010010”不存在')
  await expect(page.locator('[data-test="apply-import"]')).toBeDisabled()

  // The fixed file: six new nodes, applied after a confirmation.
  await check(page, 'GRIDS', 'grids.geojson')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 6')
  await docShot(page, 'admin-import-check')
  await apply(page)

  await check(page, 'BUILDINGS', 'buildings.csv')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 6')
  await apply(page)

  await check(page, 'STAFF', 'staff.csv')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 4')
  await apply(page)
  await expect(page.locator('[data-test="import-history"]').first()).toContainText('staff.csv')

  await check(page, 'RESIDENTS', 'residents.csv')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 2')
  await apply(page)
  await page.screenshot({ path: 'target/e2e-results/city-import-done.png', fullPage: true })

  // The grid leader of the new 第1网格 is texted a temporary password, signs in and finds their grid.
  const phone = await browser.newContext()
  const leader = await phone.newPage()
  await signInInvited(leader, '13700010002')
  await expect(leader.getByText('第1网格').first()).toBeVisible()
  await expect(leader.getByText('城东社区').first()).toBeVisible()
  await phone.close()
})

test('the new community admin adds a clinic service with its hours, and a resident registered ahead books it', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signInInvited(page, '13700010001')
  await page.locator('[data-test="clinic-setup-link"]').click()
  await page.locator('[data-test="add-provider"]').click()
  await page.locator('input[name="provider-name"]').fill('城东社区卫生服务站')
  await page.locator('input[name="provider-address"]').fill('城东社区服务中心一楼')
  await page.locator('[data-test="save-provider"]').click()
  const station = page.locator('[data-test="clinic-provider"]', { hasText: '城东社区卫生服务站' })
  await station.getByRole('button', { name: '新增服务' }).click()
  const form = page.locator('[data-test="service-form"]')
  await form.locator('input[name="service-name"]').fill('全科门诊')
  await form.locator('input[name="slot-minutes"]').fill('20')
  await form.locator('input[name="notice"]').fill('0')
  // Open every day, so the journey finds a time whatever day it runs.
  await form.locator('[data-test="day-6"]').click()
  await form.locator('[data-test="day-7"]').click()
  await form.locator('input[name="opens"]').fill('08:00')
  await form.locator('input[name="closes"]').fill('11:30')
  await form.locator('[data-test="save-service"]').click()
  await expect(station.locator('[data-test="clinic-service"]', { hasText: '全科门诊' })).toContainText('每号 20 分钟')
  // The station's doctor is added by name and phone, and is texted a temporary password.
  await station.locator('[data-test^="add-clinician-"]').click()
  await station.locator('input[name^="clinician-name-"]').fill('城东全科医生')
  await station.locator('input[name^="clinician-phone-"]').fill('13700010009')
  await station.locator('[data-test^="save-clinician-"]').click()
  await expect(station.locator('[data-test="clinician"]')).toContainText('城东全科医生')
  await page.screenshot({ path: 'target/e2e-results/clinic-setup.png', fullPage: true })

  // 郑晓东 has left: she finds him among her staff and deactivates him, after a confirmation.
  await page.goBack()
  await page.locator('[data-test="staff-people-link"]').click()
  const worker = page.locator('[data-test="person"]', { hasText: '郑晓东' })
  await worker.getByRole('button', { name: '停用' }).click()
  await page.getByRole('dialog').getByRole('button', { name: '停用' }).click()
  await expect(worker).toContainText('停用')
  await expect(worker.getByRole('button', { name: '停用' })).toHaveCount(0)
  await page.goBack()
  await page.locator('[data-test="audit-link"]').click()
  await expect(page.locator('[data-test="audit-entry"]').first()).toContainText('停用工作人员')

  // 冯秀英 was registered ahead in 1号楼 1单元 301: she signs in by code and books the new service.
  const phone = await browser.newContext()
  const resident = await phone.newPage()
  await signInResident(resident, '13700020001')
  await expect(resident).toHaveURL(/\/$|\/home/)
  await resident.goto('/clinic')
  await resident.locator('[data-test="clinic-service"]', { hasText: '全科门诊' }).click()
  await resident.locator('[data-test="slot"]').first().click()
  await resident.locator('[data-test="book"]').click()
  await expect(resident.locator('[data-test="booking"]', { hasText: '全科门诊' })).toContainText('冯秀英')
  await phone.close()
})
