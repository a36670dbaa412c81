import { showFailToast } from 'vant'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'

/** Tells the person what went wrong, in their language, as the server put it. */
export function showError(error: unknown): void {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => e.message).join('；')
    showFailToast({ message: fields || error.problem.detail, wordBreak: 'break-word' })
  } else {
    showFailToast(i18n.global.t('common.networkError'))
  }
}
