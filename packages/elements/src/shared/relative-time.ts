const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "gerade eben"…, in the page's language. */
export function relativeTime(iso: string, language: string | undefined, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "30 days", "12 hours", "10 minutes": the largest whole unit of a duration, in the page's language. */
export function durationText(seconds: number, language: string | undefined): string {
  for (const unit of ['day', 'hour', 'minute'] as const) {
    const size = unit === 'day' ? 86_400 : unit === 'hour' ? 3_600 : 60;
    if (seconds >= size && seconds % size === 0) {
      return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
    }
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(seconds);
}

/**
 * "in 12 days", "tomorrow": how far a date is, counted in days (a deadline reads better in days
 * than in weeks); under a day, in hours or minutes as `relativeTime` says it.
 */
export function relativeDays(iso: string, language: string | undefined, now = Date.now()): string {
  const days = Math.round((Date.parse(iso) - now) / 86_400_000);
  if (days === 0) return relativeTime(iso, language, now);
  return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(days, 'day');
}
