import { expectNoAxeViolations } from './axe'
import { expect, test } from '@playwright/test'
import { api, docShot, newPhone, signInStaff, signUpInMinzhulu, signUpIn } from './helpers'

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
  await docShot(page, 'leader-patrol')

  await page.goto('/staff/problems')
  await page.locator('.van-dropdown-menu__item').nth(1).click()
  await page.locator('.van-dropdown-item__option', { hasText: '巡查' }).click()
  await expect(page.locator('[data-test="problem-row"]', { hasText: '小区东门垃圾桶满溢' })).toBeVisible()
  await expect(page.locator('[data-test="problem-row"]', { hasText: '单元门禁坏了' })).toBeVisible()

  // Her grid's dashboard counts them once the summary catches up (seconds).
  await page.goto('/staff')
  await expect(async () => {
    await page.locator('[data-test="staff-dashboard"]').click()
    await expect(page).toHaveURL(/\/staff\/dashboard/, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await expect(async () => {
    await page.reload()
    await expect(page.locator('[data-test="dash-reported"]')).toHaveText(/^([2-9]|\d{2,})$/, { timeout: 2_000 })
  }).toPass({ timeout: 40_000 })
  await expect(page.getByText('口径说明')).toBeVisible()
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
  // Before anything reaches residents, she is told where it goes and how far.
  const asked = leader.getByRole('dialog')
  await expect(asked).toContainText('将把“周六上午停电检修”发布给第1网格（1 个网格）的居民')
  await expectNoAxeViolations(leader, 'notice confirmation')
  await asked.getByRole('button', { name: '发布' }).click()
  await expect(leader.locator('[data-test="notice"]', { hasText: '周六上午停电检修' })).toBeVisible()
  await leaderContext.close()

  await signUpInMinzhulu(page, newPhone(), '看公告', '2单元', '1102')
  const notice = page.locator('[data-test="notice"]', { hasText: '周六上午停电检修' })
  await expect(notice).toContainText('停水停电')
  await expect(notice).toContainText('请关好电器')
})

test('a community admin issues a yellow warning and sees which grid leaders acknowledged it', async ({ page, browser }) => {
  await signInStaff(page, '13800000011')
  await page.locator('[data-test="staff-warnings"]').click()
  await page.getByRole('radio', { name: '黄色预警' }).click()
  await page.locator('input[name="title"]').fill('寒潮黄色预警')
  await page.locator('textarea[name="instructions"]').fill('今晚起降温 8 度，请走访独居老人，检查取暖设施。')
  const tomorrow = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(Date.now() + 86_400_000))
    .replace(' ', 'T')
  await page.locator('[data-test="warning-until"]').fill(tomorrow)
  await page.locator('[data-test="issue-warning"]').click()
  const asked = page.getByRole('dialog')
  await expect(asked).toContainText(/将向.+的 3 个网格发布黄色预警“寒潮黄色预警”，并给每位网格长发送短信/)
  await asked.getByRole('button', { name: '发布预警' }).click()
  const issued = page.locator('[data-test="issued-warning"]', { hasText: '寒潮黄色预警' })
  await expect(issued).toContainText('已确认 0 / 3 个网格')

  const leaderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const leader = await leaderContext.newPage()
  await signInStaff(leader, '13800001004')
  const banner = leader.locator('[data-test="warning"]', { hasText: '寒潮黄色预警' })
  await expect(banner).toContainText('走访独居老人')
  await banner.locator('[data-test="acknowledge"]').click()
  await expect(banner).toContainText('已确认收到')
  await leaderContext.close()

  await page.reload()
  await issued.click()
  await expect(page.locator('[data-test="ack-progress"]')).toContainText('已确认 1 / 3 个网格')
  await expect(page.locator('[data-test="grid-ack"]', { hasText: '已确认' })).toHaveCount(1)
  await expect(page.locator('[data-test="grid-ack"]', { hasText: '未确认' })).toHaveCount(2)
})

test('with two serious warnings in force, a resident sees the red one and her grid leader at once, the other one tap away', async ({
  page,
  browser,
}) => {
  const admin = await browser.newPage()
  await signInStaff(admin, '13800000011')
  const home = await api<{ node: { id: number } }>(admin, 'GET', '/staff/home')
  const until = new Date(Date.now() + 86_400_000).toISOString()
  for (const [level, title, instructions] of [
    ['RED', '暴雨红色预警', '今夜特大暴雨，地下车库车辆请立即移走，低洼住户转移到社区中心。'],
    ['ORANGE', '大风橙色预警', '收好阳台花盆，远离广告牌和临时搭建物。'],
  ]) {
    await api(admin, 'POST', '/staff/warnings', { nodeId: home.node.id, level, title, instructions, validUntil: until }, crypto.randomUUID())
  }
  await admin.close()

  await signUpIn(page, newPhone(), '看预警', { search: '工人', community: '工人新村社区', building: '1号楼', unit: '1单元', room: '302' })
  const banners = page.locator('[data-test="warning"]')
  await expect(banners).toHaveCount(1)
  await expect(banners.first()).toContainText('红色预警 · 暴雨红色预警')
  // On a 390 × 844 phone the grid leader's card is still in view below the warning.
  await expect(page.locator('[data-test="leader-card"]')).toBeInViewport()
  await page.locator('[data-test="large-text-no"]').click()
  await docShot(page, 'resident-warnings')
  const more = page.locator('[data-test="warnings-more"]')
  await expect(more).toHaveText('还有 1 条预警')
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await more.click()
  await expect(banners).toHaveCount(2)
  await expect(banners.nth(1)).toContainText('大风橙色预警')
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  await expectNoAxeViolations(page, 'home with two warnings, both shown')
  await more.click()
  await expect(banners).toHaveCount(1)
})
