import { expect, test, type Browser, type Page } from '@playwright/test'
import { docShot, newPhone, signInStaff, signUpInMinzhulu } from './helpers'

async function staffPage(browser: Browser, phone: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  await signInStaff(page, phone)
  return page
}

const DUTY_PHONES: Record<string, string> = { 李秀英: '13800001001', 王淑珍: '13800001002' }

test('a resident reaches the duty line and leaves a message that reaches the one on duty and her grid leader', async ({ page, browser }) => {
  const phone = newPhone()
  await signUpInMinzhulu(page, phone, '柴大爷', '1单元', '902')

  await page.locator('[data-test="service-hotline"]').click()
  const call = page.locator('[data-test="hotline-call"]')
  await expect(call).toHaveAttribute('href', /^tel:/)
  const onDuty = page.locator('[data-test="on-duty"]')
  await expect(onDuty).toContainText(/李秀英|王淑珍/)
  const dutyName = (await onDuty.textContent())?.includes('李秀英') ? '李秀英' : '王淑珍'

  await page.locator('[data-test="hotline-message"] textarea').fill('楼下井盖松了，踩上去晃，怕有人掉下去')
  await docShot(page, 'resident-hotline')
  await page.locator('[data-test="send-hotline"]').click()
  const left = page.locator('[data-test="hotline-left"]')
  await expect(left).toContainText(`已通知值班的${dutyName}`)
  const id = /#(\d+)/.exec((await left.textContent()) ?? '')?.[1]
  expect(id).toBeTruthy()

  // The one on duty hears of it in the app (and by SMS).
  const duty = await staffPage(browser, DUTY_PHONES[dutyName] as string)
  await duty.locator('[data-test="bell"]').click()
  await expect(duty.locator('[data-test="notification"]', { hasText: `#${id}` })).toContainText('井盖松了')

  // It waits in her grid leader's inbox as a hotline request.
  const leader = dutyName === '李秀英' ? duty : await staffPage(browser, '13800001001')
  await leader.goto('/staff/problems')
  await leader.locator('.van-dropdown-menu__item').nth(1).click()
  await leader.locator('.van-dropdown-item__option', { hasText: '热线留言' }).click()
  await leader.locator('[data-test="problem-row"]', { hasText: '井盖松了' }).first().click()
  await expect(leader.locator('[data-test="source"]')).toContainText('热线')

  // The community admin sees the roster covered, puts the grid worker on for the next two hours, and the log.
  const admin = await staffPage(browser, '13800000010')
  await admin.locator('[data-test="staff-roster"]').click()
  await expect(admin.locator('[data-test="roster-covered"]')).toBeVisible()
  await expect(admin.locator('[data-test="roster-stretch"]').first()).toContainText(dutyName)
  await admin.locator('[data-test="add-override"]').click()
  const at = (minutes: number) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .format(new Date(Date.now() + minutes * 60_000))
      .replace(' ', 'T')
  await admin.locator('[data-test="override-from"]').fill(at(-1))
  await admin.locator('[data-test="override-to"]').fill(at(120))
  await admin.locator('[data-test="override-person"]', { hasText: '网格员1' }).click()
  await admin.locator('[data-test="save-roster"]').click()
  await expect(admin.locator('[data-test="roster-override"]')).toContainText('网格员1')
  await page.reload()
  await expect(onDuty).toContainText('网格员1')
  await admin.goBack()
  await admin.locator('[data-test="staff-hotline"]').click()
  await expect(admin.locator('[data-test="log-contact"]', { hasText: '井盖松了' })).toContainText('柴大爷')
})
