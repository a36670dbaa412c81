import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { docShot, signInStaff } from './helpers'

test('a community admin reads the dashboard in English at a PC, drills down to a grid and downloads the ranking', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signInStaff(page, '13800000010')
  await page.evaluate(() => localStorage.setItem('onegrid.locale', 'en'))
  await page.goto('/staff/dashboard')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dashboard')
  await expect(page.getByText('Closure rate').first()).toBeVisible()
  await expect(page.locator('[data-test="dash-reported"]')).toHaveText(/^\d+$/)
  // 民主路社区 is one zone (第一片区) of three grids, ranked by closure rate.
  const children = page.locator('[data-test="dash-child"]')
  await expect(children).toHaveCount(1)
  await expect(children).toContainText('第一片区')
  await expectNoAxeViolations(page, 'the dashboard of a community in English at a PC')
  await docShot(page, 'admin-dashboard')

  // The ranking as CSV, as a spreadsheet would open it.
  const href = await page.locator('[data-test="csv-children"]').getAttribute('href')
  const csv = await page.evaluate(async (url) => (await fetch(url as string)).text(), href)
  expect(csv).toContain('第一片区')

  // Tap the zone, then a grid: the same figures for each alone.
  await children.click()
  await expect(page).toHaveURL(/node=\d+/)
  await expect(page.locator('[data-test="dash-child"]')).toHaveCount(3)
  await page.locator('[data-test="dash-child"]', { hasText: '第1网格' }).click()
  await expect(page.locator('[data-test="dash-child"]')).toHaveCount(0)
  await expect(page.locator('[data-test="dash-overdue"]')).toHaveText(/^\d+$/)
})
