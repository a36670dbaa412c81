import { expect, test, type Page } from '@playwright/test'
import { applyImport, checkImport, signInStaff } from './helpers'

const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })

/** Opens a node of the tree from the page of its parent. */
async function open(page: Page, name: string) {
  await page.locator('[data-test="child-node"]', { hasText: name }).click()
  await expect(page.locator('[data-test="node-name"]')).toContainText(name)
}

test('a city admin splits a grid, merges one into its neighbour, moves a grid and retires an empty one', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signInStaff(page, '13800000001')
  await page.locator('[data-test="city-import-link"]').click()
  await checkImport(
    page,
    'GRIDS',
    csv(
      'tree.csv',
      'code,name,level,parent_code\nE2T,调整示范区,district,4101\nE2TS,调整示范街道,street,E2T\nE2TC,东风社区,community,E2TS\n' +
        'E2TZ,东风片区,zone,E2TC\nE2TG1,甲网格,grid,E2TZ\nE2TG2,乙网格,grid,E2TZ\nE2TC2,西风社区,community,E2TS\nE2TZ2,西风片区,zone,E2TC2\n',
    ),
  )
  await applyImport(page)
  await checkImport(page, 'BUILDINGS', csv('buildings.csv', 'grid_code,building,units\nE2TG1,1号楼,2\nE2TG1,2号楼,2\nE2TG2,1号楼,1\n'))
  await applyImport(page)

  await page.goto('/staff')
  for (const name of ['调整示范区', '调整示范街道', '东风社区', '东风片区']) await open(page, name)

  // A split: a new grid under the zone, then 2号楼 moves to it.
  await page.locator('[data-test="add-child"]').click()
  await page.locator('input[name="node-code"]').fill('E2TG3')
  await page.locator('input[name="node-name"]').fill('丙网格')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(page.locator('[data-test="child-node"]', { hasText: '丙网格' })).toBeVisible()
  await open(page, '甲网格')
  await page.locator('[data-test="move-buildings"]').click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('[data-test="move-building"]', { hasText: '2号楼' }).click()
  await dialog.locator('[data-test="tree-target"]', { hasText: '丙网格' }).click()
  await dialog.getByRole('button', { name: '移过去' }).click()
  await expect(page.getByText('1 栋楼')).toBeVisible()
  await expect(page.getByRole('button', { name: '2号楼', exact: true })).toHaveCount(0)

  // A merge into 乙网格, after a warning that names both grids; 甲网格's 1号楼 meets 乙's and is renamed.
  await page.locator('[data-test="merge-grid"]').click()
  await dialog.locator('[data-test="tree-target"]', { hasText: '乙网格' }).click()
  await expect(dialog.locator('[data-test="merge-warning"]')).toContainText('“甲网格”将撤销')
  await dialog.getByRole('button', { name: '合并' }).click()
  await expect(page.getByText('改称“1号楼（甲网格）”')).toBeVisible()
  await expect(page.locator('[data-test="node-name"]')).toContainText('东风片区')
  await expect(page.locator('[data-test="child-node"]', { hasText: '甲网格' })).toHaveCount(0)

  // Retiring a grid that still has a building is refused, saying what is left.
  await open(page, '丙网格')
  await page.locator('[data-test="retire-node"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '撤销' }).click()
  await expect(page.getByText('还有 0 个下级节点、1 栋楼')).toBeVisible()

  // 丙网格 gets its boundary from a GeoJSON file, after a confirmation.
  await expect(page.locator('[data-test="boundary-state"]')).toContainText('还没有边界')
  const square = [[[101.5, 11.5], [101.51, 11.5], [101.51, 11.51], [101.5, 11.51], [101.5, 11.5]]]
  await page.locator('[data-test="boundary-file"]').setInputFiles({
    name: 'bing.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: square } })),
  })
  await page.getByRole('dialog').getByRole('button', { name: '使用这个边界' }).click()
  await expect(page.locator('[data-test="boundary-state"]')).toContainText('已设置边界')

  // 乙网格 moves to the western community's zone.
  await page.locator('.path a', { hasText: '东风片区' }).click()
  await open(page, '乙网格')
  await page.locator('[data-test="move-node"]').click()
  await dialog.locator('input[name="parent-search"]').fill('西风')
  await dialog.locator('[data-test="tree-target"]', { hasText: '西风片区' }).click()
  await dialog.getByRole('button', { name: '移过去' }).click()
  await expect(page.locator('.path')).toContainText('西风社区')

  // An empty grid is retired after a confirmation, and is gone from its zone.
  await page.locator('.path a', { hasText: '调整示范街道' }).click()
  await open(page, '东风社区')
  await open(page, '东风片区')
  await page.locator('[data-test="add-child"]').click()
  await page.locator('input[name="node-code"]').fill('E2TG4')
  await page.locator('input[name="node-name"]').fill('丁网格')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await open(page, '丁网格')
  await page.locator('[data-test="retire-node"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '撤销' }).click()
  await expect(page.locator('[data-test="node-name"]')).toContainText('东风片区')
  await expect(page.locator('[data-test="child-node"]', { hasText: '丁网格' })).toHaveCount(0)

  // Staff: an imported worker of 乙网格 becomes the leader-to-be of 丙网格, then has a new password texted.
  await page.goto('/staff/import')
  await checkImport(page, 'STAFF', csv('staff.csv', 'name,phone,role,node_code,leader_of\n调岗示范员,13766671001,网格员,E2TG2,\n'))
  await applyImport(page)
  await page.goto('/staff')
  for (const name of ['调整示范区', '调整示范街道']) await open(page, name)
  await page.locator('[data-test="staff-people-link"]').click()
  const row = page.locator('[data-test="person"]', { hasText: '调岗示范员' })
  await expect(row).toContainText('乙网格')
  await row.locator('[data-test^="repost-"]').click()
  await dialog.locator('[data-test="repost-role"]', { hasText: '网格长' }).click()
  await dialog.locator('input[name="repost-search"]').fill('丙')
  await dialog.locator('[data-test="repost-node"]', { hasText: '丙网格' }).click()
  await dialog.getByRole('button', { name: '调整', exact: true }).click()
  await expect(row).toContainText('丙网格')
  await expect(row).toContainText('网格长')
  await row.locator('[data-test^="reset-"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '重置密码' }).click()
  await expect(page.getByText('已重置')).toBeVisible()
})
