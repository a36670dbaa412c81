import { chromium, expect, test } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { newPhone, signUpInMinzhulu } from './helpers'

// Lighthouse's mobile audits of accessibility and best practices, as Chrome's own Lighthouse panel runs them, on the
// sign-in page and a resident's home: both must score 100. Lighthouse drives a Chromium of its own through the DevTools
// port, sharing the profile in which the resident signed in (storage is not reset, so home is home, not sign-in).

const PORT = 9333 + Math.floor(Math.random() * 500)

test('Lighthouse scores sign-in and a resident home 100 for accessibility and best practices on a phone', async ({ baseURL }) => {
  test.setTimeout(240_000)
  const profile = mkdtempSync(join(tmpdir(), 'onegrid-lh-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${PORT}`, '--no-first-run', '--disable-background-networking'],
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    baseURL,
  })
  try {
    const page = await browser.newPage()
    const scores: Record<string, Record<string, number>> = {}
    const failing: string[] = []
    const audit = async (path: string) => {
      const result = await lighthouse(`${baseURL}${path}`, {
        port: PORT,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['accessibility', 'best-practices'],
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 2.625, disabled: false },
        disableStorageReset: true,
      })
      const lhr = result!.lhr
      scores[path] = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]))
      for (const category of Object.values(lhr.categories)) {
        for (const ref of category.auditRefs) {
          const a = lhr.audits[ref.id]
          if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
            const items = ((a.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []).map((i) => JSON.stringify(i).slice(0, 300))
            failing.push(`${path} ${category.id}: ${a.id} — ${a.title} ${items.join(' ')}`)
          }
        }
      }
      expect(lhr.finalDisplayedUrl, `Lighthouse stayed on ${path}`).toBe(`${baseURL}${path}`)
    }
    await page.goto('/login')
    await audit('/login')
    await signUpInMinzhulu(page, newPhone(), '灯塔测试', '1单元', '1703')
    await expect(page.locator('[data-test="leader-card"]')).toBeVisible()
    await audit('/')
    console.log('Lighthouse', JSON.stringify(scores))
    expect(failing, 'audits below full marks').toEqual([])
    expect(scores).toEqual({
      '/login': { accessibility: 100, 'best-practices': 100 },
      '/': { accessibility: 100, 'best-practices': 100 },
    })
  } finally {
    await browser.close()
    rmSync(profile, { recursive: true, force: true })
  }
})
