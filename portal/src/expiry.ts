/** One choice in the expiration list: minutes until the token expires, or null for "never". */
export interface ExpiryChoice {
  label: string;
  minutes: number | null;
}

const DAY = 24 * 60;

const CHOICES: ExpiryChoice[] = [
  { label: "7 days", minutes: 7 * DAY },
  { label: "30 days", minutes: 30 * DAY },
  { label: "90 days", minutes: 90 * DAY },
  { label: "1 year", minutes: 365 * DAY },
];

/**
 * The expiration choices the settings allow: the usual periods up to the longest allowed, that longest itself when
 * it is not one of them, and "Never" only when no maximum is set. Without known settings (the user may not read
 * them) every period is offered and the server's answer decides.
 */
export function expiryChoices(maxExpiryMinutes: number | null | undefined): ExpiryChoice[] {
  if (maxExpiryMinutes == null) {
    return [...CHOICES, { label: "Never", minutes: null }];
  }
  const within = CHOICES.filter((c) => (c.minutes ?? Infinity) <= maxExpiryMinutes);
  if (!within.some((c) => c.minutes === maxExpiryMinutes)) {
    within.push({ label: `${describeMinutes(maxExpiryMinutes)} (the longest allowed)`, minutes: maxExpiryMinutes });
  }
  return within;
}

/** The default choice: 30 days where allowed, else the longest allowed. */
export function defaultExpiry(choices: ExpiryChoice[]): ExpiryChoice {
  return choices.find((c) => c.minutes === 30 * DAY) ?? choices[choices.length - 1];
}

export function describeMinutes(minutes: number): string {
  if (minutes % DAY === 0) {
    const days = minutes / DAY;
    return days === 1 ? "1 day" : `${days} days`;
  }
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? "1 hour" : `${hours} hours`;
  }
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(date: Date | undefined, fallback: string): string {
  return date ? DATE.format(date) : fallback;
}

export function formatDateTime(date: Date | undefined, fallback: string): string {
  return date ? DATE_TIME.format(date) : fallback;
}
