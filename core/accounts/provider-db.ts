/**
 * The provider database: config-v1.1.xml documents indexed by the domains they serve. The
 * built-in documents ship in providers/builtin.ts; more can be added (a corporate file, a test
 * fixture) and win over the built-in ones for the domains they name.
 */
import { MailError } from '../net/mail-error.js';
import { parseClientConfig } from './config-xml.js';
import { BUILTIN_PROVIDER_XML } from './providers/builtin.js';
import type { ProviderConfig } from './types.js';

export class ProviderDatabase {
  private readonly byDomain = new Map<string, ProviderConfig>();
  private readonly all: ProviderConfig[] = [];

  /** Later documents override earlier ones for a domain both name. */
  constructor(documents: Iterable<string> = []) {
    for (const xml of documents) this.add(xml);
  }

  /** The database of the built-in providers plus, optionally, extra documents that override them. */
  static builtin(extra: Iterable<string> = []): ProviderDatabase {
    return new ProviderDatabase([...Object.values(BUILTIN_PROVIDER_XML), ...extra]);
  }

  /** Adds one config-v1.1.xml document; throws MailError('config-invalid') if it is malformed. */
  add(xml: string): void {
    for (const provider of parseClientConfig(xml)) {
      if (provider.domains.length === 0) {
        throw new MailError('config-invalid', `Provider "${provider.id}" names no <domain>, so it could never be found`);
      }
      this.all.push(provider);
      for (const domain of provider.domains) this.byDomain.set(domain, provider);
    }
  }

  /** The provider serving exactly this domain (case-insensitive), if any. */
  lookup(domain: string): ProviderConfig | undefined {
    return this.byDomain.get(domain.toLowerCase().replace(/\.$/, ''));
  }

  providers(): readonly ProviderConfig[] {
    return this.all;
  }
}
