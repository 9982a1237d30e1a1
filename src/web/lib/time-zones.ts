let cached: string[] | undefined;

/** Every IANA zone the browser knows, with UTC first since servers often default to it. */
export function listTimeZones(current?: string): string[] {
  if (!cached) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    cached = ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
  }
  if (current && !cached.includes(current)) return [current, ...cached];
  return cached;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
