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
