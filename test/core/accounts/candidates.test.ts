import { describe, expect, it } from 'vitest';
import { candidatesFromProvider, rankCandidates } from '../../../core/accounts/candidates.js';
import { parseEmailAddress } from '../../../core/accounts/address.js';
import { ProviderDatabase } from '../../../core/accounts/provider-db.js';
import type { CandidateSource, Protocol, Security, ServerCandidate } from '../../../core/accounts/types.js';

function candidate(protocol: Protocol, host: string, port: number, security: Security, source: CandidateSource): ServerCandidate {
  return { protocol, host, port, security, username: 'u', auth: [], source, sourceDetail: source, alsoFrom: [] };
}

describe('candidates', () => {
  it('expands a provider for an address', () => {
    const icloud = ProviderDatabase.builtin().lookup('icloud.com')!;
    const { incoming, outgoing } = candidatesFromProvider(icloud, parseEmailAddress('Hanako@iCloud.com'), 'provider-database', 'icloud.com');
    expect(incoming).toEqual([
      expect.objectContaining({ protocol: 'imap', host: 'imap.mail.me.com', port: 993, security: 'tls', username: 'Hanako', source: 'provider-database', providerId: 'icloud.com' }),
    ]);
    expect(outgoing[0]).toMatchObject({ host: 'smtp.mail.me.com', port: 587, security: 'starttls', username: 'Hanako@icloud.com' });
  });

  it('ranks by source, then IMAP before POP3, then implicit TLS before STARTTLS', () => {
    const ranked = rankCandidates([
      candidate('pop3', 'pop.a.example', 995, 'tls', 'guess'),
      candidate('imap', 'imap.a.example', 143, 'starttls', 'guess'),
      candidate('imap', 'imap.a.example', 993, 'tls', 'guess'),
      candidate('pop3', 'pop.b.example', 995, 'tls', 'srv'),
      candidate('imap', 'imap.c.example', 143, 'starttls', 'autoconfig'),
    ]);
    expect(ranked.map((c) => `${c.source} ${c.host}:${c.port}`)).toEqual([
      'autoconfig imap.c.example:143',
      'srv pop.b.example:995',
      'guess imap.a.example:993',
      'guess imap.a.example:143',
      'guess pop.a.example:995',
    ]);
  });

  it('merges the same server from several sources, keeping the best and recording the rest', () => {
    const ranked = rankCandidates([
      candidate('imap', 'imap.a.example', 993, 'tls', 'guess'),
      candidate('imap', 'imap.a.example', 993, 'tls', 'srv'),
      candidate('imap', 'imap.a.example', 993, 'tls', 'autoconfig'),
      candidate('imap', 'imap.a.example', 993, 'tls', 'autoconfig'),
    ]);
    expect(ranked).toHaveLength(1);
    expect(ranked[0]).toMatchObject({ source: 'autoconfig', alsoFrom: ['srv', 'guess'] });
  });

  it('never proposes a plaintext server', () => {
    expect(rankCandidates([candidate('imap', 'imap.a.example', 143, 'none', 'autoconfig')])).toEqual([]);
  });
});
