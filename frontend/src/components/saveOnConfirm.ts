import { showError } from '@/components/ProblemMessage'

/**
 * The before-close of a form dialog: cancel closes it; confirm runs the save and closes it when the
 * save succeeds, or keeps it open (with what was typed) and says why when it fails.
 */
export async function saveOnConfirm(button: string, save: () => Promise<unknown>): Promise<boolean> {
  if (button !== 'confirm') return true
  try {
    await save()
    return true
  } catch (e) {
    showError(e)
    return false
  }
}
