import { expect, test } from '@playwright/test'
import { signInStaff } from './helpers'

test('a grid leader logs a patrol with two findings that become problems in her inbox', async ({ page }) => {
  await signInStaff(page, '13800001004')
  await page.locator('[data-test="staff-patrols"]').click()
  await page.locator('[data-test="new-patrol"]').click()
  await page.locator('input[name="area"]').fill('1-5号楼')
  await page.locator('textarea[name="notes"]').fill('傍晚巡查，走访独居老人两户')
  await page.locator('[data-test="add-finding"]').click()
  await page.locator('[data-test="add-finding"]').click()
  const findings = page.locator('[data-test="finding"]')
  await findings.nth(0).locator('[data-test="finding-category"]').selectOption({ label: '设施维修' })
  await findings.nth(0).locator('[data-test="finding-unit"]').selectOption({ index: 1 })
  await findings.nth(0).locator('[data-test="finding-text"] textarea').fill('单元门禁坏了，门关不上')
  await findings.nth(1).locator('[data-test="finding-category"]').selectOption({ label: '环境卫生' })
  await findings.nth(1).locator('[data-test="finding-text"] textarea').fill('小区东门垃圾桶满溢')
  await page.locator('[data-test="save-patrol"]').click()

  const patrol = page.locator('[data-test="patrol"]').first()
  await expect(patrol).toContainText('1-5号楼')
  await expect(patrol.locator('[data-test="patrol-finding"]')).toHaveCount(2)
  await expect(patrol).toContainText('单元门禁坏了')

  await page.goto('/staff/problems')
  await page.locator('.van-dropdown-menu__item').nth(1).click()
  await page.locator('.van-dropdown-item__option', { hasText: '巡查' }).click()
  await expect(page.locator('[data-test="problem-row"]', { hasText: '小区东门垃圾桶满溢' })).toBeVisible()
  await expect(page.locator('[data-test="problem-row"]', { hasText: '单元门禁坏了' })).toBeVisible()
})
