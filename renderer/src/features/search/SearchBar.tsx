import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { errorText } from '../../app/errors.js';
import { useMail } from '../../app/mail-context.js';
import type { SearchQuery } from '../../data/search.js';
import { useI18n } from '../../i18n/context.js';
import type { Translate } from '../../i18n/catalogs.js';
import { useAccountStatuses, useNetworkOnline } from '../status/use-account-statuses.js';
import { createDebouncer } from './debounce.js';
import { LOCAL_RESULT_LIMIT, SEARCH_DEBOUNCE_MS } from './limits.js';
import { buildQuery, dateRangeInverted, isActiveQuery, NO_FILTERS, wantsServerSearch, type FolderScope, type SearchFilters } from './query.js';
import { SearchRun, type ActiveSearch, type ServerFailure } from './run-search.js';
import './search.css';

export type { ActiveSearch };

/** The search box's element id: the window's '/' key focuses it (document.getElementById). */
export const SEARCH_INPUT_ID = 'search-input';

/** How many failing folders the error names before "N more folders". */
const NAMED_FAILURES = 2;

export interface SearchBarProps {
  /** The folders the list shows now ("this folder" scope); the unified Inbox passes every inbox. */
  readonly folderIds: readonly string[];
  /** A new result set, or null when the search was cleared (the list shows the folder again). */
  readonly onChange: (search: ActiveSearch | null) => void;
}

function describeFailures(t: Translate, failures: readonly ServerFailure[]): string {
  const named = failures.slice(0, NAMED_FAILURES).map((f) => t('search.serverFolderError', { folder: f.folderName, message: errorText(f, t) }));
  if (failures.length > NAMED_FAILURES) named.push(t('search.moreFolders', { count: String(failures.length - NAMED_FAILURES) }));
  return named.join('; ');
}

/**
 * Search as you type over the local index (subject, people, snippet), narrowed by filters;
 * when online, IMAP SEARCH on the server adds body matches below the local ones. The local part
 * stays live: new mail that matches joins the results. Escape clears.
 */
export function SearchBar({ folderIds, onChange }: SearchBarProps) {
  const { api, db } = useMail();
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [result, setResult] = useState<ActiveSearch | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [limited, setLimited] = useState<{ asked: number; eligible: number } | null>(null);
  const online = useNetworkOnline();

  // The latest props and strings, read by searches already running.
  const latest = useRef({ onChange, t, folderIds, text, filters });
  useEffect(() => {
    latest.current = { onChange, t, folderIds, text, filters };
  });
  const statuses = useAccountStatuses(api);
  const unreachable = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    unreachable.current = new Set([...statuses].filter(([, s]) => s.state === 'offline').map(([id]) => id));
  }, [statuses]);
  const run = useRef<SearchRun | null>(null);

  const start = useCallback(
    (query: SearchQuery): void => {
      run.current?.stop();
      run.current = null;
      setLocalError(null);
      setLimited(null);
      if (!isActiveQuery(query)) {
        setResult(null);
        latest.current.onChange(null);
        return;
      }
      const deps = { api, db, online: navigator.onLine, unreachableAccounts: unreachable.current };
      run.current = new SearchRun(deps, query, {
        emit: (search) => {
          setResult(search);
          latest.current.onChange(search);
        },
        localFailed: (message) => {
          setLocalError(message);
          const empty: ActiveSearch = { query, messageIds: [], localComplete: true, serverPending: false, serverError: null };
          setResult(empty);
          latest.current.onChange(empty);
        },
        describeFailure: (failures) => describeFailures(latest.current.t, failures),
        serverLimited: (asked, eligible) => setLimited({ asked, eligible }),
      });
    },
    [api, db],
  );

  const debouncer = useMemo(() => createDebouncer<SearchQuery>((query) => start(query), SEARCH_DEBOUNCE_MS), [start]);
  useEffect(
    () => () => {
      debouncer.cancel();
      // A search still running must not report into a window that no longer shows the bar.
      run.current?.stop();
      run.current = null;
    },
    [debouncer],
  );

  // Another folder selected: a search scoped to "this folder" follows it.
  const folderKey = folderIds.join('\n');
  const firstFolderKey = useRef(folderKey);
  useEffect(() => {
    if (folderKey === firstFolderKey.current) return;
    firstFolderKey.current = folderKey;
    const { text: currentText, filters: currentFilters, folderIds: currentFolders } = latest.current;
    const query = buildQuery(currentText, currentFilters, currentFolders);
    if (currentFilters.scope === 'current' && isActiveQuery(query)) {
      debouncer.cancel();
      start(query);
    }
  }, [folderKey, debouncer, start]);

  const onInput = (event: ChangeEvent<HTMLInputElement>): void => {
    const value = event.target.value;
    setText(value);
    debouncer.push(buildQuery(value, filters, folderIds));
  };

  const changeFilters = (patch: Partial<SearchFilters>): void => {
    const next = { ...filters, ...patch };
    setFilters(next);
    debouncer.cancel();
    start(buildQuery(text, next, folderIds));
  };

  const clear = (): void => {
    setText('');
    setFilters(NO_FILTERS);
    debouncer.cancel();
    start(buildQuery('', NO_FILTERS, folderIds));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // While an input method composes (kana → kanji), Enter confirms and Escape cancels the
    // conversion: those keys belong to the IME, not to the search.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      // A second Escape on an empty box hands the keys back to the list.
      if (text === '' && result === null) event.currentTarget.blur();
      else clear();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      debouncer.flush();
    }
  };

  const active = text.trim() !== '' || result !== null;
  const inverted = dateRangeInverted(filters);
  const count = new Intl.NumberFormat(language).format(result?.messageIds.length ?? 0);
  const serverWanted = result !== null && wantsServerSearch(result.query, true);

  return (
    <div className="search-bar" role="search" aria-label={t('search.label')}>
      <div className="search-field">
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          value={text}
          onChange={onInput}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder')}
          aria-label={t('search.input')}
          autoComplete="off"
          spellCheck={false}
        />
        {active && (
          <button type="button" className="search-clear" onClick={clear} aria-label={t('search.clear')} title={t('search.clear')}>
            ×
          </button>
        )}
      </div>
      <div className="search-filters" role="group" aria-label={t('search.filters')}>
        <FilterToggle label={t('search.unread')} pressed={filters.unread} onToggle={() => changeFilters({ unread: !filters.unread })} />
        <FilterToggle label={t('search.flagged')} pressed={filters.flagged} onToggle={() => changeFilters({ flagged: !filters.flagged })} />
        <FilterToggle label={t('search.attachment')} pressed={filters.hasAttachment} onToggle={() => changeFilters({ hasAttachment: !filters.hasAttachment })} />
        <select className="search-scope" aria-label={t('search.scope')} value={filters.scope} onChange={(e) => changeFilters({ scope: e.target.value as FolderScope })}>
          <option value="current">{t('search.scope.current')}</option>
          <option value="all">{t('search.scope.all')}</option>
        </select>
        <label className="search-date">
          <span>{t('search.since')}</span>
          <input type="date" value={filters.since} max={filters.until || undefined} onChange={(e) => changeFilters({ since: e.target.value })} />
        </label>
        <label className="search-date">
          <span>{t('search.until')}</span>
          <input type="date" value={filters.until} min={filters.since || undefined} onChange={(e) => changeFilters({ until: e.target.value })} />
        </label>
      </div>
      <div className="search-state" role="status" aria-live="polite">
        {result !== null && (
          <span className="search-count">
            {result.messageIds.length === 0 && !result.serverPending
              ? t('search.noResults')
              : t(!result.localComplete ? 'search.resultsSoFar' : result.messageIds.length >= LOCAL_RESULT_LIMIT ? 'search.resultsCapped' : 'search.results', { count })}
          </span>
        )}
        {result?.serverPending === true && (
          <span className="search-pending">
            <span className="search-spinner" aria-hidden="true" />
            {t('search.serverPending')}
          </span>
        )}
        {serverWanted && !online && <span className="search-offline">{t('search.offline')}</span>}
        {limited !== null && result !== null && (
          <span className="search-limited">{t('search.serverLimited', { asked: formatCount(language, limited.asked), total: formatCount(language, limited.eligible) })}</span>
        )}
        {inverted && <span className="search-warning">{t('search.dateInverted')}</span>}
      </div>
      {result?.serverError != null && (
        <p className="search-error" role="alert">
          {t('search.serverError', { message: result.serverError })}
        </p>
      )}
      {localError !== null && (
        <p className="search-error" role="alert">
          {t('search.localError', { message: localError })}
        </p>
      )}
    </div>
  );
}

function formatCount(language: string, n: number): string {
  return new Intl.NumberFormat(language).format(n);
}

function FilterToggle({ label, pressed, onToggle }: { readonly label: string; readonly pressed: boolean; readonly onToggle: () => void }) {
  return (
    <button type="button" className="search-chip" aria-pressed={pressed} onClick={onToggle}>
      {label}
    </button>
  );
}
