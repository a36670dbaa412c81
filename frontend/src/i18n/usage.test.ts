/// <reference types="node" />
// Reads the source files from disk, in Node (Vitest): only this test uses Node's own modules.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import zhCN from './locales/zh-CN'
import en from './locales/en'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

function has(locale: object, key: string): boolean {
  const value = key.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], locale)
  return typeof value === 'string'
}

describe('every text key used in the app', () => {
  const used = new Set<string>()
  for (const file of files(join(__dirname, '..'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) {
      used.add(match[1] as string)
    }
  }

  it('is found by the scan', () => {
    expect(used.size).toBeGreaterThan(20)
  })

  it('exists in Chinese and in English', () => {
    const missing = [...used].filter((key) => !has(zhCN, key) || !has(en, key))
    expect(missing).toEqual([])
  })
})
