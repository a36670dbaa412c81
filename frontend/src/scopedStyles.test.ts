/// <reference types="node" />
// Reads the components from disk, in Node (Vitest).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '@/testing/sourceFiles'

describe('scoped styles', () => {
  it('never follow :global(…) with more selector, which Vue drops', () => {
    // `:global(html.large-text) .note` compiles to `html.large-text` alone: the rule styled the page, not the note.
    // Write `html.large-text .note` in a scoped style instead (Vue scopes the last part).
    const wrong = sourceFiles(__dirname, /\.vue$/).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^\s*:global\([^)]*\)\s+[^\s{,][^{,]*/gm)].map((m) => `${file}: ${m[0].trim()}`),
    )
    expect(wrong).toEqual([])
  })
})
