/**
 * Properties of the XML reader: any element tree written with proper escaping reads back as the
 * same tree, and no mutation of a valid provider file makes it throw anything but MailError.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseXml, type XmlElement, type XmlNode } from '../../../core/accounts/xml.js';
import { parseClientConfig } from '../../../core/accounts/config-xml.js';
import { MailError } from '../../../core/net/mail-error.js';

interface Tree {
  name: string;
  attributes: Record<string, string>;
  children: (Tree | string)[];
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');

function write(tree: Tree): string {
  const attrs = Object.entries(tree.attributes)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  if (tree.children.length === 0) return `<${tree.name}${attrs}/>`;
  return `<${tree.name}${attrs}>${tree.children.map((c) => (typeof c === 'string' ? escapeText(c) : write(c))).join('')}</${tree.name}>`;
}

function normalise(node: XmlNode): unknown {
  if (typeof node === 'string') return node;
  return { name: node.name, attributes: { ...node.attributes }, children: node.children.map(normalise) };
}

/** What the reader keeps of a tree: whitespace-only text is dropped, adjacent text merges. */
function expected(tree: Tree): unknown {
  const children: unknown[] = [];
  let text = '';
  const flush = (): void => {
    if (text.trim().length > 0) children.push(text);
    text = '';
  };
  for (const child of tree.children) {
    if (typeof child === 'string') text += child;
    else {
      flush();
      children.push(expected(child));
    }
  }
  flush();
  return { name: tree.name, attributes: tree.attributes, children };
}

const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,8}$/);
// Text without characters XML forbids (and without CR, which XML normalises).
const text = fc.string({ unit: fc.constantFrom('a', 'z', ' ', '&', '<', '>', '"', "'", '例', '\n', ']', '\t', '😀'), maxLength: 12 });
const attrValue = fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '"', "'", '例'), maxLength: 8 });

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.record({
    name,
    attributes: fc.dictionary(name, attrValue, { maxKeys: 3 }),
    children: fc.array(fc.oneof({ depthSize: 'small' }, text, tie('tree')), { maxLength: 4 }),
  }),
})).tree;

describe('XML reader properties', () => {
  it('reads back every well-formed tree it is given', () => {
    fc.assert(
      fc.property(tree, (t) => {
        expect(normalise(parseXml(write(t)) as XmlElement)).toEqual(expected(t));
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('fails only with MailError on mutated provider files', () => {
    const base = readFileSync(new URL('../../fixtures/accounts/example-org.xml', import.meta.url), 'utf8');
    fc.assert(
      fc.property(fc.nat({ max: base.length - 1 }), fc.nat({ max: 40 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const mutated = base.slice(0, at) + insert + base.slice(at + cut);
        try {
          parseClientConfig(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(MailError);
        }
      }),
      { numRuns: 500, seed: 20261128 },
    );
  });
});
