// Search with autocomplete, following the WAI-ARIA combobox pattern (list autocomplete, manual
// selection): typing asks the server after a short pause, arrows move through the suggestions,
// Enter picks one (or the best match), Escape closes the list, and a live region says how many
// matched. Only the answer to the latest request is shown.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { graphql } from './api';
import { TypeBadge } from './components';
import { type EntityRef, SEARCH, type SearchResult } from './queries';
import { toApiError } from './useQuery';

const DEBOUNCE_MS = 200;
const SUGGESTIONS = 8;
const MIN_CHARS = 2;

interface SearchBoxProps {
  label: string;
  placeholder?: string;
  /** Shown in the box before the user types, e.g. the entity already picked. */
  initialText?: string;
  /** Hide the label visually (it stays for screen readers). */
  hideLabel?: boolean;
  /** Clear the box after a pick (the header search) or keep the picked name (a form field). */
  clearOnSelect?: boolean;
  onSelect: (entity: EntityRef) => void;
}

type Status =
  { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; total: number } | { kind: 'error'; message: string };

export function SearchBox({
  label,
  placeholder,
  initialText = '',
  hideLabel = false,
  clearOnSelect = false,
  onSelect,
}: SearchBoxProps) {
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const [text, setText] = useState(initialText);
  const [results, setResults] = useState<EntityRef[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // The number of the latest request: answers to older ones are dropped.
  const latest = useRef(0);
  // The name of the entity picked last: showing it in the box is not a new search.
  const pickedText = useRef(initialText);

  useEffect(() => {
    pickedText.current = initialText;
    setText(initialText);
  }, [initialText]);

  useEffect(() => {
    const query = text.trim();
    if (query.length < MIN_CHARS || text === pickedText.current) {
      latest.current += 1;
      setResults([]);
      setStatus({ kind: 'idle' });
      return;
    }
    const request = ++latest.current;
    setStatus({ kind: 'loading' });
    const timer = window.setTimeout(() => {
      graphql<SearchResult>(SEARCH, { query, first: SUGGESTIONS }).then(
        (data) => {
          if (request === latest.current) {
            setResults(data.search.edges.map((edge) => edge.node));
            setStatus({ kind: 'done', total: data.search.totalCount });
            setActive(-1);
            setOpen(true);
          }
        },
        (error: unknown) => {
          if (request === latest.current) {
            const apiError = toApiError(error);
            setResults([]);
            setStatus({
              kind: 'error',
              message:
                apiError.kind === 'bad-input'
                  ? `The search did not understand that. ${apiError.detail ?? ''}`.trim()
                  : apiError.message,
            });
            setOpen(true);
          }
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const choose = (entity: EntityRef) => {
    latest.current += 1;
    pickedText.current = clearOnSelect ? '' : entity.name;
    setText(pickedText.current);
    setOpen(false);
    setActive(-1);
    setResults([]);
    setStatus({ kind: 'idle' });
    onSelect(entity);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (results.length > 0) {
          setOpen(true);
          setActive((index) => (index + 1) % results.length);
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (results.length > 0) {
          setOpen(true);
          setActive((index) => (index <= 0 ? results.length - 1 : index - 1));
        }
        break;
      case 'Enter': {
        const chosen = results[active >= 0 ? active : 0];
        if (open && chosen !== undefined) {
          event.preventDefault();
          choose(chosen);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
        }
        break;
      default:
        break;
    }
  };

  const expanded = open && (results.length > 0 || status.kind === 'error' || status.kind === 'done');
  const activeId = active >= 0 && expanded ? `${listId}-${active}` : undefined;
  const announcement =
    status.kind === 'done'
      ? results.length === 0
        ? 'No matches.'
        : `${results.length} of ${status.total} matches shown. Use the up and down arrows to choose, Enter to open.`
      : status.kind === 'error'
        ? status.message
        : '';

  return (
    <div className="search">
      <label htmlFor={inputId} className={hideLabel ? 'visually-hidden' : 'search-label'}>
        {label}
      </label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (results.length > 0) {
            setOpen(true);
          }
        }}
        onBlur={() => setOpen(false)}
      />
      {status.kind === 'loading' && <span className="spinner search-spinner" aria-hidden="true" />}
      <ul id={listId} role="listbox" aria-label={`${label}: suggestions`} className="suggestions" hidden={!expanded}>
        {results.map((entity, index) => (
          <li
            key={entity.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'suggestion active' : 'suggestion'}
            // Keep focus in the input, so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => setActive(index)}
            onClick={() => choose(entity)}
          >
            <TypeBadge typename={entity.__typename} />
            <span className="suggestion-name">{entity.name}</span>
          </li>
        ))}
        {status.kind === 'done' && results.length === 0 && (
          <li className="suggestion-note" role="presentation">
            No matches. Try another word.
          </li>
        )}
        {status.kind === 'error' && (
          <li className="suggestion-note" role="presentation">
            {status.message}
          </li>
        )}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
