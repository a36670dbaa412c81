import { onMounted, ref, type Ref } from 'vue'

/**
 * What a page shows from one request: loaded when the page opens and again on `load()`, `loaded` once it
 * arrived (so "nothing here" is not shown while it is on its way), and `error` when it could not be loaded, for the
 * page to show with LoadFailed (why, try again, go to the start page) instead of staying empty.
 */
export function useLoaded<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loaded = ref(false)
  const error = ref<unknown>(null)
  async function load(): Promise<void> {
    try {
      data.value = await fetch()
      loaded.value = true
      error.value = null
    } catch (e) {
      error.value = e
    }
  }
  onMounted(load)
  return { data, loaded, error, load }
}
