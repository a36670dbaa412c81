import type { Directive } from 'vue'

/**
 * Names the stars of a Vant rate for screen readers (`v-rate-labels="(n) => t('…', { n })"`): Vant renders each star
 * as a radio with no name, so a blind resident would hear "radio button, 1 of 5" five times.
 */
export const vRateLabels: Directive<HTMLElement, (n: number) => string> = {
  mounted: (el, binding) => name(el, binding.value),
  updated: (el, binding) => name(el, binding.value),
}

function name(el: HTMLElement, label: (n: number) => string) {
  el.querySelectorAll('[role="radio"]').forEach((star, i) => {
    const text = label(i + 1)
    if (star.getAttribute('aria-label') !== text) star.setAttribute('aria-label', text)
  })
}
