import { expect, test } from '@playwright/test'
import { newPhone, signInStaff, signUpInMinzhulu } from './helpers'

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

test('a grid leader posts a notice to her grid and a resident there sees it on the home page', async ({ page, browser }) => {
  const leaderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const leader = await leaderContext.newPage()
  await signInStaff(leader, '13800001001')
  await leader.locator('[data-test="staff-notices"]').click()
  await leader.getByRole('radio', { name: '停水停电' }).click()
  await leader.locator('input[name="title"]').fill('周六上午停电检修')
  await leader.locator('textarea[name="body"]').fill('周六 9:00-11:00 第1网格停电检修，请关好电器。')
  await leader.locator('[data-test="post-notice"]').click()
  await expect(leader.locator('[data-test="notice"]', { hasText: '周六上午停电检修' })).toBeVisible()
  await leaderContext.close()

  await signUpInMinzhulu(page, newPhone(), '看公告', '2单元', '1102')
  const notice = page.locator('[data-test="notice"]', { hasText: '周六上午停电检修' })
  await expect(notice).toContainText('停水停电')
  await expect(notice).toContainText('请关好电器')
})
