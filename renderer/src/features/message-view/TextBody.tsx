import { textBlocks, type TextBodyFormat } from './text-body.js';

export interface TextBodyProps {
  readonly text: string;
  readonly format: TextBodyFormat;
}

/** A text/plain body with quoted parts as nested blockquotes and the signature dimmed. */
export function TextBody({ text, format }: TextBodyProps) {
  const blocks = textBlocks(text, format);
  return (
    <div className="text-body">
      {blocks.map((block, index) =>
        block.depth === 0 ? (
          <pre key={index} className={block.signature ? 'text-body-signature' : 'text-body-own'}>
            {block.text}
          </pre>
        ) : (
          <blockquote key={index} className={`text-body-quote quote-level-${block.depth}`} data-depth={block.depth}>
            <pre>{block.text}</pre>
          </blockquote>
        ),
      )}
    </div>
  );
}
