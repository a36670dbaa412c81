import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'
import LoadFailed from './LoadFailed.vue'

/** What a person sees where a page could not load: why, in their words, and what they can do. */
function shown(error: unknown) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div/>' } }] })
  i18n.global.locale.value = 'zh-CN'
  return mount(LoadFailed, { props: { error }, global: { plugins: [pinia, router, i18n] } })
}

const problem = (status: number, detail: string) =>
  new ApiError({ type: 'urn:onegrid:problem:x', title: 't', status, detail, code: 'x' })

describe('LoadFailed', () => {
  it('says what the server said and offers to try again, which asks the page to load again', async () => {
    const page = shown(problem(503, '数据库暂时不可用，请稍后再试。'))
    expect(page.get('[role=alert]').text()).toContain('数据库暂时不可用')
    await page.get('[data-test=retry]').trigger('click')
    expect(page.emitted('retry')).toHaveLength(1)
  })

  it('does not offer to try again what is not there or not theirs, only the way back', () => {
    const page = shown(problem(404, '没有找到。'))
    expect(page.find('[data-test=retry]').exists()).toBe(false)
    expect(page.get('[data-test=to-start]').text()).toBe(i18n.global.t('common.toStart'))
  })

  it('explains a network failure in words, not as a SyntaxError', () => {
    const page = shown(new TypeError('Failed to fetch'))
    expect(page.get('[role=alert]').text()).toContain(i18n.global.t('common.networkError'))
    expect(page.text()).not.toContain('TypeError')
  })
})
