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

/** "+8613800001001" → "138 0000 1001"; masked and foreign numbers are shown as they are. */
export function displayPhone(phone: string): string {
  const m = /^\+86(1\d{2})(\d{4})(\d{4})$/.exec(phone)
  return m ? `${m[1]} ${m[2]} ${m[3]}` : phone
}
