import { expectNoAxeViolations } from './axe'
import { expect, test } from '@playwright/test'
import { docShot, newPhone, signInResident, signInStaff, signUpInMinzhulu } from './helpers'

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

test('a resident reports a problem with a photo, the grid leader accepts, replies and resolves it, the resident confirms', async ({
  page,
  browser,
}) => {
  // 张桂兰 of 民主路社区 第1网格, a demo resident with her home already set.
  await signInResident(page, '13900000001')
  await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
  await page.locator('[data-test="service-report"]').click()
  await page.locator('[data-test="category"]', { hasText: '建筑垃圾' }).click()
  await page.locator('textarea[name="description"]').fill('3号楼2单元门前有一堆建筑垃圾')
  // The place starts at her home (1号楼 1单元); the waste is at 3号楼 2单元.
  await expect(page.locator('[data-test="place"] input')).toHaveValue('1号楼 1单元')
  await page.locator('[data-test="place"]').click()
  await page.getByRole('button', { name: '3号楼', exact: true }).click()
  await page.getByRole('button', { name: '2单元', exact: true }).click()
  await expect(page.locator('[data-test="place"] input')).toHaveValue('3号楼 2单元')
  await page.locator('[data-test="photos"] input[type="file"]').setInputFiles({
    name: 'waste.png',
    mimeType: 'image/png',
    buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
  })
  await expect(page.locator('.van-uploader__preview')).toHaveCount(1)
  await expect(page.getByText('上传中')).toHaveCount(0)
  // The form says what "public" means; she leaves the report public.
  await expect(page.locator('[data-test="make-public"]')).toContainText('看不到您的姓名和电话')
  await docShot(page, 'resident-report')
  await page.locator('[data-test="submit-report"]').click()
  await expect(page.locator('[data-test="problem-description"]')).toContainText('建筑垃圾')
  await expect(page.locator('[data-test="visibility"]')).toContainText('公开')
  await expect(page.locator('[data-test="problem-photo"]')).toHaveCount(1)
  await expect(page.getByText('3号楼 2单元')).toBeVisible()
  await expect(page.getByText('待受理').first()).toBeVisible()
  const problemUrl = page.url()
  await page.locator('textarea[name="message"]').fill('垃圾把单元门挡住了一半')
  await page.locator('[data-test="send-message"]').click()
  await expect(page.locator('[data-test="chat-message"]', { hasText: '挡住了一半' })).toBeVisible()
  await page.locator('[data-test="chat-photo-input"] input[type="file"]').setInputFiles({
    name: 'door.png',
    mimeType: 'image/png',
    buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
  })
  await expect(page.locator('[data-test="chat-photo"]')).toHaveCount(1)
  await docShot(page, 'resident-problem')

  const leaderContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const leader = await leaderContext.newPage()
  await signInStaff(leader, '13800001001')
  await leader.locator('[data-test="staff-inbox"]').click()
  await leader.locator('input[name="inbox-search"]').fill('建筑垃圾')
  await leader.locator('input[name="inbox-search"]').press('Enter')
  await leader.locator('[data-test="by-deadline"]').click()
  const row = leader.locator('[data-test="problem-row"]', { hasText: '3号楼2单元门前' }).first()
  // The resident's message waits as an unread badge until the leader opens the problem.
  await expect(row.locator('[data-test="unread"]')).toHaveText('2')
  await docShot(leader, 'leader-inbox')
  await row.click()
  await expect(leader.locator('[data-test="chat-photo"]')).toHaveCount(1)
  await expect(leader.locator('[data-test="problem-photo"]')).toHaveCount(1)
  await leader.locator('[data-test="action-ACCEPT"]').click()
  await expect(leader.getByText('已受理').first()).toBeVisible()
  // A ready reply, then a word of the leader's own after it.
  await leader.locator('[data-test="open-templates"]').click()
  await leader.locator('[data-test="template"]', { hasText: '已收到' }).click()
  await expect(leader.locator('textarea[name="message"]')).toHaveValue(/已收到/)
  await leader.locator('textarea[name="message"]').fill('已通知物业，明天上午清运')
  await leader.locator('[data-test="send-message"]').click()
  await expect(leader.locator('[data-test="chat-message"]', { hasText: '明天上午清运' })).toBeVisible()
  await docShot(leader, 'leader-problem')
  await leader.locator('[data-test="action-RESOLVE"]').click()
  // Resolving asks what was done: with nothing written, it is not saved and the dialog stays.
  const resolving = leader.locator('.van-dialog')
  await resolving.getByRole('button', { name: '保存' }).click()
  await expect(resolving).toBeVisible()
  await expect(leader.locator('[data-test="timeline-step"]')).toHaveCount(2)
  await leader.locator('textarea[name="reason"]').fill('已联系物业清运完毕')
  await resolving.locator('[data-test="after-photo"] input[type="file"]').setInputFiles({
    name: 'after.png',
    mimeType: 'image/png',
    buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
  })
  await expect(resolving.getByText('上传中')).toHaveCount(0)
  await expectNoAxeViolations(leader, 'resolve dialog with the result and an after photo')
  await resolving.getByRole('button', { name: '保存' }).click()
  await expect(leader.locator('[data-test="timeline-step"]')).toHaveCount(3)
  await leaderContext.close()

  // Before rating, the resident reads how it was fixed and sees the photo taken after.
  await page.goto(problemUrl)
  const result = page.locator('[data-test="result"]')
  await expect(result).toContainText('已联系物业清运完毕')
  await expect(result.locator('[data-test="result-photo"]')).toHaveCount(1)
  await expect(page.locator('[data-test="timeline-step"]', { hasText: '已联系物业清运完毕' })).toBeVisible()
  await expect(page.locator('[data-test="chat-message"]', { hasText: '明天上午清运' })).toBeVisible()
  await page.locator('[data-test="action-CONFIRM"]').click()
  await expect(page.getByRole('dialog')).toContainText('确认已解决并评价')
  await expect(page.getByRole('dialog')).toContainText('处理结果：已联系物业清运完毕')
  await expectNoAxeViolations(page, 'the resident rates a fix they can read')
  await page.locator('[data-test="rating"] .van-rate__item').nth(4).click()
  await page.locator('textarea[name="reason"]').fill('很快，谢谢')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.locator('[data-test="timeline-step"]')).toHaveCount(4)
  await expect(page.getByText('已关闭').first()).toBeVisible()
  await page.screenshot({ path: 'target/e2e-results/problem-closed.png', fullPage: true })

  // The same news waits in the app, behind the bell.
  await page.goto('/')
  await page.locator('[data-test="bell"]').click()
  await expect(page.locator('[data-test="notification"]', { hasText: '已受理' }).first()).toBeVisible()

  // The texts that left: accepted and resolved, readable in the demo inbox.
  await page.goto('/demo/inbox')
  await expect(page.locator('[data-test="sms"]', { hasText: '已受理' }).first()).toBeVisible()
  await expect(page.locator('[data-test="sms"]', { hasText: '已处理完成' }).first()).toBeVisible()
  await expect(page.locator('[data-test="sms"]', { hasText: '有新回复' }).first()).toBeVisible()
})

test('a leader hands a problem the grid cannot fix to a department, which is texted, takes it back, and hands it again; the department answers through its link', async ({
  page,
  browser,
}) => {
  // 郭振华 of 工人新村社区 第1网格 reports a leak (the other journeys stay in 民主路社区).
  await signInResident(page, '13900000004')
  await page.locator('[data-test="service-report"]').click()
  await page.locator('[data-test="category"]', { hasText: '供水排水' }).click()
  await page.locator('textarea[name="description"]').fill('2号楼门口自来水管爆裂，水流到路上')
  // 供水排水 asks whether the water is off now; the form does not send until it is answered.
  const noWater = page.locator('[data-test="question-NO_WATER"]')
  await expect(noWater).toContainText('现在是否停水？')
  await page.locator('[data-test="submit-report"]').click()
  await expect(page.getByText('请回答：现在是否停水？')).toBeVisible()
  await noWater.getByRole('radio', { name: '是' }).click()
  // Standing by the leak, inside 第1网格's boundary, she adds her GPS point.
  await page.context().grantPermissions(['geolocation'])
  await page.context().setGeolocation({ latitude: 34.7441, longitude: 113.635, accuracy: 12 })
  await page.locator('[data-test="my-position"]').click()
  await expect(page.locator('[data-test="pin-grid"]')).toHaveText('这个位置属于：第1网格')
  await page.locator('[data-test="submit-report"]').click()
  await expect(page.locator('[data-test="problem-description"]')).toContainText('自来水管爆裂')
  await expect(page.getByText('第1网格').first()).toBeVisible()
  const problemUrl = page.url()
  await page.context().clearCookies()

  await signInStaff(page, '13800001004')
  await page.locator('[data-test="staff-inbox"]').click()
  await page.locator('.van-dropdown-menu__item').nth(0).click()
  await page.locator('.van-dropdown-item__option', { hasText: '供水排水' }).click()
  await page.locator('.van-dropdown-menu__item').nth(1).click()
  await page.locator('.van-dropdown-item__option', { hasText: '居民上报' }).click()
  await page.locator('[data-test="problem-row"]', { hasText: '自来水管爆裂' }).first().click()
  await expect(page.locator('[data-test="answer"]', { hasText: '现在是否停水？' })).toContainText('是')
  await page.locator('[data-test="action-ACCEPT"]').click()
  await expect(page.getByText('已受理').first()).toBeVisible()
  await page.locator('[data-test="transfer"]').click()
  await page.getByRole('radio', { name: '自来水公司' }).click()
  await page.locator('textarea[name="transfer-reason"]').fill('市政管道，归自来水公司抢修')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(page.locator('[data-test="department"]')).toContainText('自来水公司')
  await expect(page.getByText('部门办理中').first()).toBeVisible()

  await page.locator('[data-test="action-TAKE_BACK"]').click()
  await page.locator('textarea[name="reason"]').fill('自来水公司说是小区内管道，归物业')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.locator('[data-test="timeline-step"]', { hasText: '归物业' })).toBeVisible()
  await expect(page.locator('[data-test="department"]')).toHaveCount(0)
  expect(page.url()).toBe(problemUrl)

  // The department's duty phone got the problem, with where and why.
  await page.goto('/demo/inbox')
  await expect(
    page.locator('[data-test="sms"]', { hasText: '+8637167100001' }).filter({ hasText: '归自来水公司抢修' }),
  ).toBeVisible()

  // Handed again; this time the water company answers through the link in its text, with no account.
  await page.goto(problemUrl)
  await page.locator('[data-test="transfer"]').click()
  await page.getByRole('radio', { name: '自来水公司' }).click()
  await page.locator('textarea[name="transfer-reason"]').fill('物业无资质，再请自来水公司')
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click()
  await expect(page.locator('[data-test="department"]')).toContainText('自来水公司')
  await page.goto('/demo/inbox')
  const text = await page.locator('[data-test="sms"]', { hasText: '+8637167100001' }).filter({ hasText: '再请自来水公司' }).first().textContent()
  const link = /\/d\/[A-Za-z0-9_-]+/.exec(text ?? '')?.[0]
  expect(link, text ?? '').toBeTruthy()

  const officerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const officer = await officerContext.newPage()
  await officer.goto(link as string)
  await expect(officer.locator('[data-test="department-task"]')).toContainText('自来水管爆裂')
  await expectNoAxeViolations(officer, 'a department reads the problem it was texted')
  await officer.locator('[data-test="department-accept"]').click()
  await expect(officer.locator('[data-test="department-step"]', { hasText: '部门已接单' })).toBeVisible()
  // Nothing written: it says what is missing and sends nothing.
  await officer.locator('[data-test="department-resolve"]').click()
  await expect(officer.getByText('请写明是怎么处理的，居民会看到')).toBeVisible()
  await officer.locator('[data-test="department-text"] textarea').fill('抢修队已到场关阀')
  await officer.locator('[data-test="department-progress"]').click()
  await expect(officer.locator('[data-test="department-step"]', { hasText: '抢修队已到场关阀' })).toBeVisible()
  await officer.locator('[data-test="department-text"] textarea').fill('已更换爆裂管段，恢复供水')
  // A photo of the repaired pipe goes with the fix, sent through the link (no account).
  await officer.locator('[data-test="department-photos"] input[type="file"]').setInputFiles({
    name: 'pipe.png',
    mimeType: 'image/png',
    buffer: Buffer.from(ONE_PIXEL_PNG, 'base64'),
  })
  await expect(officer.locator('.van-uploader__preview')).toHaveCount(1)
  await expect(officer.getByText('上传中')).toHaveCount(0)
  await expectNoAxeViolations(officer, 'a department adds a photo of the fix')
  await officer.locator('[data-test="department-resolve"]').click()
  // Recording the fix cannot be undone and tells the resident: it asks first.
  await officer.getByRole('dialog').getByRole('button', { name: '已办结' }).click()
  await expect(officer.locator('[data-test="department-closed"]')).toBeVisible()
  await expect(officer.getByRole('dialog')).toHaveCount(0)
  await officer.evaluate(() => window.scrollTo(0, 0))
  await docShot(officer, 'department-link')
  await officerContext.close()

  // The grid sees the department's steps on the timeline; the fix is the department's words.
  await page.goto(problemUrl)
  await expect(page.locator('[data-test="timeline-step"]', { hasText: '部门已接单' })).toBeVisible()
  await expect(page.locator('[data-test="timeline-step"]', { hasText: '已更换爆裂管段' })).toBeVisible()
  await expect(page.getByText('已办结').first()).toBeVisible()
  // The department's photo of the fix is with the problem's photos.
  await expect(page.locator('[data-test="problem-photo"]')).toHaveCount(1)
})

test('a half-written report waits on the phone, and one sent with no signal goes once when the signal is back', async ({ page, context }) => {
  await signUpInMinzhulu(page, newPhone(), '没信号的居民', '1单元', '1709')
  await page.locator('[data-test="service-report"]').click()
  await page.locator('[data-test="category"]', { hasText: '建筑垃圾' }).click()
  await page.locator('textarea[name="description"]').fill('地下车库入口堆了装修垃圾')
  // She leaves the page before sending; coming back, it is all still there.
  await page.goto('/')
  await page.locator('[data-test="service-report"]').click()
  await expect(page.locator('[data-test="draft-restored"]')).toBeVisible()
  await expect(page.locator('textarea[name="description"]')).toHaveValue('地下车库入口堆了装修垃圾')
  await expectNoAxeViolations(page, 'report with a kept draft')

  // No signal in the garage: sending says it will go by itself, and it does once the phone is online again.
  await context.setOffline(true)
  await page.locator('[data-test="submit-report"]').click()
  await expect(page.locator('[data-test="waiting-for-signal"]')).toBeVisible()
  await context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect(page).toHaveURL(/\/problems\/\d+/)
  await expect(page.locator('[data-test="problem-description"]')).toContainText('地下车库入口堆了装修垃圾')
  await page.goto('/problems')
  await expect(page.locator('[data-test="problem-row"]', { hasText: '地下车库入口' })).toHaveCount(1)
  // Sent, the draft is gone.
  await page.goto('/report')
  await expect(page.locator('textarea[name="description"]')).toHaveValue('')

  // The app is installable and opens with no network, saying so, with her problems as last loaded.
  const manifest = await (await page.request.get('/manifest.json')).json()
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true)
  await page.goto('/problems')
  await expect(page.locator('[data-test="problem-row"]', { hasText: '地下车库入口' })).toHaveCount(1)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.reload()
  await expect(page.locator('[data-test="problem-row"]', { hasText: '地下车库入口' })).toHaveCount(1)
  await context.setOffline(true)
  await page.reload()
  await expect(page.locator('[data-test="offline"]')).toContainText('离线')
  await expect(page.locator('[data-test="problem-row"]', { hasText: '地下车库入口' })).toHaveCount(1)
  await expectNoAxeViolations(page, 'my problems opened offline')
  await context.setOffline(false)
})
