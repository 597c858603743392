import { Link, useSearchParams } from 'react-router';

export interface StatusOption<Status extends string> {
  value: Status | undefined;
  label: string;
}

/** The status the URL's ?status= names, when it is one of the options (anything else: all). */
export function useStatusParam<Status extends string>(options: readonly StatusOption<Status>[]): Status | undefined {
  const [params] = useSearchParams();
  return options.find((option) => option.value === params.get('status'))?.value;
}

/**
 * Tabs of statuses kept in the URL (?status=), so a link reproduces the view. The URL's other
 * parameters stay (the desk's ?book=).
 */
export function StatusFilter<Status extends string>({ label, options }: { label: string; options: readonly StatusOption<Status>[] }) {
  const [params, setParams] = useSearchParams();
  const current = params.get('status') ?? '';
  const withStatus = (status: Status | undefined) => {
    const next = new URLSearchParams(params);
    if (status) next.set('status', status);
    else next.delete('status');
    return next;
  };
  return (
    <nav aria-label={label} className="sub-nav">
      <ul>
        {options.map((option) => (
          <li key={option.label}>
            <Link
              to={`?${withStatus(option.value).toString()}`}
              aria-current={(option.value ?? '') === current ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                setParams(withStatus(option.value), { replace: true });
              }}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
