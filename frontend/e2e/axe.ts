import { expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * The WCAG 2.1 A/AA rules the page breaks, as axe-core finds them: the rule, then each element (with the colours and
 * ratio for contrast). axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does
 * not govern, so the app is scanned as served.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // A dialog still fading in is half transparent, and its colours blend with the page under it: scan what stays.
  // (Spinners turn forever and are not waited for.)
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined)
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    interface Node {
      target: string[]
      any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[]
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: Node[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    const describe = (n: Node) => {
      const data = n.any.find((c) => c.data?.contrastRatio)?.data
      return n.target.join(' ') + (data ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})` : '')
    }
    return result.violations.map((v) => `${v.id}: ${v.nodes.map(describe).join(', ')}`)
  })
}

/** Fails with the list of WCAG 2.1 A/AA rules the page breaks (see {@link axeViolations}). */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe-core on ${state}`).toEqual([])
}

/**
 * What a shaky finger or poor eyes would miss and axe-core does not check at AA: controls smaller than 44×44 px
 * (WCAG 2.5.5; links inside running text are exempt, a field counts by its whole row), text under 18 px when large
 * text is on, text cut off at a box's edge without an ellipsis or taller than its line (WCAG 1.4.4: text resized
 * without loss of content), and a page without exactly one main landmark. Each finding names the element, its text and its size.
 */
export async function sizeFindings(page: Page, large: boolean): Promise<string[]> {
  return page.evaluate((large) => {
    const found: string[] = []
    const name = (el: Element) => {
      const cls = typeof el.className === 'string' ? el.className.split(' ').filter(Boolean).slice(0, 2).join('.') : ''
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 20)
      return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} "${text}"`
    }
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return null
      const s = getComputedStyle(el)
      return s.visibility === 'hidden' || s.opacity === '0' ? null : r
    }
    const controls = document.querySelectorAll(
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=checkbox], [role=radio], [role=switch], [role=link], [role=option], [role=menuitem]',
    )
    const seen = new Set<string>()
    for (const el of controls) {
      if (el.closest('[aria-hidden="true"], [inert]')) continue
      // A field is tapped anywhere on its row; a control inside a bigger control is that control's target.
      const target = el.matches('input, textarea, select') ? (el.closest('label, .van-field, .van-cell, .van-uploader__upload') ?? el) : el
      const r = shown(target)
      // Visually hidden (a file input under its own visible label button): the visible control is measured instead.
      if (!r || (r.width <= 1 || r.height <= 1)) continue
      if (el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.parentElement?.textContent?.trim() !== el.textContent?.trim()) continue
      if (r.width < 43.5 || r.height < 43.5) {
        const f = `target ${name(target)} ${Math.round(r.width)}×${Math.round(r.height)}`
        if (!seen.has(f)) found.push(f)
        seen.add(f)
      }
    }
    if (large) {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement
        if (!el || !n.textContent?.trim() || el.closest('script, style, noscript, [aria-hidden="true"] svg')) continue
        if (!shown(el)) continue
        const size = parseFloat(getComputedStyle(el).fontSize)
        if (size < 17.5) {
          const f = `text ${name(el)} ${size}px`
          if (!seen.has(f)) found.push(f)
          seen.add(f)
        }
      }
    }
    // Text cut off: a line running past the edge of a box that hides what overflows, with no ellipsis to say so
    // (a box that scrolls, a map and a scrolling notice are left alone). And text taller than its line, which a
    // tag or badge sized for smaller type draws outside its coloured box.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || !n.textContent?.trim() || el.closest('script, style, noscript, .leaflet-container, .van-notice-bar')) continue
      if (!shown(el)) continue
      // Chromium trims the spacing of a closing full-width mark (）。，) at a line's end but measures it untrimmed:
      // the mark's own width is not the text's.
      const text = n.textContent
      const trimmed = text.replace(/[）」』】〉》，。、；：！？]+\s*$/, '')
      const range = document.createRange()
      range.setStart(n, 0)
      range.setEnd(n, trimmed.length || text.length)
      let box = range.getBoundingClientRect()
      for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') break
        if (s.overflowX !== 'hidden' && s.overflowX !== 'clip') continue
        const r = a.getBoundingClientRect()
        if (r.width <= 1 || r.height <= 1) break
        const outside = box.right <= r.left || box.left >= r.right
        if (!outside && (box.right > r.right + 1 || box.left < r.left - 1)) {
          if (s.textOverflow === 'ellipsis' && (a === el || a.contains(el))) {
            box = new DOMRect(Math.max(box.left, r.left), box.top, Math.min(box.right, r.right) - Math.max(box.left, r.left), box.height)
            continue
          }
          const f = `cut off ${name(el)} at the edge of ${name(a)}`
          if (!seen.has(f)) found.push(f)
          seen.add(f)
          break
        }
      }
      const s = getComputedStyle(el)
      if (s.display !== 'inline' && s.lineHeight !== 'normal' && parseFloat(s.lineHeight) < parseFloat(s.fontSize) - 0.5) {
        const f = `taller than its line ${name(el)} ${s.fontSize} on ${s.lineHeight}`
        if (!seen.has(f)) found.push(f)
        seen.add(f)
      }
    }
    const mains = document.querySelectorAll('main, [role=main]').length
    if (mains !== 1) found.push(`${mains} main landmarks`)
    return found
  }, large)
}

/**
 * Walks the page with the Tab key as a keyboard or switch user would: every stop must be on screen (scrolled into view)
 * with a visible focus ring, and the walk must move on (no trap). Returns what went wrong at each stop.
 */
export async function focusFindings(page: Page, stops = 12): Promise<string[]> {
  const found: string[] = []
  await page.locator('body').focus()
  let previous = ''
  const seen = new Set<string>()
  let repeats = 0
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab')
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow !== 'none' && s.boxShadow !== '')
      const onScreen = r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth && r.width > 0
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 20)
      // A date or time field takes several Tab presses, one per part (year, month, day, hour…).
      const parts = el instanceof HTMLInputElement && ['date', 'datetime-local', 'time', 'month', 'week'].includes(el.type)
      // Its last stop is the browser's own calendar button inside it, which the browser rings itself.
      if (parts && !el.matches(':focus')) return { id: `${el.tagName.toLowerCase()} picker`, ring: true, onScreen: true, parts }
      return { id: `${el.tagName.toLowerCase()} "${label}" @${Math.round(r.left)},${Math.round(r.top)}`, ring, onScreen, parts }
    })
    if (!stop) break
    if (!stop.ring) found.push(`no visible focus on ${stop.id}`)
    if (!stop.onScreen) found.push(`focus off screen on ${stop.id}`)
    if (stop.id === previous && stop.parts && ++repeats < 6) continue
    if (stop.id === previous) {
      // The same stop twice running: a trap, unless it is the page's only stop and Tab went round to it again.
      const tabbable = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter(
            (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
          ).length,
      )
      if (tabbable > 1) found.push(`focus stuck on ${stop.id}`)
      break
    }
    if (seen.has(stop.id)) break // round the page and back to the start
    seen.add(stop.id)
    previous = stop.id
    repeats = 0
  }
  return found
}
