import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './axe'
import { newPhone, signUpInMinzhulu } from './helpers'

// Web Push in the browser: the setting a resident turns on, and what the phone shows when a message arrives. The
// server's side (VAPID, RFC 8291 encryption, falling back to a text) is checked against a local push service in
// PushNotificationsTest; Chromium here cannot reach Google's push service, so subscribing ends in the clear
// "cannot be reached" state, which is what a resident behind a firewall would see.

test('a resident turns on phone notifications, and a pushed message shows with its words', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL })
  await signUpInMinzhulu(page, newPhone(), '推送测试', '1单元', '1702')
  await page.goto('/settings')
  const setting = page.locator('[data-test="push-setting"]')
  await expect(setting).toContainText('手机通知')
  await expect(setting).toContainText('免费，少收短信')
  await expectNoAxeViolations(page, 'settings with phone notifications')

  const toggle = page.locator('[data-test="push-switch"]')
  await toggle.click()
  // Either the push service took the subscription, or the page says it could not and texts go on; never a spinner.
  await expect(setting).toContainText(/已开启：消息先推送到这台手机|现在连不上推送服务，没有开启/, { timeout: 20_000 })
  const on = (await setting.textContent())!.includes('已开启')
  await expect(toggle).toHaveAttribute('aria-checked', on ? 'true' : 'false')

  // A message the push service delivers to this browser (as the server sends it: body, link, tag) is shown.
  const cdp = await context.newCDPSession(page)
  const registered = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
      const ours = e.registrations.find((r) => r.scopeURL.startsWith(baseURL!) && !r.isDeleted)
      if (ours) resolve(ours.registrationId)
    }),
  )
  await cdp.send('ServiceWorker.enable')
  const registrationId = await registered
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(baseURL!).origin,
    registrationId,
    data: JSON.stringify({ body: '您反映的问题（编号 7）已受理，网格长正在处理。', link: '/problems/7', tag: 'og41' }),
  })
  await expect
    .poll(() =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}|${n.body}|${n.tag}`)),
    )
    .toEqual(['一网通 OneGrid|您反映的问题（编号 7）已受理，网格长正在处理。|og41'])
})
