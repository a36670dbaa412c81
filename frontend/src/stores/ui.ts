import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { i18n, initialLocale, type AppLocale } from '@/i18n'

/** Language and large-text mode, kept on this device. */
export const useUiStore = defineStore('ui', () => {
  const locale = ref<AppLocale>(initialLocale())
  const largeText = ref(localStorage.getItem('onegrid.largeText') === '1')

  function apply() {
    i18n.global.locale.value = locale.value
    document.documentElement.lang = locale.value
    document.documentElement.classList.toggle('large-text', largeText.value)
  }

  watch(locale, (value) => {
    localStorage.setItem('onegrid.locale', value)
    apply()
  })
  watch(largeText, (value) => {
    localStorage.setItem('onegrid.largeText', value ? '1' : '0')
    apply()
  })
  apply()

  return { locale, largeText }
})
