import type { FolderRole } from '../../../../core/api/contract.js';

/** Outline icons (24×24 grid, stroke = currentColor) so both themes colour them. */
const PATHS: { readonly [K in FolderRole | 'folder' | 'unified' | 'account']: string } = {
  inbox: 'M3 13h5l1.5 3h5L16 13h5M5 5h14l2 8v6H3v-6z',
  flagged: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  drafts: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  sent: 'M3 11l18-8-8 18-2-8z M11 13l10-10',
  outbox: 'M12 15V3M7.5 7.5L12 3l4.5 4.5M4 13v7h16v-7',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  all: 'M4 6h16M4 12h16M4 18h16',
  junk: 'M12 3l9 16H3zM12 10v4M12 17v.5',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  folder: 'M3 6h6l2 2h10v11H3z',
  unified: 'M3 13h5l1.5 3h5L16 13h5M5 5h14l2 8v6H3v-6zM8 2h8',
  account: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4.5-6 8-6s7 2 8 6',
};

export function FolderIcon({ kind }: { readonly kind: keyof typeof PATHS }) {
  return (
    <svg className="folder-icon" viewBox="0 0 24 24" width={16} height={16} aria-hidden="true" focusable="false">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
