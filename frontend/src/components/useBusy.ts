import { ref } from 'vue'
import { showError } from '@/components/ProblemMessage'

/** A button's action: busy while it runs (the button shows a spinner), its failure explained in a toast. */
export function useBusy() {
  const busy = ref(false)
  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true
    try {
      await action()
    } catch (e) {
      showError(e)
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
