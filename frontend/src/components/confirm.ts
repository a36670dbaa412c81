import { showConfirmDialog } from 'vant'
import { i18n } from '@/i18n'

/**
 * Asks before something that texts many people or cannot be undone. The message names what will happen and to
 * whom; the confirm button says the action ("发送", "退出"), not just "OK". True when they confirmed.
 */
export async function confirmed(message: string, action?: string): Promise<boolean> {
  const t = i18n.global.t
  try {
    await showConfirmDialog({
      message,
      confirmButtonText: action ?? t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      messageAlign: 'left',
    })
    return true
  } catch {
    return false
  }
}
