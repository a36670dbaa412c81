/// <reference types="node" />
// For tests that read the app's own source from disk, in Node (Vitest); the app never imports it.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The files under `dir` whose names match `names`, tests left out. */
export function sourceFiles(dir: string, names: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path, names)
    return names.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}
