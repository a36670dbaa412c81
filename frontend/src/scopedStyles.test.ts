/// <reference types="node" />
// Reads the components from disk, in Node (Vitest), like the i18n usage test.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return vueFiles(path)
    return name.endsWith('.vue') ? [path] : []
  })
}

describe('scoped styles', () => {
  it('never follow :global(…) with more selector, which Vue drops', () => {
    // `:global(html.large-text) .note` compiles to `html.large-text` alone: the rule styled the page, not the note.
    // Write `html.large-text .note` in a scoped style instead (Vue scopes the last part).
    const wrong = vueFiles(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*:global\([^)]*\)\s+[^\s{,][^{,]*/gm)].map((m) => `${file}: ${m[0].trim()}`),
    )
    expect(wrong).toEqual([])
  })
})
