import { Fragment, useId, useRef } from 'react';
import { useMail } from '../../app/mail-context.js';
import { isMacPlatform } from '../../app/keymap.js';
import { useI18n } from '../../i18n/context.js';
import { useModalDialog } from '../status/use-modal-dialog.js';
import { commandKeys, keyCap, PAGE_KEYS, type KeyCaps } from './shortcut-keys.js';
import './help.css';

export interface ShortcutsSheetProps {
  readonly onClose: () => void;
}

/** Every key of the mail window in one modal sheet: the list's single keys and the menu accelerators. */
export function ShortcutsSheet({ onClose }: ShortcutsSheetProps) {
  const { info } = useMail();
  const { t, language } = useI18n();
  const mac = isMacPlatform(info.platform);
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useModalDialog(dialogRef, onClose, closeRef);

  return (
    <div className="dialog-backdrop">
      <div className="dialog shortcuts-sheet" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={dialogRef}>
        <h2 id={titleId}>{t('help.title')}</h2>
        <div className="shortcuts-columns">
          <table className="shortcuts-table">
            <caption>{t('help.section.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('help.column.keys')}</th>
                <th scope="col">{t('help.column.action')}</th>
              </tr>
            </thead>
            <tbody>
              {PAGE_KEYS.map((entry) => (
                <tr key={entry.id} data-command={entry.command}>
                  <td>
                    <Alternatives options={entry.keys.map((key) => [keyCap(key, mac)])} or={t('help.or')} />
                  </td>
                  <td>{t(`help.key.${entry.id}`)}</td>
                </tr>
              ))}
            </tbody>
            <tbody className="shortcuts-general">
              <tr>
                <td>
                  <Alternatives options={[['Esc']]} or={t('help.or')} />
                </td>
                <td>{t('help.key.escape')}</td>
              </tr>
              <tr>
                <td>
                  <Alternatives options={[['Tab'], [mac ? '⇧' : 'Shift', 'Tab']]} or={t('help.or')} />
                </td>
                <td>{t('help.key.tab')}</td>
              </tr>
            </tbody>
          </table>
          <table className="shortcuts-table">
            <caption>{t('help.section.commands')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('help.column.keys')}</th>
                <th scope="col">{t('help.column.action')}</th>
              </tr>
            </thead>
            <tbody>
              {commandKeys(mac).map(({ entry, caps }) => (
                <tr key={entry.command} data-command={entry.command}>
                  <td>
                    <Alternatives options={[caps]} or={t('help.or')} />
                  </td>
                  <td>
                    {entry.label[language]}
                    {entry.command === 'send' && <span className="shortcuts-note"> {t('help.sendNote')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="dialog-actions">
          <button type="button" ref={closeRef} onClick={onClose}>
            {t('help.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Key combinations separated by "or"; each combination is <kbd> caps joined by "+". */
function Alternatives({ options, or }: { readonly options: readonly KeyCaps[]; readonly or: string }) {
  return (
    <span className="shortcuts-keys">
      {options.map((caps, i) => (
        <Fragment key={i}>
          {i > 0 && <span className="shortcuts-or"> {or} </span>}
          <kbd className="shortcuts-combo">
            {caps.map((cap, j) => (
              <Fragment key={j}>
                {j > 0 && '+'}
                <kbd>{cap}</kbd>
              </Fragment>
            ))}
          </kbd>
        </Fragment>
      ))}
    </span>
  );
}
