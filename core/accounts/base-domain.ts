/**
 * Reduces a host name to the domain a provider is registered under ("registrable domain"),
 * enough for MX-based provider lookup: aspmx.l.google.com → google.com,
 * mx01.mail.icloud.com → icloud.com, mail.example.co.jp → example.co.jp.
 *
 * This is not the full Public Suffix List (which is large and changes weekly). It knows every
 * single-label TLD implicitly and a built-in list of the multi-label public suffixes mail hosts
 * commonly sit under: the second-level registries of Japan (co.jp, ne.jp, or.jp, ...), the UK,
 * Australia, Brazil, and similar "co./com./net./org." patterns. A host under a suffix missing
 * here gets a base domain one label too short (for example "example.xx" for
 * "mail.example.com.xx"), which at worst makes the MX step miss, never pick a wrong provider:
 * a bare public suffix is never in the provider database.
 */

/** Multi-label public suffixes (lower case). */
export const MULTI_LABEL_SUFFIXES: ReadonlySet<string> = new Set([
  // Japan (JPRS): organisational second-level domains.
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'ad.jp', 'ed.jp', 'go.jp', 'gr.jp', 'lg.jp',
  // United Kingdom, Australia, New Zealand.
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'id.au',
  'co.nz', 'net.nz', 'org.nz', 'ac.nz',
  // Other common "second-level" registries.
  'com.br', 'net.br', 'org.br', 'com.cn', 'net.cn', 'org.cn', 'com.tw', 'net.tw', 'org.tw', 'idv.tw',
  'com.hk', 'net.hk', 'org.hk', 'co.kr', 'or.kr', 'ne.kr', 'co.in', 'net.in', 'org.in', 'firm.in',
  'co.za', 'org.za', 'com.mx', 'com.ar', 'com.tr', 'com.sg', 'com.my', 'co.id', 'co.il', 'co.th',
  'com.vn', 'com.ph', 'com.gr', 'com.pl', 'co.at', 'or.at',
]);

/** The registrable domain of a host name (lower case, no trailing dot). */
export function baseDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  const keep = MULTI_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * The domains to look an MX host up under, most specific first: the host without its first
 * label (Microsoft 365's "mail.protection.outlook.com" for "contoso-com.mail.protection.outlook.com"),
 * then shorter parents down to the base domain.
 */
export function mxLookupDomains(host: string): string[] {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const base = baseDomain(host);
  const baseLabels = base.split('.').length;
  const domains: string[] = [];
  for (let drop = 1; labels.length - drop >= baseLabels; drop++) domains.push(labels.slice(drop).join('.'));
  if (domains.length === 0) domains.push(base);
  return domains;
}
