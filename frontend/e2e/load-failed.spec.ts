import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { newPhone, signInResident, signInStaff, signUpInMinzhulu } from './helpers'

// With no service worker between the page and the network, so that what the network does is what the page gets.
test.use({ serviceWorkers: 'block' })

/** Each page, its content's request cut off: it says so in place (accessibly), and 重试 brings the content. */
async function eachSaysSoAndRetries(page: Page, pages: [path: string, api: string][]): Promise<void> {
  for (const [path, api] of pages) {
    await page.route(api, (route) => route.abort('internetdisconnected'))
    await page.goto(path)
    const failed = page.locator('[data-test="load-failed"]')
    await expect(failed).toBeVisible()
    await expect(failed.locator('[data-test="to-start"]')).toBeVisible()
    await expectNoAxeViolations(page, `${path} that could not load`)
    await page.unroute(api)
    await failed.locator('[data-test="retry"]').click()
    await expect(failed).toHaveCount(0)
    await expect(page.locator('h1')).toHaveCount(1)
  }
}

test('a page whose content cannot load says so in place, and 重试 brings it', async ({ page }) => {
  await signUpInMinzhulu(page, newPhone(), '重试测试', '1单元', '1704')
  await eachSaysSoAndRetries(page, [
    ['/problems', '**/api/v1/me/problems'],
    ['/notifications', '**/api/v1/me/notifications'],
    ['/hotline', '**/api/v1/hotline'],
    ['/clinic', '**/api/v1/clinic/providers'],
    ['/me/activities', '**/api/v1/me/activities'],
    ['/messages', '**/api/v1/me/messages'],
    ['/associations', '**/api/v1/associations'],
    ['/report', '**/api/v1/problem-categories'],
  ])
})

test("a grid leader's inbox, messages and patrol form that cannot load say so in place, and 重试 brings them", async ({ page }) => {
  await signInStaff(page, '13800001001')
  await eachSaysSoAndRetries(page, [
    ['/staff/problems', '**/api/v1/staff/problems?*'],
    ['/staff/messages', '**/api/v1/staff/conversations'],
    ['/staff/patrols/new', '**/api/v1/problem-categories'],
  ])
})

test('choosing a home whose communities cannot load says so, not "no community found"', async ({ page }) => {
  await signInResident(page, newPhone())
  await expect(page).toHaveURL(/\/setup/)
  await eachSaysSoAndRetries(page, [['/setup', '**/api/v1/communities*']])
  await expect(page.locator('[data-test="community"]').first()).toBeVisible()
})

test("an admin's people, area map and boundary editor that cannot load say so in place, and 重试 brings them", async ({ page }) => {
  await signInStaff(page, '13800000010')
  const ids = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json()
    const node = await (await fetch(`/api/v1/staff/nodes/${me.staffNode.id}`)).json()
    return { community: me.staffNode.id as number, grid: node.children[0].node.id as number }
  })
  await eachSaysSoAndRetries(page, [
    [`/staff/nodes/${ids.community}/people`, '**/api/v1/admin/nodes/*/staff*'],
    ['/staff/map', '**/api/v1/map/nodes/*'],
    [`/staff/nodes/${ids.grid}/boundary`, `**/api/v1/staff/nodes/${ids.grid}`],
  ])
  await expect(page.locator('[data-test="boundary-map"]')).toBeVisible()
})
