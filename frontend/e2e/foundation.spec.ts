import { expect, test } from '@playwright/test'
import { codeFromDemoInbox, docShot } from './helpers'

function freshPhone(): string {
  return '137' + String(Date.now()).slice(-8)
}

test('a new resident signs up by phone code, sees their grid leader and messages them', async ({ page, browser }) => {
  const phone = freshPhone()
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)

  await page.locator('input[name="phone"]').fill(phone)
  await page.locator('[data-test="send-code"]').click()
  await expect(page.getByText(/验证码已发送/).first()).toBeVisible()

  const code = await codeFromDemoInbox(page, phone)
  await page.locator('input[name="code"]').fill(code)
  await page.locator('[data-test="verify"]').click()

  await expect(page).toHaveURL(/\/setup/)
  await page.locator('input[name="name"]').fill('刘阿姨')
  await page.locator('input[type="search"]').fill('民主')
  await page.locator('[data-test="community"]', { hasText: '民主路社区' }).click()
  await page.getByRole('button', { name: '1号楼', exact: true }).click()
  await page.getByRole('button', { name: '2单元', exact: true }).click()
  await page.locator('input[name="room"]').fill('1203')
  await page.locator('[data-test="save-home"]').click()

  await expect(page).toHaveURL(/\/$/)
  const card = page.locator('[data-test="leader-card"]')
  await expect(card.locator('[data-test="leader-name"]')).toHaveText('李秀英')
  await expect(card).toContainText('138****1001')
  await expect(card).toContainText('民主路社区')
  await expect(card.locator('[data-test="call-leader"]')).toHaveAttribute('href', /^tel:/)
  await docShot(page, 'resident-home')

  // Message the grid leader; the leader answers from their own phone; the answer comes back.
  await card.locator('[data-test="message-leader"]').click()
  await page.locator('textarea[name="message"]').fill('3号楼门口的路灯不亮了')
  await page.locator('[data-test="send-message"]').click()
  await expect(page.locator('[data-test="chat-message"]', { hasText: '路灯不亮' })).toBeVisible()

  const leaderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const leader = await leaderContext.newPage()
  await leader.goto('/login')
  await leader.getByRole('tab', { name: '工作人员' }).click()
  await leader.locator('input[name="staff-phone"]').fill('13800001001')
  await leader.locator('input[name="password"]').fill('onegrid-demo')
  await leader.locator('[data-test="staff-login"]').click()
  await leader.locator('[data-test="staff-messages"]').click()
  await leader.locator('[data-test="conversation"]', { hasText: '刘阿姨' }).click()
  await expect(leader.locator('[data-test="chat-message"]', { hasText: '路灯不亮' })).toBeVisible()
  await leader.locator('textarea[name="message"]').fill('收到，明天上午安排电工')
  await leader.locator('[data-test="send-message"]').click()
  await expect(leader.locator('[data-test="chat-message"]', { hasText: '明天上午' })).toBeVisible()
  await leaderContext.close()

  await page.reload()
  await expect(page.locator('[data-test="chat-message"]', { hasText: '明天上午安排电工' })).toBeVisible()
  await page.screenshot({ path: 'target/e2e-results/resident-messages.png', fullPage: true })

  // Reloading a deep link keeps the person signed in and on the page.
  await page.goto('/settings')
  await page.reload()
  await expect(page.getByText('大字模式')).toBeVisible()

  // Large text and English, as an elderly resident or a visitor would switch them.
  await page.locator('[data-test="large-text"]').click()
  await expect(page.locator('html')).toHaveClass(/large-text/)
  await page.getByText('English').click()
  await expect(page.getByText('Large text')).toBeVisible()
  await page.goto('/')
  await expect(page.getByText('My grid leader')).toBeVisible()
  await docShot(page, 'resident-home-en-large')
})

test('a wrong code is explained and does not sign in', async ({ page }) => {
  const phone = freshPhone()
  await page.goto('/login')
  await page.locator('input[name="phone"]').fill(phone)
  await page.locator('[data-test="send-code"]').click()
  const code = await codeFromDemoInbox(page, phone)
  const wrong = code === '000000' ? '111111' : '000000'
  await page.locator('input[name="code"]').fill(wrong)
  await page.locator('[data-test="verify"]').click()
  await expect(page.getByText(/验证码不对，还可以再试 4 次/)).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
})

test('a resident whose texts do not come asks for a phone call and hears the code', async ({ page }) => {
  const phone = freshPhone()
  await page.goto('/login')
  await page.locator('input[name="phone"]').fill(phone)
  await page.locator('[data-test="send-code"]').click()
  await expect(page.getByText(/验证码已发送/).first()).toBeVisible()
  // Offered once the wait before asking again is over.
  const callMe = page.locator('[data-test="call-me"]')
  await expect(callMe).toHaveText('收不到短信？改为电话告知验证码')
  await expect(callMe).toBeEnabled({ timeout: 10_000 })
  await callMe.click()
  await expect(page.getByText(/马上给 .* 打电话，请接听/).first()).toBeVisible()
  const code = await codeFromDemoInbox(page, phone, 'call')
  await page.locator('input[name="code"]').fill(code)
  await page.locator('[data-test="verify"]').click()
  await expect(page).toHaveURL(/\/setup/)
})

test('a grid leader signs in with a password and sees their grid and its residents', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('tab', { name: '工作人员' }).click()
  await page.locator('input[name="staff-phone"]').fill('13800001001')
  await page.locator('input[name="password"]').fill('onegrid-demo')
  await page.locator('[data-test="staff-login"]').click()
  await expect(page).toHaveURL(/\/staff/)
  await expect(page.locator('[data-test="node-name"]')).toContainText('第1网格')
  await expect(page.locator('[data-test="resident-row"]', { hasText: '张桂兰' })).toBeVisible()
  await page.screenshot({ path: 'target/e2e-results/leader-home.png', fullPage: true })
})

test('a community admin changes a grid leader and sees the history', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('tab', { name: '工作人员' }).click()
  await page.locator('input[name="staff-phone"]').fill('13800000010')
  await page.locator('input[name="password"]').fill('onegrid-demo')
  await page.locator('[data-test="staff-login"]').click()
  await expect(page.locator('[data-test="node-name"]')).toContainText('民主路社区')
  await page.locator('[data-test="child-node"]', { hasText: '第一片区' }).click()
  await page.locator('[data-test="child-node"]', { hasText: '第3网格' }).click()
  await expect(page.locator('[data-test="node-name"]')).toContainText('第3网格')

  await page.locator('[data-test="change-leader"]').click()
  await page.locator('.van-action-sheet__item', { hasText: '王淑珍' }).click()
  // The confirmation names the grid and both people.
  await expect(page.locator('.van-dialog__message')).toContainText('第3网格')
  await expect(page.locator('.van-dialog__message')).toContainText('王淑珍')
  await page.locator('.van-dialog__confirm').click()
  await expect(page.getByText('网格长已改为 王淑珍')).toBeVisible()
  await expect(page.locator('[data-test="leader-term"]')).toHaveCount(2)
  await expect(page.locator('[data-test="leader-term"]').first()).toContainText('王淑珍')
  await expect(page.locator('[data-test="leader-term"]').first()).toContainText('至今')
})
