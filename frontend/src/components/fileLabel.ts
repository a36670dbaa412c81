import type { Directive } from 'vue'

/**
 * Names the hidden file input of a Vant uploader for screen readers (`v-file-label="t('…')"`): Vant renders the
 * input itself and passes no attributes to it, so a picker would otherwise be announced as the browser's own
 * "Choose File".
 */
export const vFileLabel: Directive<HTMLElement, string> = {
  mounted: (el, binding) => name(el, binding.value),
  updated: (el, binding) => name(el, binding.value),
}

function name(el: HTMLElement, label: string) {
  el.querySelectorAll('input[type="file"]').forEach((input) => input.setAttribute('aria-label', label))
}
