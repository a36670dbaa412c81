import { expect, test } from '@playwright/test'
import { newPhone, signUpInMinzhulu } from './helpers'

test('a resident books the free clinic for her mother, gets the code by SMS and cancels', async ({ page, browser }) => {
  // Mother and daughter live in 1号楼 2单元 602: one household.
  const motherContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  await signUpInMinzhulu(await motherContext.newPage(), newPhone(), '邓奶奶', '2单元', '602')
  await motherContext.close()
  const daughterPhone = newPhone()
  await signUpInMinzhulu(page, daughterPhone, '邓女士', '2单元', '602')

  await page.locator('[data-test="service-clinic"]').click()
  await page.locator('[data-test="clinic-service"]', { hasText: '周六义诊' }).click()
  await page.locator('[data-test="slot"]:not([disabled])').first().click()
  await page.locator('[data-test="patient"]', { hasText: '邓奶奶' }).click()
  await page.locator('textarea[name="reason"]').fill('想量一量血压')
  await page.locator('[data-test="book"]').click()
  const booking = page.locator('[data-test="booking"]', { hasText: '周六义诊' })
  await expect(booking).toContainText('邓奶奶')
  const code = /预约码 (\d{6})/.exec((await booking.textContent()) ?? '')?.[1]
  expect(code).toBeTruthy()

  await page.goto('/demo/inbox')
  await expect(page.locator('[data-test="sms"]', { hasText: '+86' + daughterPhone }).filter({ hasText: code as string })).toBeVisible()

  await page.goto('/clinic')
  await booking.locator('[data-test="cancel-booking"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(booking).toContainText('已取消')
})
