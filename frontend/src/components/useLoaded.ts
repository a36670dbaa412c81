import { onMounted, ref, type Ref } from 'vue'
import { showError } from '@/components/ProblemMessage'

/**
 * What a page shows from one request: loaded when the page opens and again on `load()`, `loaded` once it
 * arrived (so "nothing here" is not shown while it is on its way), a failure explained in a toast.
 */
export function useLoaded<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loaded = ref(false)
  async function load(): Promise<void> {
    try {
      data.value = await fetch()
      loaded.value = true
    } catch (e) {
      showError(e)
    }
  }
  onMounted(load)
  return { data, loaded, load }
}
