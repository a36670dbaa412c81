import { expect, type Page } from '@playwright/test'

/** Opens the demo inbox in another tab and reads the newest sign-in code sent (or, kind call, said) to this phone. */
export async function codeFromDemoInbox(page: Page, phone: string, kind: 'sms' | 'call' = 'sms'): Promise<string> {
  const inbox = await page.context().newPage()
  const sms = inbox.locator(`[data-test="${kind}"]`, { hasText: '+86' + phone }).first()
  // The inbox shows what was sent when it opened: on a cold server the code may land a moment later, as a person
  // would find, so look again.
  await expect(async () => {
    await inbox.goto('/demo/inbox')
    await expect(inbox.getByText('演示模式')).toBeVisible()
    await expect(sms).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  const text = (await sms.textContent()) ?? ''
  await inbox.close()
  const code = /(\d{6})/.exec(text.replace(/[，,] ?(?=\d)/g, ''))?.[1]
  expect(code, text).toBeTruthy()
  return code as string
}

/** Signs a resident in by SMS code, as they would on their phone. */
export async function signInResident(page: Page, phone: string): Promise<void> {
  await page.goto('/login')
  await page.waitForLoadState('networkidle')
  // Sent, the button counts down to the next try; until then, type and ask again.
  await expect(async () => {
    await page.locator('input[name="phone"]').fill(phone)
    await page.locator('[data-test="send-code"]').click({ timeout: 2_000 })
    await expect(page.locator('[data-test="send-code"]')).toBeDisabled({ timeout: 3_000 })
  }).toPass({ timeout: 20_000 })
  const code = await codeFromDemoInbox(page, phone)
  await page.locator('input[name="code"]').fill(code)
  await page.locator('[data-test="verify"]').click()
}

/** Signs a member of staff (or a clinician, who lands on their own workbench) in with the demo password. */
export async function signInStaff(page: Page, phone: string, landsOn: RegExp = /\/staff/): Promise<void> {
  await page.goto('/login')
  await page.getByRole('tab', { name: '工作人员' }).click()
  await page.locator('input[name="staff-phone"]').fill(phone)
  await page.locator('input[name="password"]').fill('onegrid-demo')
  await page.locator('[data-test="staff-login"]').click()
  await expect(page).toHaveURL(landsOn)
}

let phoneCounter = 0

/** A mobile number no demo account has, different on every call. */
export function newPhone(): string {
  phoneCounter += 1
  return '136' + String(Date.now() + phoneCounter).slice(-8)
}

/** Signs a new resident up by SMS code and sets their home in 民主路社区. */
export async function signUpInMinzhulu(page: Page, phone: string, name: string, unit: string, room: string): Promise<void> {
  await signUpIn(page, phone, name, { search: '民主', community: '民主路社区', building: '1号楼', unit, room })
}

/** Signs a new resident up by SMS code and sets their home: community (found by a search), building, unit, room. */
export async function signUpIn(
  page: Page,
  phone: string,
  name: string,
  home: { search: string; community: string; building: string; unit: string; room: string },
): Promise<void> {
  await signInResident(page, phone)
  await expect(page).toHaveURL(/\/setup/)
  await page.locator('input[name="name"]').fill(name)
  await page.locator('input[type="search"]').fill(home.search)
  await page.locator('[data-test="community"]', { hasText: home.community }).click()
  await page.getByRole('button', { name: home.building, exact: true }).click()
  await page.getByRole('button', { name: home.unit, exact: true }).click()
  await page.locator('input[name="room"]').fill(home.room)
  await page.locator('[data-test="save-home"]').click()
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
}

/** On the import page: chooses what to import and the file, and waits for the check of it. */
export async function checkImport(page: Page, kind: string, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.locator(`[data-test="kind-${kind}"]`).click()
  await page.locator('[data-test="import-file"]').setInputFiles(file)
  await expect(page.locator('[data-test="import-report"]')).toBeVisible()
}

/** On the import page, after a clean check: imports, confirms, and waits until it has finished. */
export async function applyImport(page: Page): Promise<void> {
  await page.locator('[data-test="apply-import"]').click()
  await page.getByRole('dialog').getByRole('button', { name: '导入' }).click()
  await expect(page.locator('[data-test="import-status"]')).toContainText('导入完成', { timeout: 60_000 })
}

/**
 * A picture for the guides in docs/: each journey that passes draws again the pages the guides show, so the pictures
 * never fall behind the app. Commit the changed files with the change that made them.
 */
export async function docShot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.van-loading:visible, .van-skeleton:visible')).toHaveCount(0)
  await page.screenshot({ path: `../docs/images/${name}.png`, animations: 'disabled' })
}

type Json = Record<string, unknown>

/** Calls the API as the signed-in page would (session cookie and CSRF token). */
export async function api<T = Json>(page: Page, method: string, path: string, body?: unknown, key?: string): Promise<T> {
  return page.evaluate(
    async ({ method, path, body, key }) => {
      const token = document.cookie
        .split('; ')
        .find((c) => c.startsWith('XSRF-TOKEN='))
        ?.substring('XSRF-TOKEN='.length)
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (token) headers['X-XSRF-TOKEN'] = decodeURIComponent(token)
      if (key) headers['Idempotency-Key'] = key
      const res = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.status === 204 ? null : res.json()
    },
    { method, path, body, key },
  ) as Promise<T>
}
