import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { Locale as VantLocale } from 'vant'
import enUS from 'vant/es/locale/lang/en-US'
import zhCN from 'vant/es/locale/lang/zh-CN'
import { i18n, initialLocale, type AppLocale } from '@/i18n'

/** Language and large-text mode, kept on this device. */
export const useUiStore = defineStore('ui', () => {
  const locale = ref<AppLocale>(initialLocale())
  const largeText = ref(localStorage.getItem('onegrid.largeText') === '1')

  function apply() {
    i18n.global.locale.value = locale.value
    // Vant's own words (loading, cancel, empty) follow the chosen language too.
    if (locale.value === 'en') VantLocale.use('en-US', enUS)
    else VantLocale.use('zh-CN', zhCN)
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
