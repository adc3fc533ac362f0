import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { childElements, parseXml, parseXmlBytes, textOf } from '../../../core/accounts/xml.js';
import { MAX_CONFIG_BYTES, MAX_XML_DEPTH } from '../../../core/accounts/limits.js';
import { MailError } from '../../../core/net/mail-error.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/accounts/${name}`, import.meta.url), 'utf8');

function invalid(text: string): MailError {
  try {
    parseXml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('config-invalid');
    return error as MailError;
  }
  throw new Error(`parsed: ${text}`);
}

describe('strict XML reader', () => {
  it('reads elements, attributes, text, CDATA and references', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?>\n<!-- c --><a x="1" y=\'two &amp; &#65;\'><b>hi &lt;there&gt; &#x3042;</b><c/><![CDATA[<raw>&]]></a>\n<!-- after -->');
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1', y: 'two & A' });
    expect(textOf(childElements(root, 'b')[0]!)).toBe('hi <there> あ');
    expect(childElements(root, 'c')).toHaveLength(1);
    expect(textOf(root)).toBe('<raw>&');
  });

  it('normalises whitespace in attribute values and drops whitespace-only text', () => {
    const root = parseXml('<a v="x\ny\tz">\n  <b/>\n</a>');
    expect(root.attributes['v']).toBe('x y z');
    expect(root.children).toHaveLength(1);
  });

  it('refuses a DOCTYPE, so entity expansion attacks never start (billion laughs)', () => {
    expect(invalid(fixture('billion-laughs.xml')).message).toMatch(/DOCTYPE is not allowed/);
  });

  it('refuses external entities (XXE)', () => {
    expect(invalid(fixture('external-entity.xml')).message).toMatch(/DOCTYPE/);
    expect(invalid('<a>&xxe;</a>').message).toMatch(/unknown entity &xxe;/);
  });

  it('refuses markup declarations inside elements', () => {
    expect(invalid('<a><!ENTITY x "y"></a>').message).toMatch(/markup declarations/);
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>', /does not match/],
    ['unclosed root', '<a><b/>', /not closed/],
    ['two roots', '<a/><b/>', /after the root/],
    ['text before root', 'hello <a/>', /expected the root/],
    ['bare ampersand', '<a>fish & chips</a>', /"&" not followed/],
    ['unquoted attribute', '<a x=1/>', /not quoted/],
    ['duplicate attribute', '<a x="1" x="2"/>', /duplicate attribute/],
    ['< in attribute', '<a x="<"/>', /"<" in the value/],
    ['unterminated comment', '<a><!-- x</a>', /unterminated comment/],
    ['unterminated CDATA', '<a><![CDATA[x</a>', /unterminated CDATA/],
    ['bad char reference', '<a>&#0;</a>', /not an XML character/],
    ['control character', '<a>\u0001</a>', /not allowed in XML/],
    ['misplaced declaration', '<a><?xml version="1.0"?></a>', /declaration not at the start/],
    ['empty document', '', /expected the root/],
    [']]> in text', '<a>x]]>y</a>', /"]]>" in text/],
  ])('refuses %s', (_name, text, message) => {
    expect(invalid(text).message).toMatch(message);
  });

  it('limits nesting depth', () => {
    const deep = '<a>'.repeat(MAX_XML_DEPTH + 1) + '</a>'.repeat(MAX_XML_DEPTH + 1);
    expect(invalid(deep).message).toMatch(/nested deeper/);
    const ok = '<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH);
    expect(parseXml(ok).name).toBe('a');
  });

  it('limits the document size', () => {
    expect(invalid(`<a>${'x'.repeat(MAX_CONFIG_BYTES)}</a>`).message).toMatch(/larger than/);
  });

  it('accepts only UTF-8 bytes', () => {
    expect(parseXmlBytes(new TextEncoder().encode('<a>例</a>')).children).toEqual(['例']);
    expect(() => parseXmlBytes(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))).toThrow(/not valid UTF-8/);
    expect(() => parseXmlBytes(new TextEncoder().encode('<?xml version="1.0" encoding="Shift_JIS"?><a/>'))).toThrow(/only UTF-8/);
  });

  it('never throws anything but a MailError on random input', () => {
    const alphabet = ['<', '>', '/', '&', ';', '"', "'", '=', 'a', 'b', ' ', '!', '-', '?', '[', ']', '#', 'x', '1'];
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      try {
        parseXml(text);
      } catch (error) {
        expect(error).toBeInstanceOf(MailError);
      }
    }
  });
});
