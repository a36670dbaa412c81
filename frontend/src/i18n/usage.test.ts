/// <reference types="node" />
// Reads the source files from disk, in Node (Vitest).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '@/testing/sourceFiles'
import zhCN from './locales/zh-CN'
import en from './locales/en'

function has(locale: object, key: string): boolean {
  const value = key.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], locale)
  return typeof value === 'string'
}

describe('every text key used in the app', () => {
  const used = new Set<string>()
  for (const file of sourceFiles(join(__dirname, '..'), /\.(vue|ts)$/)) {
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

function at(locale: object, key: string): unknown {
  return key.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], locale)
}

/** The values of a string-union type the OpenAPI document names (in schema.d.ts), e.g. Role. */
function enumOf(name: string): string[] {
  const schema = readFileSync(join(__dirname, '..', 'api', 'schema.d.ts'), 'utf8')
  const line = new RegExp(`^\\s+${name}: ((?:"[A-Z_]+"(?: \\| )?)+);$`, 'm').exec(schema)
  if (!line) throw new Error(`no enum ${name} in schema.d.ts`)
  return [...(line[1] as string).matchAll(/"([A-Z_]+)"/g)].map((m) => m[1] as string)
}

// Keys made at run time, t('roles.' + role) or t(`roles.${role}`), are checked by their prefix: it holds the same
// texts in both languages, and where its values are one of the API's enums, a text for every value.
describe('every text key made from a value', () => {
  const prefixes = new Set<string>()
  for (const file of sourceFiles(join(__dirname, '..'), /\.(vue|ts)$/)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*(?:'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*)\.'\s*\+|`([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*)\.\$\{)/g)) {
      prefixes.add((match[1] ?? match[2]) as string)
    }
  }

  it('is found by the scan', () => {
    expect(prefixes).toContain('roles')
    expect(prefixes).toContain('problems.states')
  })

  it('has the same texts under its prefix in Chinese and in English', () => {
    const differing = [...prefixes].filter((prefix) => {
      const zh = at(zhCN, prefix)
      const enTexts = at(en, prefix)
      if (typeof zh !== 'object' || typeof enTexts !== 'object' || !zh || !enTexts) return true
      return Object.keys(zh).sort().join() !== Object.keys(enTexts).sort().join()
    })
    expect(differing).toEqual([])
  })

  it.each([
    ['roles', 'Role'],
    ['levels', 'GridLevel'],
    ['problems.states', 'ProblemState'],
    ['problems.actions', 'ProblemAction'],
    ['importCity.kind', 'ImportKind'],
    ['importCity.outcomeName', 'RowOutcome'],
  ])('%s has a text for every value of %s', (prefix, name) => {
    expect(prefixes).toContain(prefix)
    const missing = enumOf(name).filter((value) => !has(zhCN, `${prefix}.${value}`) || !has(en, `${prefix}.${value}`))
    expect(missing).toEqual([])
  })
})

