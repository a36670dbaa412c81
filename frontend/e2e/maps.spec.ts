import { expect, test, type Page } from '@playwright/test'
import { docShot, newPhone, signInStaff, signUpInMinzhulu } from './helpers'
import { expectNoAxeViolations } from './axe'

// 民主路社区's grids are 0.002° tall rectangles side by side going north from 34.7472 N; its buildings stand 0.001°
// north of their grid's south edge. The report map opens at zoom 16 centred on the resident's building, where one
// pixel is about 0.0000176° of latitude and 0.0000215° of longitude.

/** Taps the map this many pixels right of and below its centre (where the pin starts). */
async function tapMap(page: Page, dx: number, dy: number): Promise<void> {
  await page.locator('[data-test="report-map"]').scrollIntoViewIfNeeded()
  const box = (await page.locator('[data-test="report-map"]').boundingBox())!
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy)
}

test('a resident puts the pin on the map: the grid is named before sending, and the problem keeps the spot and the unit', async ({ page }) => {
  await signUpInMinzhulu(page, newPhone(), '吴秀珍', '1单元', '0903')
  await page.locator('[data-test="service-report"]').click()
  await page.locator('[data-test="category"]', { hasText: '环境卫生' }).click()
  await page.locator('textarea[name="description"]').fill('单元门东侧垃圾桶满了，溢到路上')
  await expect(page.locator('[data-test="report-map"]')).toBeVisible()
  await expect(page.locator('[data-test="pin-grid"]')).toHaveText('这个位置属于：第1网格')

  // 80 px up is across the grid's north edge: the map says so before anything is sent.
  await tapMap(page, 40, -80)
  await expect(page.locator('[data-test="pin-grid"]')).toHaveText('这个位置属于：第2网格')
  // Back beside her building, a few metres east of the unit door.
  await tapMap(page, 40, 20)
  await expect(page.locator('[data-test="pin-grid"]')).toHaveText('这个位置属于：第1网格')
  await page.locator('input[name="location"]').fill('单元门东侧垃圾桶')
  await page.screenshot({ path: 'target/e2e-results/map-report-phone.png', fullPage: true })
  await expectNoAxeViolations(page, 'the report form with its map')
  await page.locator('[data-test="submit-report"]').click()

  await expect(page.locator('[data-test="problem-description"]')).toContainText('溢到路上')
  await expect(page.getByText('1号楼 1单元 单元门东侧垃圾桶 · 第1网格')).toBeVisible()
  await expect(page.locator('[data-test="problem-map"] .og-pin')).toHaveCount(1)
  await expect(page.locator('[data-test="problem-map"]').getByText('第1网格')).toBeVisible()
  await page.screenshot({ path: 'target/e2e-results/map-problem-phone.png', fullPage: true })
  await expectNoAxeViolations(page, 'the problem page with its map')

  // Her grid leader sees it on the inbox's map and opens it from its pin.
  const leader = await page.context().browser()!.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  await signInStaff(leader, '13800001001')
  await leader.locator('[data-test="staff-inbox"]').click()
  await leader.locator('[data-test="view-map"]').click()
  await expect(leader.locator('[data-test="inbox-map"]')).toBeVisible()
  await expect(leader.locator('[data-test="inbox-map"] .og-pin').first()).toBeVisible()
  await docShot(leader, 'leader-map')
  await expectNoAxeViolations(leader, 'the inbox as a map')
  // Near pins are gathered: tap a gathering until the new problem's own pin shows.
  const pin = leader.locator('[data-test="inbox-map"] .og-pin[aria-label*="环境卫生"]:not(.og-cluster)')
  await expect(async () => {
    if ((await pin.count()) === 0) await leader.locator('[data-test="inbox-map"] .og-cluster').first().click()
    await expect(pin.first()).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  await pin.first().click()
  await expect(leader).toHaveURL(/\/problems\/\d+/)
  await expect(leader.locator('[data-test="problem-map"]')).toBeVisible()
  await leader.close()
})

test('the city admin colours the districts by a figure and drills down to a grid with its problems and buildings', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', isMobile: false, hasTouch: false })
  const page = await context.newPage()
  await signInStaff(page, '13800000001')
  await page.locator('[data-test="staff-map"]').click()
  await expect(page.locator('[data-test="map-areas"]')).toContainText('二七区')
  await expect(page.locator('[data-test="area-map"] path.leaflet-interactive')).not.toHaveCount(0)
  await expect(page.locator('[data-test="map-legend"]')).toBeVisible()
  await page.locator('[data-test="figure-closureRate"]').click()
  await expect(page.locator('[data-test="map-areas"] th').nth(1)).toHaveText('办结率')
  await page.locator('[data-test="layer-warnings"]').click()
  await page.locator('[data-test="layer-hotline"]').click()
  await expect(page.locator('[data-test="map-areas"] th')).toHaveCount(4)
  await docShot(page, 'admin-map-city')
  await expectNoAxeViolations(page, 'the city map with both layers')

  // Down by the table's names (what a keyboard uses) to the community, then by tapping the map.
  for (const name of ['二七区', '建中街街道', '民主路社区', '第一片区']) {
    await page.locator(`[data-test="area-${name}"]`).click()
    await expect(page.locator('nav.path strong')).toHaveText(name)
  }
  await expect(page.locator('[data-test="points-shown"]')).toBeVisible()
  await page.locator('.leaflet-tooltip', { hasText: '第1网格' }).waitFor()
  // Near the grid's north-west corner (its middle may hold a pin, which opens that problem instead), once the map has
  // stopped zooming to the community: Playwright waits for the shape to stand still and checks nothing covers it.
  const grid1 = page.locator('[data-test="area-map"] path[data-area="第1网格"]')
  await grid1.click({ position: { x: 6, y: 6 } })
  await expect(page.locator('nav.path strong')).toHaveText('第1网格')
  await expect(page.locator('[data-test="area-map"] .og-pin').first()).toBeVisible()
  await page.screenshot({ path: 'target/e2e-results/map-grid-pc.png', fullPage: true })
  await expectNoAxeViolations(page, 'a grid on the city map')
  await context.close()

  // The community's admin on a phone, in large text.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const admin = await phone.newPage()
  await signInStaff(admin, '13800000010')
  await admin.evaluate(() => localStorage.setItem('onegrid.largeText', '1'))
  await admin.goto('/staff/map')
  await expect(admin.locator('[data-test="map-areas"]')).toContainText('第一片区')
  await admin.screenshot({ path: 'target/e2e-results/map-community-phone-large-text.png', fullPage: true })
  await expectNoAxeViolations(admin, 'a community map on a phone in large text')
  await phone.close()
})

test('a street admin draws the boundary of a community on the map, and it is checked and kept', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', isMobile: false, hasTouch: false })
  const page = await context.newPage()
  await signInStaff(page, '13800000003')
  await page.locator('[data-test="child-node"]', { hasText: '民主路社区' }).click()
  await expect(page.locator('[data-test="boundary-state"]')).toContainText('还没有边界')
  await page.locator('[data-test="draw-boundary"]').click()
  const map = page.locator('[data-test="boundary-map"]')
  await expect(map).toBeVisible()
  await expect(page.getByText('依次点出边界的各个拐点')).toBeVisible()
  const box = (await map.boundingBox())!
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  for (const [dx, dy] of [[-60, -60], [60, -60], [60, 60], [-60, 60], [-60, -60]] as const) {
    await page.mouse.click(cx + dx, cy + dy)
  }
  // Closed, the shape can be adjusted by its corners, each a named handle.
  await expect(page.getByText('拖动拐点调整边界')).toBeVisible()
  await expect(map.locator('.marker-icon[aria-label="边界拐点 1"]')).toHaveCount(1)
  await page.screenshot({ path: 'target/e2e-results/map-boundary-pc.png' })
  await expectNoAxeViolations(page, 'the boundary editor')
  await page.locator('[data-test="save-boundary"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '使用这个边界' }).click()
  await expect(page.locator('[data-test="boundary-state"]')).toContainText('已设置边界')
  await context.close()
})
