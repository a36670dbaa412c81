import { onBeforeUnmount, ref } from 'vue'

/** Whether the screen is a PC's (≥ 1024 px), following the window as it is resized. */
export function useWide() {
  const query = window.matchMedia('(min-width: 1024px)')
  const wide = ref(query.matches)
  const follow = (e: MediaQueryListEvent) => (wide.value = e.matches)
  query.addEventListener('change', follow)
  onBeforeUnmount(() => query.removeEventListener('change', follow))
  return wide
}
