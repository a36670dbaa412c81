import { expect, test, type Browser, type Page } from '@playwright/test'
import { docShot, newPhone, signUpInMinzhulu } from './helpers'

async function resident(browser: Browser, name: string, room: string): Promise<{ page: Page; phone: string }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const page = await context.newPage()
  const phone = newPhone()
  await signUpInMinzhulu(page, phone, name, '2单元', room)
  return { page, phone }
}

/** Opens the free clinic and picks its first time. */
async function firstFreeClinicTime(page: Page): Promise<void> {
  await page.goto('/clinic')
  await page.locator('[data-test="clinic-service"]', { hasText: '周六义诊' }).click()
  await docShot(page, 'resident-clinic-slots')
  await page.locator('[data-test="slot"]').first().click()
}

test('a resident books the free clinic for her mother, cancels, and the one waiting gets the place', async ({
  page,
  browser,
}) => {
  // Mother and daughter live in 1号楼 2单元 602. The mother registered first, so the daughter asks to join the
  // household: until the mother accepts her she books only for herself and sees no family names.
  const mother = await resident(browser, '邓奶奶', '602')
  const daughterPhone = newPhone()
  await signUpInMinzhulu(page, daughterPhone, '邓女士', '2单元', '602')
  await expect(page.locator('[data-test="home-pending"]')).toBeVisible()
  await mother.page.goto('/household')
  await expect(mother.page).toHaveTitle('我的家人 - 一网通')
  const asking = mother.page.locator('[data-test="household-request"]', { hasText: '邓女士' })
  await asking.locator('[data-test="accept-household"]').click()
  await expect(mother.page.getByRole('dialog')).toContainText('替家人预约')
  await mother.page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(mother.page.locator('[data-test="household-member"]', { hasText: '邓女士' })).toBeVisible()
  await mother.page.context().close()
  await page.reload()
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
  await expect(page.locator('[data-test="home-pending"]')).toHaveCount(0)

  await page.locator('[data-test="service-clinic"]').click()
  await page.locator('[data-test="clinic-service"]', { hasText: '周六义诊' }).click()
  await page.locator('[data-test="slot"]').first().click()
  await page.locator('[data-test="patient"]', { hasText: '邓奶奶' }).click()
  await page.locator('textarea[name="reason"]').fill('想量一量血压')
  await page.locator('[data-test="book"]').click()
  const booking = page.locator('[data-test="booking"]', { hasText: '周六义诊' })
  await expect(booking).toContainText('邓奶奶')
  const code = /预约码 (\d{6})/.exec((await booking.textContent()) ?? '')?.[1]
  expect(code).toBeTruthy()

  // A neighbour takes the other place; a third resident finds the time full and waits.
  const neighbour = await resident(browser, '常大爷', '603')
  await firstFreeClinicTime(neighbour.page)
  await neighbour.page.locator('[data-test="book"]').click()
  await expect(neighbour.page.locator('[data-test="booking"]')).toHaveCount(1)
  const waiter = await resident(browser, '温阿姨', '604')
  await firstFreeClinicTime(waiter.page)
  await expect(waiter.page.locator('[data-test="book"]')).toHaveText('已约满，排候补')
  await waiter.page.locator('[data-test="book"]').click()
  await expect(waiter.page.locator('[data-test="wait"]')).toContainText('候补中')

  // The daughter cancels; the place is offered to the one waiting, who takes it.
  await page.goto('/clinic')
  await booking.locator('[data-test="cancel-booking"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(booking).toContainText('已取消')
  await waiter.page.reload()
  await waiter.page.locator('[data-test="accept-offer"]').click()
  await expect(waiter.page.locator('[data-test="booking"]', { hasText: '周六义诊' })).toContainText('温阿姨')

  await page.goto('/demo/inbox')
  await expect(page.locator('[data-test="sms"]', { hasText: '+86' + daughterPhone }).filter({ hasText: code as string })).toBeVisible()
  await expect(page.locator('[data-test="sms"]', { hasText: '+86' + waiter.phone }).filter({ hasText: '保留' })).toBeVisible()
})
