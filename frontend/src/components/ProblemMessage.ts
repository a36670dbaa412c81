import { showFailToast } from 'vant'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'

/** What went wrong, in the person's language, as the server put it. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => e.message).join('；')
    return fields || error.problem.detail
  }
  return i18n.global.t('common.networkError')
}

/** Tells the person what went wrong in a toast (for an action; a page that could not load shows LoadFailed). */
export function showError(error: unknown): void {
  showFailToast({ message: messageOf(error), wordBreak: 'break-word' })
}
