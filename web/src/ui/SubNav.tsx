import { NavLink } from 'react-router';

/** Links between the pages of one part of the shop (the account's, the library's), the current one marked. */
export function SubNav({ label, links }: { label: string; links: readonly { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="sub-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to}>{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
