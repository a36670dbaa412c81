import { expect, test } from '@playwright/test'
import { docShot, signInResident, signInStaff } from './helpers'

test('a resident joins the tai chi team and signs up for its practice, the organiser checks her in', async ({
  page,
  browser,
}) => {
  // 胡玉珍 of 民主路社区 第3网格.
  await signInResident(page, '13900000003')
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
  await page.locator('[data-test="service-associations"]').click()
  await page.locator('[data-test="association-row"]', { hasText: '晨练太极拳队' }).click()
  await page.locator('[data-test="join"]').click()
  await expect(page.locator('[data-test="my-status"]')).toHaveText('已加入')
  await page.locator('[data-test="activity-row"]', { hasText: '太极拳晨练' }).first().click()
  await page.locator('[data-test="sign-up"]').click()
  await expect(page.locator('[data-test="my-signup"]')).toHaveText('已报名')
  await expect(page.locator('[data-test="seats"]')).toContainText('1 / 30')
  await page.goto('/associations')
  await page.locator('[data-test="my-activities"]').click()
  await expect(page.locator('[data-test="agenda-item"]', { hasText: '太极拳晨练' })).toBeVisible()

  // 朱文斌 organises the team: he finds her on the list and checks her in.
  const organiserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const organiser = await organiserContext.newPage()
  await signInResident(organiser, '13900000002')
  await expect(organiser.locator('[data-test="leader-card"]')).toBeVisible()
  await organiser.goto('/associations')
  await organiser.locator('[data-test="association-row"]', { hasText: '晨练太极拳队' }).click()
  await expect(organiser.locator('[data-test="member-row"]', { hasText: '胡玉珍' })).toContainText('139****0003')
  await organiser.locator('[data-test="activity-row"]', { hasText: '太极拳晨练' }).first().click()
  const row = organiser.locator('[data-test="signup-row"]', { hasText: '胡玉珍' })
  await row.locator('[data-test="check-in"]').click()
  await expect(row).toContainText('已签到')
  await expect(organiser.getByText('已签到 1 / 1')).toBeVisible()
  await docShot(organiser, 'organiser-check-in')

  // He tells the team about the next practice; she finds it on the team's page.
  await organiser.goBack()
  await organiser.locator('[data-test="announce"]').click()
  await organiser.locator('textarea[name="announcement"]').fill('下周二改在社区活动室练习')
  await organiser.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(organiser.locator('[data-test="announcement"]', { hasText: '改在社区活动室' })).toBeVisible()
  await organiserContext.close()

  await page.goto('/associations')
  await page.locator('[data-test="association-row"]', { hasText: '晨练太极拳队' }).click()
  await expect(page.locator('[data-test="announcement"]', { hasText: '改在社区活动室' })).toBeVisible()
})

test('a community admin publishes an activity of the community itself, a resident signs up, and a new place reaches her', async ({
  page,
  browser,
}) => {
  await signInStaff(page, '13800000010')
  await page.locator('[data-test="staff-associations"]').click()
  await page.locator('[data-test="publish-community"]').click()
  const day = new Date(Date.now() + 3 * 24 * 3600 * 1000)
  const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
  await page.locator('input[name="activity-title"]').fill('义诊进社区')
  await page.locator('input[name="activity-place"]').fill('社区服务中心')
  await page.locator('input[name="activity-date"]').fill(date)
  await page.locator('input[name="activity-capacity"]').fill('50')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(page.locator('[data-test="community-activity"]', { hasText: '义诊进社区' })).toBeVisible()
  await expect(page.locator('[data-test="community-activity"]', { hasText: '义诊进社区' })).toContainText('0 / 50')

  // 张桂兰 signs up; then the hall is taken and the admin moves it: she is texted the new place.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const resident = await phone.newPage()
  await signInResident(resident, '13900000001')
  await expect(resident.locator('[data-test="leader-card"]')).toBeVisible()
  await resident.goto('/associations')
  await resident.locator('[data-test="community-activity"]', { hasText: '义诊进社区' }).click()
  await resident.locator('[data-test="sign-up"]').click()
  await expect(resident.locator('[data-test="my-signup"]')).toHaveText('已报名')

  await page.locator('[data-test="community-activity"]', { hasText: '义诊进社区' }).click()
  await page.locator('[data-test="change-activity"]').click()
  await page.locator('input[name="activity-place"]').fill('社区卫生服务站二楼')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(page.getByText('社区卫生服务站二楼').first()).toBeVisible()

  const inbox = await phone.newPage()
  await expect(async () => {
    await inbox.goto('/demo/inbox')
    await expect(inbox.locator('[data-test="sms"]', { hasText: '+8613900000001' }).filter({ hasText: '社区卫生服务站二楼' }).first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await resident.reload()
  await expect(resident.getByText('社区卫生服务站二楼').first()).toBeVisible()
  await phone.close()
})
