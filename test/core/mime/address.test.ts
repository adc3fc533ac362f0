import { describe, expect, it } from 'vitest';
import { flattenAddresses, formatMailbox, parseAddressList } from '../../../core/mime/address.js';
import { bytesToBase64, encodeIso2022Jp } from './support/japanese.js';

function parse(value: string): { list: ReturnType<typeof parseAddressList>; warnings: string[] } {
  const warnings: string[] = [];
  return { list: parseAddressList(value, { onWarning: (m) => warnings.push(m) }), warnings };
}

describe('RFC 5322 address lists', () => {
  it('reads mailboxes with and without display names, comments and quoted names', () => {
    const { list, warnings } = parse('Alice <alice@example.com>, bob@example.com (Bob Smith), "Smith, John" <john@example.com>');
    expect(list).toEqual([
      { kind: 'mailbox', name: 'Alice', address: 'alice@example.com', asciiAddress: 'alice@example.com' },
      { kind: 'mailbox', name: 'Bob Smith', address: 'bob@example.com', asciiAddress: 'bob@example.com' },
      { kind: 'mailbox', name: 'Smith, John', address: 'john@example.com', asciiAddress: 'john@example.com' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads groups, including the empty undisclosed-recipients group', () => {
    const { list } = parse('Team: a@x.org, B <b@x.org>;, undisclosed-recipients:;');
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ kind: 'group', name: 'Team', members: [{ address: 'a@x.org' }, { name: 'B', address: 'b@x.org' }] });
    expect(list[1]).toEqual({ kind: 'group', name: 'undisclosed-recipients', members: [] });
    expect(flattenAddresses(list).map((m) => m.address)).toEqual(['a@x.org', 'b@x.org']);
  });

  it('decodes encoded words in display names, including ones with commas inside', () => {
    const { list } = parse('=?UTF-8?B?5bGx55SwLCDlpKrpg44=?= <yamada@example.jp>, =?ISO-8859-1?Q?Andr=E9?= <andre@example.fr>');
    expect(list.map((a) => a.name)).toEqual(['山田, 太郎', 'André']);
  });

  it('decodes encoded words inside quotes (Outlook, many Japanese mailers) and names in comments', () => {
    const iso = `=?ISO-2022-JP?B?${bytesToBase64(encodeIso2022Jp('田中'))}?=`;
    const { list } = parse(`"${iso}" <tanaka@example.jp>, sato@example.jp (=?UTF-8?B?5L2Q6Jek?=)`);
    expect(list.map((a) => a.name)).toEqual(['田中', '佐藤']);
  });

  it('keeps quoted local parts quoted and unquotes needless quotes', () => {
    const { list } = parse('"john doe"@example.com, "plain"@example.com, <"a\\"b"@example.com>');
    expect(list.map((a) => (a.kind === 'mailbox' ? a.address : ''))).toEqual(['"john doe"@example.com', 'plain@example.com', '"a\\"b"@example.com']);
  });

  it('shows IDN domains in Unicode and keeps the ASCII form', () => {
    const { list } = parse('Müller <info@xn--mller-kva.de>, 山本 <a@例え.jp>');
    expect(list[0]).toMatchObject({ address: 'info@müller.de', asciiAddress: 'info@xn--mller-kva.de' });
    expect(list[1]).toMatchObject({ address: 'a@例え.jp', asciiAddress: 'a@xn--r8jz45g.jp' });
  });

  it('drops obsolete source routes and reads domain literals', () => {
    const { list } = parse('<@relay.example,@other.example:user@final.example>, x@[192.0.2.1]');
    expect(list.map((a) => (a.kind === 'mailbox' ? a.address : ''))).toEqual(['user@final.example', 'x@[192.0.2.1]']);
  });

  it('reads broken lists as far as they go, with warnings', () => {
    const missingClose = parse('Alice <alice@example.com, bob@example.com');
    expect(missingClose.list[0]).toMatchObject({ address: 'alice@example.com' });
    expect(missingClose.warnings.length).toBeGreaterThan(0);

    const bare = parse('root, "Only A Name", @nodomain.example');
    expect(bare.list.map((a) => (a.kind === 'mailbox' ? [a.name, a.address] : []))).toEqual([['', 'root'], ['Only A Name', ''], ['', '@nodomain.example']]);
    expect(bare.warnings).toHaveLength(3);

    const openGroup = parse('Team: a@x.org, b@x.org');
    expect(openGroup.list[0]).toMatchObject({ kind: 'group', members: [{ address: 'a@x.org' }, { address: 'b@x.org' }] });
    expect(openGroup.warnings.some((w) => w.includes('not closed'))).toBe(true);
  });

  it('formats a mailbox for display', () => {
    expect(formatMailbox({ kind: 'mailbox', name: 'A', address: 'a@x', asciiAddress: 'a@x' })).toBe('A <a@x>');
    expect(formatMailbox({ kind: 'mailbox', name: '', address: 'a@x', asciiAddress: 'a@x' })).toBe('a@x');
  });
});
