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

/** Tabs of statuses kept in the URL (?status=), so a link reproduces the view. */
export function StatusFilter<Status extends string>({ label, options }: { label: string; options: readonly StatusOption<Status>[] }) {
  const [params, setParams] = useSearchParams();
  const current = params.get('status') ?? '';
  return (
    <nav aria-label={label} className="sub-nav">
      <ul>
        {options.map((option) => (
          <li key={option.label}>
            <Link
              to={option.value ? `?status=${option.value}` : '?'}
              aria-current={(option.value ?? '') === current ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                setParams(option.value ? { status: option.value } : {}, { replace: true });
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
