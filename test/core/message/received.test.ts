import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../core/mime/index.js';
import { analyzeReceivedPath, formatDelay, parseReceived } from '../../../core/message/index.js';

const NOW = new Date('2026-03-08T00:00:00Z');

function pathOf(name: string): ReturnType<typeof analyzeReceivedPath> {
  const m = parseMessage(new Uint8Array(readFileSync(new URL(`../../fixtures/mime/${name}`, import.meta.url))));
  return analyzeReceivedPath(m.headers.getAll('received').map((f) => f.value), m.date, NOW);
}

describe('Received: single fields', () => {
  it('Postfix with TLS details in a comment', () => {
    const hop = parseReceived(
      'from mail-ej1-f54.google.com (mail-ej1-f54.google.com [209.85.218.54]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) (No client certificate requested) by mail.example.com (Postfix) with ESMTPS id 4TqWxK0Z3Lz4xyz for <bob@example.com>; Sat,  7 Mar 2026 10:00:03 +0000 (UTC)',
    );
    expect(hop).toMatchObject({
      helo: 'mail-ej1-f54.google.com',
      reverseName: 'mail-ej1-f54.google.com',
      ip: '209.85.218.54',
      by: 'mail.example.com',
      software: 'Postfix',
      with: 'ESMTPS',
      id: '4TqWxK0Z3Lz4xyz',
      for: 'bob@example.com',
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    });
    expect(hop.date?.toISOString()).toBe('2026-03-07T10:00:03.000Z');
  });

  it('Postfix without reverse DNS ("unknown")', () => {
    const hop = parseReceived('from client.example (unknown [198.51.100.23]) by mx.example.com (Postfix) with ESMTP id 1A2B3C; Sat, 7 Mar 2026 10:00:00 +0000');
    expect(hop).toMatchObject({ helo: 'client.example', reverseName: undefined, ip: '198.51.100.23', tls: undefined });
  });

  it('Exim: verified name first, HELO in the comment, TLS as (TLS1.3) tls CIPHER', () => {
    const hop = parseReceived('from mx2.example.net ([2001:db8::25]:44120 helo=relay.example.net) by mail.example.net with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <n@bounces.shop.example>) id 1rJkLm-000Abc-0q for carol@example.net; Sat, 07 Mar 2026 12:00:10 +0100');
    expect(hop).toMatchObject({
      helo: 'relay.example.net',
      reverseName: 'mx2.example.net',
      ip: '2001:db8::25',
      with: 'esmtps',
      software: 'Exim 4.96',
      envelopeFrom: 'n@bounces.shop.example',
      id: '1rJkLm-000Abc-0q',
      for: 'carol@example.net',
      tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    });
    const old = parseReceived('from host.example.org ([192.0.2.1] helo=client) by mx.example with esmtps (TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256) (Exim 4.92) id 1abc; Sat, 7 Mar 2026 10:00:00 +0000');
    expect(old.tls).toEqual({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
  });

  it('Sendmail with version=… cipher=… and an authenticated submission (ESMTPSA)', () => {
    const hop = parseReceived('from relay.example.edu (relay.example.edu [192.0.2.5]) by mail.example.org (8.17.1/8.17.1) with ESMTPS id 627A0abc012345 (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT) for <dave@example.org>; Sat, 7 Mar 2026 10:00:00 +0900');
    expect(hop).toMatchObject({ software: '8.17.1/8.17.1', id: '627A0abc012345', tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' } });
    expect(parseReceived('from [10.1.2.3] by smtp.example with ESMTPSA id x; Sat, 7 Mar 2026 10:00:00 +0000').tls).toEqual({ version: undefined, cipher: undefined });
  });

  it('Microsoft: IP-only comments, version=TLS1_2, multi-word protocol, via', () => {
    const hop = parseReceived('from mail.partner.example (192.0.2.44) by DB5EUR03FT010.mail.protection.outlook.com (10.152.20.96) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7409.12 via Frontend Transport; Sat, 7 Mar 2026 10:00:01 +0000');
    expect(hop).toMatchObject({ helo: 'mail.partner.example', ip: '192.0.2.44', by: 'DB5EUR03FT010.mail.protection.outlook.com', software: undefined, with: 'Microsoft SMTP Server', id: '15.20.7409.12', via: 'Frontend Transport', tls: { version: 'TLSv1.3' } });
  });

  it('Google: "by" only, and Google Transport Security', () => {
    const hop = parseReceived('from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1sor123 for <u@gmail.com> (Google Transport Security); Sat, 07 Mar 2026 02:00:00 -0800 (PST)');
    expect(hop).toMatchObject({ reverseName: 'mail-sor-f41.google.com', ip: '209.85.220.41', with: 'SMTPS', tls: { version: undefined } });
    expect(parseReceived('by 2002:a05:6a10:1234:b0:5a1:2345:6789 with SMTP id abc; Sat, 7 Mar 2026 02:00:01 -0800 (PST)')).toMatchObject({ by: '2002:a05:6a10:1234:b0:5a1:2345:6789', with: 'SMTP', helo: undefined });
  });
});

describe('Received: the path', () => {
  it('Gmail → Postfix → LMTP: oldest first, delays between hops and in total', () => {
    const path = pathOf('received-postfix-gmail.eml');
    expect(path.hops.map((h) => [h.index, h.by, h.with, h.delaySeconds])).toEqual([
      [1, 'smtp.gmail.com', 'ESMTPSA', undefined],
      [2, 'mail-ej1-f54.google.com', 'SMTP', 3],
      [3, 'mail.example.com', 'ESMTPS', 2],
      [4, 'mail.example.com', 'LMTP', 1],
    ]);
    expect(path.totalSeconds).toBe(6);
    expect(path.sinceDateHeaderSeconds).toBe(3);
    expect(path.hops.every((h) => h.flags.length === 0)).toBe(true);
  });

  it('Exim relay chain with IPv6', () => {
    const path = pathOf('received-exim.eml');
    expect(path.hops.map((h) => [h.helo, h.reverseName, h.ip, h.delaySeconds])).toEqual([
      ['out.shop.example', 'out.shop.example', '198.51.100.7', undefined],
      ['relay.example.net', 'mx2.example.net', '2001:db8::25', 5],
    ]);
  });

  it('Sendmail clock skew shows as a negative delay', () => {
    const path = pathOf('received-sendmail.eml');
    expect(path.hops[1]?.delaySeconds).toBe(-20);
    expect(path.hops[1]?.flags).toEqual(['clock-skew']);
    expect(path.totalSeconds).toBe(-20);
  });

  it('Microsoft internal hops', () => {
    const path = pathOf('received-microsoft.eml');
    expect(path.hops).toHaveLength(4);
    expect(path.hops.map((h) => h.tls?.version)).toEqual([undefined, 'TLSv1.3', 'TLSv1.2', undefined]);
    expect(path.hops.map((h) => h.delaySeconds)).toEqual([undefined, 1, 2, 2]);
  });

  it('flags hops that look forged or out of order', () => {
    const fields = [
      // newest first, as in the header
      'from mx.victim.example (mx.victim.example [198.51.100.2]) by inbox.victim.example (Postfix) with ESMTPS id C; Sat, 7 Mar 2026 10:00:10 +0000',
      'from unrelated.example (unrelated.example [203.0.113.50]) by mx.victim.example (Postfix) with ESMTP id B; Sat, 7 Mar 2026 10:00:05 +0000',
      // a hop added by the sender to look trustworthy: claims an internal address, a date in the future
      'from trusted.bank.example (trusted.bank.example [10.0.0.1]) by mail.bank.example with ESMTP id A; Sat, 7 Mar 2026 12:00:00 +0000',
      'from sender.example (sender.example [192.0.2.9]) by trusted.bank.example with ESMTP id Z; Sat, 7 Mar 2030 12:00:00 +0000',
    ];
    const path = analyzeReceivedPath(fields, undefined, NOW);
    expect(path.hops.map((h) => h.flags)).toEqual([
      ['future-date'],
      ['out-of-order', 'private-ip-after-public'],
      ['out-of-order', 'host-mismatch'],
      [],
    ]);
    expect(analyzeReceivedPath(['garbage without structure'], undefined, NOW).hops[0]?.flags).toEqual(['unparsed', 'no-date']);
  });

  it('a private address claimed after a public hop is flagged', () => {
    const path = analyzeReceivedPath(
      [
        'from a.example.com (a.example.com [198.51.100.3]) by b.example.com with ESMTP id 3; Sat, 7 Mar 2026 10:00:03 +0000',
        'from fake.example.com (fake.example.com [192.168.0.9]) by a.example.com with ESMTP id 2; Sat, 7 Mar 2026 10:00:02 +0000',
        'from origin.example.com (origin.example.com [203.0.113.1]) by fake.example.com with ESMTP id 1; Sat, 7 Mar 2026 10:00:01 +0000',
      ],
      undefined,
      NOW,
    );
    expect(path.hops.map((h) => h.flags)).toEqual([[], ['private-ip-after-public'], []]);
  });

  it('formats delays for people', () => {
    expect(formatDelay(3723)).toBe('1 h 2 min 3 s');
    expect(formatDelay(-20)).toBe('-20 s');
    expect(formatDelay(0)).toBe('0 s');
    expect(formatDelay(undefined)).toBe('?');
  });
});
