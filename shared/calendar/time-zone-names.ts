/**
 * Names that the runtime's time zone database (ICU) accepts but the IANA tz database does not
 * have: Java's three-letter legacy IDs and the SystemV zones. docs/config.md asks for an IANA name;
 * an abbreviation is ambiguous (IST is India, Ireland or Israel; CST is Chicago or Shanghai), so
 * `calendar.timezone: PST` is refused with the IANA name to write instead.
 */
const LEGACY_IDS = new Set([
  'ACT',
  'AET',
  'AGT',
  'ART',
  'AST',
  'BET',
  'BST',
  'CAT',
  'CNT',
  'CST',
  'CTT',
  'EAT',
  'ECT',
  'IET',
  'IST',
  'JST',
  'MIT',
  'NET',
  'NST',
  'PLT',
  'PNT',
  'PRT',
  'PST',
  'SST',
  'VST',
]);

/** True for a name the runtime accepts only as a legacy alias, not an IANA zone. */
export function isLegacyZoneAlias(name: string): boolean {
  return LEGACY_IDS.has(name.trim().toUpperCase()) || /^SystemV\//i.test(name.trim());
}

/** The IANA zone ICU maps a legacy alias to, to suggest (`PST` -> America/Los_Angeles). */
export function ianaZoneFor(name: string): string | undefined {
  try {
    const zone = new Intl.DateTimeFormat('en', { timeZone: name.trim() }).resolvedOptions().timeZone;
    return zone === name.trim() ? undefined : zone;
  } catch {
    return undefined;
  }
}

/** What to tell a maintainer who wrote `name`, which is not an IANA zone. */
export function timeZoneAdvice(name: string): string {
  const suggestion = isLegacyZoneAlias(name) ? ianaZoneFor(name) : undefined;
  return suggestion
    ? `"${name}" is an abbreviation, not an IANA time zone name; write the zone's IANA name, e.g. ${suggestion} (which "${name}" is often read as)`
    : `"${name}" is not an IANA time zone name; write one such as UTC, Europe/Berlin or America/Los_Angeles`;
}
