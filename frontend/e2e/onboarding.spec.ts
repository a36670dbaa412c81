import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { signInStaff } from './helpers'

const examples = resolve('public/examples/city')

/** Chooses what to import and the file, and waits for the check of it. */
async function check(page: Page, kind: string, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator(`[data-test="kind-${kind}"]`).click()
  await page.locator('[data-test="import-file"]').setInputFiles(typeof file === 'string' ? resolve(examples, file) : file)
  await expect(page.locator('[data-test="import-report"]')).toBeVisible()
}

async function apply(page: Page) {
  await page.locator('[data-test="apply-import"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '导入' }).click()
  await expect(page.locator('[data-test="import-status"]')).toContainText('导入完成', { timeout: 60_000 })
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
  await page.screenshot({ path: 'target/e2e-results/city-import-check.png', fullPage: true })
  await apply(page)

  await check(page, 'BUILDINGS', 'buildings.csv')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 6')
  await apply(page)

  await check(page, 'STAFF', 'staff.csv')
  await expect(page.locator('[data-test="import-report"]')).toContainText('新建 4')
  await apply(page)
  await expect(page.locator('[data-test="import-history"]').first()).toContainText('staff.csv')
  await page.screenshot({ path: 'target/e2e-results/city-import-done.png', fullPage: true })

  // The grid leader of the new 第1网格 is texted a temporary password, signs in and finds their grid.
  const phone = await browser.newContext()
  const leader = await phone.newPage()
  const password = await invitation(leader, '13700010002')
  await leader.goto('/login')
  await leader.getByRole('tab', { name: '工作人员' }).click()
  await leader.locator('input[name="staff-phone"]').fill('13700010002')
  await leader.locator('input[name="password"]').fill(password)
  await leader.locator('[data-test="staff-login"]').click()
  await expect(leader).toHaveURL(/\/staff/)
  await expect(leader.getByText('第1网格').first()).toBeVisible()
  await expect(leader.getByText('城东社区').first()).toBeVisible()
  await phone.close()
})
