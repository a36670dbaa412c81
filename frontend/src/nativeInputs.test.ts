/// <reference types="node" />
// Reads the components from disk, in Node (Vitest).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '@/testing/sourceFiles'

describe('native inputs', () => {
  it('each have a name a screen reader reads: an aria-label, or an id a <label for> names', () => {
    // A Vant field's label is not tied to an <input> put in its #input slot: the date of a warning's end was read as
    // "edit text" and nothing more, and only an admin's page (not scanned as an admin) showed it.
    const unnamed = sourceFiles(__dirname, /\.vue$/).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<input\b[^>]*>/g)]
        .map((m) => m[0])
        .filter((tag) => !/\s(:?aria-label|:?aria-labelledby|:?id)=/.test(tag))
        // A file input a button opens, hidden from screen readers (the button is named).
        .filter((tag) => !/\saria-hidden="true"/.test(tag))
        .map((tag) => `${file}: ${tag}`),
    )
    expect(unnamed).toEqual([])
  })
})
