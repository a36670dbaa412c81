import { expect, test, type Browser, type Page } from '@playwright/test'
import { docShot, newPhone, signInStaff, signUpInMinzhulu } from './helpers'

async function staffPage(browser: Browser, phone: string, landsOn?: RegExp): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await signInStaff(page, phone, landsOn)
  return page
}

/** Tomorrow at this wall time in Zhengzhou, as a datetime-local field takes it. */
function tomorrowAt(time: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + 86_400_000),
  )
  return `${day}T${time}`
}

test('the area doctor comes home to a resident on the care list; the leader follows it without seeing why, and refers her on', async ({
  page,
  browser,
}) => {
  const phone = newPhone()
  await signUpInMinzhulu(page, phone, '聂奶奶', '3单元', '701')

  // Her grid leader 李秀英 puts her on the care list: she lives alone.
  const leader = await staffPage(browser, '13800001001')
  const row = leader.locator('[data-test="resident-row"]', { hasText: '聂奶奶' })
  await row.click()
  await leader.getByText('加入关怀名单：独居老人').click()
  await expect(row.locator('[data-test="care-tag"]')).toBeVisible()

  // She asks the area doctor to come: her address is the household's.
  await page.goto('/clinic')
  await page.locator('[data-test="clinic-service"]', { hasText: '上门服务' }).click()
  await expect(page.getByText('1号楼 3单元 701')).toBeVisible()
  await page.locator('textarea[name="reason"]').fill('膝盖疼得下不了楼，想请医生看看')
  await page.locator('input[name="preferred"]').fill('工作日上午')
  await page.locator('[data-test="send-home-visit"]').click()
  const visit = page.locator('[data-test="request"]', { hasText: '上门服务' })
  await expect(visit).toContainText('待安排')

  // The area doctor 赵明 sees why, on his own workbench, and sets a time.
  const doctor = await staffPage(browser, '13800003001', /\/clinician/)
  const request = doctor.locator('[data-test="clinician-request"]', { hasText: '聂奶奶' })
  await expect(request).toBeVisible()
  await docShot(doctor, 'clinician-workbench')
  await expect(request).toContainText('膝盖疼得下不了楼')
  await expect(request).toContainText('关怀对象')
  await request.locator('[data-test="schedule"]').click()
  await doctor.locator('[data-test="schedule-at"]').fill(tomorrowAt('09:30'))
  await doctor.locator('[data-test="schedule-note"] input').fill('带上以前的片子')
  await doctor.locator('[data-test="confirm-schedule"]').click()
  await expect(request).toContainText('已安排')

  await page.reload()
  await expect(visit).toContainText('已安排')
  await expect(visit).toContainText('09:30')
  await expect(visit).toContainText('带上以前的片子')

  // The leader sees that the visit exists and when; never why.
  await leader.locator('[data-test="staff-clinic"]').click()
  await expect(leader.locator('[data-test="visit-row"]', { hasText: '聂奶奶' })).toContainText('已安排')
  await expect(leader.locator('body')).not.toContainText('膝盖')

  // She refers her to the partner hospital's green channel; the hospital's 陈静 sets a time.
  await leader.goBack()
  await row.click()
  await leader.getByText('转诊绿色通道').click()
  await leader.locator('[data-test="refer-reason"] textarea').fill('膝关节积液，建议骨科尽快看')
  await leader.locator('[data-test="send-referral"]').click()
  await expect(leader.getByText('已为 聂奶奶 转诊')).toBeVisible()
  const hospital = await staffPage(browser, '13800003002', /\/clinician/)
  const referral = hospital.locator('[data-test="clinician-request"]', { hasText: '聂奶奶' })
  await expect(referral).toContainText('膝关节积液')
  await expect(referral).toContainText('李秀英')
  await referral.locator('[data-test="schedule"]').click()
  await hospital.locator('[data-test="schedule-at"]').fill(tomorrowAt('14:00'))
  await hospital.locator('[data-test="schedule-note"] input').fill('门诊楼一楼绿色通道窗口')
  await hospital.locator('[data-test="confirm-schedule"]').click()
  await expect(referral).toContainText('已安排')
  await page.reload()
  await expect(page.locator('[data-test="request"]', { hasText: '绿色通道' })).toContainText('门诊楼一楼绿色通道窗口')

  // The texts: she heard both times; her leader heard what happened, not why.
  await page.goto('/demo/inbox')
  const toHer = page.locator('[data-test="sms"]', { hasText: '+86' + phone })
  await expect(toHer.filter({ hasText: '带上以前的片子' })).toBeVisible()
  await expect(toHer.filter({ hasText: '门诊楼一楼绿色通道窗口' })).toBeVisible()
  const toLeader = page.locator('[data-test="sms"]', { hasText: '+8613800001001' }).filter({ hasText: '关怀对象聂奶奶' })
  await expect(toLeader.first()).toBeVisible()
  await expect(toLeader.filter({ hasText: '膝' })).toHaveCount(0)
})
