import type { UploaderFileListItem } from 'vant'
import { problemApi } from '@/api/endpoints'
import { showError } from '@/components/ProblemMessage'
import { i18n } from '@/i18n'

/**
 * Uploads one chosen photo on its own (so a bad network fails one tile, not the form), showing "上传中" and then
 * "上传失败" on the tile when it fails; the photo's id, or null when it failed. A department's page uploads through
 * its link instead of an account.
 */
export async function uploadTile(
  tile: UploaderFileListItem,
  upload: (file: Blob) => Promise<{ id: number }> = problemApi.uploadPhoto,
): Promise<number | null> {
  if (!tile.file) return null
  tile.status = 'uploading'
  tile.message = i18n.global.t('problems.uploading')
  try {
    const id = (await upload(tile.file)).id
    tile.status = 'done'
    tile.message = ''
    return id
  } catch (e) {
    tile.status = 'failed'
    tile.message = i18n.global.t('problems.uploadFailed')
    showError(e)
    return null
  }
}
