import type { Directive } from 'vue'

/**
 * Names the hidden file input of a Vant uploader for screen readers (`v-file-label="t('…')"`): Vant renders the
 * input itself and passes no attributes to it, so a picker would otherwise be announced as the browser's own
 * "Choose File". The previews of chosen photos get a text too ("选择照片 1"), which Vant leaves out as well.
 */
const watching = new WeakMap<HTMLElement, { observer: MutationObserver; label: string }>()

export const vFileLabel: Directive<HTMLElement, string> = {
  mounted: (el, binding) => {
    // Previews appear when a file has been read, after Vue's own update: watch for them.
    const entry = { observer: new MutationObserver(() => name(el, entry.label)), label: binding.value }
    watching.set(el, entry)
    entry.observer.observe(el, { childList: true, subtree: true })
    name(el, binding.value)
  },
  updated: (el, binding) => {
    const entry = watching.get(el)
    if (entry) entry.label = binding.value
    name(el, binding.value)
  },
  unmounted: (el) => {
    watching.get(el)?.observer.disconnect()
    watching.delete(el)
  },
}

function name(el: HTMLElement, label: string) {
  el.querySelectorAll('input[type="file"]').forEach((input) => {
    if (input.getAttribute('aria-label') !== label) input.setAttribute('aria-label', label)
  })
  el.querySelectorAll('.van-uploader__preview-image img').forEach((img, i) => {
    const alt = `${label} ${i + 1}`
    if (img.getAttribute('alt') !== alt) img.setAttribute('alt', alt)
  })
}
