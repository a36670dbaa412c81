let zone = 'Asia/Shanghai'

/** The zone the deployment shows times in (onegrid.time-zone), told by the server at start. */
export function setDisplayZone(next: string): void {
  zone = next
}

/** The zone times are shown in. */
export function displayZone(): string {
  return zone
}

/** A server time (UTC) shown in the community's zone in the person's language. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

/**
 * Phone numbers in groups a person can read out: "+8613800001001" → "138 0000 1001", a landline "037168020001" →
 * "0371-6802 0001" (area code, then the number); masked and foreign numbers are shown as they are.
 */
export function displayPhone(phone: string): string {
  // In international form a landline drops the 0 of its area code: +86 371 … is 0371 ….
  const national = !phone.startsWith('+86') ? phone : phone.startsWith('+861') ? phone.slice(3) : '0' + phone.slice(3)
  const mobile = /^(1\d{2})(\d{4})(\d{4})$/.exec(national)
  if (mobile) return `${mobile[1]} ${mobile[2]} ${mobile[3]}`
  const landline = /^(0(?:10|2\d|[3-9]\d{2}))(\d{3,4})(\d{4})$/.exec(national)
  if (landline) return `${landline[1]}-${landline[2]} ${landline[3]}`
  return phone
}

/**
 * A wall time typed into a datetime-local field ("2026-11-29T09:30"), read in the display zone
 * rather than the phone's, as an ISO instant.
 */
export function zonedInputToIso(value: string): string {
  const asUtc = new Date(`${value}:00Z`)
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(asUtc)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return new Date(asUtc.getTime() - (shown - asUtc.getTime())).toISOString()
}

/** Today's date (YYYY-MM-DD) in the display zone, plus some days. */
export function zonedDate(plusDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + plusDays * 86_400_000),
  )
}
