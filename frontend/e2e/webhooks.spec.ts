import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { docShot, newPhone, signInStaff, signUpInMinzhulu } from './helpers'

/** A system following OneGrid's events, as docs/api.md tells one to be written. */
function receiver() {
  const events: Array<{ id: string; type: string; problem?: { id: number; description: string } }> = []
  let secret = ''
  let refused = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const header = String(req.headers['x-onegrid-signature'] ?? '')
      const t = /t=(\d+)/.exec(header)?.[1] ?? ''
      const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1] ?? ''
      const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
      const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300
      if (!fresh || v1.length !== expected.length || !timingSafeEqual(Buffer.from(v1), Buffer.from(expected))) {
        refused++
        res.writeHead(401).end()
        return
      }
      const event = JSON.parse(body)
      if (!events.some((e) => e.id === event.id)) events.push(event)
      res.writeHead(204).end()
    })
  })
  return {
    events,
    refused: () => refused,
    useSecret: (s: string) => (secret = s),
    start: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

test('a city admin subscribes the 12345 platform to 民主路社区, a report reaches it signed, and the log says delivered', async ({
  page,
  browser,
}) => {
  const hooks = receiver()
  const port = await hooks.start()
  try {
    await signInStaff(page, '13800000001')
    await page.locator('[data-test="webhooks-link"]').click()
    await page.locator('input[name="webhook-name"]').fill('12345 热线平台')
    await page.locator('input[name="webhook-url"]').fill(`http://localhost:${port}/hooks`)
    await page.locator('[data-test="webhook-scope"]', { hasText: '社区' }).click()
    await page.locator('input[name="webhook-node-search"]').fill('民主路')
    await page.locator('[data-test="webhook-node"]', { hasText: '民主路社区' }).click()
    await page.locator('[data-test="webhook-register"]').click()
    const secret = (await page.locator('[data-test="webhook-secret"] .key').textContent())?.trim() ?? ''
    expect(secret).toMatch(/^whsec_/)
    hooks.useSecret(secret)
    await expectNoAxeViolations(page, 'event feed, secret shown')

    // A resident of 民主路 reports; the platform hears of it within seconds, signed, without her name.
    const resident = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage()
    await signUpInMinzhulu(resident, newPhone(), '訾大姐', '1单元', '1203')
    await resident.locator('[data-test="service-report"]').click()
    await resident.locator('[data-test="category"]', { hasText: '环境卫生' }).click()
    await resident.locator('textarea[name="description"]').fill('楼下垃圾桶满了三天没人清')
    await resident.locator('[data-test="submit-report"]').click()
    await expect(resident.getByText('楼下垃圾桶满了三天没人清').first()).toBeVisible()
    await expect.poll(() => hooks.events.filter((e) => e.type === 'problem.reported').length, { timeout: 30_000 }).toBeGreaterThan(0)
    const reported = hooks.events.find((e) => e.type === 'problem.reported')!
    expect(reported.problem?.description).toBe('楼下垃圾桶满了三天没人清')
    expect(JSON.stringify(reported)).not.toContain('訾大姐')
    expect(hooks.refused()).toBe(0)

    // The admin sends a test and reads the log: delivered, each with its event.
    const row = page.locator('[data-test="webhook-subscriber"]', { hasText: '12345 热线平台' })
    await row.locator('[data-test="webhook-ping"]').click()
    await expect.poll(() => hooks.events.some((e) => e.type === 'ping'), { timeout: 30_000 }).toBeTruthy()
    await row.locator('[data-test="webhook-log"]').click()
    await expect(row.locator('[data-test="webhook-delivery"]', { hasText: '问题上报' })).toContainText('已送达')
    await expect(row.locator('[data-test="webhook-delivery"]', { hasText: '测试' })).toContainText('已送达')
    await expectNoAxeViolations(page, 'event feed, delivery log')
    await docShot(page, 'webhooks')

    // Disabling cannot be undone: asked first.
    await row.getByRole('button', { name: '停用' }).click()
    await expect(page.locator('.van-dialog__message')).toContainText('不能恢复')
    await page.locator('.van-dialog__confirm').click()
    await expect(row).toContainText('已停用')
  } finally {
    await hooks.stop()
  }
})
