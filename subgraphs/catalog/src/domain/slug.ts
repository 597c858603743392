/**
 * A URL-safe slug of a name: ASCII lower-case letters and digits joined by single hyphens.
 * Accents are folded ("Rom\u00e1nce" -> "romance") and apostrophes dropped ("Children's" ->
 * "childrens") so slugs read naturally. Names with no ASCII letter or digit give "".
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
