import { ref, type Ref } from 'vue'
import { useLoaded } from './useLoaded'

/**
 * A list the server gives a page at a time, newest first (`?before=` the last id shown): the first page as
 * {@link useLoaded} loads it (with `loaded` and `error` for LoadFailed), then `loadMore()` appends the next one.
 * `more` is true while the last page came full, so a list of exactly a page asks once more and learns it has all.
 * A next page that cannot load leaves the list as it was and says why through `moreError`.
 */
export function usePaged<T extends { id: number }>(fetch: (before?: number) => Promise<T[]>, pageSize: number) {
  const more = ref(false)
  const loadingMore = ref(false)
  const moreError = ref<unknown>(null)
  const first = useLoaded<T[]>(async () => {
    const page = await fetch()
    more.value = page.length >= pageSize
    return page
  }, [])
  const items = first.data as Ref<T[]>

  async function loadMore(): Promise<void> {
    const last = items.value.at(-1)
    if (!last || loadingMore.value) return
    loadingMore.value = true
    try {
      const page = await fetch(last.id)
      items.value = [...items.value, ...page]
      more.value = page.length >= pageSize
      moreError.value = null
    } catch (e) {
      moreError.value = e
    } finally {
      loadingMore.value = false
    }
  }

  return { items, loaded: first.loaded, error: first.error, load: first.load, more, loadingMore, moreError, loadMore }
}
