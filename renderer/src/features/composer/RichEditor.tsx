import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/context.js';
import { htmlToText, safeLinkTarget, sanitizeEditorHtml } from './rich-text.js';

export interface RichEditorProps {
  readonly label: string;
  /** The markup the editor starts with (sanitized); later changes come from the user only. */
  readonly initialHtml: string;
  readonly onChange: (html: string, text: string) => void;
}

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

function exec(command: string, value?: string): void {
  // execCommand is the editing API contenteditable offers; it keeps the browser's undo stack.
  if (typeof document.execCommand === 'function') document.execCommand(command, false, value);
}

/**
 * The rich-text body: a contenteditable region with a formatting toolbar (bold, italic, lists,
 * links). Pasted HTML goes through the editor's allowlist; links must be http(s) or mailto.
 */
export function RichEditor({ label, initialHtml, onChange }: RichEditorProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const savedRange = useRef<Range | null>(null);
  const [linking, setLinking] = useState(false);
  const [linkText, setLinkText] = useState('');

  useEffect(() => {
    if (ref.current !== null) ref.current.innerHTML = initialHtml;
    // Only on mount: React must not rewrite the region under the caret.
  }, []);

  const report = (): void => {
    const node = ref.current;
    if (node !== null) onChange(node.innerHTML, htmlToText(node));
  };

  const run = (command: Command): void => {
    ref.current?.focus();
    exec(command);
    report();
  };

  const startLink = (): void => {
    const selection = window.getSelection();
    savedRange.current = selection !== null && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    setLinkText('');
    setLinking(true);
  };

  const applyLink = (): void => {
    const target = safeLinkTarget(linkText);
    setLinking(false);
    ref.current?.focus();
    const selection = window.getSelection();
    if (savedRange.current !== null && selection !== null) {
      selection.removeAllRanges();
      selection.addRange(savedRange.current);
    }
    if (target === null) return;
    if (selection === null || selection.isCollapsed) exec('insertHTML', `<a href="${target.replace(/"/g, '&quot;')}">${target.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</a>`);
    else exec('createLink', target);
    report();
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>): void => {
    event.preventDefault();
    const html = event.clipboardData.getData('text/html');
    if (html !== '') exec('insertHTML', sanitizeEditorHtml(html));
    else exec('insertText', event.clipboardData.getData('text/plain'));
    report();
  };

  const onLinkKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      applyLink();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setLinking(false);
      ref.current?.focus();
    }
  };

  const tool = (command: Command, labelKey: 'composer.bold' | 'composer.italic' | 'composer.bulletList' | 'composer.numberedList', glyph: string) => (
    <button type="button" className="composer-tool" data-command={command} aria-label={t(labelKey)} title={t(labelKey)} onMouseDown={(e) => e.preventDefault()} onClick={() => run(command)}>
      {glyph}
    </button>
  );

  return (
    <div className="composer-rich">
      <div role="toolbar" aria-label={t('composer.formatting')} className="composer-toolbar">
        {tool('bold', 'composer.bold', 'B')}
        {tool('italic', 'composer.italic', 'I')}
        {tool('insertUnorderedList', 'composer.bulletList', '•')}
        {tool('insertOrderedList', 'composer.numberedList', '1.')}
        <button type="button" className="composer-tool" aria-label={t('composer.link')} title={t('composer.link')} onMouseDown={(e) => e.preventDefault()} onClick={startLink}>
          {t('composer.link')}
        </button>
        {linking && (
          <input
            className="composer-link-input"
            type="url"
            autoFocus
            aria-label={t('composer.linkPrompt')}
            placeholder={t('composer.linkPrompt')}
            value={linkText}
            onChange={(e) => setLinkText(e.target.value)}
            onKeyDown={onLinkKey}
            onBlur={() => setLinking(false)}
          />
        )}
      </div>
      <div
        ref={ref}
        className="composer-editor"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        onInput={report}
        onPaste={onPaste}
      />
    </div>
  );
}
