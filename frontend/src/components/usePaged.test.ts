import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { usePaged } from './usePaged'

/** Runs a composable in a mounted component, as a page does (its first page loads when mounted). */
async function inPage<T>(use: () => T): Promise<T> {
  let result!: T
  mount(defineComponent({ setup: () => ((result = use()), () => null) }))
  await flushPromises()
  return result
}

const ids = [50, 49, 48, 47, 46]
const pageOfTwo = (before?: number) => Promise.resolve(ids.filter((id) => before === undefined || id < before).slice(0, 2).map((id) => ({ id })))

describe('usePaged', () => {
  it('appends the page after the last id shown until a page comes short', async () => {
    const fetch = vi.fn(pageOfTwo)
    const list = await inPage(() => usePaged(fetch, 2))
    expect(list.items.value.map((p) => p.id)).toEqual([50, 49])
    expect(list.more.value).toBe(true)
    await list.loadMore()
    await list.loadMore()
    expect(fetch).toHaveBeenLastCalledWith(47)
    expect(list.items.value.map((p) => p.id)).toEqual([50, 49, 48, 47, 46])
    expect(list.more.value).toBe(false)
  })

  it('keeps what is shown when the next page cannot load, and says so', async () => {
    let failing = false
    const list = await inPage(() => usePaged((before?: number) => (failing ? Promise.reject(new Error('offline')) : pageOfTwo(before)), 2))
    failing = true
    await list.loadMore()
    expect(list.items.value.map((p) => p.id)).toEqual([50, 49])
    expect(list.moreError.value).toBeInstanceOf(Error)
    expect(list.more.value).toBe(true)
  })
})
